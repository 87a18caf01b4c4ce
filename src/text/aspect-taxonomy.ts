// Aspect taxonomy: the schema (zod; schema and type share a name) and the default seed terms for
// the seven customer-experience aspects. Seed terms weigh 1; learned terms (aspect-expansion.ts)
// weigh less. Terms are words or phrases; a trailing plural "s" on the text is ignored in matching.

import { z } from 'zod';

export const AspectTerm = z.object({
  /** Word or phrase, matched on normalised tokens ("customer service", "tv ad"). */
  term: z.string().min(1),
  /** 1 for seed terms; learned terms get less. */
  weight: z.number().gt(0).max(1).default(1),
  source: z.enum(['seed', 'learned']).default('seed'),
});
export type AspectTerm = z.infer<typeof AspectTerm>;

/** Aspect name → terms. */
export const AspectTaxonomy = z.record(z.string().min(1), z.array(AspectTerm).min(1));
export type AspectTaxonomy = z.infer<typeof AspectTaxonomy>;

export const ASPECT_NAMES = [
  'product',
  'price',
  'delivery',
  'service',
  'website_app',
  'checkout_payment',
  'advertising_promotion',
] as const;
export const AspectName = z.enum(ASPECT_NAMES);
export type AspectName = z.infer<typeof AspectName>;

// biome-ignore format: one aspect per line group
const SEEDS: Record<AspectName, string[]> = {
  product: [
    'product', 'item', 'quality', 'device', 'build', 'material', 'battery', 'screen', 'sound',
    'speaker', 'design', 'feature', 'model', 'unit', 'part', 'lid', 'blender', 'motor', 'blade',
    'jar', 'button', 'cable', 'charger', 'size', 'colour', 'color', 'defective', 'defect', 'faulty',
    'cracked', 'broke', 'broken', 'leaking', 'leak', 'batch', 'manufacturing', 'durability',
    'stopped working', 'malfunction', 'overheats', 'smell', 'taste', 'food', 'dish', 'meal',
  ],
  price: [
    'price', 'priced', 'pricing', 'cost', 'expensive', 'cheap', 'overpriced', 'affordable', 'value',
    'money', 'worth', 'fee', 'dollar', 'bucks', 'subscription', 'rip off', 'ripoff', 'bargain',
  ],
  delivery: [
    'delivery', 'delivered', 'deliver', 'shipping', 'shipped', 'ship', 'shipment', 'courier',
    'package', 'parcel', 'arrived', 'arrive', 'arrival', 'tracking', 'dispatch', 'dispatched',
    'carrier', 'postman', 'ups', 'fedex', 'dhl', 'usps', 'never arrived', 'late', 'on time',
    'box', 'packaging', 'warehouse',
  ],
  service: [
    'service', 'customer service', 'support', 'agent', 'staff', 'representative', 'rep',
    'helpdesk', 'help desk', 'on hold', 'call center', 'call centre', 'called', 'response',
    'replied', 'reply', 'answer', 'manager', 'waiter', 'waitress', 'server', 'ticket', 'chat',
    'complaint', 'refund', 'return', 'warranty', 'replacement', 'callback',
  ],
  website_app: [
    'website', 'site', 'app', 'application', 'web page', 'webpage', 'login', 'log in', 'password',
    'account', 'crash', 'crashes', 'crashed', 'bug', 'buggy', 'update', 'browser', 'online',
    'interface', 'ui', 'loading', 'error', 'error message', 'page', 'android', 'iphone', 'ios',
    'glitch', 'sign in', 'navigation',
  ],
  checkout_payment: [
    'checkout', 'check out', 'payment', 'pay', 'paid', 'card', 'credit card', 'debit card',
    'paypal', 'charged', 'charge', 'billing', 'billed', 'invoice', 'transaction', 'declined',
    'cart', 'basket', 'charged twice', 'double charged', 'order', 'ordered', 'ordering',
  ],
  advertising_promotion: [
    'ad', 'advert', 'advertisement', 'advertising', 'commercial', 'campaign', 'promo', 'promotion',
    'promotional', 'discount', 'coupon', 'voucher', 'offer', 'deal', 'sale', 'billboard',
    'marketing', 'influencer', 'slogan', 'tv ad', 'sponsored', 'sponsor', 'newsletter', 'spam',
    'mascot', 'jingle', 'spokesperson', 'banner', 'tv spot',
  ],
};

export const DEFAULT_TAXONOMY: AspectTaxonomy = AspectTaxonomy.parse(
  Object.fromEntries(
    Object.entries(SEEDS).map(([aspect, terms]) => [aspect, terms.map((term) => ({ term }))]),
  ),
);
