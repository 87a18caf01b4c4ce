// An incremental score run after identity ran: the persons and their keys moved on since the
// last run, so the person index the state is keyed by is brought up to date rather than rebuilt.
// A person keeps their index (pidx); a new person gets the next free one. A person is recomputed
// when one of their keys is new, gone or now someone else's (merges and splits included), or when
// they are new; a person identity removed is dropped from the state. Every key's person in
// score_keys and score_event_keys is rewritten, so the rows the run reads attach as a full run's.
import type { Store } from '../../store/index.js';

/**
 * Brings score_keys and score_event_keys' persons to the current identity; leaves xp_pid
 * (person_id, pidx: every current person), xp_id_dirty (pidx of the persons to recompute) and
 * xp_id_gone (pidx of the persons identity removed, whose rows the caller deletes). Returns how
 * many persons are new, changed and gone.
 */
export async function applyIdentityChanges(
  store: Store,
): Promise<{ changed: number; gone: number }> {
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_pid AS
    SELECT p.person_id, coalesce(s.pidx, CAST(m.top + row_number() OVER (PARTITION BY s.pidx IS NULL ORDER BY p.person_id) AS INTEGER)) AS pidx
    FROM persons p LEFT JOIN score_state s USING (person_id),
      (SELECT coalesce(max(pidx), 0) AS top FROM score_state) m`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_id_gone AS
    SELECT pidx FROM score_state WHERE person_id NOT IN (SELECT person_id FROM xp_pid)`);
  // every key with its person now, and the keys whose person is new, gone or another
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_keys_now AS
    SELECT pk.key_kind, pk.key, x.pidx FROM person_keys pk JOIN xp_pid x USING (person_id)
    WHERE pk.key_kind IN ('user_id', 'anonymous_id', 'record', 'email')`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_keys_moved AS
    SELECT coalesce(n.key_kind, o.key_kind) AS key_kind, coalesce(n.key, o.key) AS key, n.pidx AS now_pidx, o.pidx AS was_pidx
    FROM xp_keys_now n FULL JOIN score_keys o ON n.key_kind = o.key_kind AND n.key = o.key
    WHERE n.pidx IS DISTINCT FROM o.pidx`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_id_dirty AS
    SELECT now_pidx AS pidx FROM xp_keys_moved WHERE now_pidx IS NOT NULL
    UNION SELECT was_pidx FROM xp_keys_moved WHERE was_pidx IS NOT NULL AND was_pidx NOT IN (SELECT pidx FROM xp_id_gone)
    UNION SELECT pidx FROM xp_pid WHERE pidx NOT IN (SELECT pidx FROM score_state)`);
  await store.run(
    'DELETE FROM score_keys k USING xp_keys_moved m WHERE k.key_kind = m.key_kind AND k.key = m.key',
  );
  await store.run(
    'INSERT INTO score_keys SELECT key_kind, key, now_pidx FROM xp_keys_moved WHERE now_pidx IS NOT NULL',
  );
  await store.run(`UPDATE score_event_keys e SET pidx = m.now_pidx FROM xp_keys_moved m
    WHERE m.key_kind = CASE WHEN e.is_user THEN 'user_id' ELSE 'anonymous_id' END AND m.key = e.key`);
  const n = await store.one<{ changed: number; gone: number }>(
    'SELECT (SELECT count(*) FROM xp_id_dirty) AS changed, (SELECT count(*) FROM xp_id_gone) AS gone',
  );
  return { changed: Number(n?.changed ?? 0), gone: Number(n?.gone ?? 0) };
}
