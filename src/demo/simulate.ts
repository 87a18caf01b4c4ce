// The day-by-day simulation: for every day and every living customer, churn hazard, sessions,
// marketplace orders and background support contacts; then day-level chatter, NPS waves and the
// rising recurring support issue. Events are streamed to the NDJSON writer day by day.

import { liveUtmCampaigns } from './campaigns.js';
import { PRODUCT_WEIGHTS, PRODUCTS } from './catalog.js';
import { pickDevice } from './devices.js';
import { anonymousVisitor, EventBuffer, personVisitor, runSession } from './events.js';
import { addSurvey, addTicket, clampRound, TOPIC_CATEGORY } from './feedback.js';
import type { Person, World } from './model.js';
import { createOrder } from './orders.js';
import type { Random } from './random.js';
import { dailyPosts } from './social.js';
import { text } from './texts.js';
import { DAY_MS, HOUR_INDEX, HOUR_MS, SESSION_HOURS, TRAFFIC_BY_WEEKDAY, weekday } from './time.js';
import type { NdjsonWriter } from './write-files.js';

/** Daily churn hazard of an average customer (≈ 15 % over 180 days). */
export const BASE_HAZARD = 0.0009;
/** Extra hazard of the silent group per bad experience (late delivery, slow ticket), up to four. */
export const SILENT_HAZARD_MULTIPLIER = 2.5;
/**
 * Every member of the silent group lives through at least this many bad experiences in the
 * period: 2–4 scheduled slow support contacts (population.ts) and, for one who churns before
 * them, the missing ones before the churn day. The trouble draws only from its own streams and
 * leaves the churn hazard as it was, so every other person's simulation is unchanged.
 */
export const SILENT_MIN_BAD = 2;
/** Recurring issue tickets per 1000 customers per day: before and at the end of the rise. */
export const RECURRING_BASE = 0.1;
export const RECURRING_PEAK = 0.9;

function hazard(p: Person): number {
  let h = BASE_HAZARD * Math.exp(-0.35 * p.satisfaction) * (1 + 0.25 * Math.min(p.bad, 6));
  if (p.silent) h *= 1 + SILENT_HAZARD_MULTIPLIER * Math.min(p.bad, 4);
  return h;
}

function sessionStart(rng: Random, dayMs: number): number {
  return dayMs + rng.weighted(HOUR_INDEX, SESSION_HOURS) * HOUR_MS + rng.int(0, HOUR_MS - 1);
}

export async function simulate(
  w: World,
  events: NdjsonWriter,
  onDay: (day: number) => void,
): Promise<void> {
  const rng = w.rng.fork('simulate');
  // the silent group's scheduled trouble draws from its own stream
  const troubleRng = w.rng.fork('silent-trouble');
  const buf = new EventBuffer();
  const vocal = w.persons.filter((p) => !p.silent && p.vocal > 0.3);
  const talkers = w.persons.filter((p) => !p.silent);
  const plan = w.plan;
  for (let day = 0; day < plan.days; day++) {
    const dayMs = plan.startMs + day * DAY_MS;
    const traffic = TRAFFIC_BY_WEEKDAY[weekday(dayMs)] ?? 1;
    const utms = liveUtmCampaigns(w.cal, day);
    const pickUtm = () => (utms.length > 0 && rng.chance(0.25) ? rng.pick(utms) : undefined);
    const npsWave = day % 91 === 15;
    for (const p of w.persons) {
      if (p.createdMs >= dayMs + DAY_MS) break;
      if (p.churnDay !== undefined) continue;
      if (rng.chance(hazard(p))) {
        p.churnDay = day;
        if (p.silent) troubleBeforeChurn(w, troubleRng, p, day);
        continue;
      }
      if (p.shop) {
        const n = rng.poisson((p.activity / 7) * traffic);
        for (let k = 0; k < n; k++) {
          const t0 = Math.max(sessionStart(rng, dayMs), p.createdMs);
          const res = runSession(w, rng, buf, personVisitor(rng, p), t0, pickUtm());
          if (res.order) {
            const o = res.order;
            createOrder(w, rng, p, {
              orderId: o.orderId,
              t: o.t,
              product: o.product,
              amount: o.amount,
              channel: o.isApp ? 'app' : 'web',
            });
            if (rng.chance(0.12)) {
              const redesigned = day >= plan.redesignDay;
              const score = clampRound(
                5.7 +
                  0.5 * p.satisfaction -
                  (redesigned ? 0.9 : 0) -
                  (o.failedAttempts > 0 ? 1.6 : 0) +
                  rng.normal(0, 0.8),
                1,
                7,
              );
              addSurvey(w, rng, p, o.t + 10 * 60_000, {
                survey: 'Checkout CES',
                kind: 'ces',
                touchpoint: 'checkout',
                channel: o.isApp ? 'app' : 'web',
                score,
                comment: () =>
                  text(rng, score >= 5 ? 'survey.checkout.good' : 'survey.checkout.bad'),
              });
            }
          } else if (
            res.paymentFailures > 0 &&
            !p.silent &&
            rng.chance(res.isSafari ? 0.1 : 0.05)
          ) {
            addTicket(w, rng, p, t0 + rng.int(30, 600) * 60_000, 'payment_failed');
          }
        }
        if (rng.chance(p.activity * 0.0035)) {
          const product = rng.weighted(PRODUCTS, PRODUCT_WEIGHTS);
          w.nextOrder++;
          const t = sessionStart(rng, dayMs);
          const amount = Math.round(product.price * rng.uniform(0.95, 1.1) * 100) / 100;
          createOrder(w, rng, p, {
            orderId: `NW-${String(w.nextOrder + 200000)}`,
            t,
            product,
            amount,
            channel: 'marketplace',
          });
        }
      }
      if (p.silent && p.trouble.includes(day)) silentTrouble(w, troubleRng, p, dayMs);
      // background contacts: routine questions (more for the silent group), account, product
      if (rng.chance(p.silent ? 0.004 : 0.0012)) {
        const topic = p.silent
          ? rng.pick(['routine', 'routine', 'account', 'product'])
          : rng.weighted(
              ['routine', 'account', 'product', 'plus', 'feedback'],
              [40, 25, 20, p.plus ? 8 : 0, 5],
            );
        const product = rng.weighted(PRODUCTS, PRODUCT_WEIGHTS);
        addTicket(w, rng, p, sessionStart(rng, dayMs), topic, {
          order: `NW-${200000 + rng.int(1, Math.max(1, w.nextOrder))}`,
          product: product.short,
        });
      }
      if (npsWave && rng.chance(0.3) && (p.crm || p.shop)) {
        const score = clampRound(
          8 + 1.6 * p.satisfaction - 0.8 * p.bad + rng.normal(0, 1.2),
          0,
          10,
        );
        const quarter = `${new Date(dayMs).getUTCFullYear()}-Q${Math.floor(new Date(dayMs).getUTCMonth() / 3) + 1}`;
        const band = score >= 9 ? 'good' : score >= 7 ? 'mid' : 'bad';
        addSurvey(w, rng, p, dayMs + 9 * HOUR_MS + rng.int(0, 3_600_000), {
          survey: `Relationship NPS ${quarter}`,
          kind: 'nps',
          touchpoint: 'relationship',
          channel: 'email',
          score,
          comment: () =>
            text(rng, band === 'mid' ? 'survey.relationship.mid' : `survey.relationship.${band}`, {
              lang: p.lang !== 'en' && rng.chance(0.7) ? p.lang : 'en',
            }),
        });
      }
    }
    // visitors who never sign in
    const anon = rng.poisson(w.scale * 25 * traffic);
    for (let k = 0; k < anon; k++) {
      runSession(
        w,
        rng,
        buf,
        anonymousVisitor(rng, pickDevice(rng)),
        sessionStart(rng, dayMs),
        pickUtm(),
      );
    }
    recurringIssue(w, rng, day, dayMs, talkers);
    dailyPosts(w, rng, day, vocal);
    await events.lines(buf.drain());
    onDay(day);
  }
}

/**
 * A trouble contact of the silent group: a routine question about an order, answered slowly (first response far beyond the SLA, often reopened: the ticket
 * is `slow`). Never a complaint category: they do not complain. Counted in p.troubled, not p.bad,
 * so the churn hazard (and with it everyone else's random stream) is as before.
 */
function silentTrouble(w: World, rng: Random, p: Person, dayMs: number): void {
  const t = sessionStart(rng, dayMs);
  if (t >= w.plan.endMs) return;
  // a routine question about an order (category order): not the account or product categories
  // the planted recurring issue and defective batch live in
  const topic = 'routine';
  const product = rng.weighted(PRODUCTS, PRODUCT_WEIGHTS);
  w.tickets.push({
    t,
    person: p,
    topic,
    category: TOPIC_CATEGORY[topic] ?? 'other',
    priority: rng.weighted(['low', 'normal', 'high', 'urgent'], [20, 60, 15, 5]),
    channel: rng.weighted(['email', 'chat', 'web', 'phone'], [45, 25, 20, 10]),
    slow: true,
    slots: {
      order: `NW-${200000 + rng.int(1, Math.max(1, w.nextOrder))}`,
      product: product.short,
    },
    trouble: true,
  });
  p.troubled++;
  if (!p.supportUsed) {
    p.supportUsed = true;
    w.supportUsers.push(p);
  }
}

/** A silent member who churns with fewer than SILENT_MIN_BAD bad experiences had them before. */
function troubleBeforeChurn(w: World, rng: Random, p: Person, churnDay: number): void {
  const missing = SILENT_MIN_BAD - p.bad - p.troubled;
  for (let k = 0; k < missing; k++) {
    const day = churnDay > 0 ? rng.int(0, churnDay - 1) : 0;
    silentTrouble(w, rng, p, w.plan.startMs + day * DAY_MS);
  }
}

/** "Password reset email never arrives": a trickle that rises over the last six weeks. */
function recurringIssue(w: World, rng: Random, day: number, dayMs: number, pool: Person[]): void {
  const from = w.plan.recurringIssueFromDay;
  const rise = day < from ? 0 : (day - from) / Math.max(1, w.plan.days - from);
  const rate = (RECURRING_BASE + (RECURRING_PEAK - RECURRING_BASE) * rise) * w.scale;
  const n = rng.poisson(rate);
  for (let i = 0; i < n && pool.length > 0; i++) {
    const p = rng.pick(pool);
    if (p.churnDay !== undefined || p.createdMs > dayMs) continue;
    addTicket(w, rng, p, sessionStart(rng, dayMs), 'password_reset');
  }
}
