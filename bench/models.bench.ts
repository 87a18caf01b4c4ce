// Models at scale, one core: BG/NBD + Gamma-Gamma fitted on 1M synthetic customers drawn from
// the CDNOW parameters (seed 7, observation 26–78 weeks, day resolution), and churn risk
// scored for 1M persons (logistic and gradient-boosted trees, encoding included).

import {
  type FeatureRow,
  fitBgNbd,
  fitChurnModel,
  fitGammaGamma,
  mulberry32,
  simulateCustomers,
} from '../src/models/index.js';
import type { BenchResult } from './types.js';

const CUSTOMERS = 1_000_000;
const PERSONS = 1_000_000;
const TRUE_BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const TRUE_GG = { p: 6.25, q: 3.74, gamma: 15.44 };

function persons(n: number, seed: number): { rows: FeatureRow[]; y: Uint8Array } {
  const rng = mulberry32(seed);
  const plans = ['basic', 'plus', 'pro'];
  const channels = ['web', 'app', 'store', 'partner'];
  const rows: FeatureRow[] = new Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const tenure = Math.floor(rng() * 72);
    const tickets = Math.floor(rng() * 8);
    const late = Math.floor(rng() * 4);
    const nps = Math.floor(rng() * 11);
    const spend = rng() < 0.02 ? null : Math.round(rng() * 20000) / 100;
    const plan = plans[Math.floor(rng() * 3)]!;
    const channel = channels[Math.floor(rng() * 4)]!;
    rows[i] = { tenure, tickets, late, nps, spend, plan, channel };
    const z =
      -1 -
      0.04 * tenure +
      0.3 * tickets +
      0.4 * late -
      0.15 * (nps - 5) +
      (plan === 'basic' ? 0.5 : 0);
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { rows, y };
}

const FEATURES = [
  { name: 'tenure', kind: 'numeric' as const },
  { name: 'tickets', kind: 'numeric' as const },
  { name: 'late', kind: 'numeric' as const },
  { name: 'nps', kind: 'numeric' as const },
  { name: 'spend', kind: 'numeric' as const },
  { name: 'plan', kind: 'categorical' as const },
  { name: 'channel', kind: 'categorical' as const },
];

const seconds = (from: number) => (performance.now() - from) / 1000;

export async function run(): Promise<BenchResult> {
  let t = performance.now();
  const customers = simulateCustomers(TRUE_BG, CUSTOMERS, mulberry32(7), {
    minT: 26,
    maxT: 78,
    grid: 1 / 7,
    spend: TRUE_GG,
  });
  const simulateS = seconds(t);
  t = performance.now();
  const bg = fitBgNbd(customers);
  const bgS = seconds(t);
  t = performance.now();
  const gg = fitGammaGamma(customers);
  const ggS = seconds(t);

  const train = persons(20_000, 1);
  const logistic = fitChurnModel(train.rows, train.y, { features: FEATURES, kind: 'logistic' });
  const gbt = fitChurnModel(train.rows, train.y, {
    features: FEATURES,
    kind: 'gbt',
    gbt: { trees: 200, depth: 3 },
  });
  const scoring = persons(PERSONS, 2);
  t = performance.now();
  const X = logistic.encoder.encode(scoring.rows);
  const encodeS = seconds(t);
  t = performance.now();
  logistic.scoreMatrix(X);
  const logisticS = seconds(t);
  t = performance.now();
  gbt.scoreMatrix(X);
  const gbtS = seconds(t);
  const heapMb = process.memoryUsage().rss / 2 ** 20;

  const fmt = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k}=${v.toFixed(4)}`)
      .join(' ');
  return {
    topic: 'models',
    figures: [
      {
        name: 'BG/NBD + Gamma-Gamma fit, 1M customers',
        value: bgS + ggS,
        unit: 's',
        target: { op: '<=', value: 10 },
      },
      { name: 'BG/NBD fit, 1M customers', value: bgS, unit: 's' },
      { name: 'Gamma-Gamma fit, repeat customers of 1M', value: ggS, unit: 's' },
      {
        name: 'churn risk, 1M persons: encode + logistic score',
        value: encodeS + logisticS,
        unit: 's',
        target: { op: '<=', value: 5 },
      },
      {
        name: 'churn risk, 1M persons: encode + GBT score (200 trees, depth 3)',
        value: encodeS + gbtS,
        unit: 's',
        baseline: { name: 'logistic', value: encodeS + logisticS },
        target: { op: '<=', value: 5 },
      },
      {
        name: 'churn scoring throughput (logistic, encoded)',
        value: PERSONS / logisticS,
        unit: 'rows/s',
      },
      { name: 'peak RSS', value: heapMb, unit: 'MiB' },
    ],
    notes: [
      `Synthetic customers: ${CUSTOMERS} (simulated in ${simulateS.toFixed(1)} s, seed 7), ${gg.customers} repeat buyers.`,
      `BG/NBD true ${fmt(TRUE_BG)} fitted ${fmt({ ...bg.params })} (${bg.evaluations} likelihood evaluations).`,
      `Gamma-Gamma true ${fmt(TRUE_GG)} fitted ${fmt({ ...gg.params })} (${gg.evaluations} evaluations).`,
      `Churn: encode ${encodeS.toFixed(2)} s, logistic ${logisticS.toFixed(2)} s, GBT ${gbtS.toFixed(2)} s for ${PERSONS} rows (${logistic.encoder.columns.length} encoded columns).`,
    ],
  };
}
