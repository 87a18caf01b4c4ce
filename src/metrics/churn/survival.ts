// Kaplan–Meier survival curves of customers by segment, with a log-rank test of "all segments
// share one curve" (src/models/survival). Time = days from acquisition (first activity or first
// subscription start) to the churn date, or to the data end for customers still active
// (censored). Segments are fixed at acquisition where they can be, so they cannot be caused by
// the outcome: partner and channel of the first order, plan of the first subscription; quadrant
// is the latest experience × engagement quadrant (person_scores); saved:<name> compares a saved
// segment's members with everyone else. Persons with no value fall in "(none)".

import { InputError } from '../../lib/errors.js';
import { kaplanMeier, logRankTest, survivalAt } from '../../models/index.js';
import type { Store } from '../../store/index.js';
import { describeDefinition } from './churn-rate.js';
import type { ChurnConfig } from './config.js';
import { isoDay } from './dates.js';
import { buildPopulation, LIFETIMES_TABLE, personRef } from './population.js';
import { type SurvivalBySegment, SurvivalSegment } from './schemas.js';
import { requireSegment } from './segments.js';

export const SURVIVAL_CHECKPOINTS_DAYS = [30, 90, 180, 365];
export const NO_SEGMENT = '(none)';

function firstOf(column: string, table: 'orders' | 'subscriptions', identity: boolean): string {
  const ref = personRef('activity', 'x', identity);
  const at = table === 'orders' ? 'placed_at' : 'started_at';
  return `SELECT ${ref.personId} AS person_id, CAST(arg_min(x.${column}, x.${at}) AS VARCHAR) AS grp
    FROM ${table} x ${ref.joins} GROUP BY 1`;
}

async function segmentSql(
  store: Store,
  segment: SurvivalSegment,
  identity: boolean,
): Promise<{ sql: string; params: string[] }> {
  if (segment.startsWith('saved:')) {
    const name = segment.slice('saved:'.length);
    await requireSegment(store, name);
    return {
      sql: `SELECT l.person_id, CASE WHEN m.person_id IS NULL THEN 'others' ELSE ? END AS grp
        FROM ${LIFETIMES_TABLE} l LEFT JOIN (SELECT DISTINCT person_id FROM segment_members WHERE segment = ?) m
        ON m.person_id = l.person_id`,
      params: [name, name],
    };
  }
  switch (segment) {
    case 'quadrant': {
      const n = await store.one<{ n: number }>('SELECT count(*) AS n FROM person_scores');
      if (!n?.n) {
        throw new InputError(
          'INPUT_NOT_COMPUTED',
          'survival by quadrant: no experience scores yet (run `cxlens scores` first)',
          { where: { field: 'by' } },
        );
      }
      return { sql: 'SELECT person_id, quadrant AS grp FROM person_scores', params: [] };
    }
    case 'partner':
      return { sql: firstOf('partner_id', 'orders', identity), params: [] };
    case 'channel':
      return { sql: firstOf('channel', 'orders', identity), params: [] };
    case 'plan':
      return { sql: firstOf('plan', 'subscriptions', identity), params: [] };
    default:
      throw new InputError('INPUT_BAD_SEGMENT', `survival: unknown segment "${segment}"`);
  }
}

export async function survivalBySegment(
  store: Store,
  cfg: ChurnConfig,
  segmentInput: SurvivalSegment,
): Promise<SurvivalBySegment> {
  const parsed = SurvivalSegment.safeParse(segmentInput);
  if (!parsed.success) {
    throw new InputError(
      'INPUT_BAD_SEGMENT',
      `survival: segment "${segmentInput}" (expected quadrant, partner, plan, channel or saved:<name>)`,
      { where: { field: 'by' } },
    );
  }
  const segment = parsed.data;
  const definition = describeDefinition(cfg);
  const pop = await buildPopulation(store, cfg);
  if (!pop) return { segment, definition, end: isoDay(new Date(0)), groups: [], logRank: null };
  const seg = await segmentSql(store, segment, pop.identity);
  const rows = await store.all<{ grp: string; days: number; churned: boolean }>(
    `SELECT coalesce(s.grp, '${NO_SEGMENT}') AS grp,
       date_diff('day', l.first_at, coalesce(l.churn_at, CAST(? AS DATE))) AS days,
       l.churn_at IS NOT NULL AS churned
     FROM ${LIFETIMES_TABLE} l LEFT JOIN (SELECT person_id, any_value(grp) AS grp FROM (${seg.sql}) GROUP BY 1) s
       ON s.person_id = l.person_id`,
    [isoDay(pop.end), ...seg.params],
  );
  const byGroup = new Map<string, { time: number[]; event: number[] }>();
  for (const r of rows) {
    let g = byGroup.get(r.grp);
    if (!g) {
      g = { time: [], event: [] };
      byGroup.set(r.grp, g);
    }
    g.time.push(Math.max(0, r.days));
    g.event.push(r.churned ? 1 : 0);
  }
  const groups = [...byGroup.entries()]
    .sort((a, b) => b[1].time.length - a[1].time.length || a[0].localeCompare(b[0]))
    .map(([group, data]) => {
      const curve = kaplanMeier(data);
      const maxTime = data.time.reduce((a, b) => Math.max(a, b), 0);
      const ends = (curve.rows.at(-1)?.survival ?? 1) === 0;
      return {
        group,
        n: data.time.length,
        churned: data.event.reduce((a, b) => a + b, 0),
        medianDays: curve.median,
        at: Object.fromEntries(
          SURVIVAL_CHECKPOINTS_DAYS.map((t) => [
            String(t),
            t <= maxTime || ends ? survivalAt(curve, t) : null,
          ]),
        ),
        curve: curve.rows.map((r) => ({
          days: r.time,
          atRisk: r.atRisk,
          events: r.events,
          survival: r.survival,
          lower: Number.isNaN(r.lower) ? null : r.lower,
          upper: Number.isNaN(r.upper) ? null : r.upper,
        })),
      };
    });
  let logRank: SurvivalBySegment['logRank'] = null;
  if (groups.length >= 2 && groups.some((g) => g.churned > 0)) {
    const time: number[] = [];
    const event: number[] = [];
    const group: string[] = [];
    for (const [name, data] of byGroup) {
      time.push(...data.time);
      event.push(...data.event);
      for (let i = 0; i < data.time.length; i++) group.push(name);
    }
    const lr = logRankTest({ time, event, group });
    logRank = { chiSquare: lr.chiSquare, degreesOfFreedom: lr.degreesOfFreedom, pValue: lr.pValue };
  }
  return { segment, definition, end: isoDay(pop.end), groups, logRank };
}
