// Ticket-level export and drill-down: the ticket facts (facts.ts) matching a filter, newest first,
// with the total count and the number of distinct persons among them.
import type { Store } from '../../store/index.js';
import { loadSupportConfig, type SupportConfig } from './config.js';
import { factsSql, hasIdentity, resolvePeriod, TICKET_COLUMNS } from './facts.js';
import { SupportTickets, SupportTicketsInput, type TicketRow } from './schemas.js';

function toRow(r: Record<string, unknown>): TicketRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    ticket_id: String(r.ticket_id),
    source: String(r.source),
    person_id: str(r.person_id),
    opened_at: new Date(r.opened_at as string),
    channel: str(r.channel),
    category: str(r.category),
    priority: str(r.priority),
    agent: str(r.agent),
    subject: str(r.subject),
    first_response_at: date(r.first_response_at),
    resolved_at: date(r.resolved_at),
    first_response_hours: num(r.first_response_hours),
    resolution_hours: num(r.resolution_hours),
    reopened_count: Number(r.reopened_count ?? 0),
    handle_minutes: num(r.handle_minutes),
    csat: num(r.csat),
    first_response_breached: Boolean(r.first_response_breached),
    resolution_breached: Boolean(r.resolution_breached),
    repeat_contact: Boolean(r.repeat_contact),
    is_open: Boolean(r.is_open),
  };
}

/** The tickets behind any support figure: filter, page, and count tickets and persons. */
export async function supportTickets(
  store: Store,
  input: SupportTicketsInput = {},
  cfg: SupportConfig = loadSupportConfig(),
): Promise<SupportTickets> {
  const { filter, limit, offset } = SupportTicketsInput.parse(input);
  const period = await resolvePeriod(store, filter);
  if (!period) return { total: 0, customers: 0, rows: [] };
  const facts = factsSql(cfg, period, filter, await hasIdentity(store));
  const counts = await store.one<{ total: number; customers: number }>(
    `WITH f AS (${facts.sql}) SELECT count(*) AS total, count(DISTINCT person_id) AS customers FROM f`,
    facts.params.values,
  );
  const lim = facts.params.add(limit);
  const off = facts.params.add(offset);
  const rows = await store.all(
    `WITH f AS (${facts.sql}) SELECT ${TICKET_COLUMNS.join(', ')} FROM f
     ORDER BY opened_at DESC, ticket_id LIMIT ${lim} OFFSET ${off}`,
    facts.params.values,
  );
  return SupportTickets.parse({
    total: counts?.total ?? 0,
    customers: counts?.customers ?? 0,
    rows: rows.map(toRow),
  });
}
