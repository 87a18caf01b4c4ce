// Web and app sessions as Segment messages: anonymous browsing, identify on sign-in, page views
// and the e-commerce funnel. Planted here: the Safari payment break (payment_break) and the
// checkout redesign that lowers Checkout Started → Payment Submitted (step_redesign).

import type { CampaignRow } from './campaigns.js';
import { PRODUCT_WEIGHTS, PRODUCTS, type Product } from './catalog.js';
import { deviceAt } from './devices.js';
import type { Person, World } from './model.js';
import { CURRENCY, LOCALES } from './people.js';
import type { Random } from './random.js';
import { DAY_MS, isoTime } from './time.js';

const HOST = 'https://www.northwindhome.co.uk';
const REFERRERS = [
  'https://www.google.com/',
  'https://www.google.co.uk/',
  '',
  '',
  '',
  'https://www.bing.com/',
  'https://www.instagram.com/',
  'https://www.pinterest.co.uk/',
];
const CATEGORIES = [
  'kitchen',
  'bedding',
  'furniture',
  'tableware',
  'bath',
  'lighting',
  'living',
  'storage',
];
const SITE_ERRORS = ['SEARCH_TIMEOUT', 'IMG_LOAD_FAILED', 'CART_SYNC_FAILED', 'HTTP_502'];
const CARD_ERRORS = ['CARD_DECLINED', 'INSUFFICIENT_FUNDS', '3DS_FAILED', 'CARD_EXPIRED'];

export const P_ADD = 0.3;
export const P_CHECKOUT = 0.55;
export const P_PAY_BEFORE = 0.75;
export const P_PAY_AFTER = 0.5;
export const P_FAIL_SAFARI_BREAK = 0.85;
export const P_FAIL_NORMAL = 0.03;

/** Collects one day's messages; flushed sorted by time. */
export class EventBuffer {
  items: { t: number; line: string }[] = [];
  push(t: number, message: Record<string, unknown>): void {
    this.items.push({ t, line: JSON.stringify(message) });
  }
  drain(): string[] {
    this.items.sort((a, b) => a.t - b.t);
    const lines = this.items.map((x) => x.line);
    this.items = [];
    return lines;
  }
}

export interface SessionResult {
  order?: {
    product: Product;
    amount: number;
    t: number;
    orderId: string;
    failedAttempts: number;
    isApp: boolean;
  };
  paymentFailures: number;
  isSafari: boolean;
}

interface Visitor {
  person: Person | undefined;
  country: string;
  locale: string;
  device: number;
  agent: string;
  anonId: string;
}

export function anonymousVisitor(rng: Random, device: number): Visitor {
  const d = deviceAt(device);
  const country = rng.weighted(['GB', 'IE', 'DE', 'FR', 'ES'], [75, 7, 7, 6, 5]);
  return {
    person: undefined,
    country,
    locale: country === 'GB' ? 'en-GB' : 'en-GB',
    device,
    agent: rng.pick(d.agents),
    anonId: rng.uuid(),
  };
}

export function personVisitor(rng: Random, p: Person): Visitor {
  const newDevice = rng.chance(0.08);
  return {
    person: p,
    country: p.country,
    locale: LOCALES[p.country],
    device: p.device,
    agent: p.agent,
    anonId: newDevice ? rng.uuid() : p.anonId,
  };
}

/** Runs one session starting at `t0`; returns what happened (the order, if any). */
export function runSession(
  w: World,
  rng: Random,
  buf: EventBuffer,
  v: Visitor,
  t0: number,
  utm: CampaignRow | undefined,
): SessionResult {
  const dev = deviceAt(v.device);
  const isApp = dev.isApp;
  const isSafari = dev.browser === 'Safari';
  const p = v.person;
  const shopId = p?.shop?.id;
  let userId: string | undefined = shopId && (isApp || rng.chance(0.45)) ? shopId : undefined;
  let t = t0;
  let referrer = utm ? `https://${utm.utm?.source ?? 'www.google'}.com/` : rng.pick(REFERRERS);
  const context = (path: string): Record<string, unknown> => {
    const c: Record<string, unknown> = {
      library: isApp
        ? { name: dev.key === 'ios-app' ? 'analytics-ios' : 'analytics-android', version: '4.1.8' }
        : { name: 'analytics.js', version: 'npm:next-1.70.0' },
      userAgent: v.agent,
      page: { path, url: `${HOST}${path}`, referrer },
      locale: v.locale,
      location: { country: v.country },
    };
    if (utm?.utm)
      c.campaign = { source: utm.utm.source, medium: utm.utm.medium, name: utm.utm.name };
    if (isApp)
      c.app = { name: 'Northwind Home', version: v.agent.includes('5.3.0') ? '5.3.0' : '5.2.1' };
    return c;
  };
  const base = (type: string): Record<string, unknown> => {
    const m: Record<string, unknown> = { messageId: rng.uuid(), type };
    if (userId) m.userId = userId;
    m.anonymousId = v.anonId;
    m.timestamp = isoTime(t);
    return m;
  };
  const step = (minS: number, maxS: number) => {
    t += Math.floor(rng.uniform(minS, maxS) * 1000);
  };
  const page = (name: string, path: string, props: Record<string, unknown> = {}) => {
    const m = base('page');
    m.name = name;
    m.context = context(path);
    m.properties = {
      path,
      url: `${HOST}${path}`,
      title: `${name} | Northwind Home`,
      referrer,
      ...props,
    };
    buf.push(t, m);
    referrer = `${HOST}${path}`;
  };
  const track = (event: string, path: string, props: Record<string, unknown>) => {
    const m = base('track');
    m.event = event;
    m.context = context(path);
    m.properties = props;
    buf.push(t, m);
  };
  const signIn = (path: string) => {
    if (!p || !shopId || userId) return;
    userId = shopId;
    track('Signed In', path, { method: rng.pick(['password', 'password', 'google', 'apple']) });
    step(1, 3);
    const m = base('identify');
    m.context = context(path);
    m.traits = {
      email: p.shop?.email ?? p.email,
      firstName: p.shop?.first,
      lastName: p.shop?.last,
    };
    buf.push(t, m);
  };
  const result: SessionResult = { paymentFailures: 0, isSafari };

  page('Home', '/');
  if (rng.chance(0.12) && p && shopId && !userId) {
    step(5, 30);
    signIn('/account/login');
  }
  if (rng.chance(0.012)) track('Error Occurred', '/', { error_code: rng.pick(SITE_ERRORS) });
  if (!rng.chance(0.8)) return result;
  const category = rng.pick(CATEGORIES);
  step(5, 40);
  page('Category', `/c/${category}`, { category });
  let product = rng.weighted(PRODUCTS, PRODUCT_WEIGHTS);
  const views = 1 + (rng.chance(0.45) ? rng.int(1, 3) : 0);
  for (let i = 0; i < views; i++) {
    if (i > 0) product = rng.weighted(PRODUCTS, PRODUCT_WEIGHTS);
    step(8, 60);
    const path = `/p/${product.slug}`;
    page('Product', path, { product_id: product.id });
    step(1, 4);
    track('Product Viewed', path, {
      product_id: product.id,
      sku: product.id,
      name: product.name,
      product: product.name,
      category: product.category,
      price: product.price,
      currency: CURRENCY.GB,
    });
  }
  const intent = p ? 1 : 0.35;
  if (!rng.chance(P_ADD * intent)) return result;
  const qty = rng.chance(0.82) ? 1 : 2;
  step(10, 90);
  track('Product Added', `/p/${product.slug}`, {
    product_id: product.id,
    sku: product.id,
    name: product.name,
    product: product.name,
    price: product.price,
    quantity: qty,
  });
  if (!p || !shopId || !rng.chance(P_CHECKOUT)) return result;
  const currency = CURRENCY[p.country];
  const extra = rng.chance(0.3) ? rng.logNormal(18, 0.8) : 0;
  const amount = Math.round((product.price * qty * rng.uniform(0.9, 1.05) + extra) * 100) / 100;
  step(20, 120);
  page('Cart', '/cart');
  step(5, 30);
  if (!userId) signIn('/account/login');
  step(2, 10);
  const redesigned = t >= w.plan.startMs + w.plan.redesignDay * DAY_MS;
  const checkoutPath = redesigned ? '/checkout/v2' : '/checkout';
  page('Checkout', checkoutPath);
  const variant = redesigned ? 'v2' : 'v1';
  track('Checkout Started', checkoutPath, {
    revenue: amount,
    currency,
    products: [{ product_id: product.id, name: product.name, quantity: qty }],
    variant,
  });
  if (!rng.chance(redesigned ? P_PAY_AFTER : P_PAY_BEFORE)) return result;
  const breakFrom = w.plan.startMs + w.plan.paymentBreakDay * DAY_MS;
  const breakTo = breakFrom + w.plan.paymentBreakDays * DAY_MS;
  for (let attempt = 0; attempt < 3; attempt++) {
    step(30, 180);
    const failP = isSafari && t >= breakFrom && t < breakTo ? P_FAIL_SAFARI_BREAK : P_FAIL_NORMAL;
    track('Payment Submitted', checkoutPath, {
      payment_method: rng.pick(['card', 'card', 'card', 'paypal', 'apple_pay']),
      revenue: amount,
      currency,
      variant,
    });
    step(2, 25);
    if (rng.chance(failP)) {
      result.paymentFailures++;
      const code =
        failP === P_FAIL_SAFARI_BREAK && rng.chance(0.92) ? 'PSP_TIMEOUT' : rng.pick(CARD_ERRORS);
      track('Payment Failed', checkoutPath, { error_code: code, revenue: amount, currency });
      if (!rng.chance(attempt === 0 ? 0.45 : 0.2)) return result;
      continue;
    }
    w.nextOrder++;
    const orderId = `NW-${String(w.nextOrder + 200000)}`;
    track('Order Completed', '/checkout/confirmation', {
      order_id: orderId,
      revenue: amount,
      currency,
      product: product.name,
      product_id: product.id,
      products: [
        { product_id: product.id, name: product.name, price: product.price, quantity: qty },
      ],
      variant,
    });
    step(3, 10);
    page('Order Confirmation', '/checkout/confirmation', { order_id: orderId });
    result.order = { product, amount, t, orderId, failedAttempts: result.paymentFailures, isApp };
    return result;
  }
  return result;
}
