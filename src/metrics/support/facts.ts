// Ticket facts: one row per ticket with its person, response and resolution hours, SLA breaches,
// repeat-contact flag and open state at the end of the period — the single SQL source every
// support figure and the ticket export read, so a figure and its drill-down always agree.
// - person_id: identity's person_keys when identity has run, else the ticket's own customer
//   reference (source:customer_id, else the lower-cased e-mail).
// - first_response_breached: (first response, or the period end when none yet) − opened > SLA
//   hours for the ticket's priority; resolution_breached likewise with the resolution SLA.
// - repeat_contact: the same person opened another ticket in the previous `repeat_contact_days`
//   days (looked up over all tickets, so the first ticket of a period can be a repeat).
// - is_open: not resolved by the period end.
import { attachPersonSql } from '../../identity/index.js';
import {
  type SqlParam,
  type Store,
  ticketFirstAnswerSql,
  ticketReopensSql,
} from '../../store/index.js';
import type { SupportConfig } from './config.js';
import type { SupportFilter } from './schemas.js';

export const DAY_MS = 86_400_000;

export interface Period {
  from: string;
  to: string;
  /** Exclusive end: the day after `to`, 00:00 UTC. */
  endExclusive: Date;
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** True when identity resolution has filled person_keys. */
export async function hasIdentity(store: Store): Promise<boolean> {
  const row = await store.one<{ n: number }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM person_keys LIMIT 1)',
  );
  return (row?.n ?? 0) > 0;
}

/** The period of the filter, defaulting to the first and last day with tickets. */
export async function resolvePeriod(store: Store, filter: SupportFilter): Promise<Period | null> {
  const row = await store.one<{ lo: Date | null; hi: Date | null }>(
    'SELECT min(opened_at) AS lo, max(opened_at) AS hi FROM tickets',
  );
  if (!row?.lo || !row.hi) return null;
  const from = filter.from ?? isoDay(new Date(row.lo));
  const to = filter.to ?? isoDay(new Date(row.hi));
  return { from, to, endExclusive: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) };
}

/** Collects parameters and hands back their $n placeholders. */
export class Params {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function slaHoursSql(
  cfg: SupportConfig,
  kind: 'first_response_hours' | 'resolution_hours',
  p: Params,
): string {
  const cases = Object.entries(cfg.sla.by_priority)
    .filter(([, v]) => v[kind] !== undefined)
    .map(([priority, v]) => `WHEN t.priority = ${p.add(priority)} THEN ${p.add(v[kind] ?? 0)}`);
  const base = p.add(cfg.sla[kind]);
  return cases.length === 0
    ? `CAST(${base} AS DOUBLE)`
    : `CAST(CASE ${cases.join(' ')} ELSE ${base} END AS DOUBLE)`;
}

export interface FactsSql {
  /** SELECT … FROM tickets producing the ticket facts, filtered. */
  sql: string;
  params: Params;
}

/**
 * SQL for the filtered ticket facts of `period` (columns as TicketRow, plus `week` and `day`).
 * Use it as a CTE: `WITH f AS (${facts.sql}) SELECT … FROM f`; add further parameters with
 * `facts.params.add`.
 */
export function factsSql(
  cfg: SupportConfig,
  period: Period,
  filter: SupportFilter,
  identity: boolean,
): FactsSql {
  const p = new Params();
  const ref = identity
    ? attachPersonSql('activity', 't')
    : {
        joins: '',
        personId: `coalesce(t.source || ':' || t.customer_id, lower(trim(t.customer_email)))`,
      };
  const end = `(CAST(${p.add(period.to)} AS DATE) + INTERVAL 1 DAY)`;
  const firstSla = slaHoursSql(cfg, 'first_response_hours', p);
  const resSla = slaHoursSql(cfg, 'resolution_hours', p);
  const repeatDays = p.add(cfg.repeat_contact_days);
  const where: string[] = [
    `opened_at >= CAST(${p.add(period.from)} AS DATE)`,
    `opened_at < ${end}`,
  ];
  const eq = (col: string, v: string | undefined) => {
    if (v !== undefined) where.push(`${col} = ${p.add(v)}`);
  };
  eq('category', filter.category);
  eq('channel', filter.channel);
  eq('priority', filter.priority);
  eq('agent', filter.agent);
  eq('person_id', filter.personId);
  if (filter.breach === 'first_response') where.push('first_response_breached');
  if (filter.breach === 'resolution') where.push('resolution_breached');
  if (filter.breach === 'any') where.push('(first_response_breached OR resolution_breached)');
  if (filter.reopened !== undefined)
    where.push(filter.reopened ? 'reopened_count > 0' : 'reopened_count = 0');
  if (filter.repeat !== undefined)
    where.push(filter.repeat ? 'repeat_contact' : 'NOT repeat_contact');
  if (filter.open !== undefined) where.push(filter.open ? 'is_open' : 'NOT is_open');
  if (filter.ticketIds !== undefined) {
    where.push(
      filter.ticketIds.length === 0
        ? 'false'
        : `ticket_id IN (${filter.ticketIds.map((id) => p.add(id)).join(', ')})`,
    );
  }
  const sql = `SELECT * FROM (
    SELECT *,
      coalesce(first_answer_at, ${end}) - opened_at > to_seconds(CAST(first_sla_hours * 3600 AS BIGINT)) AS first_response_breached,
      coalesce(resolved_at, ${end}) - opened_at > to_seconds(CAST(resolution_sla_hours * 3600 AS BIGINT)) AS resolution_breached,
      coalesce(person_id IS NOT NULL AND lag(opened_at) OVER (PARTITION BY person_id ORDER BY opened_at, ticket_id)
        >= opened_at - to_days(CAST(${repeatDays} AS INTEGER)), false) AS repeat_contact,
      (resolved_at IS NULL OR resolved_at >= ${end}) AS is_open,
      CAST(date_trunc('week', opened_at) AS DATE) AS week
    FROM (
      SELECT t.source_id AS ticket_id, t.source, ${ref.personId} AS person_id, t.opened_at,
        t.channel, t.category, t.priority, t.agent, t.subject, t.body,
        t.first_response_at, t.resolved_at, ${ticketFirstAnswerSql('t')} AS first_answer_at,
        date_diff('second', t.opened_at, ${ticketFirstAnswerSql('t')}) / 3600.0 AS first_response_hours,
        date_diff('second', t.opened_at, t.resolved_at) / 3600.0 AS resolution_hours,
        CAST(${ticketReopensSql('t')} AS INTEGER) AS reopened_count,
        t.handle_minutes, CAST(t.csat AS DOUBLE) AS csat,
        ${firstSla} AS first_sla_hours, ${resSla} AS resolution_sla_hours
      FROM tickets t ${ref.joins}
    )
  ) WHERE ${where.join(' AND ')}`;
  return { sql, params: p };
}

export const TICKET_COLUMNS = [
  'ticket_id',
  'source',
  'person_id',
  'opened_at',
  'channel',
  'category',
  'priority',
  'agent',
  'subject',
  'first_response_at',
  'resolved_at',
  'first_response_hours',
  'resolution_hours',
  'reopened_count',
  'handle_minutes',
  'csat',
  'first_response_breached',
  'resolution_breached',
  'repeat_contact',
  'is_open',
] as const;
