// Turns clusters (component root per record) into persons with stable ids and rewrites
// identity_links. Stability: a cluster keeps the id of the previous person that holds the
// majority of its previously linked records (when a person split, the piece holding most of its
// records keeps the id). Otherwise the id is 'p_' + the first 16 hex digits of md5 of the
// cluster's smallest record key. Merges (a cluster drawing records from several previous persons)
// and splits (a previous person spread over several clusters) are written to identity_log.
import type { Store } from '../store/index.js';
import { LINK_RULES } from './edges.js';
import type { ClusterResult } from './union-find.js';

export interface AssignStats {
  persons: number;
  merges: number;
  splits: number;
  changedRecords: number;
}

async function writeAssignments(store: Store, clusters: ClusterResult): Promise<void> {
  await store.run(
    'CREATE OR REPLACE TEMP TABLE idc_assign (rid INTEGER, root INTEGER, rule TINYINT, p DOUBLE)',
  );
  const appender = await store.conn.createAppender('idc_assign');
  const n = clusters.root.length;
  for (let i = 0; i < n; i++) {
    appender.appendInteger(i);
    appender.appendInteger(clusters.root[i] as number);
    appender.appendTinyInt(clusters.rule[i] as number);
    const p = clusters.probability[i] as number;
    if (Number.isNaN(p)) appender.appendNull();
    else appender.appendDouble(p);
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * Writes persons' ids into identity_links from cluster results over rids 0..n-1 and fills
 * TEMP TABLE idc_affected(person_id) with persons whose records changed (new, grown, shrunk).
 */
export async function assignPersons(
  store: Store,
  clusters: ClusterResult,
  runId: string,
): Promise<AssignStats> {
  await writeAssignments(store, clusters);
  const rules = `[${LINK_RULES.map((r) => `'${r}'`).join(', ')}]`;
  await store.run(`CREATE OR REPLACE TEMP TABLE idc_old AS
    SELECT r.rid, k.person_id AS old_pid, k.rule AS old_rule, k.match_probability AS old_p, k.linked_at AS old_at
    FROM identity_records r JOIN identity_links k ON k.record_key = r.record_key`);
  await store.run(`CREATE OR REPLACE TEMP TABLE idc_cluster AS
    WITH members AS (
      SELECT a.rid, a.root, r.record_key, o.old_pid FROM idc_assign a
      JOIN identity_records r ON r.rid = a.rid LEFT JOIN idc_old o ON o.rid = a.rid
    ),
    sizes AS (SELECT root, count(*) AS n, count(old_pid) AS n_old, min(record_key) AS min_key FROM members GROUP BY root),
    votes AS (SELECT root, old_pid, count(*) AS c FROM members WHERE old_pid IS NOT NULL GROUP BY ALL),
    claims AS (SELECT v.*, s.min_key FROM votes v JOIN sizes s USING (root) WHERE 2 * v.c > s.n_old),
    winners AS (SELECT DISTINCT ON (old_pid) old_pid, root FROM claims ORDER BY old_pid, c DESC, min_key),
    named AS (
      SELECT s.*, w.old_pid AS kept, 'p_' || left(md5(s.min_key), 16) AS derived
      FROM sizes s LEFT JOIN winners w USING (root)
    )
    SELECT root, n, min_key,
      coalesce(kept, CASE WHEN derived IN (SELECT kept FROM named WHERE kept IS NOT NULL)
                          THEN 'p_' || left(md5(min_key || '#'), 16) ELSE derived END) AS person_id
    FROM named`);
  await store.run(`CREATE OR REPLACE TEMP TABLE idc_links AS
    SELECT r.source, r.source_id, r.record_key, c.person_id,
      CASE WHEN a.rule = 0 THEN coalesce(o.old_rule, 'singleton')
           WHEN c.n = 1 THEN 'singleton'
           ELSE list_extract(${rules}, a.rule + 1) END AS rule,
      CASE WHEN a.rule = 0 THEN o.old_p WHEN c.n = 1 THEN NULL ELSE a.p END AS match_probability,
      CASE WHEN o.old_pid = c.person_id THEN o.old_at ELSE now()::TIMESTAMP END AS linked_at,
      o.old_pid
    FROM idc_assign a
    JOIN identity_records r ON r.rid = a.rid
    JOIN idc_cluster c ON c.root = a.root
    LEFT JOIN idc_old o ON o.rid = a.rid`);
  await store.run(`CREATE OR REPLACE TEMP TABLE idc_affected AS
    SELECT DISTINCT person_id FROM idc_links WHERE old_pid IS DISTINCT FROM person_id
    UNION SELECT DISTINCT old_pid FROM idc_links WHERE old_pid IS NOT NULL AND old_pid <> person_id`);
  await store.run(
    `INSERT INTO identity_log
    SELECT now()::TIMESTAMP, ?, 'merge', person_id, list(DISTINCT old_pid ORDER BY old_pid), count(*)::INTEGER, NULL
    FROM idc_links WHERE old_pid IS NOT NULL GROUP BY person_id
    HAVING count(DISTINCT old_pid) > 1`,
    [runId],
  );
  await store.run(
    `INSERT INTO identity_log
    SELECT now()::TIMESTAMP, ?, 'split', old_pid, list(DISTINCT person_id ORDER BY person_id), count(*)::INTEGER, NULL
    FROM idc_links WHERE old_pid IS NOT NULL GROUP BY old_pid HAVING count(DISTINCT person_id) > 1`,
    [runId],
  );
  const stats = await store.one<AssignStats & Record<string, unknown>>(
    `SELECT
      (SELECT count(*) FROM idc_cluster) AS persons,
      (SELECT count(*) FROM identity_log WHERE run_id = ? AND action = 'merge') AS merges,
      (SELECT count(*) FROM identity_log WHERE run_id = ? AND action = 'split') AS splits,
      (SELECT count(*) FROM idc_links WHERE old_pid IS DISTINCT FROM person_id) AS "changedRecords"`,
    [runId, runId],
  );
  await store.run('DELETE FROM identity_links');
  await store.run(
    'INSERT INTO identity_links SELECT source, source_id, record_key, person_id, rule, match_probability, linked_at FROM idc_links',
  );
  return stats ?? { persons: 0, merges: 0, splits: 0, changedRecords: 0 };
}
