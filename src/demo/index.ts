// Public surface of the demo company generator: `generateDemo` writes a realistic Northwind Home
// data set (customers in four systems, web events, orders, tickets, surveys, posts, ideas,
// campaigns, partners) and truth.json with the planted truths. Same seed ⇒ byte-identical files.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../lib/errors.js';
import { ENTITY_NAMES, type EntityName } from '../schemas/index.js';
import { buildCalendar, campaignCsvRow } from './campaigns.js';
import { makePlan, PARTNERS } from './catalog.js';
import { buildIdeas } from './ideas.js';
import type { Person, World } from './model.js';
import { buildPopulation } from './population.js';
import { Random } from './random.js';
import {
  CRM_HEADER,
  crmRows,
  FORUM_HEADER,
  forumRows,
  POST_HEADER,
  postRows,
  SHOP_HEADER,
  SUBSCRIPTION_HEADER,
  SUPPORT_HEADER,
  SURVEY_HEADER,
  shopRows,
  subscriptionRows,
  supportRows,
  surveyRows,
} from './records.js';
import { simulate } from './simulate.js';
import { finishTickets } from './tickets.js';
import { buildTruth, type Truth } from './truths.js';
import { NdjsonWriter, writeCsv } from './write-files.js';

export { Truth, TruthEntry } from './truths.js';

export const DemoOptions = z.object({
  customers: z.number().int().min(50).max(200_000).default(3000),
  days: z.number().int().min(30).max(1000).default(180),
  seed: z.number().int().default(42),
  outDir: z.string().min(1),
  endDate: z.iso.date().default('2026-10-31'),
});
export type DemoOptions = z.input<typeof DemoOptions>;

export const DemoFile = z.object({
  entity: z.enum(ENTITY_NAMES),
  source: z.string(),
  path: z.string(),
  format: z.enum(['csv', 'ndjson']),
  rows: z.number().int(),
});
export type DemoFile = z.infer<typeof DemoFile>;

export interface DemoOutput {
  files: DemoFile[];
  truthPath: string;
  truth: Truth;
}

export type DemoProgress = (done: number, total: number, stage: string) => void;

const ORDER_HEADER = [
  'order_id',
  'customer_id',
  'placed_at',
  'amount',
  'currency',
  'channel',
  'partner_id',
  'promised_at',
  'delivered_at',
  'status',
  'returned',
  'returned_at',
];
const TICKET_HEADER = [
  'Ticket ID',
  'customer_id',
  'Requester Email',
  'channel',
  'category',
  'priority',
  'subject',
  'body',
  'opened_at',
  'first_response_at',
  'resolved_at',
  'reopened_count',
  'agent',
  'handle_minutes',
  'csat',
  'reopened_at',
];
const IDEA_HEADER = [
  'idea_id',
  'customer_id',
  'title',
  'body',
  'votes',
  'voter_ids',
  'status',
  'category',
  'created_at',
];
const CAMPAIGN_HEADER = [
  'campaign_id',
  'name',
  'channel',
  'kind',
  'starts_at',
  'ends_at',
  'keywords',
];
const PARTNER_HEADER = ['partner_id', 'name', 'kind'];

/** Generates the demo company into `options.outDir` and returns the files and the truth. */
export async function generateDemo(
  input: DemoOptions,
  onProgress?: DemoProgress,
): Promise<DemoOutput> {
  const parsed = DemoOptions.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      'INPUT_BAD_OPTION',
      `demo options: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'} (expected customers ≥ 50, days ≥ 30, an outDir and endDate YYYY-MM-DD)`,
      { where: { field: issue?.path.join('.') }, cause: parsed.error },
    );
  }
  const opts = parsed.data;
  const total = opts.days + 4;
  const progress = (done: number, stage: string) => onProgress?.(done, total, stage);
  await mkdir(opts.outDir, { recursive: true });
  const root = new Random(opts.seed);
  const plan = makePlan(opts.days, opts.endDate);
  const cal = buildCalendar(plan);
  const persons = buildPopulation(root.fork('people'), opts.customers, plan);
  const w: World = {
    plan,
    cal,
    persons,
    scale: opts.customers / 1000,
    rng: root,
    orders: [],
    nextOrder: 0,
    tickets: [],
    posts: [],
    surveys: [],
    supportUsers: [],
  };
  progress(1, 'people');

  const files: DemoFile[] = [];
  const path = (name: string) => join(opts.outDir, name);
  const eventsPath = path('events.ndjson');
  const events = new NdjsonWriter(eventsPath);
  await simulate(w, events, (day) => progress(2 + day, 'simulate'));
  await events.close();

  const tickets = finishTickets(w, root.fork('tickets'));
  const firstTicket = new Map<Person, number>();
  for (const d of w.tickets) {
    const prev = firstTicket.get(d.person);
    if (d.t < plan.endMs && (prev === undefined || d.t < prev)) firstTicket.set(d.person, d.t);
  }
  const ideas = buildIdeas(w, root.fork('ideas'));
  progress(total - 2, 'write');
  const rec = root.fork('records');
  const csv = async (
    name: string,
    entity: EntityName,
    source: string,
    header: readonly string[],
    rows: readonly (readonly string[])[],
  ) => {
    const rowsWritten = await writeCsv(path(name), header, rows);
    files.push({ entity, source, path: path(name), format: 'csv', rows: rowsWritten });
  };
  await csv('crm_customers.csv', 'customer', 'crm', CRM_HEADER, crmRows(w, rec));
  await csv('shop_customers.csv', 'customer', 'shop', SHOP_HEADER, shopRows(w, rec));
  await csv(
    'support_users.csv',
    'customer',
    'support',
    SUPPORT_HEADER,
    supportRows(w, firstTicket),
  );
  await csv('forum_members.csv', 'customer', 'forum', FORUM_HEADER, forumRows(w, rec));
  await csv('orders.csv', 'order', 'shop', ORDER_HEADER, w.orders);
  await csv(
    'subscriptions.csv',
    'subscription',
    'billing',
    SUBSCRIPTION_HEADER,
    subscriptionRows(w, rec),
  );
  files.push({
    entity: 'event',
    source: 'web',
    path: eventsPath,
    format: 'ndjson',
    rows: events.rows,
  });
  await csv('tickets.csv', 'ticket', 'support', TICKET_HEADER, tickets);
  await csv('survey_responses.csv', 'survey_response', 'surveys', SURVEY_HEADER, surveyRows(w));
  await csv('posts.csv', 'post', 'social', POST_HEADER, postRows(w));
  await csv('ideas.csv', 'idea', 'forum', IDEA_HEADER, ideas.rows);
  await csv(
    'campaigns.csv',
    'campaign',
    'marketing',
    CAMPAIGN_HEADER,
    cal.campaigns.map((c) => campaignCsvRow(c, plan)),
  );
  await csv(
    'partners.csv',
    'partner',
    'shop',
    PARTNER_HEADER,
    PARTNERS.map((p) => [p.id, p.name, p.kind]),
  );

  const truth = buildTruth(w, opts.seed, ideas.topIdeaIds);
  const truthPath = path('truth.json');
  await writeFile(truthPath, `${JSON.stringify(truth, null, 2)}\n`);
  progress(total, 'done');
  return { files, truthPath, truth };
}
