// Deterministic links: records that share a normalised e-mail, an E.164 phone or a user_id, and
// records whose user ids an `alias` event declares to be the same user. Each key group becomes a
// star of edges to its smallest rid. Groups larger than maxKeyGroupSize are skipped: a key that
// many records share (info@…, a switchboard number, a test account) is not a person.
// Anonymous ids never join records (shared devices would merge households); they are mapped to
// the person of the user they identified as in person_keys.
import type { Store } from '../store/index.js';
import { concatEdges, type Edges, LINK_RULES, readEdges } from './edges.js';

export interface DeterministicOptions {
  maxKeyGroupSize: number;
  /** Incremental: only key groups that contain a record with rid above this. */
  newAfterRid?: number;
}

const KEYS = [
  { column: 'email', rule: 'email' },
  { column: 'phone', rule: 'phone' },
  { column: 'user_id', rule: 'user_id' },
] as const;

export async function deterministicEdges(
  store: Store,
  options: DeterministicOptions,
): Promise<Edges> {
  const parts: Edges[] = [];
  const cap = Math.trunc(options.maxKeyGroupSize);
  for (const key of KEYS) {
    const onlyNew =
      options.newAfterRid === undefined
        ? ''
        : `AND ${key.column} IN (SELECT ${key.column} FROM identity_records WHERE rid > ${Math.trunc(options.newAfterRid)})`;
    parts.push(
      await readEdges(
        store,
        `SELECT a, b, 1.0 AS p, ${LINK_RULES.indexOf(key.rule)} AS rule FROM (
           SELECT rid AS a, min(rid) OVER w AS b, count(*) OVER w AS n
           FROM identity_records WHERE ${key.column} IS NOT NULL ${onlyNew}
           WINDOW w AS (PARTITION BY ${key.column})
         ) WHERE a <> b AND n <= ${cap}`,
      ),
    );
  }
  const onlyNewAlias =
    options.newAfterRid === undefined
      ? ''
      : `AND (r1.rid > ${Math.trunc(options.newAfterRid)} OR r2.rid > ${Math.trunc(options.newAfterRid)})`;
  parts.push(
    await readEdges(
      store,
      `SELECT r1.rid AS a, r2.rid AS b, 1.0 AS p, ${LINK_RULES.indexOf('user_id')} AS rule
       FROM (SELECT DISTINCT previous_id, user_id FROM events
             WHERE type = 'alias' AND previous_id IS NOT NULL AND user_id IS NOT NULL) e
       JOIN identity_records r1 ON r1.user_id = e.previous_id
       JOIN identity_records r2 ON r2.user_id = e.user_id
       WHERE r1.rid <> r2.rid ${onlyNewAlias}`,
    ),
  );
  return concatEdges(parts);
}
