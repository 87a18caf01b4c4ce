// Near-duplicate ideas, and the requests for them found in posts and tickets.
// 1. Text: each idea's title + body with forum boilerplate removed ("please add an option…" says
//    nothing about *what* is asked), in the TF-IDF space of the ideas (similarity.ts).
// 2. Requests: posts and tickets that read as a feature request (REQUEST_PATTERN) projected into
//    the same space; request r supports idea i when cos(r, i) ≥ requestCosine.
// 3. Duplicates: ideas a and b are one cluster when cos(a, b) ≥ duplicateCosine (same words), or
//    when customers asking in their own words point at both — at least minSharedRequests requests
//    support both and they are ≥ minOverlap of the smaller idea's requests (overlap coefficient).
//    The second rule catches duplicates worded apart ("night theme" / "dark mode") that share no
//    rare term. Edges go through union-find (connected components = clusters).
// 4. Each request is then counted once, for the cluster of its best-matching idea.

import { cosine, type SimilaritySpace, similaritySpace } from './similarity.js';

/** Posts and tickets that ask for something (English; heuristic, documented in docs/theory/ideas.md). */
export const REQUEST_PATTERN =
  /\b(please (add|consider|offer|make|support|let|bring)|would (love|like) (a|an|to see|the option)|any chance (of|to)|feature request|suggestion|i wish|missing an? |(needs|need) an? |why (does|doesn't|is there|can't)|could you (add|support|offer)|should (add|have|offer)|add(ing)? an? )/i;

const BOILERPLATE =
  /\b(options?|please|add|adding|would|love|great|feature|request|allow|ability|offer|let|want|needs?|make|could|able|like|idea|suggestion|consider|chance|really|much)\b/gi;

export function stripBoilerplate(text: string): string {
  return text.replace(BOILERPLATE, ' ');
}

export function isRequest(text: string): boolean {
  return REQUEST_PATTERN.test(text);
}

export interface ClusterIdeasOptions {
  duplicateCosine?: number;
  requestCosine?: number;
  minSharedRequests?: number;
  minOverlap?: number;
}

export const DEFAULT_IDEA_CLUSTERING: Required<ClusterIdeasOptions> = {
  duplicateCosine: 0.3,
  requestCosine: 0.2,
  minSharedRequests: 3,
  minOverlap: 0.5,
};

export interface RequestMatch {
  /** Index into the requests given. */
  request: number;
  /** Cluster index. */
  cluster: number;
  /** Best-matching idea (index into the ideas given) and its cosine. */
  idea: number;
  similarity: number;
}

export interface IdeaClusters {
  /** Idea indexes per cluster, in input order within a cluster; clusters ordered by first idea. */
  clusters: number[][];
  /** Cluster index per idea. */
  clusterOf: number[];
  matches: RequestMatch[];
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    while (this.parent[i] !== r) {
      const next = this.parent[i] ?? r;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Clusters ideas (texts: title + body) and attaches request texts to the clusters. */
export function clusterIdeas(
  ideas: readonly string[],
  requests: readonly string[],
  options: ClusterIdeasOptions = {},
): IdeaClusters {
  const o = { ...DEFAULT_IDEA_CLUSTERING, ...options };
  const n = ideas.length;
  if (n === 0) return { clusters: [], clusterOf: [], matches: [] };
  const space: SimilaritySpace = similaritySpace(ideas.map(stripBoilerplate));
  const reqVectors = space.project(requests.map(stripBoilerplate));
  // supporters[i]: requests with cos ≥ requestCosine to idea i
  const sims = reqVectors.map((r) => space.rows.map((v) => cosine(r, v)));
  const supporters = space.rows.map((_, i) =>
    sims.map((s, r) => ((s[i] ?? 0) >= o.requestCosine ? r : -1)).filter((r) => r >= 0),
  );
  const uf = new UnionFind(n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const va = space.rows[a];
      const vb = space.rows[b];
      if (va && vb && cosine(va, vb) >= o.duplicateCosine) {
        uf.union(a, b);
        continue;
      }
      const sa = supporters[a] ?? [];
      const sb = new Set(supporters[b] ?? []);
      const shared = sa.filter((r) => sb.has(r)).length;
      const smaller = Math.min(sa.length, sb.size);
      if (shared >= o.minSharedRequests && smaller > 0 && shared / smaller >= o.minOverlap) {
        uf.union(a, b);
      }
    }
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    const members = byRoot.get(root) ?? [];
    members.push(i);
    byRoot.set(root, members);
  }
  const clusters = [...byRoot.values()];
  const clusterOf = new Array<number>(n).fill(-1);
  clusters.forEach((members, c) => {
    for (const i of members) clusterOf[i] = c;
  });
  const matches: RequestMatch[] = [];
  sims.forEach((s, r) => {
    let best = -1;
    let bestSim = o.requestCosine;
    s.forEach((v, i) => {
      if (v >= bestSim && (best < 0 || v > bestSim)) {
        best = i;
        bestSim = v;
      }
    });
    if (best >= 0) {
      matches.push({ request: r, cluster: clusterOf[best] ?? -1, idea: best, similarity: bestSim });
    }
  });
  return { clusters, clusterOf, matches };
}
