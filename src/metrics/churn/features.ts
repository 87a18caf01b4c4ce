// Per-person churn-risk features as of a cutoff day C, built in SQL from rows dated on or before
// C only (nothing later can leak in), for the persons still customers at C. Families:
//   activity  tenure_days (since the earliest of first activity and the person's first record,
//             identity's first_seen_at), recency_days, active_days_30, active_days_90
//   orders    orders, orders_90d, spend, avg_order, late_deliveries, late_share, returns
//   support   tickets, tickets_90d, sla_breaches (first response later than the SLA, or none yet
//             past it), reopens, ticket_csat
//   voice     surveys, survey_score (answers scaled to 0–1: NPS/10, (CSAT−1)/4, 1−(CES−1)/6), posts
//   web       visit_days, visit_days_30 (days with web/app events)
//   plan      plan, mrr (subscription running at C)
//   silence   bad_experiences = late_deliveries + sla_breaches + reopens; unvoiced_bad = the same
//             when the person never answered a survey nor posted (bad experience, no voice: the
//             silent at-risk pattern), else 0
//   scores    experience, engagement (person_scores, only when computed on or before the training
//             cutoff: later scores would carry the future into the training rows)
// Label (training only): churned as observed at C + H under the configured definition.
// Caveat: `returned` and `reopened_count` hold the row's final state (no dates in the schema).
import type { FeatureRow, FeatureSpec } from '../../models/index.js';
import type { Store } from '../../store/index.js';
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
export const SCORE_FEATURES = ['experience', 'engagement'] as const;
const LOG_FEATURES = new Set([
  'tenure_days',
  'recency_days',
  'orders',
  'spend',
  'avg_order',
  'visit_days',
  'mrr',
]);

export interface FeatureSet {
  personIds: string[];
  rows: FeatureRow[];
  /** 0/1 churned within the horizon (when labels were asked for). */
  labels?: Uint8Array;
}

export interface FeatureBuildOptions {
  identity: boolean;
  useScores: boolean;
  /** Also label each row: churned as observed at cutoff + horizon. */
  label: boolean;
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
  const cols: string[] = [
    "date_diff('day', pop.since, CAST($1 AS DATE)) AS tenure_days",
    "date_diff('day', act.last_day, CAST($1 AS DATE)) AS recency_days",
    'act.active_days_30',
    'act.active_days_90',
  ];
  const upto = 'CAST($1 AS DATE) + INTERVAL 1 DAY';
  cols.push(
    add(
      'ord',
      `SELECT ${lo.personId} AS person_id, count(*) AS orders,
         count(*) FILTER (WHERE o.placed_at >= CAST($1 AS DATE) - INTERVAL 89 DAY) AS orders_90d,
         sum(o.amount) AS spend, avg(o.amount) AS avg_order,
         count(*) FILTER (WHERE o.delivered_at < ${upto} AND CAST(o.delivered_at AS DATE) > CAST(o.promised_at AS DATE)) AS late_deliveries,
         count(*) FILTER (WHERE o.delivered_at < ${upto} AND o.promised_at IS NOT NULL) AS delivered,
         count(*) FILTER (WHERE o.returned) AS returns
       FROM orders o ${lo.joins} WHERE o.placed_at < ${upto} GROUP BY 1`,
      `coalesce(ord.orders, 0) AS orders, coalesce(ord.orders_90d, 0) AS orders_90d, coalesce(ord.spend, 0) AS spend,
       ord.avg_order, coalesce(ord.late_deliveries, 0) AS late_deliveries,
       CASE WHEN ord.delivered > 0 THEN ord.late_deliveries / ord.delivered END AS late_share,
       coalesce(ord.returns, 0) AS returns`,
    ),
  );
  if (tables.has('tickets')) {
    cols.push(
      add(
        'tix',
        `SELECT ${t.personId} AS person_id, count(*) AS tickets,
           count(*) FILTER (WHERE t.opened_at >= CAST($1 AS DATE) - INTERVAL 89 DAY) AS tickets_90d,
           count(*) FILTER (WHERE date_diff('minute', t.opened_at,
             CASE WHEN t.first_response_at < ${upto} THEN t.first_response_at ELSE ${upto} END) > $4 * 60) AS sla_breaches,
           sum(coalesce(t.reopened_count, 0)) AS reopens,
           avg(t.csat) FILTER (WHERE t.resolved_at < ${upto}) AS ticket_csat
         FROM tickets t ${t.joins} WHERE t.opened_at < ${upto} GROUP BY 1`,
        `coalesce(tix.tickets, 0) AS tickets, coalesce(tix.tickets_90d, 0) AS tickets_90d,
         coalesce(tix.sla_breaches, 0) AS sla_breaches, coalesce(tix.reopens, 0) AS reopens, tix.ticket_csat`,
      ),
    );
  }
  if (tables.has('survey_responses')) {
    cols.push(
      add(
        'srv',
        `SELECT ${sv.personId} AS person_id, count(*) AS surveys,
           avg(CASE lower(s.kind) WHEN 'nps' THEN s.score / 10 WHEN 'csat' THEN (s.score - 1) / 4
                                  WHEN 'ces' THEN 1 - (s.score - 1) / 6 END) AS survey_score
         FROM survey_responses s ${sv.joins} WHERE s.responded_at < ${upto} GROUP BY 1`,
        'coalesce(srv.surveys, 0) AS surveys, srv.survey_score',
      ),
    );
  }
  if (tables.has('posts')) {
    cols.push(
      add(
        'pst',
        `SELECT ${po.personId} AS person_id, count(*) AS posts FROM posts p ${po.joins} WHERE p.posted_at < ${upto} GROUP BY 1`,
        'coalesce(pst.posts, 0) AS posts',
      ),
    );
  }
  if (tables.has('events')) {
    cols.push(
      add(
        'web',
        `SELECT ${ev.personId} AS person_id, count(DISTINCT CAST(e.timestamp AS DATE)) AS visit_days,
           count(DISTINCT CAST(e.timestamp AS DATE)) FILTER (WHERE e.timestamp >= CAST($1 AS DATE) - INTERVAL 29 DAY) AS visit_days_30
         FROM events e ${ev.joins} WHERE e.timestamp < ${upto} GROUP BY 1`,
        'coalesce(web.visit_days, 0) AS visit_days, coalesce(web.visit_days_30, 0) AS visit_days_30',
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
        'sub.plan, coalesce(sub.mrr, 0) AS mrr',
      ),
    );
  }
  if (o.useScores) {
    cols.push(
      add(
        'sc',
        'SELECT person_id, any_value(experience) AS experience, any_value(engagement) AS engagement FROM person_scores GROUP BY 1',
        'sc.experience, sc.engagement',
      ),
    );
  }
  const lt1 = lifetimesSql(cfg, o.identity, '$1', '$3');
  const lt2 = lifetimesSql(cfg, o.identity, '$2', '$3');
  if (o.label) {
    parts.push(`lab AS (${lt2})`);
    joins.push('LEFT JOIN lab USING (person_id)');
    cols.push('coalesce(lab.churn_at IS NOT NULL, false) AS churned_label');
  }
  // every parameter is named once here so the statement always binds all four
  return `WITH params AS (SELECT CAST($1 AS DATE) AS cutoff, CAST($2 AS DATE) AS label_day,
      CAST($3 AS INTEGER) AS days, CAST($4 AS DOUBLE) AS sla_hours),
    pop AS (SELECT l.person_id, ${
      o.identity
        ? 'CASE WHEN p.first_seen_at < CAST($1 AS DATE) + INTERVAL 1 DAY THEN least(l.first_at, CAST(p.first_seen_at AS DATE)) ELSE l.first_at END'
        : 'l.first_at'
    } AS since
      FROM (${lt1}) l ${o.identity ? 'LEFT JOIN persons p ON p.person_id = l.person_id' : ''} WHERE l.churn_at IS NULL),
    act AS (SELECT person_id, max(day) AS last_day,
              count(*) FILTER (WHERE day > CAST($1 AS DATE) - INTERVAL 30 DAY) AS active_days_30,
              count(*) FILTER (WHERE day > CAST($1 AS DATE) - INTERVAL 90 DAY) AS active_days_90
            FROM ${ACTIVITY_TABLE} WHERE is_activity AND day <= CAST($1 AS DATE) GROUP BY 1),
    ${parts.join(',\n    ')}
    SELECT pop.person_id, ${cols.join(',\n      ')}
    FROM pop LEFT JOIN act USING (person_id) ${joins.join('\n    ')}
    ORDER BY pop.person_id`;
}

function num(v: number | string | null | undefined): number {
  return typeof v === 'number' ? v : 0;
}

/** Builds the feature rows (and labels) as of `cutoff` for persons still customers then. */
export async function buildFeatures(
  store: Store,
  cfg: ChurnConfig,
  cutoff: Date,
  o: FeatureBuildOptions,
  tables: ReadonlySet<string>,
): Promise<FeatureSet> {
  const labelDay = new Date(cutoff.getTime() + cfg.horizon_days * 86_400_000);
  const sql = featuresSql(cfg, o, tables);
  const reader = await store.conn.runAndReadAll(sql, [
    isoDay(cutoff),
    isoDay(labelDay),
    inactivityDays(cfg),
    cfg.sla.first_response_hours,
  ]);
  const columns = reader.columnNames();
  const data = reader.getColumnsJS() as unknown[][];
  const n = reader.currentRowCount;
  const personIds = (data[0] ?? []).map(String);
  const labelIndex = columns.indexOf('churned_label');
  const featureCols = columns
    .map((c, j) => ({ c, j }))
    .filter(({ j }) => j > 0 && j !== labelIndex);
  const rows: FeatureRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, number | string | null> = {};
    for (const { c, j } of featureCols) {
      const v = data[j]?.[i];
      row[c] =
        v === null || v === undefined
          ? null
          : typeof v === 'bigint'
            ? Number(v)
            : (v as number | string);
    }
    const bad = num(row.late_deliveries) + num(row.sla_breaches) + num(row.reopens);
    row.bad_experiences = bad;
    row.unvoiced_bad = num(row.surveys) + num(row.posts) === 0 ? bad : 0;
    rows[i] = row;
  }
  const labels =
    labelIndex >= 0 ? Uint8Array.from(data[labelIndex] ?? [], (v) => (v ? 1 : 0)) : undefined;
  return { personIds, rows, ...(labels ? { labels } : {}) };
}
