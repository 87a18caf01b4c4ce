// Connected components over record edges (union-find with path halving and union by size),
// honouring cannot-link constraints: edges are applied strongest first (must_link, e-mail, phone,
// user_id, then probabilistic by descending probability) and an edge that would put two
// cannot-linked records into one component is skipped. Each node remembers the strongest rule
// and the highest probability among the accepted edges that touch it.
import { type Edges, LINK_RULES } from './edges.js';

const SINGLETON = LINK_RULES.indexOf('singleton');

export class UnionFind {
  readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const parent = this.parent;
    let node = x;
    while (parent[node] !== node) {
      const grand = parent[parent[node] as number] as number;
      parent[node] = grand;
      node = grand;
    }
    return node;
  }

  /** Joins two roots; returns the surviving root. */
  unionRoots(ra: number, rb: number): number {
    if (ra === rb) return ra;
    const [big, small] =
      (this.size[ra] as number) >= (this.size[rb] as number) ? [ra, rb] : [rb, ra];
    this.parent[small] = big;
    this.size[big] = (this.size[big] as number) + (this.size[small] as number);
    return big;
  }
}

export interface ClusterResult {
  /** Component root per node. */
  root: Int32Array;
  /** Strongest LINK_RULES index per node ('singleton' when no accepted edge touches it). */
  rule: Uint8Array;
  /** Highest probability of an accepted edge per node (NaN when none). */
  probability: Float64Array;
  acceptedEdges: number;
  rejectedByCannotLink: number;
}

export function clusterNodes(
  n: number,
  edges: Edges,
  cannotLink: readonly (readonly [number, number])[] = [],
): ClusterResult {
  const uf = new UnionFind(n);
  const partners = new Map<number, number[]>();
  for (const [x, y] of cannotLink) {
    if (x === y) continue;
    partners.set(x, [...(partners.get(x) ?? []), y]);
    partners.set(y, [...(partners.get(y) ?? []), x]);
  }
  const constrained = new Map<number, number[]>();
  for (const x of partners.keys()) constrained.set(x, [x]);

  const order = Array.from({ length: edges.a.length }, (_, i) => i);
  order.sort(
    (i, j) =>
      (edges.rule[i] as number) - (edges.rule[j] as number) ||
      (edges.p[j] as number) - (edges.p[i] as number),
  );

  const rule = new Uint8Array(n).fill(SINGLETON);
  const probability = new Float64Array(n).fill(Number.NaN);
  let accepted = 0;
  let rejected = 0;
  for (const i of order) {
    const a = edges.a[i] as number;
    const b = edges.b[i] as number;
    const ra = uf.find(a);
    const rb = uf.find(b);
    if (ra !== rb) {
      const ca = constrained.get(ra);
      const cb = constrained.get(rb);
      if (ca && cb) {
        const [scan, otherRoot] = cb.length < ca.length ? [cb, ra] : [ca, rb];
        if (conflicts(uf, scan, otherRoot, partners)) {
          rejected++;
          continue;
        }
      }
      const root = uf.unionRoots(ra, rb);
      if (ca || cb) {
        const merged = [...(ca ?? []), ...(cb ?? [])];
        constrained.delete(ra);
        constrained.delete(rb);
        constrained.set(root, merged);
      }
    }
    accepted++;
    const r = edges.rule[i] as number;
    const p = edges.p[i] as number;
    for (const node of [a, b]) {
      if (r < (rule[node] as number)) rule[node] = r;
      if (!(p <= (probability[node] as number))) probability[node] = p;
    }
  }
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = uf.find(i);
  return { root, rule, probability, acceptedEdges: accepted, rejectedByCannotLink: rejected };
}

/** True when some constrained node of `scan` has a cannot-link partner in the other component. */
function conflicts(
  uf: UnionFind,
  scan: readonly number[],
  otherRoot: number,
  partners: ReadonlyMap<number, number[]>,
): boolean {
  for (const x of scan) {
    for (const y of partners.get(x) ?? []) if (uf.find(y) === otherRoot) return true;
  }
  return false;
}
