// Customer records per source system (CRM, shop, support desk, forum) as CSV rows, plus the
// subscription, survey and post rows finished from the simulation's drafts.
import type { Person, World } from './model.js';
import { crmEmail } from './population.js';
import type { Random } from './random.js';
import { DAY_MS, isoTime } from './time.js';
import { postcodeVariant, swapDayMonth } from './typos.js';

export const CRM_HEADER = [
  'Customer ID',
  'First Name',
  'Last Name',
  'E-mail',
  'Phone',
  'Date of Birth',
  'Street',
  'Postcode',
  'City',
  'Country',
  'Created At',
  'Segment',
  'Marketing Opt-In',
];
export const SHOP_HEADER = [
  'id',
  'user_id',
  'email',
  'phone',
  'first_name',
  'last_name',
  'date_of_birth',
  'postcode',
  'city',
  'country',
  'created_at',
];
export const SUPPORT_HEADER = ['id', 'first_name', 'last_name', 'email', 'phone', 'created_at'];
export const FORUM_HEADER = [
  'id',
  'forum_handle',
  'email',
  'first_name',
  'last_name',
  'registered_at',
  'karma',
];

function segment(p: Person): string {
  if (p.activity > 1.4) return 'loyal';
  if (p.createdMs > 0 && p.activity < 0.35) return 'occasional';
  return p.plus ? 'plus' : 'regular';
}

export function crmRows(w: World, rng: Random): string[][] {
  return w.persons.flatMap((p) => {
    const r = p.crm;
    if (!r) return [];
    const dob = rng.chance(0.08) ? '' : rng.chance(0.05) ? swapDayMonth(p.birthDate) : p.birthDate;
    return [
      [
        r.id,
        r.first,
        r.last,
        r.email,
        r.phone,
        dob,
        p.address.street,
        p.address.postcode,
        p.address.city,
        p.country,
        isoTime(p.createdMs),
        segment(p),
        rng.chance(0.6) ? 'yes' : 'no',
      ],
    ];
  });
}

export function shopRows(w: World, rng: Random): string[][] {
  return w.persons.flatMap((p) => {
    const r = p.shop;
    if (!r) return [];
    const dob = rng.chance(0.5) ? (rng.chance(0.04) ? swapDayMonth(p.birthDate) : p.birthDate) : '';
    const postcode = rng.chance(0.1)
      ? postcodeVariant(rng, p.address.postcode)
      : p.address.postcode;
    const country = rng.chance(0.2)
      ? { GB: 'United Kingdom', IE: 'Ireland', DE: 'Germany', FR: 'France', ES: 'Spain' }[p.country]
      : p.country;
    const created = p.createdMs + Math.floor(rng.uniform(-2, 20) * 60_000);
    return [
      [
        r.id,
        r.id,
        r.email,
        r.phone,
        r.first,
        r.last,
        dob,
        postcode,
        rng.chance(0.05) ? '' : p.address.city,
        country,
        isoTime(created),
      ],
    ];
  });
}

export function supportRows(w: World, firstTicketMs: Map<Person, number>): string[][] {
  return w.supportUsers
    .filter((p) => p.support && p.support.id !== '')
    .sort((a, b) => (a.support?.id ?? '').localeCompare(b.support?.id ?? ''))
    .map((p) => {
      const r = p.support as NonNullable<Person['support']>;
      return [
        r.id,
        r.first,
        r.last,
        r.email,
        r.phone,
        isoTime((firstTicketMs.get(p) ?? w.plan.startMs) - 60_000),
      ];
    });
}

export function forumRows(w: World, rng: Random): string[][] {
  return w.persons.flatMap((p) => {
    const r = p.forum;
    if (!r) return [];
    const joined = Math.max(p.createdMs, w.plan.startMs - Math.floor(rng.uniform(0, 700) * DAY_MS));
    return [
      [r.id, p.forumHandle, r.email, r.first, r.last, isoTime(joined), String(rng.int(0, 400))],
    ];
  });
}

export const SUBSCRIPTION_HEADER = [
  'subscription_id',
  'customer_email',
  'plan',
  'started_at',
  'ended_at',
  'mrr',
];

export function subscriptionRows(w: World, rng: Random): string[][] {
  const subs = w.persons
    .filter((p) => p.plus && p.plus.startMs < w.plan.endMs)
    .map((p) => {
      const plus = p.plus as NonNullable<Person['plus']>;
      let end: number | undefined;
      if (p.churnDay !== undefined)
        end = w.plan.startMs + (p.churnDay + rng.uniform(0, 25)) * DAY_MS;
      else if (rng.chance(0.08)) end = plus.startMs + rng.uniform(20, 200) * DAY_MS;
      if (end !== undefined && (end >= w.plan.endMs || end < plus.startMs)) end = undefined;
      return { p, plus, end };
    })
    .sort((a, b) => a.plus.startMs - b.plus.startMs || a.p.idx - b.p.idx);
  return subs.map((s, i) => [
    `SUB-${String(i + 1).padStart(5, '0')}`,
    crmEmail(s.p),
    s.plus.plan,
    isoTime(s.plus.startMs),
    s.end === undefined ? '' : isoTime(Math.floor(s.end)),
    s.plus.mrr.toFixed(2),
  ]);
}

export const SURVEY_HEADER = [
  'response_id',
  'customer_email',
  'survey',
  'kind',
  'score',
  'comment',
  'touchpoint',
  'channel',
  'partner_id',
  'invited_at',
  'responded_at',
];

export function surveyRows(w: World): string[][] {
  const drafts = w.surveys
    .filter((s) => s.invitedMs < w.plan.endMs)
    .sort((a, b) => a.invitedMs - b.invitedMs);
  return drafts.map((s, i) => [
    `R${String(i + 1 + 700000)}`,
    s.email,
    s.survey,
    s.kind,
    s.score === undefined ? '' : String(s.score),
    s.comment,
    s.touchpoint,
    s.channel,
    s.partnerId,
    isoTime(s.invitedMs),
    s.respondedMs === undefined ? '' : isoTime(s.respondedMs),
  ]);
}

export const POST_HEADER = [
  'post_id',
  'channel',
  'author_handle',
  'customer_email',
  'text',
  'posted_at',
  'rating',
  'likes',
  'reply_to',
  'campaign_id',
];

export function postRows(w: World): string[][] {
  const drafts = w.posts.filter((p) => p.t < w.plan.endMs).sort((a, b) => a.t - b.t);
  drafts.forEach((d, i) => {
    d.id = `PST-${String(i + 1).padStart(6, '0')}`;
  });
  return drafts.map((d) => [
    d.id ?? '',
    d.channel,
    d.handle,
    d.email,
    d.text,
    isoTime(d.t),
    d.rating,
    String(d.likes),
    d.replyTo?.id ?? '',
    d.campaignId,
  ]);
}
