// Orders and what follows them: carrier, promised and actual delivery, returns, and the feedback
// a delivery triggers. Planted here: the poor carrier (partner_poor_delivery), late deliveries
// for the silent group (silent_at_risk) and the defective batch's returns (product_storm).
import {
  CARRIER_WEIGHTS,
  CARRIERS,
  MARKETPLACE_WEIGHTS,
  MARKETPLACES,
  POOR_CARRIER,
  type Product,
  STORM_PRODUCT,
} from './catalog.js';
import { addPost, addSurvey, addTicket, clampRound } from './feedback.js';
import type { Person, World } from './model.js';
import { CURRENCY } from './people.js';
import type { Random } from './random.js';
import { text } from './texts.js';
import { DAY_MS, HOUR_MS, isoDate, isoTime } from './time.js';

export const SILENT_LATE_RATE = 0.55;
export const BASE_RETURN_RATE = 0.06;
export const STORM_RETURN_RATE = 0.45;

export interface NewOrder {
  orderId: string;
  t: number;
  product: Product;
  amount: number;
  channel: 'web' | 'app' | 'marketplace';
}

/** Whether an order of this product placed on `day` comes from the defective batch. */
export function isDefective(w: World, product: Product, day: number): boolean {
  const from = w.plan.productStormDay - 3;
  return (
    product.id === STORM_PRODUCT.id &&
    day >= from &&
    day < w.plan.productStormDay + w.plan.productStormDays
  );
}

function writerLang(rng: Random, p: Person) {
  return p.lang !== 'en' && rng.chance(0.7) ? p.lang : 'en';
}

export function createOrder(w: World, rng: Random, p: Person, o: NewOrder): void {
  const plan = w.plan;
  const day = Math.floor((o.t - plan.startMs) / DAY_MS);
  const marketplace = o.channel === 'marketplace';
  const partner = marketplace
    ? rng.weighted(MARKETPLACES, MARKETPLACE_WEIGHTS)
    : rng.weighted(CARRIERS, CARRIER_WEIGHTS);
  const lateRate =
    p.silent && !marketplace ? SILENT_LATE_RATE : marketplace ? 0.06 : partner.lateRate;
  const dayStart = plan.startMs + day * DAY_MS;
  const promisedMs =
    dayStart + (3 + (o.t - dayStart > 14 * HOUR_MS ? 1 : 0)) * DAY_MS + 18 * HOUR_MS;
  const cancelled = rng.chance(0.02);
  const late = !cancelled && rng.chance(lateRate);
  const deliveredMs = late
    ? promisedMs + Math.floor(rng.uniform(0.6, 6) * DAY_MS)
    : o.t + Math.floor(rng.uniform(1.2, (promisedMs - o.t) / DAY_MS - 0.05) * DAY_MS);
  const delivered = !cancelled && deliveredMs < plan.endMs;
  const defective = isDefective(w, o.product, day);
  const returned = delivered && rng.chance(defective ? STORM_RETURN_RATE : BASE_RETURN_RATE);
  // 2–10 days after delivery, derived from the order time (no random draw: the demo's other
  // draws, and so its planted truths, stay as they were); before the data's end
  const returnedMs = Math.min(
    deliveredMs + (2 + (Math.floor(o.t / 60_000) % 9)) * DAY_MS + 5 * HOUR_MS,
    plan.endMs - 60_000,
  );
  let status = 'placed';
  if (cancelled) status = 'cancelled';
  else if (returned) status = 'returned';
  else if (delivered) status = 'delivered';
  else if (o.t + DAY_MS < plan.endMs) status = 'shipped';
  w.orders.push([
    o.orderId,
    p.shop?.id ?? '',
    isoTime(o.t),
    o.amount.toFixed(2),
    CURRENCY[p.country],
    o.channel,
    partner.id,
    isoTime(promisedMs),
    delivered ? isoTime(deliveredMs) : '',
    status,
    returned ? 'true' : 'false',
    returned ? isoTime(returnedMs) : '',
  ]);
  if (cancelled) return;
  const lateDays = Math.max(1, Math.round((deliveredMs - promisedMs) / DAY_MS));
  const slots = {
    order: o.orderId,
    product: o.product.short,
    carrier: partner.name,
    promised: isoDate(promisedMs),
    placed: isoDate(o.t),
    late: String(lateDays),
  };
  if (late) {
    p.bad++;
    if (!p.silent) {
      if (rng.chance(0.4))
        addTicket(
          w,
          rng,
          p,
          promisedMs + Math.floor(rng.uniform(8, 40) * HOUR_MS),
          'where_is_order',
          slots,
        );
      if (rng.chance(0.04 + 0.2 * p.vocal)) {
        const lang = writerLang(rng, p);
        addPost(
          w,
          {
            t: promisedMs + Math.floor(rng.uniform(12, 60) * HOUR_MS),
            channel: rng.chance(0.75) ? 'twitter' : 'facebook',
            handle: p.forumHandle,
            email: '',
            text: text(rng, 'post.delivery_late', { lang, slots }),
            rating: '',
          },
          rng,
        );
      }
    }
  }
  if (!delivered) return;
  if (!marketplace && rng.chance(0.35)) {
    const score = clampRound(
      4.3 +
        0.4 * p.satisfaction -
        (late ? 1.9 : 0) -
        (partner.id === POOR_CARRIER.id ? 0.5 : 0) +
        rng.normal(0, 0.6),
      1,
      5,
    );
    addSurvey(w, rng, p, deliveredMs + Math.floor(rng.uniform(2, 26) * HOUR_MS), {
      survey: 'Delivery CSAT',
      kind: 'csat',
      touchpoint: 'delivery',
      channel: o.channel,
      partnerId: partner.id,
      score,
      comment: () =>
        text(rng, score >= 4 ? 'survey.delivery.good' : 'survey.delivery.bad', {
          lang: writerLang(rng, p),
          slots,
        }),
    });
  }
  if (returned && !p.silent && rng.chance(defective ? 0.55 : 0.45)) {
    addTicket(
      w,
      rng,
      p,
      deliveredMs + Math.floor(rng.uniform(6, 72) * HOUR_MS),
      defective ? 'storm' : 'return',
      slots,
    );
  }
  if (p.silent) return;
  if (defective && rng.chance(0.3)) {
    const lang = writerLang(rng, p);
    const review = rng.chance(0.5);
    addPost(
      w,
      {
        t: deliveredMs + Math.floor(rng.uniform(24, 120) * HOUR_MS),
        channel: review ? 'review_site' : 'twitter',
        handle: p.forumHandle,
        email: review ? (p.shop?.email ?? '') : '',
        text: text(rng, 'post.product_storm', { lang }),
        rating: review ? '1' : '',
      },
      rng,
    );
  } else if (rng.chance(0.03 + 0.06 * p.vocal)) {
    const stars = clampRound(
      4.2 + 0.8 * p.satisfaction - (late ? 1.2 : 0) + rng.normal(0, 0.7),
      1,
      5,
    );
    const key = stars >= 4 ? 'post.product_praise' : 'post.product_complaint';
    addPost(
      w,
      {
        t: deliveredMs + Math.floor(rng.uniform(24, 240) * HOUR_MS),
        channel: 'review_site',
        handle: p.forumHandle,
        email: p.shop?.email ?? '',
        text: text(rng, key, { lang: writerLang(rng, p), slots }),
        rating: String(stars),
      },
      rng,
    );
  }
}
