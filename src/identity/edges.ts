// Edges between record ids (rids) that clustering unions, read from DuckDB column-wise into
// typed arrays. Rules are ranked: a record's link rule is the strongest edge that joined it;
// "existing" seeds an incremental run with the persons of the previous run.
import type { Store } from '../store/index.js';

export const LINK_RULES = [
  'existing',
  'must_link',
  'email',
  'phone',
  'user_id',
  'probabilistic',
  'singleton',
] as const;
export type LinkRule = (typeof LINK_RULES)[number];

export interface Edges {
  a: Int32Array;
  b: Int32Array;
  /** Match probability (1 for deterministic rules). */
  p: Float64Array;
  /** Index into LINK_RULES. */
  rule: Uint8Array;
}

export function emptyEdges(): Edges {
  return {
    a: new Int32Array(0),
    b: new Int32Array(0),
    p: new Float64Array(0),
    rule: new Uint8Array(0),
  };
}

/** Runs SQL returning columns (a, b, p, rule) with rule a LINK_RULES index. */
export async function readEdges(store: Store, sql: string): Promise<Edges> {
  let reader: Awaited<ReturnType<typeof store.conn.runAndReadAll>>;
  try {
    reader = await store.conn.runAndReadAll(sql);
  } catch (cause) {
    // Re-run through the store for a StoreError that keeps the SQL.
    await store.run(sql);
    throw cause;
  }
  const cols = reader.getColumnsJS();
  const n = reader.currentRowCount;
  const out: Edges = {
    a: new Int32Array(n),
    b: new Int32Array(n),
    p: new Float64Array(n),
    rule: new Uint8Array(n),
  };
  const [a, b, p, rule] = cols as [unknown[], unknown[], unknown[], unknown[]];
  for (let i = 0; i < n; i++) {
    out.a[i] = Number(a[i]);
    out.b[i] = Number(b[i]);
    out.p[i] = Number(p[i]);
    out.rule[i] = Number(rule[i]);
  }
  return out;
}

export function concatEdges(parts: readonly Edges[]): Edges {
  const n = parts.reduce((s, e) => s + e.a.length, 0);
  const out: Edges = {
    a: new Int32Array(n),
    b: new Int32Array(n),
    p: new Float64Array(n),
    rule: new Uint8Array(n),
  };
  let o = 0;
  for (const e of parts) {
    out.a.set(e.a, o);
    out.b.set(e.b, o);
    out.p.set(e.p, o);
    out.rule.set(e.rule, o);
    o += e.a.length;
  }
  return out;
}
