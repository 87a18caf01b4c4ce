// Identity resolution at scale: 1M generated customers (800k persons + 20% planted duplicates,
// realistic corruption, seed 42) resolved end to end in an in-memory store, beside a
// deterministic-only pass (e-mail, phone, user id) on the same data in the same run.
// Reports wall time, candidate pairs compared per second, peak RSS (sampled every 100 ms) and
// pairwise precision / recall / F1 against the planted truth.
// Run: npx tsx -e "import('./bench/identity.bench.ts').then(m=>m.run()).then(r=>console.log(JSON.stringify(r,null,2)))"
import { pairwiseMetrics, resolveIdentities } from '../src/identity/index.js';
import { generateCustomers } from '../src/identity/synthetic-customers.js';
import { Store } from '../src/store/index.js';
import type { BenchResult } from './types.js';

const RECORDS = Number(process.env.IDENTITY_BENCH_RECORDS ?? 1_000_000);
const DUPLICATE_RATE = 0.2;

function sampleRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

async function f1(store: Store, truth: Map<string, string>): Promise<number> {
  const links = await store.all<{ record_key: string; person_id: string }>(
    'SELECT record_key, person_id FROM identity_links',
  );
  const byKey = new Map(links.map((l) => [l.record_key, l.person_id]));
  const keys = [...truth.keys()];
  return pairwiseMetrics(
    keys.map((k) => byKey.get(k) ?? k),
    keys.map((k) => truth.get(k) as string),
  ).f1;
}

export async function run(): Promise<BenchResult> {
  const persons = Math.round(RECORDS / (1 + DUPLICATE_RATE));
  const store = await Store.open(':memory:');
  try {
    const g0 = performance.now();
    const truth = await generateCustomers(store, {
      persons,
      duplicateRate: DUPLICATE_RATE,
      seed: 42,
    });
    const generateS = (performance.now() - g0) / 1000;

    const detRss = sampleRss();
    const d0 = performance.now();
    const det = await resolveIdentities(store, { deterministicOnly: true });
    const detS = (performance.now() - d0) / 1000;
    const detPeak = detRss.stop();
    const detF1 = await f1(store, truth);

    await store.run(
      'DELETE FROM identity_links; DELETE FROM persons; DELETE FROM person_keys; DELETE FROM identity_log',
    );
    const rss = sampleRss();
    const t0 = performance.now();
    const full = await resolveIdentities(store);
    const fullS = (performance.now() - t0) / 1000;
    const peak = rss.stop();
    const fullF1 = await f1(store, truth);
    const compareS = ((full.timingsMs.block ?? 0) + (full.timingsMs.score ?? 0)) / 1000;

    return {
      topic: 'identity',
      figures: [
        {
          name: 'resolve wall time',
          value: round(fullS),
          unit: 's',
          baseline: { name: 'deterministic only', value: round(detS) },
          target: { op: '<=', value: 60 },
        },
        {
          name: 'peak RSS',
          value: round(peak / 2 ** 30, 2),
          unit: 'GiB',
          baseline: { name: 'deterministic only', value: round(detPeak / 2 ** 30, 2) },
          target: { op: '<=', value: 4 },
        },
        { name: 'candidate pairs', value: full.candidatePairs, unit: 'pairs' },
        {
          name: 'pairs compared per second',
          value: Math.round(full.candidatePairs / Math.max(compareS, 1e-3)),
          unit: 'pairs/s',
        },
        {
          name: 'records per second',
          value: Math.round(full.records / fullS),
          unit: 'records/s',
          baseline: { name: 'deterministic only', value: Math.round(det.records / detS) },
        },
        {
          name: 'pairwise F1',
          value: round(fullF1, 4),
          unit: '',
          baseline: { name: 'deterministic only', value: round(detF1, 4) },
        },
      ],
      notes: [
        `${full.records} records (${persons} persons, ${DUPLICATE_RATE * 100}% duplicated, seed 42); generation ${round(generateS)} s, not counted.`,
        `step timings (ms): ${JSON.stringify(full.timingsMs)}`,
        `deterministic-only step timings (ms): ${JSON.stringify(det.timingsMs)}`,
        'pairs compared per second = candidate pairs / (blocking + comparison levels + scoring time), all in DuckDB.',
      ],
    };
  } finally {
    store.close();
  }
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
