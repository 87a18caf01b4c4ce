// Per-person churn-risk features as of a cutoff day C, built in SQL from rows dated on or before
// C only (nothing later can leak in), for the persons still customers at C. Families:
//   activity  tenure_days (since the earliest of first activity and the person's first record,
//             identity's first_seen_at), recency_days, active_days_30, active_days_90
//   orders    orders, orders_90d, spend, avg_order, late_deliveries (delivered after the promised
//             day, or still undelivered past it at C), late_share, returns
//   support   tickets, tickets_90d, sla_breaches (first response later than the SLA, or none yet
//             past it), reopens, ticket_csat
//   voice     surveys, survey_score (answers scaled to 0–1: NPS/10, (CSAT−1)/4, 1−(CES−1)/6), posts
//   web       visit_days, visit_days_30 (days with web/app events)
//   plan      plan, mrr (subscription running at C)
//   silence   bad_experiences = late_deliveries + sla_breaches + reopens; unvoiced_bad = the same
//             when the person never answered a survey nor posted (bad experience, no voice: the
//             silent at-risk pattern), else 0
//   scores    experience, engagement, silent_quadrant (0/1): the experience module's scores
//             recomputed as of C (scores.ts), never person_scores (as of the data end: a leak)
// Label (training only): churned as observed at C + H under the configured definition.
// Output: columns (typed arrays, NaN = missing), one statement per cutoff, never row objects.
// Returns and reopens count from their dates (returned_at, reopened_at); rows without those dates
// hold only their final state, which may lie after C (src/store/queries/dated-facts.ts).
import type { FeatureSpec } from '../../models/index.js';
import {
  type KnownBy,
  orderIsPurchaseSql,
  orderLateSql,
  orderReturnedSql,
  type Store,
  ticketFirstAnswerSql,
  ticketReopensSql,
} from '../../store/index.js';
import { readColumns } from './columns.js';
import type { ChurnConfig } from './config.js';
import { isoDay } from './dates.js';
import { ACTIVITY_TABLE, inactivityDays, lifetimesSql, personRef } from './population.js';

export const NUMERIC_FEATURES = [
  'tenure_days',
  'recency_days',
  'active_days_30',
  'active_days_90',
  'orders',
  'orders_90d',
  'spend',
  'avg_order',
  'late_deliveries',
  'late_share',
  'returns',
  'tickets',
  'tickets_90d',
  'sla_breaches',
  'reopens',
  'ticket_csat',
  'surveys',
  'survey_score',
  'posts',
  'visit_days',
  'visit_days_30',
  'mrr',
  'bad_experiences',
  'unvoiced_bad',
] as const;
export const SCORE_FEATURES = ['experience', 'engagement', 'silent_quadrant'] as const;
const LOG_FEATURES = new Set([
  'tenure_days',
  'recency_days',
  'orders',
  'spend',
  'avg_order',
  'visit_days',
  'mrr',
]);

/**
 * Feature columns of one snapshot, row i = one person (no row objects): numeric features as
 * Float64Array (NaN = missing), categoricals as strings, a stable per-person key (a hash of
 * person_id, for person-level splits across snapshots) and, when asked for, the 0/1 labels.
 */
export interface FeatureSet {
  n: number;
  keys: Float64Array;
  numeric: Record<string, Float64Array>;
  categorical: Record<string, (string | null)[]>;
  /** 0/1 churned within the horizon (when labels were asked for). */
  labels?: Uint8Array;
}

export interface FeatureBuildOptions {
  identity: boolean;
  /** Temp table (person_id, experience, engagement, silent_quadrant) scored as of the cutoff. */
  scoresTable?: string;
  /** Also label each row: churned as observed at cutoff + horizon. */
  label: boolean;
  /**
   * Keep the rows (person_id first, in row order) in this temp table, so results computed in
   * JS can be written back by a positional join without reading person ids into JS.
   */
  into?: string;
}

export function featureSpecs(useScores: boolean, present: ReadonlySet<string>): FeatureSpec[] {
  const numeric: FeatureSpec[] = [...NUMERIC_FEATURES, ...(useScores ? SCORE_FEATURES : [])]
    .filter((f) => present.has(f))
    .map((name) => ({
      name,
      kind: 'numeric',
      ...(LOG_FEATURES.has(name) ? { transform: 'log1p' as const } : {}),
    }));
  return present.has('plan') ? [...numeric, { name: 'plan', kind: 'categorical' }] : numeric;
}

/** Tables that have rows (features of empty tables are left out). */
export async function nonEmptyTables(
  store: Store,
  tables: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const t of tables) {
    const row = await store.one<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM ${t} LIMIT 1)`,
    );
    if ((row?.n ?? 0) > 0) out.add(t);
  }
  return out;
}

function featuresSql(
  cfg: ChurnConfig,
  o: FeatureBuildOptions,
  tables: ReadonlySet<string>,
): string {
  const ref = (alias: string) => personRef('activity', alias, o.identity);
  const ev = personRef('events', 'e', o.identity);
  // $1 = cutoff day, $2 = label day (cutoff + horizon), $3 = inactivity days, $4 = SLA hours
  const lo = ref('o');
  const t = ref('t');
  const sv = ref('s');
  const po = ref('p');
  const sb = ref('b');
  const parts: string[] = [];
  const joins: string[] = [];
  const add = (name: string, sql: string, cols: string) => {
    parts.push(`${name} AS (${sql})`);
    joins.push(`LEFT JOIN ${name} USING (person_id)`);
    return cols;
  };
  const d = (x: string) => `CAST(${x} AS DOUBLE)`;
  const cols: string[] = [
    `${d("date_diff('day', pop.since, CAST($1 AS DATE))")} AS tenure_days`,
    `${d("date_diff('day', pop.last_day, CAST($1 AS DATE))")} AS recency_days`,
    `${d('pop.active_days_30')} AS active_days_30`,
    `${d('pop.active_days_90')} AS active_days_90`,
  ];
  const upto = 'CAST($1 AS DATE) + INTERVAL 1 DAY';
  const before: KnownBy = (at) => `${at} < ${upto}`;
  // late as known at the end of day C: delivered late, or still undelivered past the promised day
  const endOfCutoff = `(${upto} - INTERVAL 1 MICROSECOND)`;
  cols.push(
    add(
      'ord',
      `SELECT ${lo.personId} AS person_id, count(*) FILTER (WHERE ${orderIsPurchaseSql('o')}) AS orders,
         count(*) FILTER (WHERE ${orderIsPurchaseSql('o')} AND o.placed_at >= CAST($1 AS DATE) - INTERVAL 89 DAY) AS orders_90d,
         sum(o.amount) AS spend, avg(o.amount) FILTER (WHERE ${orderIsPurchaseSql('o')}) AS avg_order,
         count(*) FILTER (WHERE ${orderLateSql('o', endOfCutoff)}) AS late_deliveries,
         count(${orderLateSql('o', endOfCutoff)}) AS delivered,
         count(*) FILTER (WHERE ${orderReturnedSql('o', before)}) AS returns
       FROM orders o ${lo.joins} WHERE o.placed_at < ${upto} GROUP BY 1`,
      `${d('coalesce(ord.orders, 0)')} AS orders, ${d('coalesce(ord.orders_90d, 0)')} AS orders_90d,
       ${d('coalesce(ord.spend, 0)')} AS spend, ${d('ord.avg_order')} AS avg_order,
       ${d('coalesce(ord.late_deliveries, 0)')} AS late_deliveries,
       ${d('CASE WHEN ord.delivered > 0 THEN ord.late_deliveries / ord.delivered END')} AS late_share,
       ${d('coalesce(ord.returns, 0)')} AS returns`,
    ),
  );
  const bad = ['coalesce(ord.late_deliveries, 0)'];
  const voice: string[] = [];
  if (tables.has('tickets')) {
    cols.push(
      add(
        'tix',
        `SELECT ${t.personId} AS person_id, count(*) AS tickets,
           count(*) FILTER (WHERE t.opened_at >= CAST($1 AS DATE) - INTERVAL 89 DAY) AS tickets_90d,
           count(*) FILTER (WHERE date_diff('minute', t.opened_at,
             coalesce(${ticketFirstAnswerSql('t', before)}, ${upto})) > $4 * 60) AS sla_breaches,
           sum(${ticketReopensSql('t', before)}) AS reopens,
           avg(t.csat) FILTER (WHERE t.resolved_at < ${upto}) AS ticket_csat
         FROM tickets t ${t.joins} WHERE t.opened_at < ${upto} GROUP BY 1`,
        `${d('coalesce(tix.tickets, 0)')} AS tickets, ${d('coalesce(tix.tickets_90d, 0)')} AS tickets_90d,
         ${d('coalesce(tix.sla_breaches, 0)')} AS sla_breaches, ${d('coalesce(tix.reopens, 0)')} AS reopens,
         ${d('tix.ticket_csat')} AS ticket_csat`,
      ),
    );
    bad.push('coalesce(tix.sla_breaches, 0)', 'coalesce(tix.reopens, 0)');
  }
  if (tables.has('survey_responses')) {
    cols.push(
      add(
        'srv',
        `SELECT ${sv.personId} AS person_id, count(*) AS surveys,
           avg(CASE lower(s.kind) WHEN 'nps' THEN s.score / 10 WHEN 'csat' THEN (s.score - 1) / 4
                                  WHEN 'ces' THEN 1 - (s.score - 1) / 6 END) AS survey_score
         FROM survey_responses s ${sv.joins} WHERE s.responded_at < ${upto} GROUP BY 1`,
        `${d('coalesce(srv.surveys, 0)')} AS surveys, ${d('srv.survey_score')} AS survey_score`,
      ),
    );
    voice.push('coalesce(srv.surveys, 0)');
  }
  if (tables.has('posts')) {
    cols.push(
      add(
        'pst',
        `SELECT ${po.personId} AS person_id, count(*) AS posts FROM posts p ${po.joins} WHERE p.posted_at < ${upto} GROUP BY 1`,
        `${d('coalesce(pst.posts, 0)')} AS posts`,
      ),
    );
    voice.push('coalesce(pst.posts, 0)');
  }
  if (tables.has('events')) {
    cols.push(
      add(
        'web',
        `SELECT person_id, count(*) AS visit_days,
           count(*) FILTER (WHERE day > CAST($1 AS DATE) - INTERVAL 30 DAY) AS visit_days_30
         FROM (SELECT DISTINCT ${ev.personId} AS person_id, CAST(e.timestamp AS DATE) AS day
               FROM events e ${ev.joins} WHERE e.timestamp < ${upto}) GROUP BY 1`,
        `${d('coalesce(web.visit_days, 0)')} AS visit_days, ${d('coalesce(web.visit_days_30, 0)')} AS visit_days_30`,
      ),
    );
  }
  if (tables.has('subscriptions')) {
    cols.push(
      add(
        'sub',
        `SELECT ${sb.personId} AS person_id, arg_max(b.plan, b.started_at) AS plan, sum(b.mrr) AS mrr
         FROM subscriptions b ${sb.joins}
         WHERE b.started_at < ${upto} AND (b.ended_at IS NULL OR b.ended_at >= ${upto}) GROUP BY 1`,
        `sub.plan, ${d('coalesce(sub.mrr, 0)')} AS mrr`,
      ),
    );
  }
  const badSql = bad.join(' + ');
  cols.push(`${d(badSql)} AS bad_experiences`);
  cols.push(
    `${d(voice.length ? `CASE WHEN ${voice.join(' + ')} = 0 THEN ${badSql} ELSE 0 END` : badSql)} AS unvoiced_bad`,
  );
  if (o.scoresTable) {
    joins.push(`LEFT JOIN ${o.scoresTable} sc USING (person_id)`);
    cols.push(
      `${d('sc.experience')} AS experience, ${d('sc.engagement')} AS engagement, ${d('sc.silent_quadrant')} AS silent_quadrant`,
    );
  }
  // The population at the cutoff and its activity features come from one pass over the activity
  // table (inactivity definition; the label too: churned at L = C + H ⇔ no activity day in
  // (L − N, L]); the subscription definition reads its lifetimes.
  const since = o.identity
    ? 'CASE WHEN p.first_seen_at < CAST($1 AS DATE) + INTERVAL 1 DAY THEN least(a.first_at, CAST(p.first_seen_at AS DATE)) ELSE a.first_at END'
    : 'a.first_at';
  const personJoin = o.identity ? 'LEFT JOIN persons p ON p.person_id = a.person_id' : '';
  let pop: string;
  let label = '';
  if (cfg.definition.kind === 'inactivity') {
    const through = o.label ? 'CAST($2 AS DATE)' : 'CAST($1 AS DATE)';
    pop = `SELECT a.person_id, ${since} AS since, a.last_day, a.active_days_30, a.active_days_90${o.label ? ', a.churned_label' : ''}
      FROM (SELECT person_id, min(day) AS first_at, max(day) FILTER (WHERE day <= CAST($1 AS DATE)) AS last_day,
              count(*) FILTER (WHERE day > CAST($1 AS DATE) - INTERVAL 30 DAY AND day <= CAST($1 AS DATE)) AS active_days_30,
              count(*) FILTER (WHERE day > CAST($1 AS DATE) - INTERVAL 90 DAY AND day <= CAST($1 AS DATE)) AS active_days_90
              ${o.label ? ', CAST(count(*) FILTER (WHERE day > CAST($2 AS DATE) - to_days(CAST($3 AS INTEGER))) = 0 AS DOUBLE) AS churned_label' : ''}
            FROM ${ACTIVITY_TABLE} WHERE is_activity AND day <= ${through} GROUP BY person_id
            HAVING last_day > CAST($1 AS DATE) - to_days(CAST($3 AS INTEGER))) a ${personJoin}`;
    if (o.label) label = ', pop.churned_label';
  } else {
    const lt1 = lifetimesSql(cfg, o.identity, '$1', '$3');
    pop = `SELECT a.person_id, ${since} AS since, act.last_day, act.active_days_30, act.active_days_90
      FROM (SELECT person_id, first_at FROM (${lt1}) WHERE churn_at IS NULL) a ${personJoin}
      LEFT JOIN (SELECT person_id, max(day) AS last_day,
              count(*) FILTER (WHERE day > CAST($1 AS DATE) - INTERVAL 30 DAY) AS active_days_30,
              count(*) FILTER (WHERE day > CAST($1 AS DATE) - INTERVAL 90 DAY) AS active_days_90
            FROM ${ACTIVITY_TABLE} WHERE day <= CAST($1 AS DATE) GROUP BY 1) act ON act.person_id = a.person_id`;
    if (o.label) {
      parts.push(`lab AS (${lifetimesSql(cfg, o.identity, '$2', '$3')})`);
      joins.push('LEFT JOIN lab USING (person_id)');
      label = ', CAST(lab.churn_at IS NOT NULL AS DOUBLE) AS churned_label';
    }
  }
  // every parameter is named once here so the statement always binds all four; training rows
  // come in a fixed order (by the person key) so the holdout split and the fits are repeatable
  return `WITH params AS (SELECT CAST($1 AS DATE) AS cutoff, CAST($2 AS DATE) AS label_day,
      CAST($3 AS INTEGER) AS days, CAST($4 AS DOUBLE) AS sla_hours),
    pop AS (${pop}),
    ${parts.join(',\n    ')}
    SELECT pop.person_id, CAST(hash(pop.person_id) % 9007199254740991 AS DOUBLE) AS person_key${label},
      ${cols.join(',\n      ')}
    FROM pop ${joins.join('\n    ')}${o.label ? '\n    ORDER BY person_key' : ''}`;
}

/** Builds the feature columns (and labels) as of `cutoff` for persons still customers then. */
export async function buildFeatures(
  store: Store,
  cfg: ChurnConfig,
  cutoff: Date,
  o: FeatureBuildOptions,
  tables: ReadonlySet<string>,
): Promise<FeatureSet> {
  const labelDay = new Date(cutoff.getTime() + cfg.horizon_days * 86_400_000);
  const params = [
    isoDay(cutoff),
    isoDay(labelDay),
    inactivityDays(cfg),
    cfg.sla.first_response_hours,
  ];
  const sql = featuresSql(cfg, o, tables);
  if (o.into) await store.run(`CREATE OR REPLACE TEMP TABLE ${o.into} AS ${sql}`, params);
  const r = await readColumns(
    store,
    o.into
      ? `SELECT * EXCLUDE (person_id) FROM ${o.into}`
      : `SELECT * EXCLUDE (person_id) FROM (${sql})`,
    o.into ? [] : params,
  );
  const set: FeatureSet = { n: r.n, keys: new Float64Array(0), numeric: {}, categorical: {} };
  r.names.forEach((name, j) => {
    if (name === 'person_key') set.keys = r.numeric[j]!;
    else if (name === 'churned_label')
      set.labels = Uint8Array.from(r.numeric[j]!, (v) => (v === 1 ? 1 : 0));
    else if (name === 'plan') set.categorical[name] = r.text[j]!;
    else set.numeric[name] = r.numeric[j]!;
  });
  return set;
}

/** Feature names that have at least one value in `set`. */
export function presentFeatures(set: FeatureSet): Set<string> {
  const out = new Set<string>();
  for (const [name, col] of Object.entries(set.numeric))
    if (col.some((v) => !Number.isNaN(v))) out.add(name);
  for (const [name, col] of Object.entries(set.categorical))
    if (col.some((v) => v !== null)) out.add(name);
  return out;
}

/** Concatenates the rows of several feature sets (same columns), e.g. training snapshots. */
export function concatFeatureSets(sets: readonly FeatureSet[]): FeatureSet {
  if (sets.length === 1) return sets[0]!;
  const n = sets.reduce((a, s) => a + s.n, 0);
  const cat = (get: (s: FeatureSet) => Float64Array | undefined) => {
    const out = new Float64Array(n).fill(Number.NaN);
    let at = 0;
    for (const s of sets) {
      const c = get(s);
      if (c) out.set(c, at);
      at += s.n;
    }
    return out;
  };
  const first = sets[0]!;
  const set: FeatureSet = { n, keys: cat((s) => s.keys), numeric: {}, categorical: {} };
  for (const name of Object.keys(first.numeric)) set.numeric[name] = cat((s) => s.numeric[name]);
  for (const name of Object.keys(first.categorical))
    set.categorical[name] = sets.flatMap(
      (s) => s.categorical[name] ?? new Array<null>(s.n).fill(null),
    );
  if (sets.every((s) => s.labels)) {
    const labels = new Uint8Array(n);
    let at = 0;
    for (const s of sets) {
      labels.set(s.labels!, at);
      at += s.n;
    }
    set.labels = labels;
  }
  return set;
}
