// Cohort retention matrix: customers grouped by acquisition month c (month of first activity, or
// of the first subscription start), and for k = 0, 1, … months since:
//   retention(c, k) = customers of c not churned by the end of month c + k / cohort size
//   NRR(c, k) = Σ_i rev_i(c + k) / Σ_i rev_i(c)             (net revenue retention, expansion counts)
//   GRR(c, k) = Σ_i min(rev_i(c + k), rev_i(c)) / Σ_i rev_i(c)  (gross: expansion capped, ≤ 1)
// rev_i(m) is person i's order revenue in calendar month m (subscription definition: the MRR of
// the subscriptions running during m). A cell is complete once its month has ended and its churn
// is observable (end + N days ≤ data end for the inactivity rule). Customers already present
// when the data starts fall in its first cohort (left truncation). Theory: docs/theory/cohorts.md.
import type { Store } from '../../store/index.js';
import { describeDefinition, observationLagDays } from './churn-rate.js';
import type { ChurnConfig } from './config.js';
import { addDays, addMonths, isoDay, isoMonth, monthStart, toDate } from './dates.js';
import { ACTIVITY_TABLE, buildPopulation, LIFETIMES_TABLE, personRef } from './population.js';
import type { CohortCell, CohortRetention } from './schemas.js';

/** SQL for (person_id, m DATE month start, revenue) under the config's definition. */
export function personMonthRevenueSql(cfg: ChurnConfig, identity: boolean): string {
  if (cfg.definition.kind === 'inactivity') {
    return `SELECT person_id, CAST(date_trunc('month', day) AS DATE) AS m, sum(amount) AS revenue
      FROM ${ACTIVITY_TABLE} GROUP BY ALL`;
  }
  const ref = personRef('activity', 's', identity);
  return `SELECT person_id, m, sum(mrr) AS revenue FROM (
      SELECT ${ref.personId} AS person_id, coalesce(s.mrr, 0) AS mrr,
        unnest(generate_series(CAST(date_trunc('month', s.started_at) AS DATE),
          CAST(date_trunc('month', coalesce(s.ended_at, (SELECT max(day) FROM ${ACTIVITY_TABLE}), s.started_at)) AS DATE),
          INTERVAL 1 MONTH)) AS m
      FROM subscriptions s ${ref.joins})
    WHERE person_id IS NOT NULL GROUP BY ALL`;
}

export async function cohortRetention(store: Store, cfg: ChurnConfig): Promise<CohortRetention> {
  const pop = await buildPopulation(store, cfg);
  const definition = describeDefinition(cfg);
  if (!pop) return { definition, end: isoDay(new Date(0)), cohorts: [], cells: [] };
  const endMonth = monthStart(pop.end);
  const rows = await store.all<{
    cohort: unknown;
    k: number;
    size: number;
    retained: number;
    revenue: number;
    gross: number;
    base: number;
  }>(
    `WITH l AS (SELECT person_id, CAST(date_trunc('month', first_at) AS DATE) AS cohort, churn_at FROM ${LIFETIMES_TABLE}),
     cells AS (
       SELECT cohort, k, CAST(cohort + to_months(CAST(k AS INTEGER)) AS DATE) AS m FROM (
         SELECT cohort, unnest(range(0, date_diff('month', cohort, CAST(? AS DATE)) + 1)) AS k
         FROM (SELECT DISTINCT cohort FROM l))),
     pm AS (${personMonthRevenueSql(cfg, pop.identity)})
     SELECT c.cohort, c.k, count(*) AS size,
       count(*) FILTER (WHERE l.churn_at IS NULL OR l.churn_at >= c.m + INTERVAL 1 MONTH) AS retained,
       coalesce(sum(rk.revenue), 0) AS revenue,
       coalesce(sum(least(coalesce(rk.revenue, 0), coalesce(r0.revenue, 0))), 0) AS gross,
       coalesce(sum(r0.revenue), 0) AS base
     FROM cells c JOIN l ON l.cohort = c.cohort
     LEFT JOIN pm r0 ON r0.person_id = l.person_id AND r0.m = c.cohort
     LEFT JOIN pm rk ON rk.person_id = l.person_id AND rk.m = c.m
     GROUP BY c.cohort, c.k ORDER BY c.cohort, c.k`,
    [isoDay(endMonth)],
  );
  const lag = observationLagDays(cfg);
  const cells: CohortCell[] = rows.map((r) => {
    const cohort = toDate(r.cohort);
    const lastDay = addDays(addMonths(cohort, r.k + 1), -1);
    return {
      cohort: isoMonth(cohort),
      monthsSince: r.k,
      size: r.size,
      retained: r.retained,
      retention: r.size > 0 ? r.retained / r.size : null,
      revenue: r.revenue,
      netRevenueRetention: r.base > 0 ? r.revenue / r.base : null,
      grossRevenueRetention: r.base > 0 ? r.gross / r.base : null,
      complete: addDays(lastDay, lag).getTime() <= pop.end.getTime(),
    };
  });
  const cohorts = cells
    .filter((c) => c.monthsSince === 0)
    .map((c) => ({ cohort: c.cohort, size: c.size }));
  return { definition, end: isoDay(pop.end), cohorts, cells };
}
