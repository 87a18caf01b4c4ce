// Fellegi–Sunter (1969) record linkage, trained as Splink does. For a pair with comparison
// levels γ = (γ_1 … γ_K), fields assumed independent given the match status:
//   Bayes factor  BF_k = m_k(γ_k) / u_k(γ_k),  m = P(level | match), u = P(level | non-match)
//   match weight  w = log2(λ / (1 − λ)) + Σ_k log2 BF_k      (missing levels contribute 0)
//   probability   p = 2^w / (1 + 2^w)
// u comes from random pairs (estimate-u.ts) and stays fixed. m is fitted by
// expectation–maximisation on the candidate pairs of each blocking rule, leaving out the fields
// that rule forces to agree; the estimates of the sessions are averaged, weighted by the expected
// number of matches each saw. λ (prior match probability of two random records) is then the
// fixed point of λ = E[#matches among candidate pairs | λ] / #all pairs, assuming blocking keeps
// (nearly) every true match. Pure functions over aggregated patterns: no store access here.

export interface LevelParams {
  level: number;
  label: string;
  m: number;
  u: number;
  mEstimated: boolean;
}

export interface FieldParams {
  field: string;
  /** Indexed by level number 0..top. */
  levels: LevelParams[];
}

/** Count of candidate pairs sharing one vector of levels (and blocking-rule mask). */
export interface Pattern {
  levels: number[];
  mask: number;
  count: number;
}

export interface EmOptions {
  maxIterations?: number;
  tolerance?: number;
  /** Minimum expected matches for a session's estimates to count. */
  minExpectedMatches?: number;
}

const M_FLOOR = 1e-6;

/** Starting m: agreement levels more likely for matches (weight 4^level, normalised). */
export function initialM(top: number): number[] {
  const raw = Array.from({ length: top + 1 }, (_, level) => 4 ** level);
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
}

export interface EmSessionResult {
  m: (number[] | null)[];
  lambda: number;
  expectedMatches: number;
  iterations: number;
}

/**
 * One EM session: u fixed, m (for fields in `active`) and λ re-estimated until m moves by less
 * than the tolerance. Patterns' levels index fields in the same order as u.
 */
export function emSession(
  patterns: readonly Pattern[],
  u: readonly number[][],
  active: readonly boolean[],
  options: EmOptions = {},
): EmSessionResult {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  const k = u.length;
  let m: (number[] | null)[] = u.map((uf, f) => (active[f] ? initialM(uf.length - 1) : null));
  let lambda = 0.5;
  let iterations = 0;
  let expectedMatches = 0;
  for (; iterations < maxIterations; iterations++) {
    const num: (number[] | null)[] = u.map((uf, f) =>
      active[f] ? new Array(uf.length).fill(0) : null,
    );
    let sumP = 0;
    let sumC = 0;
    for (const pat of patterns) {
      let logM = Math.log(lambda);
      let logU = Math.log(1 - lambda);
      for (let f = 0; f < k; f++) {
        const g = pat.levels[f] as number;
        const mf = m[f];
        if (g < 0 || !mf) continue;
        logM += Math.log(mf[g] as number);
        logU += Math.log((u[f] as number[])[g] as number);
      }
      const p = 1 / (1 + Math.exp(logU - logM));
      const cp = pat.count * p;
      sumP += cp;
      sumC += pat.count;
      for (let f = 0; f < k; f++) {
        const g = pat.levels[f] as number;
        const nf = num[f];
        if (g >= 0 && nf) nf[g] = (nf[g] as number) + cp;
      }
    }
    const next = num.map((nf) => {
      if (!nf) return null;
      const total = nf.reduce((a, b) => a + b, 0);
      if (total <= 0) return nf.map(() => 1 / nf.length);
      const floored = nf.map((v) => Math.max(v / total, M_FLOOR));
      const s = floored.reduce((a, b) => a + b, 0);
      return floored.map((v) => v / s);
    });
    let delta = 0;
    for (let f = 0; f < k; f++) {
      const a = m[f];
      const b = next[f];
      if (!a || !b) continue;
      for (let g = 0; g < a.length; g++)
        delta = Math.max(delta, Math.abs((a[g] as number) - (b[g] as number)));
    }
    m = next;
    lambda = Math.min(Math.max(sumC > 0 ? sumP / sumC : 0.5, 1e-9), 1 - 1e-9);
    expectedMatches = sumP;
    if (delta < tolerance) {
      iterations++;
      break;
    }
  }
  return { m, lambda, expectedMatches, iterations };
}

/**
 * Trains m for every field over the sessions (one per blocking rule), averaging each field's
 * estimate over the sessions where it was free, weighted by expected matches. Fields no session
 * could estimate keep `fallbackM` (mEstimated false).
 */
export function trainM(
  patterns: readonly Pattern[],
  u: readonly number[][],
  sessions: readonly { bit: number; fixedFields: readonly number[] }[],
  fallbackM: readonly number[][],
  options: EmOptions = {},
): { m: number[][]; estimated: boolean[]; sessions: EmSessionResult[] } {
  const minExpected = options.minExpectedMatches ?? 20;
  const k = u.length;
  const sums: number[][] = u.map((uf) => new Array(uf.length).fill(0));
  const weights: number[] = new Array(k).fill(0);
  const results: EmSessionResult[] = [];
  for (const s of sessions) {
    const own = patterns.filter((p) => (p.mask & s.bit) !== 0);
    const active = u.map((_, f) => !s.fixedFields.includes(f));
    const res = emSession(own, u, active, options);
    results.push(res);
    if (res.expectedMatches < minExpected) continue;
    res.m.forEach((mf, f) => {
      if (!mf) return;
      const sf = sums[f] as number[];
      mf.forEach((v, g) => {
        sf[g] = (sf[g] as number) + v * res.expectedMatches;
      });
      weights[f] = (weights[f] as number) + res.expectedMatches;
    });
  }
  const estimated = weights.map((w) => w > 0);
  const m = sums.map((sf, f) => {
    const w = weights[f] as number;
    return w > 0 ? sf.map((v) => v / w) : [...(fallbackM[f] as number[])];
  });
  return { m, estimated, sessions: results };
}

/** log2 Bayes factor of one level; 0 for missing. */
export function levelWeight(m: readonly number[], u: readonly number[], level: number): number {
  if (level < 0) return 0;
  return Math.log2((m[level] as number) / (u[level] as number));
}

/** Match probability of a pattern given λ (no term-frequency adjustment). */
export function patternProbability(
  levels: readonly number[],
  m: readonly number[][],
  u: readonly number[][],
  lambda: number,
): number {
  let w = Math.log2(lambda / (1 - lambda));
  levels.forEach((g, f) => {
    w += levelWeight(m[f] as number[], u[f] as number[], g);
  });
  return probabilityFromWeight(w);
}

export function probabilityFromWeight(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/** λ as the fixed point of E[matches among candidates | λ] / totalPairs. */
export function estimateLambda(
  patterns: readonly Pattern[],
  m: readonly number[][],
  u: readonly number[][],
  totalPairs: number,
  iterations = 200,
): number {
  const candidates = patterns.reduce((a, p) => a + p.count, 0);
  if (candidates === 0 || totalPairs <= 0) return 1e-9;
  let lambda = Math.min(0.5, (0.1 * candidates) / totalPairs);
  for (let i = 0; i < iterations; i++) {
    let expected = 0;
    for (const p of patterns) expected += p.count * patternProbability(p.levels, m, u, lambda);
    const next = Math.min(Math.max(expected / totalPairs, 1e-12), 0.5);
    if (Math.abs(next - lambda) <= 1e-9 * lambda) return next;
    lambda = next;
  }
  return lambda;
}
