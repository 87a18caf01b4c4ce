// Support: the report (volume, unique customers, first response and resolution percentiles, SLA
// breach, reopen and repeat-contact rates with 95% intervals, agent time and CSAT per category,
// channel and agent, weekly volume, backlog, spikes), recurring issues marked new / rising, and
// the tickets behind any figure (paged, or CSV). Domain functions from src/metrics/support; the
// report and the issues are cached per data version (tickets, identity) — they cost a few hundred
// milliseconds each, recomputed only when the data changes.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../lib/errors.js';
import {
  BREACH_KINDS,
  RecurringIssues,
  recurringIssues,
  type SupportFilter,
  SupportReport,
  supportReport,
  supportTickets,
  TicketRow,
} from '../../metrics/support/index.js';
import type { ServerOptions } from '../server.js';
import { requireReadKey } from './read-access.js';
import { tablesVersion, VersionedCache } from './read-cache.js';
import { ListQuery, ReadFilters } from './read-query.js';

export { RecurringIssues, SupportReport, TicketRow };
export type SupportReportResponse = z.infer<typeof SupportReport>;
export type RecurringIssuesResponse = z.infer<typeof RecurringIssues>;

const name = z.string().min(1).max(200);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The attributes every support route narrows by, besides the period. */
export const SupportQuery = ReadFilters.extend({
  category: name.optional().describe('only this ticket category'),
  channel: name.optional().describe('only this channel (email, chat, phone …)'),
  priority: name.optional().describe('only this priority'),
  agent: name.optional().describe('only this agent'),
});
type SupportQuery = z.infer<typeof SupportQuery>;

export const SupportTicketsQuery = ListQuery.extend(SupportQuery.shape).extend({
  breach: z.enum(BREACH_KINDS).optional().describe('only tickets that breached this SLA'),
  reopened: flag.optional().describe('only reopened (true) or never reopened (false) tickets'),
  repeat: flag.optional().describe('only repeat contacts (true) or first contacts (false)'),
  open: flag.optional().describe('only tickets still open at the end of the period (true)'),
  person: name.optional().describe('only tickets of this person_id'),
  issue: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'only the tickets of the recurring issue of this rank (/api/support/issues, same filters)',
    ),
  format: z.enum(['json', 'csv']).default('json').describe('csv: every matching ticket'),
  key: z.string().optional().describe('the read key, for plain download links'),
});

export const SupportTicketPage = z.object({
  items: z.array(TicketRow),
  total: z.number().int(),
  /** Distinct persons among every matching ticket. */
  customers: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type SupportTicketPage = z.infer<typeof SupportTicketPage>;

const CSV_COLUMNS = Object.keys(TicketRow.shape) as (keyof TicketRow)[];

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function baseFilter(q: SupportQuery): SupportFilter {
  if (q.source || q.segment) {
    throw new InputError(
      'INPUT_UNSUPPORTED_FILTER',
      `${q.source ? 'source' : 'segment'}: support cannot be filtered by it (expected from, to, category, channel, priority, agent)`,
      { where: { field: q.source ? 'source' : 'segment' } },
    );
  }
  const out: SupportFilter = {};
  for (const k of ['from', 'to', 'category', 'channel', 'priority', 'agent'] as const) {
    const v = q[k];
    if (v) out[k] = v;
  }
  return out;
}

const TABLES = ['tickets', 'person_keys'];

export const supportRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  const reports = new VersionedCache<SupportReportResponse>(32);
  const issues = new VersionedCache<RecurringIssuesResponse>(32);
  app.addHook('onRequest', requireReadKey(options));
  const r = app.withTypeProvider<ZodTypeProvider>();

  const issuesOf = async (filter: SupportFilter) =>
    issues.get(JSON.stringify(filter), await tablesVersion(store, TABLES), () =>
      recurringIssues(store, { ...filter, limit: 100 }),
    );

  r.get(
    '/api/support',
    {
      schema: {
        tags: ['support'],
        summary:
          'Support KPIs with 95% intervals, volume per week by category and channel, agent time, CSAT, backlog and spikes',
        description:
          'Every figure carries the `filter` that lists its tickets (/api/support/tickets).',
        security: [{ readKey: [] }],
        querystring: SupportQuery,
        response: { 200: SupportReport },
      },
    },
    async (request) => {
      const filter = baseFilter(request.query);
      return reports.get(JSON.stringify(filter), await tablesVersion(store, TABLES), () =>
        supportReport(store, filter),
      );
    },
  );

  r.get(
    '/api/support/issues',
    {
      schema: {
        tags: ['support'],
        summary: 'Recurring issues (topic clusters of tickets), new and rising ones first',
        security: [{ readKey: [] }],
        querystring: SupportQuery,
        response: { 200: RecurringIssues },
      },
    },
    async (request) => issuesOf(baseFilter(request.query)),
  );

  r.get(
    '/api/support/tickets',
    {
      schema: {
        tags: ['support'],
        summary: 'The tickets behind a support figure, newest first (paged, or CSV)',
        description: 'Plain links may carry the read key as ?key=.',
        security: [{ readKey: [] }],
        querystring: SupportTicketsQuery,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filter = baseFilter(q);
      if (q.breach) filter.breach = q.breach;
      if (q.reopened !== undefined) filter.reopened = q.reopened;
      if (q.repeat !== undefined) filter.repeat = q.repeat;
      if (q.open !== undefined) filter.open = q.open;
      if (q.person) filter.personId = q.person;
      if (q.issue !== undefined) {
        const found = (await issuesOf(baseFilter(q))).issues.find((i) => i.rank === q.issue);
        if (!found) {
          throw new NotFoundError(
            'NOT_FOUND',
            `issue ${q.issue}: no recurring issue of that rank for these filters`,
            { where: { field: 'issue' } },
          );
        }
        filter.ticketIds = found.filter.ticketIds ?? [];
      }
      if (q.format === 'csv') {
        const all = await supportTickets(store, { filter, limit: 1_000_000, offset: 0 });
        const lines = [
          CSV_COLUMNS.join(','),
          ...all.rows.map((row) => CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')),
        ];
        return reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="tickets.csv"')
          .send(`${lines.join('\n')}\n`);
      }
      const page = await supportTickets(store, { filter, limit: q.limit, offset: q.offset });
      const body: SupportTicketPage = {
        items: page.rows,
        total: page.total,
        customers: page.customers,
        limit: q.limit,
        offset: q.offset,
      };
      return reply.send(SupportTicketPage.parse(body));
    },
  );
};
