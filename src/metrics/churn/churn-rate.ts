// Monthly churn rate: churned in month m / customers active at the start of m (acquired before m
// and not churned before m), with the Wilson 95 % score interval, and its trend over the complete
// months (Mann–Kendall test with Sen's slope, trend.ts). Customers acquired during m are not in
// its denominator, so a customer who arrives and leaves in the same month counts from the next
// report on. The observation end is the data end; a month is complete once every churn in it
// is observable (for the inactivity rule: month end + N days ≤ data end). Theory:
// docs/theory/churn-rate.md.
import type { Store } from '../../store/index.js';
import { wilsonInterval } from '../stats/proportion.js';
import type { ChurnConfig } from './config.js';
import { addDays, addMonths, isoDay, isoMonth, monthStart, parseDay, toDate } from './dates.js';
import { buildPopulation, LIFETIMES_TABLE } from './population.js';
import { type ChurnRateMonth, ChurnRateOptions, type ChurnRates } from './schemas.js';
import { mannKendall } from './trend.js';

export function describeDefinition(cfg: ChurnConfig): string {
  return cfg.definition.kind === 'inactivity'
    ? `no activity (${cfg.activity.join(', ')}) for ${cfg.definition.days} days`
    : 'all subscriptions ended';
}

/** Days after a month's end before all its churn is visible. */
export function observationLagDays(cfg: ChurnConfig): number {
  return cfg.definition.kind === 'inactivity' ? cfg.definition.days : 0;
}

export async function churnRates(
  store: Store,
  cfg: ChurnConfig,
  options: ChurnRateOptions = {},
): Promise<ChurnRates> {
  const opts = ChurnRateOptions.parse(options);
  const pop = await buildPopulation(store, cfg);
  if (!pop)
    return {
      definition: describeDefinition(cfg),
      end: isoDay(new Date(0)),
      months: [],
      trend: null,
    };
  const first = await store.one<{ d: unknown }>(
    `SELECT min(first_at) AS d FROM ${LIFETIMES_TABLE}`,
  );
  const from = monthStart(opts.from ? parseDay(opts.from, 'from') : toDate(first?.d));
  const to = monthStart(opts.to ? parseDay(opts.to, 'to') : pop.end);
  const rows = await store.all<{ m: unknown; active: number; churned: number; acquired: number }>(
    `WITH months AS (
       SELECT CAST(m AS DATE) AS m FROM generate_series(CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 MONTH) t(m))
     SELECT months.m,
       count(l.person_id) FILTER (WHERE l.first_at < months.m AND (l.churn_at IS NULL OR l.churn_at >= months.m)) AS active,
       count(l.person_id) FILTER (WHERE l.first_at < months.m AND l.churn_at >= months.m
                                 AND l.churn_at < months.m + INTERVAL 1 MONTH) AS churned,
       count(l.person_id) FILTER (WHERE l.first_at >= months.m AND l.first_at < months.m + INTERVAL 1 MONTH) AS acquired
     FROM months LEFT JOIN ${LIFETIMES_TABLE} l ON true
     GROUP BY months.m ORDER BY months.m`,
    [isoDay(from), isoDay(to)],
  );
  const lag = observationLagDays(cfg);
  const months: ChurnRateMonth[] = rows.map((r) => {
    const m = toDate(r.m);
    const lastDay = addDays(addMonths(m, 1), -1);
    const ci = wilsonInterval(r.churned, r.active);
    return {
      month: isoMonth(m),
      activeAtStart: r.active,
      churned: r.churned,
      acquired: r.acquired,
      rate: ci.rate,
      low: ci.low,
      high: ci.high,
      complete: addDays(lastDay, lag).getTime() <= pop.end.getTime(),
    };
  });
  const series = months.filter((m) => m.complete && m.rate !== null).map((m) => m.rate as number);
  return {
    definition: describeDefinition(cfg),
    end: isoDay(pop.end),
    months,
    trend: mannKendall(series),
  };
}
