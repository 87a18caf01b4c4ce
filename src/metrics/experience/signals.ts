// Silent experience signals, engagement actions and voice per person, each derived from named data
// (see docs/theory/experience-score.md for the table). One statement builds, for one as-of date,
// xp_sig: ONE ROW PER PERSON with three columns per signal — <signal>_n (occurrences), <signal>_d
// (Σ value·0.5^(age/half-life), the recency decay computed in the same pass) and <signal>_at (the
// latest occurrence) — plus active_at (latest visit, order, ticket, answer, post or idea) and
// rows_n (activity rows). The row with a NULL person_id gathers what no person could be found for.
// Each source table is aggregated per key once, then attached to persons:
//   events   per user/anonymous id (one scan; checkout abandonment from a second, filtered scan)
//   orders   per customer record / e-mail     surveys, posts  per customer record / e-mail
//   tickets  per person (repeat contact needs the person's previous ticket)
//   ideas    per author, votes per voter
// The sums are additive, so the final GROUP BY person over the union is exact. Only rows in
// (as_of − lookback, as_of] count; facts known later (a delivery after as_of) are treated as not
// yet known. Parameters come from temp tables (signal-params.ts), never SQL text.
import { attachPersonSql } from '../../identity/index.js';
import type { Store } from '../../store/index.js';
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

/** Every signal kept per person (person_signals has _n, _d and _at columns for each). */
export const SIGNALS = [...EXPERIENCE_SIGNALS, ...ENGAGEMENT_SIGNALS, 'complaint_ticket'] as const;
export type Signal = (typeof SIGNALS)[number];

/** person_signals columns after person_id, in order: <signal>_n, <signal>_d, <signal>_at. */
export const SIGNAL_COLUMNS = SIGNALS.flatMap((s) => [`${s}_n`, `${s}_d`, `${s}_at`]);

/** Signals read from track/page events, in the code order of xp_ev_names. */
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
/** Code of an event signal in xp_ev_names (1-based). */
export const eventCode = (s: (typeof EVENT_SIGNALS)[number]) => EVENT_SIGNALS.indexOf(s) + 1;

/** Signals whose latest occurrence counts as the person being active. */
const ACTIVITY_SIGNALS = ['purchase', 'survey_answer', 'post', 'review', 'idea'] as const;

/** SQL: recency weight of timestamp `at` (0.5 per half-life before xp_p.as_of). */
export const DECAY_SQL = (at: string) =>
  `exp(least(0, epoch_us(${at}) - p.as_us) * p.decay_per_us)`;

/** The three aggregates of one signal over rows where `cond` holds (value `v`, time `at`). */
function agg(s: Signal, cond: string | undefined, at: string, v = '1.0', w = 'w'): string {
  const f = cond ? ` FILTER (WHERE ${cond})` : '';
  const n = cond ? `count(*)${f}` : 'count(*)';
  return `CAST(${n} AS INTEGER) AS ${s}_n, sum(${v} * ${w})${f} AS ${s}_d, max(${at})${f} AS ${s}_at`;
}

const O = attachPersonSql('activity', 'o');
const S = attachPersonSql('activity', 's');
const X = attachPersonSql('activity', 'x');
const T = attachPersonSql('activity', 't');
const I = attachPersonSql('activity', 'i');

const IN_WINDOW = (at: string) => `${at} > p.since AND ${at} <= p.as_of`;
const known = (at: string) => `CASE WHEN ${at} <= p.as_of THEN ${at} END`;

// Events, per key (user id, else anonymous id): every event counts as activity (rows_n,
// active_at); only the events that carry a signal — track events named in xp_ev_names, pages with
// a slow load time — feed the per-signal aggregates, so that scan stays small.
const KEY_JOIN = `LEFT JOIN person_keys pk
    ON pk.key_kind = CASE WHEN k.is_user THEN 'user_id' ELSE 'anonymous_id' END AND pk.key = k.key`;
const VISITS = `
  SELECT pk.person_id, k.rows_n, k.active_at FROM (
    SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user,
      CAST(count(*) AS INTEGER) AS rows_n, max(e.timestamp) AS active_at
    FROM events e, xp_p p
    WHERE ${IN_WINDOW('e.timestamp')} AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL
    GROUP BY ALL
  ) k ${KEY_JOIN}`;
const EVENTS = `
  SELECT pk.person_id, k.* EXCLUDE (key, is_user) FROM (
    SELECT key, is_user, ${EVENT_SIGNALS.map((s) => agg(s, `c = ${eventCode(s)}`, 't')).join(',\n      ')}
    FROM (
      SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user, e.timestamp AS t,
        n.code AS c, ${DECAY_SQL('e.timestamp')} AS w
      FROM events e JOIN xp_ev_names n ON n.name = e.event, xp_p p
      WHERE e.type = 'track' AND ${IN_WINDOW('e.timestamp')} AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL
      UNION ALL
      SELECT coalesce(e.user_id, e.anonymous_id), e.user_id IS NOT NULL, e.timestamp, ${eventCode('slow_page')},
        ${DECAY_SQL('e.timestamp')}
      FROM events e, xp_p p
      WHERE e.type = 'page' AND e.properties IS NOT NULL AND ${IN_WINDOW('e.timestamp')}
        AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL
        AND TRY_CAST(json_extract_string(e.properties, p.slow_page_path) AS DOUBLE) > p.slow_page_ms
    ) GROUP BY key, is_user
  ) k ${KEY_JOIN}`;

// Checkout abandoned: a start with no completion by the same key within the window; the next
// completion at or after each start comes from a window over the key's checkout events. Only
// starts whose window has passed by as_of count.
const CHECKOUT = `
  SELECT pk.person_id, k.* EXCLUDE (key, is_user) FROM (
    SELECT w.key, bool_or(w.is_user) AS is_user, ${agg('checkout_abandoned', undefined, 'w.t', '1.0', DECAY_SQL('w.t'))}
    FROM (
      SELECT *, min(CASE WHEN done THEN t END) OVER (PARTITION BY key ORDER BY t, done DESC
        ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_done
      FROM (
        SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user, e.timestamp AS t,
          n.list = 'checkout_completed' AS done
        FROM events e JOIN xp_names n ON n.name = e.event AND n.list IN ('checkout_started', 'checkout_completed'), xp_p p
        WHERE e.type = 'track' AND ${IN_WINDOW('e.timestamp')} AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL)
    ) w, xp_p p
    WHERE NOT w.done AND w.t + p.checkout_window <= p.as_of
      AND (w.next_done IS NULL OR w.next_done > w.t + p.checkout_window)
    GROUP BY w.key
  ) k ${KEY_JOIN}`;

// Orders: flags per row, aggregated per customer key (record id and e-mail), then attached.
const ORDERS = `
  SELECT ${O.personId} AS person_id, o.* EXCLUDE (source, customer_id, customer_email) FROM (
    SELECT source, customer_id, customer_email, CAST(count(*) AS INTEGER) AS rows_n,
      ${agg('late_delivery', 'deliverable AND late', 'late_at', '1.0', DECAY_SQL('late_at'))},
      ${agg('on_time_delivery', 'deliverable AND NOT late AND delivered_at IS NOT NULL', 'delivered_at', '1.0', DECAY_SQL('delivered_at'))},
      ${agg('return_refund', 'returned', 'returned_at', '1.0', DECAY_SQL('returned_at'))},
      ${agg('partner_in_path', 'partner_id IS NOT NULL', 'placed_at', '1.0', 'w')},
      ${agg('purchase', 'NOT cancelled', 'placed_at', '1.0', 'w')}
    FROM (
      SELECT *, NOT cancelled AND deadline IS NOT NULL AS deliverable,
        CASE WHEN delivered_at IS NOT NULL THEN
               CASE WHEN late_by_day THEN CAST(delivered_at AS DATE) > CAST(deadline AS DATE) ELSE delivered_at > deadline END
             ELSE CASE WHEN late_by_day THEN CAST(as_of AS DATE) > CAST(deadline AS DATE) ELSE as_of > deadline END
        END AS late,
        coalesce(delivered_at, deadline) AS late_at, coalesce(delivered_at, placed_at) AS returned_at
      FROM (
        SELECT o.source, o.customer_id, o.customer_email, o.placed_at, o.partner_id,
          coalesce(o.status, '') = 'cancelled' AS cancelled,
          coalesce(o.returned, false) OR o.status = 'returned' AS returned,
          ${known('o.delivered_at')} AS delivered_at, o.promised_at + p.late_grace AS deadline,
          p.as_of, p.late_by_day, ${DECAY_SQL('o.placed_at')} AS w
        FROM orders o, xp_p p WHERE ${IN_WINDOW('o.placed_at')}
      )
    ), xp_p p
    GROUP BY source, customer_id, customer_email
  ) o ${O.joins}`;

// Tickets: attached per row (repeat contact looks at the same person's previous ticket).
const TICKETS = `
  SELECT person_id, CAST(count(*) AS INTEGER) AS rows_n, max(opened_at) AS active_at,
    ${agg('slow_first_response', 'coalesce(first_response_at, p.as_of) > fr_due', 'fr_due', '1.0', DECAY_SQL('fr_due'))},
    ${agg('slow_resolution', 'coalesce(resolved_at, p.as_of) > res_due', 'res_due', '1.0', DECAY_SQL('res_due'))},
    ${agg('reopened_ticket', 'reopened > 0', 'coalesce(resolved_at, opened_at)', '1.0', DECAY_SQL('coalesce(resolved_at, opened_at)'))},
    ${agg('repeat_contact', 'person_id IS NOT NULL AND previous_at IS NOT NULL AND opened_at - previous_at <= p.repeat_contact', 'opened_at', '1.0', DECAY_SQL('opened_at'))},
    ${agg('ticket_csat', 'csat IS NOT NULL', 'coalesce(resolved_at, opened_at)', '(least(5, greatest(1, csat)) - 3) / 2.0', DECAY_SQL('coalesce(resolved_at, opened_at)'))},
    ${agg('complaint_ticket', 'complaint', 'opened_at', '1.0', DECAY_SQL('opened_at'))}
  FROM (
    SELECT *, lag(opened_at) OVER (PARTITION BY person_id ORDER BY opened_at) AS previous_at FROM (
      SELECT ${T.personId} AS person_id, t.opened_at,
        lower(coalesce(t.category, '')) IN (SELECT name FROM xp_names WHERE list = 'complaint_category') AS complaint,
        ${known('t.first_response_at')} AS first_response_at, ${known('t.resolved_at')} AS resolved_at,
        coalesce(t.reopened_count, 0) AS reopened, t.csat,
        t.opened_at + p.sla_first_response AS fr_due, t.opened_at + p.sla_resolution AS res_due
      FROM tickets t ${T.joins}, xp_p p
      WHERE ${IN_WINDOW('t.opened_at')})
  ), xp_p p
  GROUP BY person_id`;

// Survey answers on each kind's scale, mapped to −1..1: NPS (s − 7.5)/2.5 clipped (10 → +1,
// 5 → −1), CSAT (s − 3)/2, CES (s − 4)/3. Custom surveys count as answers, not as experience.
const SURVEYS = `
  SELECT ${S.personId} AS person_id, s.* EXCLUDE (source, customer_id, customer_email) FROM (
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
  SELECT ${X.personId} AS person_id, x.* EXCLUDE (source, customer_id, customer_email) FROM (
    SELECT source, customer_id, customer_email, CAST(count(*) AS INTEGER) AS rows_n,
      ${agg('review', 'is_review', 'posted_at')}, ${agg('post', 'NOT is_review', 'posted_at')}
    FROM (
      SELECT x.source, x.customer_id, x.customer_email, x.posted_at, ${DECAY_SQL('x.posted_at')} AS w,
        x.rating IS NOT NULL OR lower(x.channel) IN (SELECT name FROM xp_names WHERE list = 'review_channel') AS is_review
      FROM posts x, xp_p p WHERE ${IN_WINDOW('x.posted_at')})
    GROUP BY source, customer_id, customer_email
  ) x ${X.joins}`;

const IDEAS = `
  SELECT ${I.personId} AS person_id, CAST(count(*) AS INTEGER) AS rows_n,
    ${agg('idea', undefined, 'i.created_at', '1.0', DECAY_SQL('i.created_at'))}
  FROM ideas i ${I.joins}, xp_p p WHERE ${IN_WINDOW('i.created_at')}
  GROUP BY ALL`;

const VOTES = `
  SELECT pk.person_id, CAST(count(*) AS INTEGER) AS rows_n,
    ${agg('vote', undefined, 'v.created_at', '1.0', DECAY_SQL('v.created_at'))}
  FROM (SELECT i.source, unnest(i.voter_ids) AS voter, i.created_at FROM ideas i, xp_p p
        WHERE ${IN_WINDOW('i.created_at')}) v
  LEFT JOIN person_keys pk ON pk.key_kind = 'record' AND pk.key = v.source || ':' || v.voter, xp_p p
  GROUP BY ALL`;

const greatestOf = (cols: readonly string[]) => `greatest(${cols.join(', ')})`;

/** Each partial with the signals it yields (rows_n/active_at where `activity`). */
const PARTS: { sql: string; signals: readonly Signal[]; rows: boolean; active: boolean }[] = [
  { sql: VISITS, signals: [], rows: true, active: true },
  { sql: EVENTS, signals: EVENT_SIGNALS, rows: false, active: false },
  { sql: CHECKOUT, signals: ['checkout_abandoned'], rows: false, active: false },
  {
    sql: ORDERS,
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
 * Builds xp_sig for the as-of date in xp_p; returns the activity rows no person was found for.
 * Each partial is grouped per person on its own few columns (cheap), then all are LEFT JOINed to
 * persons; a last row with a NULL person_id carries the unattributed rows_n.
 */
export async function buildSignals(store: Store): Promise<{ unattributed: number }> {
  const ctes = PARTS.map((part, i) => {
    const cols = [
      ...(part.rows ? ['CAST(sum(rows_n) AS BIGINT) AS rows_n'] : []),
      ...(part.active ? ['max(active_at) AS active_at'] : []),
      ...part.signals.flatMap((sg) => [
        `CAST(sum(${sg}_n) AS INTEGER) AS ${sg}_n`,
        `sum(${sg}_d) AS ${sg}_d`,
        `max(${sg}_at) AS ${sg}_at`,
      ]),
    ];
    return `q${i} AS MATERIALIZED (SELECT person_id, ${cols.join(', ')} FROM (${part.sql}) GROUP BY person_id)`;
  });
  const from = (pred: (p: (typeof PARTS)[number]) => boolean) =>
    PARTS.map((p, i) => (pred(p) ? i : -1)).filter((i) => i >= 0);
  const combine = SIGNALS.filter((sg) => sg !== 'no_return_after_bad').map((sg) => {
    const parts = from((p) => p.signals.includes(sg));
    if (parts.length === 0) return `0 AS ${sg}_n, 0.0 AS ${sg}_d, NULL::TIMESTAMP AS ${sg}_at`;
    const sum = (c: string) => parts.map((i) => `coalesce(q${i}.${sg}_${c}, 0)`).join(' + ');
    const at = parts.map((i) => `q${i}.${sg}_at`).join(', ');
    return `CAST(${sum('n')} AS INTEGER) AS ${sg}_n, ${sum('d')} AS ${sg}_d, ${parts.length > 1 ? `greatest(${at})` : at} AS ${sg}_at`;
  });
  const rowsParts = from((p) => p.rows);
  const rows = rowsParts.map((i) => `coalesce(q${i}.rows_n, 0)`).join(' + ');
  const active = greatestOf(from((p) => p.active).map((i) => `q${i}.active_at`));
  const joins = PARTS.map((_, i) => `LEFT JOIN q${i} ON q${i}.person_id = x.person_id`).join(' ');
  const unattributed = rowsParts
    .map((i) => `(SELECT coalesce(sum(rows_n), 0) FROM q${i} WHERE person_id IS NULL)`)
    .join(' + ');
  const badAt = greatestOf(BAD_SIGNALS.map((sg) => `${sg}_at`));
  const activeAt = greatestOf(['active_at', ...ACTIVITY_SIGNALS.map((sg) => `${sg}_at`)]);
  const noReturn = `${badAt} + p.no_return <= p.as_of AND (${activeAt} IS NULL OR ${activeAt} <= ${badAt})`;
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_sig AS
    WITH ${ctes.join(',\n    ')},
    g AS (
      SELECT x.person_id, CAST(${rows} AS BIGINT) AS rows_n, ${active} AS active_at,
        ${combine.join(',\n        ')}
      FROM persons x ${joins}
    )
    SELECT g.* EXCLUDE (active_at), ${activeAt} AS active_at,
      CAST(CASE WHEN ${noReturn} THEN 1 ELSE 0 END AS INTEGER) AS no_return_after_bad_n,
      CASE WHEN ${noReturn} THEN ${DECAY_SQL(badAt)} ELSE 0.0 END AS no_return_after_bad_d,
      CASE WHEN ${noReturn} THEN ${badAt} END AS no_return_after_bad_at
    FROM g, xp_p p
    UNION ALL BY NAME
    SELECT NULL AS person_id, CAST(${unattributed} AS BIGINT) AS rows_n`);
  const row = await store.one<{ n: number }>(
    'SELECT coalesce(sum(rows_n), 0) AS n FROM xp_sig WHERE person_id IS NULL',
  );
  return { unattributed: Number(row?.n ?? 0) };
}
