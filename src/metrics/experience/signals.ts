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
//   events   per user/anonymous id: all events as activity (a bare GROUP BY), the signal-bearing
//            ones per (key, code) with three aggregates (count, decayed count, latest) — names
//            map to codes through the tiny xp_ev_names join, not CASE chains; checkout
//            abandonment from each key's lists of checkout starts and completions
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
import { ENGAGEMENT_SIGNALS, EXPERIENCE_SIGNALS } from './config.js';

/** Negative experience signals: what "a bad interaction" means for no_return_after_bad. */
export const BAD_SIGNALS = [
  'checkout_abandoned',
  'payment_failed',
  'error_event',
  'slow_page',
  'late_delivery',
  'return_refund',
  'slow_first_response',
  'slow_resolution',
  'reopened_ticket',
  'repeat_contact',
] as const;

/** Every signal kept per person (person_signals.signal is its 1-based position here). */
export const SIGNALS = [...EXPERIENCE_SIGNALS, ...ENGAGEMENT_SIGNALS, 'complaint_ticket'] as const;
export type Signal = (typeof SIGNALS)[number];

/** Code of a signal in xp_sig and person_signals: its 1-based position in SIGNALS (0 = activity). */
export const signalCode = (s: Signal): number => SIGNALS.indexOf(s) + 1;
/** Signal of a code (undefined for 0, the activity row, or an unknown code). */
export const signalOfCode = (code: number): Signal | undefined => SIGNALS[code - 1];

/** Signals read from track/page events. */
export const EVENT_SIGNALS = [
  'payment_failed',
  'error_event',
  'login',
  'like',
  'vote',
  'referral',
  'review',
  'slow_page',
] as const satisfies readonly Signal[];
/** Code of an event signal in xp_ev_names (its signal code). */
export const eventCode = (s: (typeof EVENT_SIGNALS)[number]) => signalCode(s);

/** Signals whose latest occurrence counts as the person being active. */
export const ACTIVITY_SIGNALS = ['purchase', 'survey_answer', 'post', 'review', 'idea'] as const;

/**
 * SQL: recency weight of timestamp `at` (0.5 per half-life before xp_p.as_of); `p` is how the
 * row of xp_p is reached ('p.' by default, '' where as_us and decay_per_us are plain columns).
 */
export const DECAY_SQL = (at: string, p = 'p.') =>
  `exp(least(0, epoch_us(${at}) - ${p}as_us) * ${p}decay_per_us)`;

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

// Events, per key (user id, else anonymous id): every event counts as activity (rows, latest
// visit; a bare GROUP BY over the table, no per-signal work). Only the events that carry a signal —
// track events whose name is in the tiny xp_ev_names table (an inner join: a semi-join on the
// name, which also maps it to the signal code), pages with a slow load time — are grouped per
// (key, code) with three aggregates: count, decayed count, latest.
const EVENT_ACTIVITY = `
  SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user, 0 AS code,
    CAST(count(*) AS INTEGER) AS n, NULL::DOUBLE AS d, max(e.timestamp) AS last_at
  FROM events e, xp_p p
  WHERE ${IN_WINDOW('e.timestamp')} AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL
  GROUP BY ALL`;
const EVENT_SIGNAL_KEYS = `
  SELECT key, is_user, c AS code, CAST(count(*) AS INTEGER) AS n, sum(${DECAY_SQL('t')}) AS d, max(t) AS last_at
  FROM (
    SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user, e.timestamp AS t, n.code AS c
    FROM events e JOIN xp_ev_names n ON n.name = e.event, xp_p p
    WHERE e.type = 'track' AND ${IN_WINDOW('e.timestamp')} AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL
    UNION ALL
    SELECT coalesce(e.user_id, e.anonymous_id), e.user_id IS NOT NULL, e.timestamp, ${eventCode('slow_page')}
    FROM events e, xp_p p
    WHERE e.type = 'page' AND e.properties IS NOT NULL AND ${IN_WINDOW('e.timestamp')}
      AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL
      AND TRY_CAST(json_extract_string(e.properties, p.slow_page_path) AS DOUBLE) > p.slow_page_ms
  ), xp_p p
  GROUP BY key, is_user, c`;

// Checkout abandoned: a start with no completion by the same key within the window (a completion
// at the same instant counts). Each key's starts and completions are gathered as two lists in one
// GROUP BY, and the starts with no completion in [start, start + window] are kept by a lambda —
// cheaper than a window over the key's checkout events, which needs a sort. Only starts whose
// window has passed by as_of count.
const CHECKOUT_KEYS = `
  SELECT key, is_user, ${signalCode('checkout_abandoned')} AS code, CAST(len(ab) AS INTEGER) AS n,
    list_sum(list_transform(ab, s -> ${DECAY_SQL('s', '')})) AS d, list_max(ab) AS last_at
  FROM (
    SELECT c.key, c.is_user, p.as_us, p.decay_per_us,
      list_filter(c.starts, s -> s + p.checkout_window <= p.as_of
        AND NOT coalesce(list_bool_or(list_transform(c.dones, x -> x >= s AND x <= s + p.checkout_window)), false)) AS ab
    FROM (
      SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user,
        list(e.timestamp) FILTER (WHERE n.list = 'checkout_started') AS starts,
        list(e.timestamp) FILTER (WHERE n.list = 'checkout_completed') AS dones
      FROM events e JOIN xp_names n ON n.name = e.event AND n.list IN ('checkout_started', 'checkout_completed'), xp_p p
      WHERE e.type = 'track' AND ${IN_WINDOW('e.timestamp')} AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL
      GROUP BY ALL HAVING starts IS NOT NULL
    ) c, xp_p p
  )
  WHERE len(ab) > 0`;

// Per-key long rows (signals, and the code-0 activity row) attached to persons once.
const EVENTS_LONG = `
  SELECT pk.pidx, k.code, k.n, k.d, k.last_at FROM (
    ${EVENT_ACTIVITY}
    UNION ALL
    ${EVENT_SIGNAL_KEYS}
    UNION ALL
    ${CHECKOUT_KEYS}
  ) k
  LEFT JOIN xp_keys pk ON pk.is_user = k.is_user AND pk.key = k.key`;

// Orders per customer, with the partners in their path (the persons each partner reached come
// from the same partials, kept as xp_orders: a list aggregate is cheaper than a partner key).
const ORDERS = `
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
        FROM orders o, xp_p p WHERE ${IN_WINDOW('o.placed_at')}
      )
    ), xp_p p
    GROUP BY source, customer_id, customer_email
  ) o ${O.joins}`;

// Tickets: attached per row (repeat contact looks at the same person's previous ticket).
const TICKETS = `
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
      FROM tickets t ${T.joins}, xp_p p
      WHERE ${IN_WINDOW('t.opened_at')})
  ), xp_p p
  GROUP BY pidx`;

// Survey answers on each kind's scale, mapped to −1..1: NPS (s − 7.5)/2.5 clipped (10 → +1,
// 5 → −1), CSAT (s − 3)/2, CES (s − 4)/3. Custom surveys count as answers, not as experience.
const SURVEYS = `
  SELECT ${S.personId} AS pidx, s.* EXCLUDE (source, customer_id, customer_email) FROM (
    SELECT source, customer_id, customer_email, CAST(count(*) AS INTEGER) AS rows_n,
      ${agg('survey_answer', undefined, 'responded_at')},
      ${agg('survey_nps', "kind = 'nps'", 'responded_at', 'least(1, greatest(-1, (score - 7.5) / 2.5))')},
      ${agg('survey_csat', "kind = 'csat'", 'responded_at', 'least(1, greatest(-1, (score - 3) / 2.0))')},
      ${agg('survey_ces', "kind = 'ces'", 'responded_at', 'least(1, greatest(-1, (score - 4) / 3.0))')}
    FROM (
      SELECT s.source, s.customer_id, s.customer_email, s.kind, s.score, s.responded_at, ${DECAY_SQL('s.responded_at')} AS w
      FROM survey_responses s, xp_p p
      WHERE s.score IS NOT NULL AND ${IN_WINDOW('s.responded_at')})
    GROUP BY source, customer_id, customer_email
  ) s ${S.joins}`;

const POSTS = `
  SELECT ${X.personId} AS pidx, x.* EXCLUDE (source, customer_id, customer_email) FROM (
    SELECT source, customer_id, customer_email, CAST(count(*) AS INTEGER) AS rows_n,
      ${agg('review', 'is_review', 'posted_at')}, ${agg('post', 'NOT is_review', 'posted_at')}
    FROM (
      SELECT x.source, x.customer_id, x.customer_email, x.posted_at, ${DECAY_SQL('x.posted_at')} AS w,
        x.rating IS NOT NULL OR lower(x.channel) IN (SELECT name FROM xp_names WHERE list = 'review_channel') AS is_review
      FROM posts x, xp_p p WHERE ${IN_WINDOW('x.posted_at')})
    GROUP BY source, customer_id, customer_email
  ) x ${X.joins}`;

const IDEAS = `
  SELECT ${I.personId} AS pidx, CAST(count(*) AS INTEGER) AS rows_n,
    ${agg('idea', undefined, 'i.created_at', '1.0', DECAY_SQL('i.created_at'))}
  FROM ideas i ${I.joins}, xp_p p WHERE ${IN_WINDOW('i.created_at')}
  GROUP BY ALL`;

const VOTES = `
  SELECT pk.pidx, CAST(count(*) AS INTEGER) AS rows_n,
    ${agg('vote', undefined, 'v.created_at', '1.0', DECAY_SQL('v.created_at'))}
  FROM (SELECT i.source, unnest(i.voter_ids) AS voter, i.created_at FROM ideas i, xp_p p
        WHERE ${IN_WINDOW('i.created_at')}) v
  LEFT JOIN xp_akeys pk ON pk.key_kind = 'record' AND pk.key = v.source || ':' || v.voter, xp_p p
  GROUP BY ALL`;

/** Each wide per-key partial with the signals it yields (rows_n / active_at where flagged). */
const PARTS: { sql: string; signals: readonly Signal[]; rows: boolean; active: boolean }[] = [
  {
    sql: 'SELECT * FROM xp_orders',
    signals: ['late_delivery', 'on_time_delivery', 'return_refund', 'partner_in_path', 'purchase'],
    rows: true,
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
    rows: true,
    active: true,
  },
  {
    sql: SURVEYS,
    signals: ['survey_answer', 'survey_nps', 'survey_csat', 'survey_ces'],
    rows: true,
    active: false,
  },
  { sql: POSTS, signals: ['review', 'post'], rows: true, active: false },
  { sql: IDEAS, signals: ['idea'], rows: true, active: false },
  { sql: VOTES, signals: ['vote'], rows: true, active: false },
];

/**
 * Builds xp_pid (person_id, pidx), the key maps xp_keys / xp_akeys, xp_orders (order partials
 * per customer, with pidx and the partners in their path) and xp_sig (long form: pidx,
 * code, n, d, last_at; several rows per (pidx, code) where a person's signal came through several
 * keys or sources) for the as-of date in xp_p; returns the activity rows no person was found for.
 * The small tables' partials are aggregated per key on their own few columns, then unpivoted to
 * (pidx, code) rows with n > 0. no_return_after_bad is added by scorePersons (it needs the
 * person's latest bad signal and latest activity over all sources).
 */
export async function buildSignals(store: Store): Promise<{ unattributed: number }> {
  // the dense person index of this run, and every person key mapped to it once
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_pid AS
    SELECT person_id, CAST(row_number() OVER () AS INTEGER) AS pidx FROM persons`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_keys AS
    SELECT pk.key_kind = 'user_id' AS is_user, pk.key, m.pidx
    FROM person_keys pk JOIN xp_pid m USING (person_id) WHERE pk.key_kind IN ('user_id', 'anonymous_id')`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_akeys AS
    SELECT pk.key_kind, pk.key, m.pidx
    FROM person_keys pk JOIN xp_pid m USING (person_id) WHERE pk.key_kind IN ('record', 'email')`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_orders AS ${ORDERS}`);
  const ctes = PARTS.map((part, i) => `q${i} AS MATERIALIZED (${part.sql})`);
  const unpivot = PARTS.flatMap((part, i) => [
    // the activity row: only where it carries a latest activity, or rows no person was found for
    `SELECT pidx, 0 AS code, rows_n AS n, NULL::DOUBLE AS d, ${part.active ? 'active_at' : 'NULL::TIMESTAMP'} AS last_at FROM q${i}${part.active ? '' : ' WHERE pidx IS NULL'}`,
    ...part.signals.map(
      (sg) =>
        `SELECT pidx, ${signalCode(sg)}, ${sg}_n, ${sg}_d, ${sg}_at FROM q${i} WHERE ${sg}_n > 0`,
    ),
  ]);
  // DuckDB's common-subplan optimiser would materialise the track events shared by the signal
  // and checkout branches (millions of rows) instead of scanning twice, which is cheaper here.
  await store.run("SET disabled_optimizers = 'common_subplan'");
  try {
    await store.run(`CREATE OR REPLACE TEMP TABLE xp_sig AS
      WITH ${ctes.join(',\n      ')}
      SELECT pidx, CAST(code AS SMALLINT) AS code, CAST(n AS INTEGER) AS n, d, last_at
      FROM (${EVENTS_LONG}
        UNION ALL ${unpivot.join('\n        UNION ALL ')})`);
  } finally {
    await store.run('RESET disabled_optimizers');
  }
  const row = await store.one<{ n: number }>(
    'SELECT coalesce(sum(n), 0) AS n FROM xp_sig WHERE pidx IS NULL AND code = 0',
  );
  return { unattributed: Number(row?.n ?? 0) };
}
