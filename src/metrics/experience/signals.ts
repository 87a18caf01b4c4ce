// Silent experience signals, engagement actions and voice per person, each derived from named data
// (see docs/theory/experience-score.md for the table). Builds, for one as-of date:
//   xp_occ    one row per occurrence from orders, tickets, survey_responses, posts, ideas
//             (person via identity's person_keys; NULL person = unattributed)
//   xp_ev     events aggregated per user/anonymous key and signal first (10M rows → ~1M groups),
//             then joined to person_keys — the decayed sums are additive, so this is exact
//   xp_sig    person × signal: n, decayed = Σ value·0.5^(age/half-life), last_at
//   xp_active person → latest activity up to as_of
// Only rows in (as_of − lookback, as_of] count; facts known later (a delivery after as_of) are
// treated as not yet known. Parameters come from temp tables (signal-params.ts), never SQL text.
import { attachPersonSql } from '../../identity/index.js';
import type { Store } from '../../store/index.js';
import { DECAY_SQL } from './signal-params.js';

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

const O = attachPersonSql('activity', 'o');
const T = attachPersonSql('activity', 't');
const S = attachPersonSql('activity', 's');
const X = attachPersonSql('activity', 'x');
const I = attachPersonSql('activity', 'i');

const IN_WINDOW = (at: string) => `${at} > p.since AND ${at} <= p.as_of`;
const known = (at: string) => `CASE WHEN ${at} <= p.as_of THEN ${at} END`;

const ORDERS = `
  WITH o AS (
    SELECT ${O.personId} AS person_id, o.placed_at, o.partner_id, o.status,
      coalesce(o.returned, false) OR o.status = 'returned' AS returned,
      ${known('o.delivered_at')} AS delivered_at,
      o.promised_at + to_microseconds(CAST(p.late_grace_hours * 3600e6 AS BIGINT)) AS deadline,
      p.late_by_day, p.as_of
    FROM orders o ${O.joins}, xp_p p
    WHERE ${IN_WINDOW('o.placed_at')}
  ), d AS (
    SELECT *, coalesce(status, '') <> 'cancelled' AND deadline IS NOT NULL AS deliverable,
      CASE WHEN delivered_at IS NOT NULL THEN
             CASE WHEN late_by_day THEN CAST(delivered_at AS DATE) > CAST(deadline AS DATE) ELSE delivered_at > deadline END
           ELSE CASE WHEN late_by_day THEN CAST(as_of AS DATE) > CAST(deadline AS DATE)
                     ELSE as_of > deadline END
      END AS late
    FROM o
  )
  SELECT person_id, 'late_delivery', coalesce(delivered_at, deadline), 1.0 FROM d WHERE deliverable AND late
  UNION ALL SELECT person_id, 'on_time_delivery', delivered_at, 1.0 FROM d
    WHERE deliverable AND NOT late AND delivered_at IS NOT NULL
  UNION ALL SELECT person_id, 'return_refund', coalesce(delivered_at, placed_at), 1.0 FROM d WHERE returned
  UNION ALL SELECT person_id, 'partner_in_path', placed_at, 1.0 FROM d WHERE partner_id IS NOT NULL
  UNION ALL SELECT person_id, 'purchase', placed_at, 1.0 FROM d WHERE coalesce(status, '') <> 'cancelled'`;

const TICKETS = `
  WITH t AS (
    SELECT ${T.personId} AS person_id, t.opened_at, lower(coalesce(t.category, '')) AS category,
      ${known('t.first_response_at')} AS first_response_at, ${known('t.resolved_at')} AS resolved_at,
      coalesce(t.reopened_count, 0) AS reopened, t.csat,
      t.opened_at + to_microseconds(CAST(p.sla_first_response_hours * 3600e6 AS BIGINT)) AS fr_due,
      t.opened_at + to_microseconds(CAST(p.sla_resolution_hours * 3600e6 AS BIGINT)) AS res_due,
      p.repeat_contact_days, p.as_of
    FROM tickets t ${T.joins}, xp_p p
    WHERE ${IN_WINDOW('t.opened_at')}
  ), r AS (
    SELECT *, lag(opened_at) OVER (PARTITION BY person_id ORDER BY opened_at) AS previous_at FROM t
  )
  SELECT person_id, 'slow_first_response', fr_due, 1.0 FROM r
    WHERE coalesce(first_response_at, as_of) > fr_due
  UNION ALL SELECT person_id, 'slow_resolution', res_due, 1.0 FROM r
    WHERE coalesce(resolved_at, as_of) > res_due
  UNION ALL SELECT person_id, 'reopened_ticket', coalesce(resolved_at, opened_at), 1.0 FROM r WHERE reopened > 0
  UNION ALL SELECT person_id, 'repeat_contact', opened_at, 1.0 FROM r
    WHERE person_id IS NOT NULL AND previous_at IS NOT NULL
      AND opened_at - previous_at <= to_microseconds(CAST(repeat_contact_days * 86400e6 AS BIGINT))
  UNION ALL SELECT person_id, 'ticket_csat', coalesce(resolved_at, opened_at), (least(5, greatest(1, csat)) - 3) / 2.0
    FROM r WHERE csat IS NOT NULL
  UNION ALL SELECT person_id, 'complaint_ticket', opened_at, 1.0 FROM r
    WHERE category IN (SELECT name FROM xp_names WHERE list = 'complaint_category')
  UNION ALL SELECT person_id, 'contact', opened_at, 1.0 FROM r`;

// Survey answers on each kind's scale, mapped to −1..1: NPS (s − 7.5)/2.5 clipped (10 → +1,
// 5 → −1), CSAT (s − 3)/2, CES (s − 4)/3. Custom surveys count as answers, not as experience.
const SURVEYS = `
  WITH s AS (
    SELECT ${S.personId} AS person_id, s.kind, s.score, s.responded_at
    FROM survey_responses s ${S.joins}, xp_p p
    WHERE s.score IS NOT NULL AND ${IN_WINDOW('s.responded_at')}
  )
  SELECT person_id, 'survey_answer', responded_at, 1.0 FROM s
  UNION ALL SELECT person_id, 'survey_' || kind, responded_at,
    CASE kind WHEN 'nps' THEN least(1, greatest(-1, (score - 7.5) / 2.5))
              WHEN 'csat' THEN least(1, greatest(-1, (score - 3) / 2.0))
              ELSE least(1, greatest(-1, (score - 4) / 3.0)) END
    FROM s WHERE kind IN ('nps', 'csat', 'ces')`;

const POSTS = `
  SELECT ${X.personId} AS person_id,
    CASE WHEN x.rating IS NOT NULL OR lower(x.channel) IN (SELECT name FROM xp_names WHERE list = 'review_channel')
         THEN 'review' ELSE 'post' END, x.posted_at, 1.0
  FROM posts x ${X.joins}, xp_p p
  WHERE ${IN_WINDOW('x.posted_at')}`;

const IDEAS = `
  SELECT ${I.personId} AS person_id, 'idea', i.created_at, 1.0
  FROM ideas i ${I.joins}, xp_p p WHERE ${IN_WINDOW('i.created_at')}
  UNION ALL
  SELECT pk.person_id, 'vote', v.created_at, 1.0
  FROM (SELECT i.source, unnest(i.voter_ids) AS voter, i.created_at FROM ideas i, xp_p p
        WHERE ${IN_WINDOW('i.created_at')}) v
  LEFT JOIN person_keys pk ON pk.key_kind = 'record' AND pk.key = v.source || ':' || v.voter`;

export async function buildSignals(store: Store): Promise<{ unattributed: number }> {
  await store.run(
    'CREATE OR REPLACE TEMP TABLE xp_occ (person_id VARCHAR, signal VARCHAR, occurred_at TIMESTAMP, value DOUBLE)',
  );
  for (const sql of [ORDERS, TICKETS, SURVEYS, POSTS, IDEAS]) {
    await store.run(`INSERT INTO xp_occ SELECT * FROM (${sql})`);
  }
  await buildEventSignals(store);
  const row = await store.one<{ n: number }>(
    `SELECT (SELECT count(*) FROM xp_occ WHERE person_id IS NULL) + (SELECT coalesce(sum(n), 0) FROM xp_ev_raw WHERE person_id IS NULL) AS n`,
  );
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_sig0 AS
    SELECT o.person_id, o.signal, count(*) AS n, sum(o.value * ${DECAY_SQL('o.occurred_at')}) AS decayed, max(o.occurred_at) AS last_at
    FROM xp_occ o, xp_p p WHERE o.person_id IS NOT NULL GROUP BY ALL
    UNION ALL
    SELECT person_id, signal, sum(n), sum(decayed), max(last_at) FROM xp_ev_raw
    WHERE person_id IS NOT NULL AND signal IS NOT NULL GROUP BY ALL`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_active AS
    SELECT person_id, max(last_at) AS last_active_at FROM (
      SELECT person_id, max(occurred_at) AS last_at FROM xp_occ WHERE person_id IS NOT NULL AND signal IN
        ('purchase', 'contact', 'survey_answer', 'post', 'review', 'idea') GROUP BY ALL
      UNION ALL SELECT person_id, max(last_at) FROM xp_ev_raw WHERE person_id IS NOT NULL GROUP BY ALL
    ) GROUP BY ALL`);
  await addNoReturn(store);
  return { unattributed: row?.n ?? 0 };
}

async function buildEventSignals(store: Store): Promise<void> {
  // Track events mapped to a signal by name, slow pages by a property, and all the rest with a
  // NULL signal (visits: they only feed last activity). One pass over events.
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_ev_names AS
    SELECT name, arg_min(list, list) AS signal FROM xp_names
    WHERE list IN ('payment_failed', 'error_event', 'login', 'like', 'vote', 'referral', 'review') GROUP BY name`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_ev AS
    SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user,
      coalesce(n.signal, CASE WHEN e.type = 'page' AND e.properties IS NOT NULL
        AND TRY_CAST(json_extract_string(e.properties, p.slow_page_path) AS DOUBLE) > p.slow_page_ms
        THEN 'slow_page' END) AS signal,
      count(*) AS n, sum(${DECAY_SQL('e.timestamp')}) AS decayed, max(e.timestamp) AS last_at
    FROM events e CROSS JOIN xp_p p
    LEFT JOIN xp_ev_names n ON n.name = e.event AND e.type = 'track'
    WHERE ${IN_WINDOW('e.timestamp')} AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL
    GROUP BY ALL`);
  // Checkout abandoned: a start with no completion by the same key within the window; the next
  // completion at or after each start comes from a window over the key's checkout events. Only
  // starts whose window has passed by as_of count.
  await store.run(`INSERT INTO xp_ev
    WITH c AS (
      SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user, e.timestamp AS t,
        n.list = 'checkout_completed' AS done
      FROM events e JOIN xp_names n ON n.name = e.event AND n.list IN ('checkout_started', 'checkout_completed'), xp_p p
      WHERE e.type = 'track' AND ${IN_WINDOW('e.timestamp')} AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL
    ), w AS (
      SELECT *, min(CASE WHEN done THEN t END) OVER (PARTITION BY key ORDER BY t, done DESC
        ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_done
      FROM c
    )
    SELECT w.key, bool_or(w.is_user), 'checkout_abandoned', count(*), sum(${DECAY_SQL('w.t')}), max(w.t)
    FROM w, xp_p p
    WHERE NOT w.done
      AND w.t + to_microseconds(CAST(p.checkout_window_hours * 3600e6 AS BIGINT)) <= p.as_of
      AND (w.next_done IS NULL OR w.next_done > w.t + to_microseconds(CAST(p.checkout_window_hours * 3600e6 AS BIGINT)))
    GROUP BY w.key`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_ev_raw AS
    SELECT pk.person_id, e.signal, e.n, e.decayed, e.last_at
    FROM xp_ev e LEFT JOIN person_keys pk
      ON pk.key_kind = CASE WHEN e.is_user THEN 'user_id' ELSE 'anonymous_id' END AND pk.key = e.key`);
}

/**
 * No return visit after a bad interaction: the person's latest bad signal is at least
 * no_return_days before as_of and nothing (visit, order, ticket, answer, post) came after it.
 */
async function addNoReturn(store: Store): Promise<void> {
  const bad = BAD_SIGNALS.map((s) => `'${s}'`).join(', ');
  await store.run(`INSERT INTO xp_sig0
    SELECT b.person_id, 'no_return_after_bad', 1, ${DECAY_SQL('b.bad_at')}, b.bad_at
    FROM (SELECT person_id, max(last_at) AS bad_at FROM xp_sig0 WHERE signal IN (${bad}) GROUP BY ALL) b
    LEFT JOIN xp_active a USING (person_id), xp_p p
    WHERE b.bad_at + to_microseconds(CAST(p.no_return_days * 86400e6 AS BIGINT)) <= p.as_of
      AND (a.last_active_at IS NULL OR a.last_active_at <= b.bad_at)`);
}
