// The shared state of one demo run: people with their latent behaviour, and the rows the
// simulation collects before they are written.
import type { Calendar } from './campaigns.js';
import type { Plan } from './catalog.js';
import type { Address, Country, Name, Phone } from './people.js';
import type { Random } from './random.js';
import type { Lang } from './texts-i18n.js';

/** How one source system recorded a person. */
export interface RecordView {
  id: string;
  first: string;
  last: string;
  email: string;
  phone: string;
}

export interface Person {
  idx: number;
  country: Country;
  /** Language the person sometimes writes in (their own for ES/DE/FR). */
  lang: Lang;
  name: Name;
  email: string;
  oldEmail: string | undefined;
  phone: Phone;
  address: Address;
  birthDate: string;
  createdMs: number;
  // latent behaviour
  satisfaction: number;
  /** Web/app sessions per week. */
  activity: number;
  /** Propensity to post, answer surveys and complain (0 for the silent group). */
  vocal: number;
  silent: boolean;
  /**
   * Silent group only: the days (ascending) on which the person runs into trouble with support
   * (a slow, often reopened ticket about an order, account or product), spread over the period
   * so that every member has repeated bad experiences before churning. Empty for everyone else.
   */
  trouble: number[];
  device: number;
  agent: string;
  anonId: string;
  // systems
  crm: RecordView | undefined;
  shop: RecordView | undefined;
  support: RecordView | undefined;
  forum: RecordView | undefined;
  supportUsed: boolean;
  forumHandle: string;
  // simulation state
  churnDay: number | undefined;
  bad: number;
  /** Silent group: trouble contacts so far (kept apart from `bad`, which drives churn). */
  troubled: number;
  plus: { startMs: number; plan: string; mrr: number } | undefined;
}

export interface TicketDraft {
  t: number;
  person: Person;
  topic: string;
  category: string;
  priority: string;
  channel: string;
  slow: boolean;
  slots: Record<string, string>;
  /** A silent-group trouble contact (finished from its own random stream). */
  trouble?: boolean;
}

export interface PostDraft {
  t: number;
  channel: string;
  handle: string;
  email: string;
  text: string;
  rating: string;
  likes: number;
  replyTo: PostDraft | undefined;
  campaignId: string;
  id?: string;
}

export interface SurveyDraft {
  invitedMs: number;
  respondedMs: number | undefined;
  email: string;
  survey: string;
  kind: 'nps' | 'csat' | 'ces';
  score: number | undefined;
  comment: string;
  touchpoint: string;
  channel: string;
  partnerId: string;
}

export interface World {
  plan: Plan;
  cal: Calendar;
  persons: Person[];
  /** Customers' scale factor: customers / 1000. */
  scale: number;
  rng: Random;
  orders: string[][];
  nextOrder: number;
  tickets: TicketDraft[];
  posts: PostDraft[];
  surveys: SurveyDraft[];
  supportUsers: Person[];
}
