// Funnel conversion: of the actors who did step 1, how many went on to each later step, in order,
// within the conversion window counted from step 1. Each actor enters once per period (once per
// day or week when `interval` is set, from their first step-1 event in it). Rates carry 95%
// Wilson intervals; the time from the previous step comes as quantiles and a histogram.
// Breakdown values come from a stated step's event; entries without one count as 'unknown'.
// Assumptions and the comparison with other definitions: docs/theory/funnels.md.
import { InputError } from '../../lib/errors.js';
import type { Row, Store } from '../../store/index.js';
import { wilsonInterval } from '../stats/proportion.js';
import { actorSql } from './actor.js';
import { dimensionSql } from './dimensions.js';
import { buildFunnelSql, TTC_BINS, TTC_QUANTILES } from './funnel-sql.js';
import {
  type FunnelGroup,
  FunnelQuery,
  type FunnelQueryInput,
  type FunnelResult,
  type FunnelStepStats,
  type TimeToConvert,
} from './schemas.js';
import { type ResolvedStep, resolveSteps, stepKey, windowMs } from './steps.js';

const DAY_MS = 86_400_000;

/** Distinct event names in the store (for step resolution). */
export async function eventNames(store: Store): Promise<string[]> {
  const rows = await store.all<{ event: string }>(
    'SELECT DISTINCT event FROM events WHERE event IS NOT NULL',
  );
  return rows.map((r) => r.event).sort();
}

function parseDate(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms))
    throw new InputError('INPUT_BAD_DATE', `${what} "${text}": not a date (expected 2024-03-01)`);
  return ms;
}

function byStepIndex(byStep: string, steps: readonly ResolvedStep[]): number | 'last' {
  if (byStep === 'first') return 0;
  if (byStep === 'last') return 'last';
  if (/^\d+$/.test(byStep)) {
    const i = Number(byStep) - 1;
    if (i >= 0 && i < steps.length) return i;
  }
  const i = steps.findIndex(
    (s) => s.label === byStep || stepKey(s.label) === stepKey(byStep) || s.matches.includes(byStep),
  );
  if (i >= 0) return i;
  throw new InputError(
    'INPUT_BAD_STEP',
    `breakdown step "${byStep}": not a step of this funnel (expected first, last, a step number or name)`,
  );
}

export interface FunnelRunRow extends Row {
  gid: number;
  bucket: number | null;
}

export interface PreparedFunnel {
  query: FunnelQuery;
  steps: ResolvedStep[];
  windowMs: number;
  actorKind: 'person' | 'user_or_anonymous';
  rows: FunnelRunRow[];
}

/** Pivots the long rows (one per group and step k) into one row per group: n{k}, q{k}, m{k}, h{k}_{bin}. */
function widen(long: readonly Row[], dims: number): FunnelRunRow[] {
  const byKey = new Map<string, FunnelRunRow>();
  for (const r of long) {
    const groups = Array.from({ length: dims }, (_, i) => r[`g${i}`] ?? null);
    const id = JSON.stringify([r.gid, r.bucket ?? null, ...groups]);
    let row = byKey.get(id);
    if (!row) {
      row = {
        gid: Number(r.gid),
        bucket: r.bucket === null || r.bucket === undefined ? null : Number(r.bucket),
      };
      groups.forEach((g, i) => {
        (row as FunnelRunRow)[`g${i}`] = g;
      });
      byKey.set(id, row);
    }
    const k = Number(r.k);
    row[`n${k}`] = r.n;
    row[`q${k}`] = r.q;
    row[`m${k}`] = r.m;
    for (const [b, bin] of TTC_BINS.entries())
      if (bin.upToMs !== null) row[`h${k}_${b}`] = r[`h${b}`];
  }
  return [...byKey.values()];
}

/** Runs the funnel query and returns its raw grouped rows (used by the diagnosis too). */
export async function runFunnel(
  store: Store,
  input: FunnelQueryInput,
  options: { withTimes?: boolean; names?: string[] } = {},
): Promise<PreparedFunnel> {
  const query = FunnelQuery.parse(input);
  const steps = resolveSteps(query.steps, options.names ?? (await eventNames(store)));
  const dims = query.by.map((name) => dimensionSql(name));
  const actor = await actorSql(store);
  const wMs = windowMs(query.window);
  const { sql, params } = buildFunnelSql({
    steps,
    windowMs: wMs,
    order: query.order,
    dims,
    byStep: byStepIndex(query.byStep, steps),
    interval: query.interval,
    fromMs: parseDate(query.from, 'from'),
    toMs: parseDate(query.to, 'to'),
    actor,
    withTimes: options.withTimes ?? true,
  });
  const long = await store.all<Row>(sql, params);
  return { query, steps, windowMs: wMs, actorKind: actor.kind, rows: widen(long, query.by.length) };
}

function timeToConvert(row: Row, k: number): TimeToConvert | null {
  const q = row[`q${k}`];
  const n = Number(row[`n${k}`] ?? 0);
  if (!Array.isArray(q) || n === 0) return null;
  const qs = q.map((v) => (v === null ? null : Math.round(Number(v))));
  const cumulative = TTC_BINS.map((bin, b) =>
    bin.upToMs === null ? n : Number(row[`h${k}_${b}`] ?? 0),
  );
  return {
    p10Ms: qs[TTC_QUANTILES.indexOf(0.1)] ?? null,
    p25Ms: qs[TTC_QUANTILES.indexOf(0.25)] ?? null,
    p50Ms: qs[TTC_QUANTILES.indexOf(0.5)] ?? null,
    p75Ms: qs[TTC_QUANTILES.indexOf(0.75)] ?? null,
    p90Ms: qs[TTC_QUANTILES.indexOf(0.9)] ?? null,
    meanMs: row[`m${k}`] === null ? null : Math.round(Number(row[`m${k}`])),
    histogram: TTC_BINS.map((bin, b) => ({
      label: bin.label,
      upToMs: bin.upToMs,
      count: (cumulative[b] ?? 0) - (b > 0 ? (cumulative[b - 1] ?? 0) : 0),
    })),
  };
}

/** Turns one aggregate row into per-step counts and rates. */
export function groupStats(
  row: Row,
  steps: readonly ResolvedStep[],
  key: Record<string, string>,
): FunnelGroup {
  const entered = Number(row.n1 ?? 0);
  const stats: FunnelStepStats[] = steps.map((s, i) => {
    const count = Number(row[`n${i + 1}`] ?? 0);
    const prev = i === 0 ? entered : Number(row[`n${i}`] ?? 0);
    return {
      step: s.step,
      label: s.label,
      count,
      fromStart: wilsonInterval(count, entered),
      fromPrevious: wilsonInterval(count, prev),
      timeToConvert: i === 0 ? null : timeToConvert(row, i + 1),
    };
  });
  return { key, entered, steps: stats };
}

export function bucketLabel(bucket: number | null): string {
  return bucket === null ? '' : new Date(Number(bucket) * DAY_MS).toISOString().slice(0, 10);
}

/** Computes a funnel: totals, breakdown groups and (with `interval`) the series over time. */
export async function computeFunnel(store: Store, input: FunnelQueryInput): Promise<FunnelResult> {
  const f = await runFunnel(store, input);
  const { query, steps } = f;
  const D = query.by.length;
  const keyOf = (row: Row): Record<string, string> =>
    Object.fromEntries(query.by.map((name, i) => [name, String(row[`g${i}`] ?? 'unknown')]));
  const allAggregated = (1 << (D + 1)) - 1;
  const bucketBit = 1 << D;
  let total: FunnelGroup = groupStats({}, steps, {});
  const groups: FunnelGroup[] = [];
  const series: FunnelResult['series'] = [];
  for (const row of f.rows) {
    const gid = Number(row.gid);
    if (gid === allAggregated) total = groupStats(row, steps, {});
    else if (!query.interval || gid === bucketBit) {
      const g = groupStats(row, steps, keyOf(row));
      if (g.entered >= query.minGroupSize) groups.push(g);
    } else
      series.push({
        bucket: bucketLabel(row.bucket),
        ...groupStats(row, steps, gid === 0 ? keyOf(row) : {}),
      });
  }
  groups.sort((a, b) => b.entered - a.entered);
  series.sort(
    (a, b) =>
      a.bucket.localeCompare(b.bucket) ||
      JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)),
  );
  return {
    steps: steps.map((s) => ({ step: s.step, label: s.label, matches: s.matches })),
    windowMs: f.windowMs,
    order: query.order,
    by: query.by,
    byStep: query.byStep,
    interval: query.interval ?? null,
    actor: f.actorKind,
    total,
    groups,
    series,
  };
}
