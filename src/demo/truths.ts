// The planted truths: what the analytics are expected to find in the demo data, written to
// truth.json. Customer ids are "<source>:<source_id>" of customer records.
import { z } from 'zod';
import { AD_KEYWORDS } from './campaigns.js';
import { CARRIERS, POOR_CARRIER, STORM_PRODUCT } from './catalog.js';
import { TOP_IDEA_LABEL, TOP_IDEA_TERMS } from './ideas.js';
import type { World } from './model.js';
import { primaryId, recordIds } from './population.js';
import { DAY_MS, isoDate } from './time.js';

export const TRUTH_KINDS = [
  'payment_break',
  'step_redesign',
  'ad_storm',
  'product_storm',
  'silent_at_risk',
  'recurring_support_issue',
  'top_idea',
  'partner_poor_delivery',
  'identity_variants',
  'churn',
] as const;

export const TruthEntry = z.object({
  kind: z.enum(TRUTH_KINDS),
  description: z.string(),
  period: z.object({ from: z.iso.date(), to: z.iso.date() }).optional(),
  dimensions: z.record(z.string(), z.string()).optional(),
  label: z.string().optional(),
  terms: z.array(z.string()).optional(),
  ids: z.array(z.string()).optional(),
  /** identity_variants: the customer record ids of each true person. */
  groups: z.array(z.array(z.string())).optional(),
  /** churn: the day (ISO date) each listed customer stopped. */
  dates: z.record(z.string(), z.iso.date()).optional(),
  /** Numbers the generator used, for reports and looser checks. */
  params: z.record(z.string(), z.number()).optional(),
});
export type TruthEntry = z.infer<typeof TruthEntry>;

export const Truth = z.object({
  seed: z.number(),
  generatedAt: z.string(),
  truths: z.array(TruthEntry),
});
export type Truth = z.infer<typeof Truth>;

export function buildTruth(w: World, seed: number, topIdeaIds: string[]): Truth {
  const plan = w.plan;
  const day = (d: number) => isoDate(plan.startMs + Math.min(d, plan.days - 1) * DAY_MS);
  const silent = w.persons
    .filter((p) => p.silent)
    .map(primaryId)
    .filter((x): x is string => x !== undefined);
  const churned = w.persons.filter((p) => p.churnDay !== undefined && primaryId(p) !== undefined);
  const dates: Record<string, string> = {};
  for (const p of churned) dates[primaryId(p) as string] = day(p.churnDay as number);
  const truths: TruthEntry[] = [
    {
      kind: 'payment_break',
      description:
        'Safari users (macOS and iOS) who submit payment mostly get Payment Failed (PSP_TIMEOUT) and do not reach Order Completed; other browsers are unaffected.',
      period: {
        from: day(plan.paymentBreakDay),
        to: day(plan.paymentBreakDay + plan.paymentBreakDays - 1),
      },
      dimensions: { browser: 'Safari', step: 'Order Completed', error_code: 'PSP_TIMEOUT' },
      label: 'Safari payment failures',
      terms: ['PSP_TIMEOUT', 'Payment Failed'],
      params: { failRateSafari: 0.85, failRateOthers: 0.03 },
    },
    {
      kind: 'step_redesign',
      description:
        'The checkout redesign (release campaign) moved checkout to /checkout/v2; conversion from Checkout Started to Payment Submitted falls by a third on every browser and stays down.',
      period: { from: day(plan.redesignDay), to: day(plan.days - 1) },
      dimensions: {
        step: 'Payment Submitted',
        page_path: '/checkout/v2',
        campaign_id: w.cal.redesign.id,
      },
      label: 'Checkout redesign',
      terms: ['checkout', 'redesign'],
      params: { conversionBefore: 0.75, conversionAfter: 0.5 },
    },
    {
      kind: 'ad_storm',
      description: `Negative twitter/facebook posts about the "${w.cal.ad.name}" advert itself (not products) spike for ${plan.adStormDays} days after it starts; the posts carry no campaign_id.`,
      period: { from: day(plan.adStormDay), to: day(plan.adStormDay + plan.adStormDays - 1) },
      dimensions: { channel: 'twitter', campaign_id: w.cal.ad.id },
      label: w.cal.ad.name,
      terms: [...AD_KEYWORDS, 'tone deaf', 'cringe'],
    },
    {
      kind: 'product_storm',
      description: `A defective batch of the ${STORM_PRODUCT.name}: the lids crack and leak. Negative posts and reviews about the product spike, its orders are returned far more often and related tickets appear; no campaign runs then.`,
      period: {
        from: day(plan.productStormDay),
        to: day(plan.productStormDay + plan.productStormDays - 1),
      },
      dimensions: { product: STORM_PRODUCT.name, product_id: STORM_PRODUCT.id },
      label: STORM_PRODUCT.name,
      terms: ['AeroBlend', 'lid', 'cracked', 'leaking'],
    },
    {
      kind: 'silent_at_risk',
      description:
        'Long-standing customers who keep getting late deliveries (any carrier) and slow support (first response far beyond the 24 h SLA, reopened tickets) but never post, never answer surveys and never complain; they churn at a much higher rate.',
      period: { from: day(0), to: day(plan.days - 1) },
      ids: silent,
      params: { lateRate: 0.55, slaHours: 24 },
    },
    {
      kind: 'recurring_support_issue',
      description:
        'Password reset e-mails never arrive: tickets in category account that recur and rise over the last six weeks, worded in many ways.',
      period: { from: day(plan.recurringIssueFromDay), to: day(plan.days - 1) },
      dimensions: { category: 'account' },
      label: 'Password reset email never arrives',
      terms: ['password', 'reset', 'email', 'never arrives'],
    },
    {
      kind: 'top_idea',
      description:
        'Dark mode in the app: posted as several near-duplicate ideas in different words; after clustering duplicates it has the most unique voters. Also requested in posts and tickets.',
      label: TOP_IDEA_LABEL,
      terms: TOP_IDEA_TERMS,
      ids: topIdeaIds,
    },
    {
      kind: 'partner_poor_delivery',
      description: `${POOR_CARRIER.name} delivers late about ${Math.round(POOR_CARRIER.lateRate * 100)} % of the time versus about 5 % for the other carriers, and its delivery CSAT is lower.`,
      period: { from: day(0), to: day(plan.days - 1) },
      dimensions: { partner_id: POOR_CARRIER.id },
      label: POOR_CARRIER.name,
      params: {
        lateRate: POOR_CARRIER.lateRate,
        otherCarriers: CARRIERS.filter((c) => c.id !== POOR_CARRIER.id).length,
      },
    },
    {
      kind: 'identity_variants',
      description:
        'For every generated person, the customer records that belong to them across crm, shop, support and forum.',
      groups: w.persons.map(recordIds).filter((g) => g.length > 0),
    },
    {
      kind: 'churn',
      description:
        'Customers who stopped visiting and ordering during the period, with the day they stopped.',
      period: { from: day(0), to: day(plan.days - 1) },
      ids: churned.map((p) => primaryId(p) as string),
      dates,
    },
  ];
  return { seed, generatedAt: `${isoDate(plan.endMs - DAY_MS)}T00:00:00Z`, truths };
}
