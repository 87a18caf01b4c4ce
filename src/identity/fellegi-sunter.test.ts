import { describe, expect, it } from 'vitest';
import {
  emSession,
  estimateLambda,
  levelWeight,
  type Pattern,
  patternProbability,
  probabilityFromWeight,
  trainM,
} from './fellegi-sunter.js';

// A small seeded generator (mulberry32) so the synthetic data are the same on every run.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(probs: readonly number[], r: number): number {
  let acc = 0;
  for (let i = 0; i < probs.length; i++) {
    acc += probs[i] as number;
    if (r < acc) return i;
  }
  return probs.length - 1;
}

const TRUE_M = [
  [0.05, 0.1, 0.85],
  [0.02, 0.08, 0.2, 0.7],
  [0.1, 0.9],
  [0.15, 0.05, 0.8],
];
const TRUE_U = [
  [0.9, 0.08, 0.02],
  [0.7, 0.2, 0.08, 0.02],
  [0.95, 0.05],
  [0.6, 0.3, 0.1],
];

function synthesise(n: number, lambda: number, seed: number): Pattern[] {
  const next = rng(seed);
  const counts = new Map<string, Pattern>();
  for (let i = 0; i < n; i++) {
    const isMatch = next() < lambda;
    const levels = (isMatch ? TRUE_M : TRUE_U).map((p) => draw(p, next()));
    const key = levels.join(',');
    const p = counts.get(key) ?? { levels, mask: 1, count: 0 };
    p.count++;
    counts.set(key, p);
  }
  return [...counts.values()];
}

describe('Fellegi–Sunter EM with fixed u', () => {
  it('recovers m and λ from synthetic pairs drawn from known parameters', () => {
    const patterns = synthesise(200_000, 0.3, 7);
    const res = emSession(patterns, TRUE_U, [true, true, true, true]);
    expect(res.lambda).toBeCloseTo(0.3, 2);
    res.m.forEach((mf, f) => {
      mf?.forEach((v, g) => {
        expect(Math.abs(v - (TRUE_M[f]?.[g] as number))).toBeLessThan(0.01);
      });
    });
  });

  it('leaves fixed fields out and falls back when no session can estimate a field', () => {
    const patterns = synthesise(50_000, 0.3, 11);
    const fallback = TRUE_M.map((mf) => mf.map(() => 1 / mf.length));
    const out = trainM(patterns, TRUE_U, [{ bit: 1, fixedFields: [2] }], fallback);
    expect(out.estimated).toEqual([true, true, false, true]);
    expect(out.m[2]).toEqual([0.5, 0.5]);
    expect(Math.abs((out.m[0]?.[2] as number) - 0.85)).toBeLessThan(0.02);
  });

  it('estimates λ over all pairs as the fixed point of expected matches', () => {
    const patterns = synthesise(100_000, 0.3, 3);
    // When the candidates are all the pairs, λ is the share of matches among them.
    expect(estimateLambda(patterns, TRUE_M, TRUE_U, 100_000)).toBeCloseTo(0.3, 2);
    // Inside 10^7 pairs the prior is 100× smaller; the expected count stays near 30 000.
    const lambda = estimateLambda(patterns, TRUE_M, TRUE_U, 1e7);
    expect(lambda * 1e7).toBeGreaterThan(22_000);
    expect(lambda * 1e7).toBeLessThan(32_000);
  });
});

describe('match weight and probability', () => {
  it('computes known answers', () => {
    expect(levelWeight([0.1, 0.9], [0.9, 0.1], 1)).toBeCloseTo(Math.log2(9), 12);
    expect(levelWeight([0.1, 0.9], [0.9, 0.1], -1)).toBe(0);
    expect(probabilityFromWeight(0)).toBe(0.5);
    expect(probabilityFromWeight(Math.log2(3))).toBeCloseTo(0.75, 12);
    // λ = 0.5, one field with BF 9 → p = 0.9
    expect(patternProbability([1], [[0.1, 0.9]], [[0.9, 0.1]], 0.5)).toBeCloseTo(0.9, 12);
  });
});
