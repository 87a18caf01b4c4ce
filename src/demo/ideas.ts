// The community ideas forum. Planted: "dark mode in the app" (top_idea) is posted as four
// near-duplicates in different words; no single copy has the most votes, but after clustering
// the duplicates it has the most unique voters.
import type { Person, World } from './model.js';
import type { Random } from './random.js';
import { DAY_MS, isoTime } from './time.js';

interface IdeaSpec {
  title: string;
  body: string;
  category: string;
  /** Voters as a share of forum members. */
  share: number;
  status: string;
  topic: string;
}

export const TOP_IDEA_LABEL = 'Dark mode in the app';
export const TOP_IDEA_TERMS = ['dark mode', 'dark theme', 'night theme', 'too bright'];

const DARK: readonly IdeaSpec[] = [
  {
    title: 'Dark mode in the app',
    body: 'Please add a dark mode to the Northwind app. Browsing in the evening is blinding.',
    category: 'app',
    share: 0.22,
    status: 'under_review',
    topic: 'dark',
  },
  {
    title: 'Please add a night theme',
    body: 'A night theme with dark backgrounds would make the app much easier on the eyes after sunset.',
    category: 'app',
    share: 0.18,
    status: 'open',
    topic: 'dark',
  },
  {
    title: 'Dark theme for the mobile app',
    body: 'Every other app on my phone follows the system dark theme except this one. Could you support it?',
    category: 'app',
    share: 0.14,
    status: 'open',
    topic: 'dark',
  },
  {
    title: 'App is too bright at night - dark colours option',
    body: 'An option for dark colours would be great, the white screen is too bright at night.',
    category: 'app',
    share: 0.1,
    status: 'open',
    topic: 'dark',
  },
];
/** Dark-mode fans as a share of members; each copy draws its voters from this pool. */
const DARK_POOL = 0.5;

const OTHER: readonly IdeaSpec[] = [
  {
    title: 'Click & collect at partner stores',
    body: 'Let us pick up orders from a local partner store instead of waiting in for a courier.',
    category: 'delivery',
    share: 0.3,
    status: 'planned',
    topic: 'collect',
  },
  {
    title: 'Gift wrapping option',
    body: 'Offer gift wrapping with a handwritten note at checkout.',
    category: 'checkout',
    share: 0.12,
    status: 'open',
    topic: 'gift',
  },
  {
    title: 'Add gift wrap at checkout',
    body: 'Would love to send presents directly, wrapped, with a card.',
    category: 'checkout',
    share: 0.08,
    status: 'open',
    topic: 'gift',
  },
  {
    title: 'Share my wishlist with family',
    body: 'A shareable wishlist link for birthdays and weddings.',
    category: 'website',
    share: 0.1,
    status: 'open',
    topic: 'wishlist',
  },
  {
    title: 'Pay in 3 instalments',
    body: 'Klarna or a similar pay-later option for bigger furniture orders.',
    category: 'payments',
    share: 0.09,
    status: 'under_review',
    topic: 'bnpl',
  },
  {
    title: 'AR view to see furniture in my room',
    body: 'Use the phone camera to place a table or lamp in the room before buying.',
    category: 'app',
    share: 0.08,
    status: 'open',
    topic: 'ar',
  },
  {
    title: 'Push notification when my parcel is near',
    body: 'Tell me when the courier is a few stops away.',
    category: 'delivery',
    share: 0.07,
    status: 'in_progress',
    topic: 'push',
  },
  {
    title: 'Plastic-free packaging',
    body: 'Offer a plastic-free packaging option, even if it costs a little more.',
    category: 'products',
    share: 0.07,
    status: 'done',
    topic: 'eco',
  },
  {
    title: 'Save several delivery addresses',
    body: 'I send to my office and to my parents; let me keep more than one address.',
    category: 'website',
    share: 0.06,
    status: 'done',
    topic: 'address',
  },
  {
    title: 'Filter by dimensions',
    body: 'Filter tables and shelves by width and height.',
    category: 'website',
    share: 0.06,
    status: 'open',
    topic: 'filter',
  },
  {
    title: 'Price drop alerts',
    body: 'Notify me when something on my wishlist goes on sale.',
    category: 'app',
    share: 0.05,
    status: 'open',
    topic: 'alerts',
  },
  {
    title: 'Choose a delivery time slot',
    body: 'Morning or afternoon slots for large items, please.',
    category: 'delivery',
    share: 0.05,
    status: 'open',
    topic: 'slots',
  },
  {
    title: 'Fabric swatch samples',
    body: 'Send small fabric samples before I commit to cushions or throws.',
    category: 'products',
    share: 0.04,
    status: 'declined',
    topic: 'swatch',
  },
  {
    title: 'Compare products side by side',
    body: 'A compare view for two or three blenders or lamps.',
    category: 'website',
    share: 0.04,
    status: 'open',
    topic: 'compare',
  },
  {
    title: 'Assembly service for furniture',
    body: 'Optional assembly when the furniture is delivered.',
    category: 'delivery',
    share: 0.04,
    status: 'open',
    topic: 'assembly',
  },
  {
    title: 'Reorder past items in one tap',
    body: 'A buy-again button for things like towels and storage jars.',
    category: 'app',
    share: 0.03,
    status: 'open',
    topic: 'reorder',
  },
  {
    title: 'Loyalty points for reviews',
    body: 'Reward customers who write reviews with points.',
    category: 'service',
    share: 0.03,
    status: 'declined',
    topic: 'loyalty',
  },
  {
    title: 'Live chat inside the app',
    body: 'Chat to support without leaving the app.',
    category: 'app',
    share: 0.03,
    status: 'open',
    topic: 'chat',
  },
  {
    title: 'Welsh language option',
    body: 'Please offer the site in Welsh as well.',
    category: 'website',
    share: 0.02,
    status: 'open',
    topic: 'welsh',
  },
  {
    title: 'Bigger sizes for duvet sets',
    body: 'Super king sizes for the linen duvet set.',
    category: 'products',
    share: 0.02,
    status: 'open',
    topic: 'sizes',
  },
];

export interface IdeasResult {
  rows: string[][];
  topIdeaIds: string[];
}

export function buildIdeas(w: World, rng: Random): IdeasResult {
  const members = w.persons.filter((p) => p.forum);
  if (members.length < 5) return { rows: [], topIdeaIds: [] };
  const fans = rng.sample(members, Math.max(4, Math.round(members.length * DARK_POOL)));
  const drafts: { t: number; spec: IdeaSpec; author: Person; voters: Person[] }[] = [];
  const periodMs = w.plan.endMs - w.plan.startMs;
  const when = (from: number, to: number) =>
    w.plan.startMs + Math.floor(rng.uniform(from, to) * periodMs);
  DARK.forEach((spec, i) => {
    const voters = rng.sample(
      fans,
      Math.max(2, Math.round(fans.length * (spec.share / DARK_POOL))),
    );
    drafts.push({ t: when(i * 0.15, i * 0.15 + 0.2), spec, author: rng.pick(fans), voters });
  });
  for (const spec of OTHER) {
    const n = Math.max(1, Math.round(members.length * spec.share * rng.uniform(0.85, 1.15)));
    drafts.push({
      t: when(0, 0.9),
      spec,
      author: rng.pick(members),
      voters: rng.sample(members, n),
    });
  }
  drafts.sort((a, b) => a.t - b.t);
  const rows: string[][] = [];
  const topIdeaIds: string[] = [];
  drafts.forEach((d, i) => {
    const id = `IDEA-${String(i + 1).padStart(4, '0')}`;
    if (d.spec.topic === 'dark') topIdeaIds.push(id);
    const voters = d.voters
      .map((v) => v.forum?.id ?? '')
      .filter((x) => x !== '')
      .sort();
    rows.push([
      id,
      d.author.forum?.id ?? '',
      d.spec.title,
      d.spec.body,
      String(voters.length),
      voters.join(';'),
      d.spec.status,
      d.spec.category,
      isoTime(Math.min(d.t, w.plan.endMs - DAY_MS)),
    ]);
  });
  return { rows, topIdeaIds };
}
