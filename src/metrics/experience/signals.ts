// Silent experience signals, engagement actions and voice per person, each derived from named data
// (see docs/theory/experience-score.md for the table). One statement builds, for one as-of date,
// xp_sig in LONG form: one row per person, signal and source key the signal came from — code
// (signalCode: 1-based position in SIGNALS), n (occurrences), d (Σ value·0.5^(age/half-life), the
// recency decay computed in the same pass) and last_at (the latest occurrence) — plus code-0 rows
// for the activity: n = event and ticket rows, last_at = the latest visit or ticket; the rows with
// a NULL pidx gather the activity rows of every source no person could be found for
// (unattributed). Only non-zero signals are kept, and nothing is pivoted to one wide row per person.
// Rows are NOT merged per (person, signal): every consumer sums n and d per person anyway, and a
// GROUP BY over millions of (person, signal) pairs was the most expensive step of a run.
// Each source table is aggregated per key once, then attached to persons:
//   events   per user/anonymous id and code (event-keys.ts; an incremental run reads them from
//            score_event_keys instead)
//   orders   per customer record / e-mail     surveys, posts  per customer record / e-mail
//   tickets  per person (repeat contact needs the person's previous ticket)
//   ideas    per author, votes per voter
// Persons are keyed by pidx, a dense INTEGER index built once per run (xp_pid); every key kind is
// mapped to it once (xp_keys for events, xp_akeys for records and e-mails), so no part joins on a
// VARCHAR person id. Only rows in (as_of − lookback, as_of] count; facts known later (a delivery
// after as_of) are treated as not yet known. Parameters come from temp tables (signal-params.ts),
// never SQL text.
import { attachPersonSql } from '../../identity/index.js';
import {
  orderIsPurchaseSql,
  orderReturnedSql,
  type Store,
  ticketFirstAnswerSql,
  ticketReopensSql,
} from '../../store/index.js';
import { eventKeysInto, WINDOW_SLICE } from './event-keys.js';
import { DECAY_SQL, type Signal, signalCode } from './signal-codes.js';
import { doubleLiteral } from './sql-literals.js';

export {
  ACTIVITY_SIGNALS,
  BAD_SIGNALS,
  DECAY_SQL,
  EVENT_SIGNALS,
  eventCode,
  SIGNALS,
  type Signal,
  signalCode,
  signalOfCode,
} from './signal-codes.js';

/** The three aggregates of one signal over rows where `cond` holds (value `v`, time `at`). */
function agg(s: Signal, cond: string | undefined, at: string, v = '1.0', w = 'w'): string {
  const f = cond ? ` FILTER (WHERE ${cond})` : '';
  const n = cond ? `count(*)${f}` : 'count(*)';
  return `CAST(${n} AS INTEGER) AS ${s}_n, sum(${v} * ${w})${f} AS ${s}_d, max(${at})${f} AS ${s}_at`;
}

// activity rows attach to pidx through xp_akeys (person_keys of the record and e-mail kinds)
const PIDX = { table: 'xp_akeys', column: 'pidx' } as const;
const O = attachPersonSql('activity', 'o', PIDX);
const S = attachPersonSql('activity', 's', PIDX);
const X = attachPersonSql('activity', 'x', PIDX);
const T = attachPersonSql('activity', 't', PIDX);
const I = attachPersonSql('activity', 'i', PIDX);

const IN_WINDOW = (at: string) => `${at} > p.since AND ${at} <= p.as_of`;
const known = (at: string) => `CASE WHEN ${at} <= p.as_of THEN ${at} END`;
const BY_AS_OF = (at: string) => `${at} <= p.as_of`;

// Orders per customer, with the partners in their path (the persons each partner reached come
// from the same partials, kept as xp_orders: a list aggregate is cheaper than a partner key).
const ORDERS = (src: Sources) => `
  SELECT ${O.personId} AS pidx, o.* EXCLUDE (source, customer_id, customer_email) FROM (
    SELECT source, customer_id, customer_email, CAST(count(*) AS INTEGER) AS rows_n,
      list(partner_id) FILTER (WHERE partner_id IS NOT NULL) AS partners,
      ${agg('late_delivery', 'deliverable AND late', 'late_at', '1.0', DECAY_SQL('late_at'))},
      ${agg('on_time_delivery', 'deliverable AND NOT late AND delivered_at IS NOT NULL', 'delivered_at', '1.0', DECAY_SQL('delivered_at'))},
      ${agg('return_refund', 'returned', 'returned_at', '1.0', DECAY_SQL('returned_at'))},
      ${agg('partner_in_path', 'partner_id IS NOT NULL', 'placed_at', '1.0', 'w')},
      ${agg('purchase', 'is_purchase', 'placed_at', '1.0', 'w')}
    FROM (
      SELECT *, is_purchase AND deadline IS NOT NULL AS deliverable,
        CASE WHEN delivered_at IS NOT NULL THEN
               CASE WHEN late_by_day THEN CAST(delivered_at AS DATE) > CAST(deadline AS DATE) ELSE delivered_at > deadline END
             ELSE CASE WHEN late_by_day THEN CAST(as_of AS DATE) > CAST(deadline AS DATE) ELSE as_of > deadline END
        END AS late,
        coalesce(delivered_at, deadline) AS late_at
      FROM (
        SELECT o.source, o.customer_id, o.customer_email, o.placed_at, o.partner_id,
          ${orderIsPurchaseSql('o')} AS is_purchase,
          ${orderReturnedSql('o', BY_AS_OF)} AS returned,
          coalesce(o.returned_at, ${known('o.delivered_at')}, o.placed_at) AS returned_at,
          ${known('o.delivered_at')} AS delivered_at, o.promised_at + p.late_grace AS deadline,
          p.as_of, p.late_by_day, ${DECAY_SQL('o.placed_at')} AS w
        FROM ${src.orders} o, xp_p p WHERE ${IN_WINDOW('o.placed_at')}
      )
    ), xp_p p
    GROUP BY source, customer_id, customer_email
  ) o ${O.joins}`;

// Tickets: attached per row (repeat contact looks at the same person's previous ticket).
const TICKETS = (src: Sources) => `
  SELECT pidx, CAST(count(*) AS INTEGER) AS rows_n, max(opened_at) AS active_at,
    ${agg('slow_first_response', 'coalesce(first_response_at, p.as_of) > fr_due', 'fr_due', '1.0', DECAY_SQL('fr_due'))},
    ${agg('slow_resolution', 'coalesce(resolved_at, p.as_of) > res_due', 'res_due', '1.0', DECAY_SQL('res_due'))},
    ${agg('reopened_ticket', 'reopened > 0', 'reopen_at', '1.0', DECAY_SQL('reopen_at'))},
    ${agg('repeat_contact', 'pidx IS NOT NULL AND previous_at IS NOT NULL AND opened_at - previous_at <= p.repeat_contact', 'opened_at', '1.0', DECAY_SQL('opened_at'))},
    ${agg('ticket_csat', 'csat IS NOT NULL', 'coalesce(resolved_at, opened_at)', '(least(5, greatest(1, csat)) - 3) / 2.0', DECAY_SQL('coalesce(resolved_at, opened_at)'))},
    ${agg('complaint_ticket', 'complaint', 'opened_at', '1.0', DECAY_SQL('opened_at'))}
  FROM (
    SELECT *, lag(opened_at) OVER (PARTITION BY pidx ORDER BY opened_at) AS previous_at FROM (
      SELECT ${T.personId} AS pidx, t.opened_at,
        lower(coalesce(t.category, '')) IN (SELECT name FROM xp_names WHERE list = 'complaint_category') AS complaint,
        ${ticketFirstAnswerSql('t', BY_AS_OF)} AS first_response_at, ${known('t.resolved_at')} AS resolved_at,
        ${ticketReopensSql('t', BY_AS_OF)} AS reopened,
        coalesce(t.reopened_at, ${known('t.resolved_at')}, t.opened_at) AS reopen_at, t.csat,
        t.opened_at + p.sla_first_response AS fr_due, t.opened_at + p.sla_resolution AS res_due
      FROM ${src.tickets} t ${T.joins}, xp_p p
      WHERE ${IN_WINDOW('t.opened_at')})
  ), xp_p p
  GROUP BY pidx`;

// Survey answers on each kind's scale, mapped to −1..1: NPS (s − 7.5)/2.5 clipped (10 → +1,
// 5 → −1), CSAT (s − 3)/2, CES (s − 4)/3. Custom surveys count as answers, not as experience.
const SURVEYS = (src: Sources) => `
  SELECT ${S.personId} AS pidx, s.* EXCLUDE (source, customer_id, customer_email) FROM (
    SELECT source, customer_id, customer_email, CAST(count(*) AS INTEGER) AS rows_n,
      ${agg('survey_answer', undefined, 'responded_at')},
      ${agg('survey_nps', "kind = 'nps'", 'responded_at', 'least(1, greatest(-1, (score - 7.5) / 2.5))')},
      ${agg('survey_csat', "kind = 'csat'", 'responded_at', 'least(1, greatest(-1, (score - 3) / 2.0))')},
      ${agg('survey_ces', "kind = 'ces'", 'responded_at', 'least(1, greatest(-1, (score - 4) / 3.0))')}
    FROM (
      SELECT s.source, s.customer_id, s.customer_email, s.kind, s.score, s.responded_at, ${DECAY_SQL('s.responded_at')} AS w
      FROM ${src.survey_responses} s, xp_p p
      WHERE s.score IS NOT NULL AND ${IN_WINDOW('s.responded_at')})
    GROUP BY source, customer_id, customer_email
  ) s ${S.joins}`;

const POSTS = (src: Sources) => `
  SELECT ${X.personId} AS pidx, x.* EXCLUDE (source, customer_id, customer_email) FROM (
    SELECT source, customer_id, customer_email, CAST(count(*) AS INTEGER) AS rows_n,
      ${agg('review', 'is_review', 'posted_at')}, ${agg('post', 'NOT is_review', 'posted_at')}
    FROM (
      SELECT x.source, x.customer_id, x.customer_email, x.posted_at, ${DECAY_SQL('x.posted_at')} AS w,
        x.rating IS NOT NULL OR lower(x.channel) IN (SELECT name FROM xp_names WHERE list = 'review_channel') AS is_review
      FROM ${src.posts} x, xp_p p WHERE ${IN_WINDOW('x.posted_at')})
    GROUP BY source, customer_id, customer_email
  ) x ${X.joins}`;

const IDEAS = (src: Sources) => `
  SELECT ${I.personId} AS pidx, CAST(count(*) AS INTEGER) AS rows_n,
    ${agg('idea', undefined, 'i.created_at', '1.0', DECAY_SQL('i.created_at'))}
  FROM ${src.ideas} i ${I.joins}, xp_p p WHERE ${IN_WINDOW('i.created_at')}
  GROUP BY ALL`;

const VOTES = `
  SELECT pk.pidx, CAST(count(*) AS INTEGER) AS rows_n,
    ${agg('vote', undefined, 'v.created_at', '1.0', DECAY_SQL('v.created_at'))}
  FROM (SELECT i.source, unnest(i.voter_ids) AS voter, i.created_at FROM ideas i, xp_p p
        WHERE ${IN_WINDOW('i.created_at')}) v
  LEFT JOIN xp_akeys pk ON pk.key_kind = 'record' AND pk.key = v.source || ':' || v.voter, xp_p p
  GROUP BY ALL`;

/** Each wide per-key partial with the signals it yields (rows_n / active_at where flagged). */
const PARTS: {
  sql: (src: Sources) => string;
  signals: readonly Signal[];
  active: boolean;
}[] = [
  {
    sql: () => 'SELECT * FROM xp_orders',
    signals: ['late_delivery', 'on_time_delivery', 'return_refund', 'partner_in_path', 'purchase'],
    active: false,
  },
  {
    sql: TICKETS,
    signals: [
      'slow_first_response',
      'slow_resolution',
      'reopened_ticket',
      'repeat_contact',
      'ticket_csat',
      'complaint_ticket',
    ],
    active: true,
  },
  {
    sql: SURVEYS,
    signals: ['survey_answer', 'survey_nps', 'survey_csat', 'survey_ces'],
    active: false,
  },
  { sql: POSTS, signals: ['review', 'post'], active: false },
  { sql: IDEAS, signals: ['idea'], active: false },
  // votes read every idea: a voter's key is not the idea author's, which the sources filter on
  { sql: () => VOTES, signals: ['vote'], active: false },
];

/** Drops the temp tables and views of these names that exist (a name may be either). */
export async function dropTemp(store: Store, names: readonly string[]): Promise<void> {
  if (names.some((n) => !/^xp_[a-z0-9_]+$/.test(n))) throw new Error('dropTemp: not an xp_ name');
  const found = await store.all<{ name: string; type: string }>(
    `SELECT table_name AS name, table_type AS type FROM information_schema.tables
     WHERE table_catalog = 'temp' AND table_name IN (${names.map((n) => `'${n}'`).join(', ')})`,
  );
  if (found.length === 0) return;
  // one call for all (each statement is a round trip)
  await store.run(
    found
      .map((t) => `DROP ${t.type === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS temp.main.${t.name}`)
      .join('; '),
  );
}

/** The tables each part reads: the entity tables, or (scope 'dirty') copies of their rows that
 * may belong to the persons being recomputed (dirty-persons.ts). */
export type Sources = Record<'orders' | 'tickets' | 'survey_responses' | 'posts' | 'ideas', string>;

export const ALL_SOURCES: Sources = {
  orders: 'orders',
  tickets: 'tickets',
  survey_responses: 'survey_responses',
  posts: 'posts',
  ideas: 'ideas',
};

/**
 * Builds the person index of a fresh run: xp_pid (person_id, pidx: a dense INTEGER index) and
 * every person key mapped to it once, xp_keys (events: is_user, key) and xp_akeys (activity
 * rows: key_kind record | email, key).
 */
export async function buildPersonIndex(store: Store): Promise<void> {
  await dropTemp(store, ['xp_pid', 'xp_keys', 'xp_akeys']);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_pid AS
    SELECT person_id, CAST(row_number() OVER () AS INTEGER) AS pidx FROM persons`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_keys AS
    SELECT pk.key_kind = 'user_id' AS is_user, pk.key, m.pidx
    FROM person_keys pk JOIN xp_pid m USING (person_id) WHERE pk.key_kind IN ('user_id', 'anonymous_id')`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_akeys AS
    SELECT pk.key_kind, pk.key, m.pidx
    FROM person_keys pk JOIN xp_pid m USING (person_id) WHERE pk.key_kind IN ('record', 'email')`);
}

/** The person index of the last score run (score_state), as the view xp_pid; an incremental
 * run builds its key maps for the rows it reads (dirty-persons.ts). */
export async function loadPersonIndex(store: Store): Promise<void> {
  await dropTemp(store, ['xp_pid', 'xp_keys', 'xp_akeys']);
  await store.run('CREATE OR REPLACE TEMP VIEW xp_pid AS SELECT person_id, pidx FROM score_state');
}

/**
 * Builds xp_orders (order partials per customer, with pidx and the partners in their path) and
 * xp_sig (long form: pidx, code, n, d, last_at, part — 0 from events, 1 from the activity
 * tables; several rows per (pidx, code) where a person's signal came through several keys or
 * sources; code 0 rows hold each part's activity rows and latest activity) for the as-of date in
 * xp_p. Scope 'all' reads the whole window from the person index of buildPersonIndex, keeps the
 * events per key as xp_ev_keys (event-keys.ts) and the rows no person was found for (NULL pidx),
 * and returns their count. Scope 'dirty' builds the persons in xp_dirty only: events from the
 * stored per-key rows (score_event_keys), activity rows from `src` (markDirtyPersons' copies and
 * key maps) for xp_adirty and from person_signal_rows for the others — stored counts are decayed
 * to the run's reference date, `scale` brings them to the as-of date. The small tables' partials are aggregated per key on
 * their own few columns, then unpivoted to (pidx, code) rows with n > 0. no_return_after_bad is
 * derived per person by the scoring (it needs the person's latest bad signal and activity).
 */
export async function buildSignals(
  store: Store,
  scope: 'all' | 'dirty' = 'all',
  src: Sources = ALL_SOURCES,
  scale = 1,
): Promise<{ unattributed: number }> {
  const dirty = scope === 'dirty';
  const k = doubleLiteral(scale);
  let events: string;
  if (!dirty) {
    await eventKeysInto(store, 'xp_ev_keys', 'events', [WINDOW_SLICE], 'xp_keys');
    events = 'SELECT pidx, code, n, d, last_at FROM xp_ev_keys';
  } else {
    // netted per person and code: the occurrences that left the window are older than any left
    // in it, whichever key they came through, so the latest of all rows is still the latest
    events = `SELECT pidx, code, CAST(sum(n) AS INTEGER) AS n, sum(d) * ${k} AS d, max(last_at) AS last_at
      FROM score_event_keys WHERE pidx IN (SELECT pidx FROM xp_dirty)
      GROUP BY pidx, code HAVING sum(n) > 0`;
  }
  // activity rows: recomputed for xp_adirty; the other recomputed persons' are read back
  const activityOnly = dirty ? ' WHERE pidx IN (SELECT pidx FROM xp_adirty)' : '';
  await store.run(
    `CREATE OR REPLACE TEMP TABLE xp_orders AS SELECT * FROM (${ORDERS(src)})${activityOnly}`,
  );
  const ctes = PARTS.map((part, i) => `q${i} AS MATERIALIZED (${part.sql(src)})`);
  const unpivot = PARTS.flatMap((part, i) => [
    // the activity row: the part's rows (unattributed ones too) and, where flagged, the latest activity
    `SELECT pidx, 0 AS code, rows_n AS n, NULL::DOUBLE AS d, ${part.active ? 'active_at' : 'NULL::TIMESTAMP'} AS last_at FROM q${i}`,
    ...part.signals.map(
      (sg) =>
        `SELECT pidx, ${signalCode(sg)}, ${sg}_n, ${sg}_d, ${sg}_at FROM q${i} WHERE ${sg}_n > 0`,
    ),
  ]);
  const stored = dirty
    ? `UNION ALL SELECT pidx, signal, n, d * ${k}, last_at, 1 FROM person_signal_rows
         WHERE part = 1 AND pidx IN (SELECT pidx FROM xp_dirty EXCEPT SELECT pidx FROM xp_adirty)`
    : '';
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_sig AS
    WITH ${ctes.join(',\n    ')}
    SELECT pidx, CAST(code AS SMALLINT) AS code, CAST(n AS INTEGER) AS n, d, last_at, CAST(part AS SMALLINT) AS part
    FROM (SELECT *, 0 AS part FROM (${events})${dirty ? ' WHERE pidx IN (SELECT pidx FROM xp_dirty)' : ''}
      UNION ALL SELECT *, 1 FROM (${unpivot.join('\n      UNION ALL ')})${activityOnly}
      ${stored})`);
  if (dirty) return { unattributed: 0 };
  const row = await store.one<{ n: number }>(
    'SELECT coalesce(sum(n), 0) AS n FROM xp_sig WHERE pidx IS NULL AND code = 0',
  );
  return { unattributed: Number(row?.n ?? 0) };
}

/**
 * SQL: the activity rows in the window of xp_p that the parts count (code 0 n), attributed or
 * not (events: from the stored per-key rows); less the rows attributed to persons, it is the
 * unattributed count.
 */
export const WINDOW_ROWS_SQL = `SELECT
  (SELECT coalesce(sum(n), 0) FROM score_event_keys WHERE code = 0)
  + (SELECT count(*) FROM orders o, xp_p p WHERE ${IN_WINDOW('o.placed_at')})
  + (SELECT count(*) FROM tickets t, xp_p p WHERE ${IN_WINDOW('t.opened_at')})
  + (SELECT count(*) FROM survey_responses s, xp_p p WHERE s.score IS NOT NULL AND ${IN_WINDOW('s.responded_at')})
  + (SELECT count(*) FROM posts x, xp_p p WHERE ${IN_WINDOW('x.posted_at')})
  + (SELECT count(*) + coalesce(sum(len(i.voter_ids)), 0) FROM ideas i, xp_p p WHERE ${IN_WINDOW('i.created_at')}) AS n`;
