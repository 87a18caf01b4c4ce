// Identity records for customers known only from activity. A shop may export orders (tickets,
// survey answers, posts, ideas, subscriptions) naming a customer_id / customer_email without a
// customer file; without a record those rows would never reach a person. Two kinds:
//   id     one record per (source, customer_id) with no customers row of that source and
//          source_id: record_key '<source>:<customer_id>', the key person-ref.ts looks up first.
//          E-mail: the normalised customer_email seen last with it (ties: the smaller e-mail);
//          created_at: its first activity. Every other field is null.
//   email  rows with an e-mail but no customer_id: one record per (source, e-mail) keyed
//          '<source>:email:<e-mail>', only when no other record (customer or id) has that e-mail.
//          Activity attaches to persons by the e-mail key (person_keys 'email'), so a record
//          is needed only to give an unseen e-mail a person; otherwise the e-mail key of the
//          existing record already catches those rows, and an extra record would only pad it.
// All in SQL (GROUP BY over the activity tables). On a full run customers come first, so a later
// customer import of the same (source, source_id) simply replaces the activity record; an
// incremental run re-prepares such a record from the customer row (prepare-records.ts).
import { ENTITIES, ENTITY_NAMES } from '../schemas/index.js';
import type { Store } from '../store/index.js';

/**
 * Activity tables that name a customer (their schema has customer_id and customer_email), with
 * the time of each row: the entity's time field (a survey invitation not answered yet counts
 * from the invitation).
 */
export const ACTIVITY_TABLES: readonly { table: string; at: string }[] = ENTITY_NAMES.map(
  (n) => ENTITIES[n],
)
  .filter((e) => e.name !== 'customer' && 'customer_id' in e.schema.shape && e.timeField)
  .map((e) => ({
    table: e.table,
    at: e.name === 'survey_response' ? 'coalesce(responded_at, invited_at)' : `${e.timeField}`,
  }));

/** Prefix of the source_id of e-mail-only activity records ('<source>:email:<e-mail>'). */
export const EMAIL_KEY_PREFIX = 'email:';

/**
 * Appends activity-only records with rids from `offset` on. onlyUnlinked: skip keys that already
 * have a record or link (incremental runs). Returns the number of records added.
 */
export async function prepareActivityRecords(
  store: Store,
  offset: number,
  onlyUnlinked: boolean,
): Promise<number> {
  const known = (src: string, id: string) =>
    `NOT EXISTS (SELECT 1 FROM customers c WHERE c.source = ${src} AND c.source_id = ${id})
     AND NOT EXISTS (SELECT 1 FROM identity_records x WHERE x.source = ${src} AND x.source_id = ${id})${
       onlyUnlinked
         ? `\n     AND NOT EXISTS (SELECT 1 FROM identity_links k WHERE k.source = ${src} AND k.source_id = ${id})`
         : ''
     }`;
  // Distinct (source, id, raw e-mail) first: far fewer rows than the activity itself. Ids that
  // already have a record are dropped before the e-mail macro (costly per row) runs. A blank id
  // is no id (the key '<source>:' would name nobody).
  const rows = ACTIVITY_TABLES.map(
    (t) => `SELECT source, customer_id, customer_email, ${t.at} AS ts FROM ${t.table}
      WHERE customer_id IS NOT NULL OR customer_email IS NOT NULL`,
  ).join('\n        UNION ALL ');
  await store.run(`CREATE OR REPLACE TEMP TABLE idn_activity AS
    WITH raw AS (
      SELECT source, CASE WHEN trim(customer_id) <> '' THEN customer_id END AS id, customer_email,
        min(ts) AS first_at, max(ts) AS last_at
      FROM (${rows})
      GROUP BY ALL
    )
    SELECT source, id, cx_norm_email(customer_email) AS email, first_at, last_at FROM raw a
    WHERE CASE WHEN id IS NULL THEN customer_email IS NOT NULL ELSE ${known('a.source', 'a.id')} END`);
  const before = await store.one<{ n: number }>('SELECT count(*) AS n FROM identity_records');
  await store.run(`
    INSERT INTO identity_records (rid, record_key, source, source_id, email, email_local, created_at)
    WITH ids AS (
      SELECT source, id AS source_id,
        arg_max(email, (coalesce(last_at, TIMESTAMP '0001-01-01'), email)) FILTER (WHERE email IS NOT NULL) AS email,
        min(first_at) AS created_at
      FROM idn_activity WHERE id IS NOT NULL
      GROUP BY ALL
    ),
    emails AS (
      SELECT source, '${EMAIL_KEY_PREFIX}' || email AS source_id, email, min(first_at) AS created_at
      FROM idn_activity a
      WHERE id IS NULL AND email IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM identity_records x WHERE x.email = a.email)
        AND NOT EXISTS (SELECT 1 FROM ids WHERE ids.email = a.email)
        AND ${known('a.source', `'${EMAIL_KEY_PREFIX}' || a.email`)}
      GROUP BY ALL
    ),
    keys AS (SELECT * FROM ids UNION ALL SELECT * FROM emails)
    SELECT (row_number() OVER (ORDER BY source, source_id) - 1 + ${Math.trunc(offset)})::INTEGER,
      source || ':' || source_id, source, source_id, email, split_part(email, '@', 1), created_at
    FROM keys`);
  const after = await store.one<{ n: number }>('SELECT count(*) AS n FROM identity_records');
  await store.run('DROP TABLE IF EXISTS idn_activity');
  return (after?.n ?? 0) - (before?.n ?? 0);
}

/** Records with no customers row: those prepareActivityRecords made. */
export async function countActivityRecords(store: Store): Promise<number> {
  const row = await store.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM identity_records r
     WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.source = r.source AND c.source_id = r.source_id)`,
  );
  return row?.n ?? 0;
}
