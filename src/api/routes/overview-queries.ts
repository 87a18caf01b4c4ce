// The overview's questions over the canonical tables: the span of the data in whole days, and
// daily KPI series for a period (row counts and imports come from the store's inventory).
// Parameterised SQL only; table and column names come from our own code, never from the request.
import {
  activitySpan,
  ORDERS_END_SQL,
  orderLateSql,
  type SqlParam,
  type Store,
} from '../../store/index.js';
import { isoDayOf, type Period } from './read-query.js';

const DAY_MS = 86_400_000;

/** First and last day with any activity (whole UTC days), or undefined for an empty store. */
export async function dataSpan(store: Store): Promise<Period | undefined> {
  const span = await activitySpan(store);
  if (!span) return undefined;
  const fromMs = Math.floor(span.first.getTime() / DAY_MS) * DAY_MS;
  const toMs = Math.floor(span.last.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  return { fromMs, toMs };
}

export interface KpiDef {
  key: string;
  label: string;
  unit: string;
  table: string;
  at: string;
  /** SQL aggregate over the rows of one day. */
  agg: string;
  /**
   * Whether the period value is the sum of the days (else it is recomputed over the period, and a
   * day or period with nothing to measure — no order that can be late — is null, not 0).
   */
  additive: boolean;
  /** Higher is better (colours the trend). */
  higherIsBetter: boolean;
  where?: string;
}

export const KPI_DEFS: readonly KpiDef[] = [
  {
    key: 'visitors',
    label: 'Visitors',
    unit: 'visitors',
    table: 'events',
    at: 'timestamp',
    agg: 'count(DISTINCT coalesce(anonymous_id, user_id))',
    additive: false,
    higherIsBetter: true,
  },
  {
    key: 'orders',
    label: 'Orders',
    unit: 'orders',
    table: 'orders',
    at: 'placed_at',
    agg: 'count(*)',
    additive: true,
    higherIsBetter: true,
  },
  {
    key: 'revenue',
    label: 'Revenue',
    unit: 'currency',
    table: 'orders',
    at: 'placed_at',
    agg: 'coalesce(sum(amount), 0)',
    additive: true,
    higherIsBetter: true,
  },
  {
    key: 'late_delivery_rate',
    label: 'Late deliveries',
    unit: 'share',
    table: 'orders',
    at: 'placed_at',
    // share of the orders that can be judged: delivered after the promised day, or still
    // undelivered past it at the end of the data
    agg: `avg(CAST(${orderLateSql('orders', ORDERS_END_SQL)} AS DOUBLE))`,
    additive: false,
    higherIsBetter: false,
  },
  {
    key: 'tickets',
    label: 'Support tickets',
    unit: 'tickets',
    table: 'tickets',
    at: 'opened_at',
    agg: 'count(*)',
    additive: true,
    higherIsBetter: false,
  },
  {
    key: 'survey_responses',
    label: 'Survey answers',
    unit: 'answers',
    table: 'survey_responses',
    at: 'responded_at',
    agg: 'count(*)',
    additive: true,
    higherIsBetter: true,
  },
  {
    key: 'posts',
    label: 'Posts and reviews',
    unit: 'posts',
    table: 'posts',
    at: 'posted_at',
    agg: 'count(*)',
    additive: true,
    higherIsBetter: true,
  },
  {
    key: 'ideas',
    label: 'Ideas',
    unit: 'ideas',
    table: 'ideas',
    at: 'created_at',
    agg: 'count(*)',
    additive: true,
    higherIsBetter: true,
  },
];

export interface KpiValue {
  key: string;
  label: string;
  unit: string;
  higherIsBetter: boolean;
  /** null for a rate with nothing to measure in the period. */
  value: number | null;
  /** The same KPI over the period of equal length just before (null: none, or nothing to measure). */
  previous: number | null;
  series: { day: string; value: number | null }[];
}

/**
 * One KPI over the period: its value, the daily series, and the value over the equally long
 * period before — only when the data covers that whole period (a half-empty one would fake growth).
 * Two queries: the daily series, and both period totals grouped by "is in the current period".
 */
export async function kpi(
  store: Store,
  def: KpiDef,
  period: Period,
  span: Period | undefined,
  source?: string,
): Promise<KpiValue> {
  const len = period.toMs - period.fromMs;
  const hasPrevious = span !== undefined && period.fromMs - len >= span.fromMs;
  const start = hasPrevious ? period.fromMs - len : period.fromMs;
  const at = `"${def.at}"`;
  const cond = `${at} >= ? AND ${at} < ?${source ? ' AND source = ?' : ''}${def.where ? ` AND ${def.where}` : ''}`;
  const args = (fromMs: number): SqlParam[] => [
    new Date(fromMs),
    new Date(period.toMs),
    ...(source ? [source] : []),
  ];
  const daily = await store.all<{ day: Date; v: number }>(
    `SELECT date_trunc('day', ${at}) AS day, ${def.agg} AS v FROM ${def.table} WHERE ${cond} GROUP BY 1 ORDER BY 1`,
    args(period.fromMs),
  );
  const totals = await store.all<{ current: boolean; v: number | null }>(
    `SELECT ${at} >= ? AS current, ${def.agg} AS v FROM ${def.table} WHERE ${cond} GROUP BY 1`,
    [new Date(period.fromMs), ...args(start)],
  );
  const empty = def.additive ? 0 : null;
  const num = (v: number | null | undefined) => (v === null || v === undefined ? empty : Number(v));
  const byDay = new Map(daily.map((d) => [isoDayOf(d.day.getTime()), num(d.v)]));
  const series: { day: string; value: number | null }[] = [];
  for (let t = period.fromMs; t < period.toMs; t += DAY_MS) {
    const day = isoDayOf(t);
    series.push({ day, value: byDay.get(day) ?? empty });
  }
  const total = (current: boolean) => num(totals.find((r) => r.current === current)?.v);
  return {
    key: def.key,
    label: def.label,
    unit: def.unit,
    higherIsBetter: def.higherIsBetter,
    value: total(true),
    previous: hasPrevious ? total(false) : null,
    series,
  };
}
