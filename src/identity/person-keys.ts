// person_keys: the lookup analytics join on (see person-ref.ts). Kinds:
//   record       '<source>:<source_id>' of every linked customer record
//   email        normalised e-mail (cx_norm_email) of the records
//   user_id      login ids of the records
//   anonymous_id device ids that identified as (or were aliased to) one of those user ids; the
//                latest identify wins when a device identified as several users
// Each (key_kind, key) names one person: when a key sits on several persons (a shared address
// kept apart by a cannot_link), the person with most records holding it wins, then the smaller id.
import type { Store } from '../store/index.js';

export async function writePersonKeys(store: Store): Promise<void> {
  await store.run('DELETE FROM person_keys');
  await store.run(`
    INSERT INTO person_keys
    WITH linked AS (
      SELECT l.person_id, l.record_key, r.email, r.user_id
      FROM identity_links l LEFT JOIN identity_records r ON r.record_key = l.record_key
    ),
    by_email AS (
      SELECT email AS key, arg_min(person_id, (-n, person_id)) AS person_id
      FROM (SELECT email, person_id, count(*) AS n FROM linked WHERE email IS NOT NULL GROUP BY ALL)
      GROUP BY email
    ),
    by_user AS (
      SELECT user_id AS key, arg_min(person_id, (-n, person_id)) AS person_id
      FROM (SELECT user_id, person_id, count(*) AS n FROM linked WHERE user_id IS NOT NULL GROUP BY ALL)
      GROUP BY user_id
    ),
    anon AS (
      SELECT anonymous_id AS anon, user_id, timestamp FROM events
      WHERE anonymous_id IS NOT NULL AND user_id IS NOT NULL
      UNION ALL
      SELECT previous_id, user_id, timestamp FROM events
      WHERE type = 'alias' AND previous_id IS NOT NULL AND user_id IS NOT NULL
    ),
    by_anon AS (
      SELECT a.anon AS key, arg_max(u.person_id, (a.timestamp, u.person_id)) AS person_id
      FROM anon a JOIN by_user u ON u.key = a.user_id
      WHERE a.anon NOT IN (SELECT key FROM by_user)
      GROUP BY a.anon
    )
    SELECT 'record', record_key, person_id FROM linked
    UNION ALL SELECT 'email', key, person_id FROM by_email
    UNION ALL SELECT 'user_id', key, person_id FROM by_user
    UNION ALL SELECT 'anonymous_id', key, person_id FROM by_anon`);
}
