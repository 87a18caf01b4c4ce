// Seeded pseudo-random numbers for reproducible fits, splits and synthetic data.
// mulberry32: a 32-bit state generator (period 2^32), fast and good enough for simulation;
// not for cryptography. Samplers: Box–Muller normal, Marsaglia–Tsang gamma, beta via two gammas.
import { mulberry32 } from '../lib/random.js';

export type Rng = () => number;

/** Uniforms in [0, 1) fully determined by `seed` (shared with the rest of the product). */
export { mulberry32 };

/** Standard normal draw (Box–Muller; one of the pair is discarded for simplicity). */
export function sampleNormal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Exponential draw with the given rate (mean 1 / rate). */
export function sampleExponential(rng: Rng, rate: number): number {
  let u = rng();
  while (u === 0) u = rng();
  return -Math.log(u) / rate;
}

/** Gamma(shape, scale) draw (Marsaglia & Tsang 2000; shape < 1 by the boost u^(1/shape)). */
export function sampleGamma(rng: Rng, shape: number, scale = 1): number {
  if (shape < 1) {
    let u = rng();
    while (u === 0) u = rng();
    return sampleGamma(rng, shape + 1, scale) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/** Beta(a, b) draw as G1 / (G1 + G2). */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  const g1 = sampleGamma(rng, a);
  const g2 = sampleGamma(rng, b);
  return g1 / (g1 + g2);
}

/** Fisher–Yates shuffle of an index permutation 0..n-1. */
export function shuffledIndices(n: number, rng: Rng): Uint32Array {
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx;
}
