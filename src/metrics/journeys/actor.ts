// Who walks through a funnel: the "actor" of an event. With identity resolution (person_keys
// holding user_id / anonymous_id keys) it is the person; otherwise the user id, and for anonymous
// events the user that anonymous id identified as, else the anonymous id itself. The anonymous →
// user link is read from the rows the query already selects (identify calls, and step events that
// carry both ids, as Segment sends after sign-in), so it costs no extra scan of the events table.
import type { Store } from '../../store/index.js';

export interface ActorSql {
  kind: 'person' | 'user_or_anonymous';
  /** Whether identify rows must be selected to stitch anonymous ids to users. */
  stitch: boolean;
  /** Joins after `FROM raw e` (raw: the selected events, `stitch`: anonymous_id → user_id). */
  joins: string;
  /** The actor expression over `e` and the joins. */
  expr: string;
}

async function personKeyKinds(store: Store): Promise<Set<string>> {
  const table = await store.one<{ n: number }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'person_keys'",
  );
  if (!table || table.n === 0) return new Set();
  const rows = await store.all<{ key_kind: string }>(
    "SELECT DISTINCT key_kind FROM person_keys WHERE key_kind IN ('user_id', 'anonymous_id')",
  );
  return new Set(rows.map((r) => r.key_kind));
}

/** Builds the actor expression for the store as it is now. */
export async function actorSql(store: Store): Promise<ActorSql> {
  const kinds = await personKeyKinds(store);
  const stitch = !kinds.has('anonymous_id');
  const joins: string[] = [];
  const parts: string[] = [];
  if (stitch) joins.push('LEFT JOIN stitch st ON st.anonymous_id = e.anonymous_id');
  if (kinds.has('user_id')) {
    joins.push("LEFT JOIN person_keys pu ON pu.key_kind = 'user_id' AND pu.key = e.user_id");
    parts.push('pu.person_id');
  }
  if (kinds.has('anonymous_id')) {
    joins.push(
      "LEFT JOIN person_keys pa ON pa.key_kind = 'anonymous_id' AND pa.key = e.anonymous_id",
    );
    parts.push('pa.person_id');
  }
  if (kinds.has('user_id') && stitch) {
    joins.push("LEFT JOIN person_keys ps ON ps.key_kind = 'user_id' AND ps.key = st.user_id");
    parts.push('ps.person_id');
  }
  parts.push('e.user_id');
  if (stitch) parts.push('st.user_id');
  parts.push('e.anonymous_id');
  return {
    kind: kinds.size > 0 ? 'person' : 'user_or_anonymous',
    stitch,
    joins: joins.join(' '),
    expr: `coalesce(${parts.join(', ')})`,
  };
}
