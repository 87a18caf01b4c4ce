import { describe, expect, it } from 'vitest';
import { type Edges, LINK_RULES } from './edges.js';
import { clusterNodes, UnionFind } from './union-find.js';

const R = (name: (typeof LINK_RULES)[number]) => LINK_RULES.indexOf(name);

function edges(list: [number, number, number, (typeof LINK_RULES)[number]][]): Edges {
  return {
    a: Int32Array.from(list.map((e) => e[0])),
    b: Int32Array.from(list.map((e) => e[1])),
    p: Float64Array.from(list.map((e) => e[2])),
    rule: Uint8Array.from(list.map((e) => R(e[3]))),
  };
}

describe('UnionFind', () => {
  it('finds connected components', () => {
    const uf = new UnionFind(5);
    uf.unionRoots(uf.find(0), uf.find(1));
    uf.unionRoots(uf.find(3), uf.find(4));
    uf.unionRoots(uf.find(1), uf.find(4));
    expect(uf.find(0)).toBe(uf.find(3));
    expect(uf.find(2)).not.toBe(uf.find(0));
  });
});

describe('clusterNodes', () => {
  it('groups transitively and records the strongest rule per node', () => {
    const out = clusterNodes(
      5,
      edges([
        [0, 1, 0.97, 'probabilistic'],
        [1, 2, 1, 'email'],
        [0, 2, 0.99, 'probabilistic'],
      ]),
    );
    expect(out.root[0]).toBe(out.root[1]);
    expect(out.root[1]).toBe(out.root[2]);
    expect(out.root[3]).not.toBe(out.root[4]);
    expect(out.rule[0]).toBe(R('probabilistic'));
    expect(out.probability[0]).toBe(0.99);
    expect(out.rule[1]).toBe(R('email'));
    expect(out.rule[3]).toBe(R('singleton'));
    expect(Number.isNaN(out.probability[3])).toBe(true);
  });

  it('skips the weakest edges that would join cannot-linked records', () => {
    // 0–1 email, 1–2 probabilistic 0.95, 2–3 probabilistic 0.99; cannot_link 0 and 3.
    const out = clusterNodes(
      4,
      edges([
        [1, 2, 0.95, 'probabilistic'],
        [2, 3, 0.99, 'probabilistic'],
        [0, 1, 1, 'email'],
      ]),
      [[0, 3]],
    );
    expect(out.root[0]).toBe(out.root[1]);
    expect(out.root[2]).toBe(out.root[3]);
    expect(out.root[0]).not.toBe(out.root[3]);
    expect(out.rejectedByCannotLink).toBe(1);
  });

  it('applies must_link before anything else', () => {
    const out = clusterNodes(3, edges([[0, 2, 1, 'must_link']]), [[1, 2]]);
    expect(out.root[0]).toBe(out.root[2]);
    expect(out.rule[2]).toBe(R('must_link'));
  });
});
