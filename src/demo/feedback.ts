// Helpers that queue tickets, survey invitations and posts; the rows are finished (ids, texts,
// response times) when they are written.
import type { Person, PostDraft, TicketDraft, World } from './model.js';
import { crmEmail } from './population.js';
import type { Random } from './random.js';
import { HOUR_MS } from './time.js';

export const TOPIC_CATEGORY: Readonly<Record<string, string>> = {
  where_is_order: 'delivery',
  return: 'returns',
  payment_failed: 'payment',
  password_reset: 'account',
  account: 'account',
  routine: 'order',
  product: 'product',
  storm: 'product',
  plus: 'billing',
  feedback: 'feedback',
};

export function addTicket(
  w: World,
  rng: Random,
  person: Person,
  t: number,
  topic: string,
  slots: Record<string, string> = {},
): void {
  if (t >= w.plan.endMs) return;
  const priority =
    topic === 'storm' || topic === 'payment_failed'
      ? rng.pick(['normal', 'high'])
      : rng.weighted(['low', 'normal', 'high', 'urgent'], [20, 60, 15, 5]);
  const draft: TicketDraft = {
    t,
    person,
    topic,
    category: TOPIC_CATEGORY[topic] ?? 'other',
    priority,
    channel: rng.weighted(['email', 'chat', 'web', 'phone'], [45, 25, 20, 10]),
    slow: person.silent,
    slots,
  };
  if (person.silent) person.bad++;
  if (!person.supportUsed) {
    person.supportUsed = true;
    w.supportUsers.push(person);
  }
  w.tickets.push(draft);
}

/** Chance a person answers a survey: 0 for the silent group. */
export function answerChance(p: Person): number {
  return p.silent ? 0 : 0.12 + 0.5 * p.vocal;
}

export function clampRound(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(x)));
}

export function addSurvey(
  w: World,
  rng: Random,
  p: Person,
  invitedMs: number,
  s: {
    survey: string;
    kind: 'nps' | 'csat' | 'ces';
    touchpoint: string;
    channel: string;
    partnerId?: string;
    score: number;
    comment: () => string;
  },
): void {
  if (invitedMs >= w.plan.endMs) return;
  const answers = rng.chance(answerChance(p));
  const respondedMs = answers
    ? invitedMs + Math.floor(rng.exponential(18) * HOUR_MS) + 60_000
    : undefined;
  const done = respondedMs !== undefined && respondedMs < w.plan.endMs;
  w.surveys.push({
    invitedMs,
    respondedMs: done ? respondedMs : undefined,
    email: crmEmail(p),
    survey: s.survey,
    kind: s.kind,
    score: done ? s.score : undefined,
    comment: done && rng.chance(0.45) ? s.comment() : '',
    touchpoint: s.touchpoint,
    channel: s.channel,
    partnerId: s.partnerId ?? '',
  });
}

const HANDLE_WORDS = [
  'home',
  'mum',
  'dad',
  'life',
  'cooks',
  'style',
  'uk',
  'diy',
  'plants',
  'coffee',
  'runner',
  'reads',
];

export function randomHandle(rng: Random): string {
  const a = rng.pick([
    'jess',
    'tom',
    'sam',
    'kate',
    'leo',
    'mia',
    'raj',
    'emma',
    'finn',
    'ava',
    'dan',
    'zoe',
    'nina',
    'olly',
    'ruby',
  ]);
  return `${a}${rng.pick(['_', '', '.'])}${rng.pick(HANDLE_WORDS)}${rng.chance(0.6) ? rng.int(1, 999) : ''}`;
}

export function personHandle(p: Person): string {
  return p.forumHandle;
}

export function addPost(
  w: World,
  post: Omit<PostDraft, 'replyTo' | 'campaignId' | 'likes'> & Partial<PostDraft>,
  rng: Random,
): PostDraft {
  const draft: PostDraft = {
    replyTo: undefined,
    campaignId: '',
    likes: Math.floor(rng.logNormal(2, 1.3)),
    ...post,
  };
  w.posts.push(draft);
  return draft;
}
