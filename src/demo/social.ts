// Day-level social chatter: the everyday mix of posts on twitter, facebook, review sites and the
// app store, plus the two planted storms: the advert storm (ad_storm: posts about the ad itself,
// no campaign_id) and the defective-batch storm (product_storm: posts about one product).
import { PRODUCT_WEIGHTS, PRODUCTS } from './catalog.js';
import { addPost, clampRound, randomHandle } from './feedback.js';
import type { Person, World } from './model.js';
import type { Random } from './random.js';
import { text } from './texts.js';
import type { Lang } from './texts-i18n.js';
import { DAY_MS, HOUR_INDEX, POSTS_BY_WEEKDAY, SESSION_HOURS, weekday } from './time.js';

/** Multipliers of the normal negative twitter/facebook volume on the storm days. */
export const AD_STORM_CURVE = [9, 8, 6, 4, 2.5] as const;
/** Storm posts per 1000 customers on each day of the defective-batch storm. */
export const PRODUCT_STORM_CURVE = [1, 2, 3, 3.5, 3.5, 3, 2.5, 2, 1.5, 1.2, 1, 0.8] as const;

const BASELINE: readonly {
  channel: string;
  perK: number;
  topics: readonly string[];
  weights: readonly number[];
}[] = [
  {
    channel: 'twitter',
    perK: 2.0,
    topics: [
      'post.general_praise',
      'post.general_neutral',
      'post.product_praise',
      'post.product_complaint',
      'post.service_complaint',
      'post.service_praise',
      'post.delivery_praise',
      'post.delivery_late',
      'post.app_complaint',
      'post.dark_mode',
    ],
    weights: [22, 20, 14, 9, 7, 5, 6, 8, 4, 5],
  },
  {
    channel: 'facebook',
    perK: 0.8,
    topics: [
      'post.general_praise',
      'post.general_neutral',
      'post.product_praise',
      'post.product_complaint',
      'post.service_complaint',
      'post.delivery_late',
    ],
    weights: [30, 25, 20, 10, 8, 7],
  },
  {
    channel: 'app_store',
    perK: 0.35,
    topics: ['post.app_praise', 'post.app_complaint', 'post.dark_mode'],
    weights: [50, 30, 20],
  },
];

/** Negative baseline topics on twitter/facebook (used to size the ad storm). */
export const NEGATIVE_TOPICS = new Set([
  'post.product_complaint',
  'post.service_complaint',
  'post.delivery_late',
  'post.app_complaint',
]);

function timeOfDay(rng: Random, dayMs: number): number {
  return dayMs + rng.weighted(HOUR_INDEX, SESSION_HOURS) * 3_600_000 + rng.int(0, 3_599_999);
}

function author(rng: Random, vocal: Person[], day: number, w: World): Person | undefined {
  for (let k = 0; k < 4; k++) {
    const p = rng.pick(vocal);
    const alive = p.churnDay === undefined || p.churnDay > day;
    if (alive && p.createdMs < w.plan.startMs + (day + 1) * DAY_MS) return p;
  }
  return undefined;
}

function langOf(rng: Random, p: Person | undefined): Lang {
  return p && p.lang !== 'en' && rng.chance(0.7) ? p.lang : 'en';
}

export function dailyPosts(w: World, rng: Random, day: number, vocal: Person[]): void {
  if (vocal.length === 0) return;
  const dayMs = w.plan.startMs + day * DAY_MS;
  const wd = POSTS_BY_WEEKDAY[weekday(dayMs)] ?? 1;
  for (const b of BASELINE) {
    const n = rng.poisson(b.perK * w.scale * wd);
    for (let i = 0; i < n; i++) {
      const topic = rng.weighted(b.topics, b.weights);
      const p = rng.chance(0.6) ? author(rng, vocal, day, w) : undefined;
      const product = rng.weighted(PRODUCTS, PRODUCT_WEIGHTS);
      const slots = {
        product: product.short,
        late: String(rng.int(2, 9)),
        carrier: 'the courier',
        promised: 'Friday',
      };
      const negative = NEGATIVE_TOPICS.has(topic);
      const rating =
        b.channel === 'app_store'
          ? String(negative || topic === 'post.dark_mode' ? rng.int(1, 3) : rng.int(4, 5))
          : '';
      const post = addPost(
        w,
        {
          t: timeOfDay(rng, dayMs),
          channel: b.channel,
          handle: p ? p.forumHandle : randomHandle(rng),
          email: '',
          text: text(rng, topic, { lang: langOf(rng, p), slots }),
          rating,
        },
        rng,
      );
      if (negative && b.channel === 'twitter' && rng.chance(0.15)) {
        addPost(
          w,
          {
            t: post.t + rng.int(20, 300) * 60_000,
            channel: 'twitter',
            handle: 'NorthwindHome',
            email: '',
            text: `So sorry to hear this, could you DM us your order number so we can look into it? ^${rng.pick(['AB', 'JK', 'MS', 'RT'])}`,
            rating: '',
            replyTo: post,
          },
          rng,
        );
      }
    }
  }
  // review-site reviews from people who did not order in the window (older purchases)
  const reviews = rng.poisson(0.4 * w.scale * wd);
  for (let i = 0; i < reviews; i++) {
    const p = author(rng, vocal, day, w);
    if (!p) continue;
    const product = rng.weighted(PRODUCTS, PRODUCT_WEIGHTS);
    const stars = clampRound(4 + 0.9 * p.satisfaction + rng.normal(0, 0.8), 1, 5);
    addPost(
      w,
      {
        t: timeOfDay(rng, dayMs),
        channel: 'review_site',
        handle: p.forumHandle,
        email: p.shop?.email ?? '',
        text: text(rng, stars >= 4 ? 'post.product_praise' : 'post.product_complaint', {
          lang: langOf(rng, p),
          slots: { product: product.short },
        }),
        rating: String(stars),
      },
      rng,
    );
  }
  // a few people who liked the ad while it runs
  const ad = w.cal.ad;
  if (day >= ad.startDay && day <= ad.endDay && rng.chance(0.3)) {
    addPost(
      w,
      {
        t: timeOfDay(rng, dayMs),
        channel: 'twitter',
        handle: randomHandle(rng),
        email: '',
        text: text(rng, 'post.ad_positive'),
        rating: '',
      },
      rng,
    );
  }
  adStorm(w, rng, day, vocal, dayMs, wd);
  productStorm(w, rng, day, vocal, dayMs);
}

/** Normal negative twitter+facebook posts per day (expected), the base of the ad storm. */
export function negativeBaselinePerDay(scale: number): number {
  let total = 0;
  for (const b of BASELINE) {
    if (b.channel === 'app_store') continue;
    const sum = b.weights.reduce((a, x) => a + x, 0);
    const neg = b.topics.reduce(
      (a, t, i) => a + (NEGATIVE_TOPICS.has(t) ? (b.weights[i] ?? 0) : 0),
      0,
    );
    total += b.perK * scale * (neg / sum);
  }
  return total;
}

function adStorm(
  w: World,
  rng: Random,
  day: number,
  vocal: Person[],
  dayMs: number,
  wd: number,
): void {
  const k = day - w.plan.adStormDay;
  const mult = AD_STORM_CURVE[k];
  if (mult === undefined) return;
  const n = rng.poisson(mult * negativeBaselinePerDay(w.scale) * wd);
  for (let i = 0; i < n; i++) {
    const p = rng.chance(0.3) ? author(rng, vocal, day, w) : undefined;
    addPost(
      w,
      {
        t: timeOfDay(rng, dayMs),
        channel: rng.chance(0.7) ? 'twitter' : 'facebook',
        handle: p ? p.forumHandle : randomHandle(rng),
        email: '',
        text: text(rng, 'post.ad_storm'),
        rating: '',
        likes: Math.floor(rng.logNormal(12, 1.4)),
      },
      rng,
    );
  }
}

function productStorm(w: World, rng: Random, day: number, vocal: Person[], dayMs: number): void {
  const k = day - w.plan.productStormDay;
  const level = PRODUCT_STORM_CURVE[k];
  if (level === undefined) return;
  const n = rng.poisson(level * w.scale);
  for (let i = 0; i < n; i++) {
    const p = author(rng, vocal, day, w);
    const channel = rng.weighted(['review_site', 'twitter', 'facebook'], [45, 35, 20]);
    const review = channel === 'review_site' && p !== undefined;
    addPost(
      w,
      {
        t: timeOfDay(rng, dayMs),
        channel: review ? 'review_site' : channel === 'review_site' ? 'twitter' : channel,
        handle: p ? p.forumHandle : randomHandle(rng),
        email: review ? (p?.shop?.email ?? '') : '',
        text: text(rng, 'post.product_storm', { lang: langOf(rng, p) }),
        rating: review ? String(rng.int(1, 2)) : '',
      },
      rng,
    );
  }
}
