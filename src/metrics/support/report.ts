// The support report for a period: volume and unique customers, first-response and resolution
// percentiles (linear interpolation, DuckDB quantile_cont), SLA breach / reopen / repeat-contact
// rates with Wilson 95 % intervals, handle minutes per category (where agent time goes), CSAT by
// category and agent, backlog (open at each week end), weekly volume by category and channel, and
// daily volume spikes (same-weekday baseline, src/text detectSpikes). Tickets are the unit of the
// rates; customers are distinct person_ids, so a reopened or repeated ticket never counts a
// person twice. Every figure carries the filter that lists its tickets (supportTickets).

import type { Store } from '../../store/index.js';
import { detectSpikes } from '../../text/index.js';
import { wilsonInterval } from '../stats/proportion.js';
import { loadSupportConfig, type SupportConfig } from './config.js';
import { DAY_MS, factsSql, hasIdentity, isoDay, type Period, resolvePeriod } from './facts.js';
import {
  type BreakdownRow,
  type Percentiles,
  type Rate,
  type SupportFilter,
  SupportReport,
  SupportReportInput,
  type VolumeSpike,
} from './schemas.js';

type Num = number | null;
const num = (v: unknown): Num => (v === null || v === undefined ? null : Number(v));

function rate(count: number, of: number, filter: SupportFilter): Rate {
  const w = wilsonInterval(count, of);
  return { count, of, rate: w.rate, low: w.low, high: w.high, filter };
}

function percentiles(n: number, q: unknown, mean: unknown): Percentiles {
  const qs = Array.isArray(q) ? q.map(num) : [null, null, null];
  return { n, p50: qs[0] ?? null, p90: qs[1] ?? null, p95: qs[2] ?? null, mean: num(mean) };
}

const SUMMARY_COLUMNS = `count(*) AS tickets, count(DISTINCT person_id) AS customers,
  coalesce(sum(handle_minutes), 0) AS handle,
  count(first_response_hours) AS fr_n, quantile_cont(first_response_hours, [0.5, 0.9, 0.95]) AS fr_q,
  avg(first_response_hours) AS fr_mean,
  count(resolution_hours) AS res_n, quantile_cont(resolution_hours, [0.5, 0.9, 0.95]) AS res_q,
  avg(resolution_hours) AS res_mean,
  count(*) FILTER (WHERE first_response_breached) AS fr_breach,
  count(*) FILTER (WHERE resolution_breached) AS res_breach,
  count(*) FILTER (WHERE reopened_count > 0) AS reopened,
  count(*) FILTER (WHERE repeat_contact) AS repeats,
  count(csat) AS csat_n, avg(csat) AS csat_mean, avg(CAST(csat >= 4 AS DOUBLE)) AS csat_sat,
  count(*) FILTER (WHERE is_open) AS open_n,
  max(CASE WHEN is_open THEN date_diff('second', opened_at, $END) / 3600.0 END) AS oldest_open`;

interface SummaryRow {
  key?: string;
  tickets: number;
  customers: number;
  handle: number;
  fr_n: number;
  fr_q: unknown;
  fr_mean: unknown;
  res_n: number;
  res_q: unknown;
  res_mean: unknown;
  fr_breach: number;
  res_breach: number;
  reopened: number;
  repeats: number;
  csat_n: number;
  csat_mean: unknown;
  csat_sat: unknown;
  open_n: number;
  oldest_open: unknown;
}

async function summarise(
  store: Store,
  cfg: SupportConfig,
  period: Period,
  filter: SupportFilter,
  identity: boolean,
  groupBy?: 'category' | 'channel' | 'agent',
): Promise<SummaryRow[]> {
  const f = factsSql(cfg, period, filter, identity);
  const end = `(CAST(${f.params.add(period.to)} AS DATE) + INTERVAL 1 DAY)`;
  const cols = SUMMARY_COLUMNS.replace('$END', end);
  const sql = groupBy
    ? `WITH f AS (${f.sql}) SELECT coalesce(${groupBy}, '(none)') AS key, ${cols} FROM f GROUP BY 1 ORDER BY tickets DESC, key`
    : `WITH f AS (${f.sql}) SELECT ${cols} FROM f`;
  return store.all<SummaryRow & Record<string, unknown>>(sql, f.params.values);
}

function breakdown(
  rows: SummaryRow[],
  dim: 'category' | 'channel' | 'agent',
  base: SupportFilter,
  totalTickets: number,
  totalHandle: number,
): BreakdownRow[] {
  return rows.map((r) => {
    const key = r.key ?? '(none)';
    const fr = Array.isArray(r.fr_q) ? r.fr_q.map(num) : [];
    const res = Array.isArray(r.res_q) ? r.res_q.map(num) : [];
    return {
      key,
      tickets: r.tickets,
      customers: r.customers,
      share: totalTickets > 0 ? r.tickets / totalTickets : 0,
      handleMinutes: Number(r.handle),
      handleShare: totalHandle > 0 ? Number(r.handle) / totalHandle : 0,
      handleMinutesPerTicket: r.tickets > 0 ? Number(r.handle) / r.tickets : null,
      firstResponseP50Hours: fr[0] ?? null,
      resolutionP50Hours: res[0] ?? null,
      firstResponseBreachRate: r.tickets > 0 ? r.fr_breach / r.tickets : null,
      reopenRate: r.tickets > 0 ? r.reopened / r.tickets : null,
      csatMean: num(r.csat_mean),
      csatN: r.csat_n,
      filter: key === '(none)' ? base : { ...base, [dim]: key },
    };
  });
}

/** Support figures for a period (default: all tickets), optionally for one category, channel… */
export async function supportReport(
  store: Store,
  input: SupportReportInput = {},
  cfg: SupportConfig = loadSupportConfig(),
): Promise<SupportReport> {
  const filter = SupportReportInput.parse(input);
  const identity = await hasIdentity(store);
  const notes: string[] = [];
  if (!identity) {
    notes.push(
      'identity not resolved: customers are counted by the ticket’s own customer reference (run `cxlens identity resolve` to count persons across sources)',
    );
  }
  const period = (await resolvePeriod(store, filter)) ?? {
    from: filter.from ?? isoDay(new Date()),
    to: filter.to ?? isoDay(new Date()),
    endExclusive: new Date(),
  };
  const [all] = await summarise(store, cfg, period, filter, identity);
  const s = all as SummaryRow;
  const base: SupportFilter = { ...filter, from: period.from, to: period.to };
  const byCategory = await summarise(store, cfg, period, filter, identity, 'category');
  const byChannel = await summarise(store, cfg, period, filter, identity, 'channel');
  const byAgent = await summarise(store, cfg, period, filter, identity, 'agent');
  const handle = Number(s.handle);

  const f = factsSql(cfg, period, filter, identity);
  const repeatRow = await store.one<{ persons: number; repeaters: number }>(
    `WITH f AS (${f.sql}), per AS (SELECT person_id, count(*) AS n FROM f WHERE person_id IS NOT NULL GROUP BY 1)
     SELECT count(*) AS persons, count(*) FILTER (WHERE n >= 2) AS repeaters FROM per`,
    f.params.values,
  );
  const volume = await store.all<{
    week: unknown;
    dimension: string;
    key: string;
    tickets: number;
    customers: number;
  }>(
    `WITH f AS (${f.sql})
     SELECT week, 'category' AS dimension, coalesce(category, '(none)') AS key, count(*) AS tickets,
            count(DISTINCT person_id) AS customers FROM f GROUP BY ALL
     UNION ALL
     SELECT week, 'channel', coalesce(channel, '(none)'), count(*), count(DISTINCT person_id) FROM f GROUP BY ALL
     ORDER BY 1, 2, 3`,
    f.params.values,
  );

  // Backlog at each week end (Sunday 24:00) inside the period, and at the period end.
  const fb = factsSql(
    cfg,
    { ...period, from: '1970-01-01' },
    { ...filter, from: undefined },
    identity,
  );
  const pFrom = fb.params.add(period.from);
  const pTo = fb.params.add(period.to);
  const backlog = await store.all<{ week: unknown; open: number }>(
    `WITH f AS (${fb.sql}),
       ends AS (SELECT unnest(generate_series(CAST(date_trunc('week', CAST(${pFrom} AS DATE)) AS TIMESTAMP) + INTERVAL 7 DAY,
                                                CAST(${pTo} AS DATE) + INTERVAL 1 DAY, INTERVAL 7 DAY)) AS e)
     SELECT CAST(e - INTERVAL 1 DAY AS DATE) AS week,
            (SELECT count(*) FROM f WHERE f.opened_at < e AND (f.resolved_at IS NULL OR f.resolved_at >= e)) AS open
     FROM ends ORDER BY e`,
    fb.params.values,
  );

  const spikes = await volumeSpikes(store, cfg, period, filter, identity, base);
  const frq = percentiles(s.fr_n, s.fr_q, s.fr_mean);
  const resq = percentiles(s.res_n, s.res_q, s.res_mean);
  if (s.tickets === 0) notes.push('no tickets match the filter in this period');
  return SupportReport.parse({
    period: { from: period.from, to: period.to },
    sla: {
      firstResponseHours: cfg.sla.first_response_hours,
      resolutionHours: cfg.sla.resolution_hours,
      byPriority: Object.fromEntries(
        Object.entries(cfg.sla.by_priority).map(([k, v]) => [
          k,
          {
            firstResponseHours: v.first_response_hours ?? cfg.sla.first_response_hours,
            resolutionHours: v.resolution_hours ?? cfg.sla.resolution_hours,
          },
        ]),
      ),
      repeatContactDays: cfg.repeat_contact_days,
    },
    personBasis: identity ? 'identity' : 'source_record',
    tickets: s.tickets,
    customers: s.customers,
    ticketsPerCustomer: s.customers > 0 ? s.tickets / s.customers : null,
    firstResponseHours: frq,
    resolutionHours: resq,
    firstResponseBreach: rate(s.fr_breach, s.tickets, { ...base, breach: 'first_response' }),
    resolutionBreach: rate(s.res_breach, s.tickets, { ...base, breach: 'resolution' }),
    reopen: rate(s.reopened, s.tickets, { ...base, reopened: true }),
    repeatContact: rate(s.repeats, s.tickets, { ...base, repeat: true }),
    repeatCustomers: {
      count: repeatRow?.repeaters ?? 0,
      of: repeatRow?.persons ?? 0,
      rate: repeatRow?.persons ? repeatRow.repeaters / repeatRow.persons : null,
    },
    handleMinutes: handle,
    csat: { n: s.csat_n, mean: num(s.csat_mean), satisfiedShare: num(s.csat_sat) },
    backlog: {
      open: s.open_n,
      oldestOpenHours: num(s.oldest_open),
      weekly: backlog.map((b) => ({ week: isoDay(new Date(b.week as string)), open: b.open })),
      filter: { ...base, open: true },
    },
    byCategory: breakdown(byCategory, 'category', base, s.tickets, handle),
    byChannel: breakdown(byChannel, 'channel', base, s.tickets, handle),
    byAgent: breakdown(byAgent, 'agent', base, s.tickets, handle),
    volume: volume.map((v) => ({ ...v, week: isoDay(new Date(v.week as string)) })),
    spikes,
    notes,
  });
}

/** Days whose ticket count is far above the same weekdays before (merged into episodes). */
async function volumeSpikes(
  store: Store,
  cfg: SupportConfig,
  period: Period,
  filter: SupportFilter,
  identity: boolean,
  base: SupportFilter,
): Promise<VolumeSpike[]> {
  const f = factsSql(cfg, period, filter, identity);
  const rows = await store.all<{ day: unknown; category: string | null; n: number }>(
    `WITH f AS (${f.sql}) SELECT CAST(opened_at AS DATE) AS day, category, count(*) AS n FROM f GROUP BY ALL`,
    f.params.values,
  );
  const first = Math.floor(Date.parse(`${period.from}T00:00:00Z`) / DAY_MS);
  const last = Math.floor(Date.parse(`${period.to}T00:00:00Z`) / DAY_MS);
  if (last < first) return [];
  const counts = new Array<number>(last - first + 1).fill(0);
  const byDayCat = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const d = Math.floor(new Date(r.day as string).getTime() / DAY_MS) - first;
    counts[d] = (counts[d] ?? 0) + r.n;
    const m = byDayCat.get(d) ?? new Map<string, number>();
    m.set(r.category ?? '(none)', (m.get(r.category ?? '(none)') ?? 0) + r.n);
    byDayCat.set(d, m);
  }
  const episodes = detectSpikes(counts, first, {
    zThreshold: cfg.spikes.z_threshold,
    minCount: cfg.spikes.min_count,
  });
  return episodes.map((e) => {
    const cats = new Map<string, number>();
    let tickets = 0;
    let expected = 0;
    let z = 0;
    for (const d of e.days) {
      tickets += d.count;
      expected += d.baseline;
      z = Math.max(z, d.z);
      for (const [c, n] of byDayCat.get(d.day - first) ?? []) cats.set(c, (cats.get(c) ?? 0) + n);
    }
    const top = [...cats].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const from = isoDay(new Date(e.fromDay * DAY_MS));
    const to = isoDay(new Date(e.toDay * DAY_MS));
    return {
      from,
      to,
      tickets,
      expected,
      z,
      topCategory: top?.[0] ?? null,
      filter: { ...base, from, to },
    };
  });
}
