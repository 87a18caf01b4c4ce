// Manual decisions that every later run respects: must_link joins two records before any other
// rule; cannot_link keeps them in different persons (an edge that would join them is skipped).
// splitRecord moves one record out of its person into a person of its own, now, and stores a
// cannot_link against each record it leaves, so later runs keep it apart.
import { NotFoundError } from '../lib/errors.js';
import type { Store } from '../store/index.js';
import { type Edges, LINK_RULES, readEdges } from './edges.js';
import { type SurvivorshipOptions, writeGoldenRecords } from './golden-record.js';
import { writePersonKeys } from './person-keys.js';
import { parseRecordKey } from './record-key.js';

export type OverrideKind = 'must_link' | 'cannot_link';

export interface Override {
  kind: OverrideKind;
  recordA: string;
  recordB: string;
  note: string | null;
}

/** Stores a decision about two customer records; both must exist (IDENTITY_RECORD_NOT_FOUND). */
export async function addOverride(
  store: Store,
  kind: OverrideKind,
  recordA: string,
  recordB: string,
  note?: string,
): Promise<Override> {
  const refs = [parseRecordKey(recordA), parseRecordKey(recordB)];
  // A typo would otherwise be saved as a rule that never matches anything.
  for (const [i, ref] of refs.entries()) {
    const found = await store.one(
      // identity_records too: a customer known only from activity (activity-records.ts).
      `SELECT 1 AS found FROM customers WHERE source = $1 AND source_id = $2
       UNION ALL SELECT 1 FROM identity_records WHERE source = $1 AND source_id = $2 LIMIT 1`,
      [ref.source, ref.sourceId],
    );
    if (!found) {
      throw new NotFoundError(
        'IDENTITY_RECORD_NOT_FOUND',
        `record "${i === 0 ? recordA : recordB}": no customer record with that source:source_id (expected an imported customer, e.g. crm:C-1042)`,
        { where: { field: 'record' } },
      );
    }
  }
  await writeOverride(store, kind, recordA, recordB, note);
  return { kind, recordA, recordB, note: note ?? null };
}

async function writeOverride(
  store: Store,
  kind: OverrideKind,
  recordA: string,
  recordB: string,
  note?: string,
): Promise<void> {
  const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
  await store.transaction(async () => {
    // The newest decision about a pair replaces any earlier one.
    await store.run('DELETE FROM identity_overrides WHERE record_a = ? AND record_b = ?', [a, b]);
    await store.run('INSERT INTO identity_overrides VALUES (?, ?, ?, ?, now()::TIMESTAMP)', [
      kind,
      a,
      b,
      note ?? null,
    ]);
  });
}

/** must_link overrides as edges between rids. */
export async function mustLinkEdges(store: Store): Promise<Edges> {
  return readEdges(
    store,
    `SELECT a.rid, b.rid, 1.0, ${LINK_RULES.indexOf('must_link')}
     FROM identity_overrides o
     JOIN identity_records a ON a.record_key = o.record_a
     JOIN identity_records b ON b.record_key = o.record_b
     WHERE o.kind = 'must_link'`,
  );
}

/** cannot_link overrides as rid pairs. */
export async function cannotLinkPairs(store: Store): Promise<[number, number][]> {
  const rows = await store.all<{ a: number; b: number }>(
    `SELECT a.rid AS a, b.rid AS b FROM identity_overrides o
     JOIN identity_records a ON a.record_key = o.record_a
     JOIN identity_records b ON b.record_key = o.record_b
     WHERE o.kind = 'cannot_link'`,
  );
  return rows.map((r) => [r.a, r.b]);
}

export interface SplitResult {
  recordKey: string;
  fromPersonId: string;
  personId: string;
}

export async function splitRecord(
  store: Store,
  key: string,
  survivorship: SurvivorshipOptions = {},
): Promise<SplitResult> {
  parseRecordKey(key);
  return store.transaction(async () => {
    const link = await store.one<{ person_id: string; n: number }>(
      `SELECT k.person_id, (SELECT count(*) FROM identity_links x WHERE x.person_id = k.person_id) AS n
       FROM identity_links k WHERE k.record_key = ?`,
      [key],
    );
    if (!link) {
      throw new NotFoundError(
        'IDENTITY_RECORD_NOT_FOUND',
        `record "${key}": no identity link (expected a resolved customer record)`,
        {
          where: { field: 'record' },
        },
      );
    }
    if (link.n === 1)
      return { recordKey: key, fromPersonId: link.person_id, personId: link.person_id };
    const taken = await store.one<{ a: string; b: string }>(
      "SELECT 'p_' || left(md5(?), 16) AS a, 'p_' || left(md5(? || '#'), 16) AS b",
      [key, key],
    );
    const personId = taken?.a === link.person_id ? (taken?.b as string) : (taken?.a as string);
    const others = await store.all<{ record_key: string }>(
      'SELECT record_key FROM identity_links WHERE person_id = ? AND record_key <> ?',
      [link.person_id, key],
    );
    for (const o of others) {
      await store.run(
        `DELETE FROM identity_overrides WHERE kind = 'must_link' AND ((record_a = ? AND record_b = ?) OR (record_a = ? AND record_b = ?))`,
        [key, o.record_key, o.record_key, key],
      );
      await writeOverride(store, 'cannot_link', key, o.record_key, 'splitRecord');
    }
    await store.run(
      `UPDATE identity_links SET person_id = ?, rule = 'singleton', match_probability = NULL, linked_at = now()::TIMESTAMP
       WHERE record_key = ?`,
      [personId, key],
    );
    await store.run(
      `INSERT INTO identity_log VALUES (now()::TIMESTAMP, NULL, 'split_record', ?, [?], 1, ?)`,
      [link.person_id, personId, key],
    );
    await store.run(
      'CREATE OR REPLACE TEMP TABLE idc_affected AS SELECT unnest([?, ?]) AS person_id',
      [link.person_id, personId],
    );
    await writeGoldenRecords(store, survivorship, true);
    await writePersonKeys(store);
    return { recordKey: key, fromPersonId: link.person_id, personId };
  });
}
