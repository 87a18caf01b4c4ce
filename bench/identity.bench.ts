// Identity resolution at scale: 1M generated customers (persons + 20% planted duplicates,
// realistic corruption, seed 42) resolved end to end in an in-memory store, beside a
// deterministic-only pass (e-mail, phone, user id) on the same data in the same run.
// Reports wall time, process CPU time (Node + DuckDB threads), candidate pairs compared per
// second, peak RSS (sampled every 50 ms) and pairwise precision / recall / F1 against the planted
// truth; per step: wall, CPU and time spent inside DuckDB calls (the rest is JS).
// Size: BENCH_IDENTITY_N (default 1 000 000 records; IDENTITY_BENCH_RECORDS is an old alias).
// Run: npx tsx bench/run.ts identity   (BENCH_IDENTITY_N=200000 to iterate)
import { pairwiseMetrics, type ResolveResult, resolveIdentities } from '../src/identity/index.js';
import { generateCustomers } from '../src/identity/synthetic-customers.js';
import { Store } from '../src/store/index.js';
import type { BenchResult } from './types.js';

const RECORDS = Number(
  process.env.BENCH_IDENTITY_N ?? process.env.IDENTITY_BENCH_RECORDS ?? 1_000_000,
);
const DUPLICATE_RATE = 0.2;

function sampleRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** Accumulates wall time spent inside DuckDB calls on the store's connection. */
function instrumentDuckDb(store: Store): { ms: () => number } {
  let total = 0;
  let depth = 0; // runAndReadAll calls run: count the outermost call only
  const conn = store.conn as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['run', 'runAndReadAll']) {
    const original = (conn[name] as (...args: unknown[]) => Promise<unknown>).bind(store.conn);
    conn[name] = async (...args: unknown[]) => {
      const t = performance.now();
      depth++;
      try {
        return await original(...args);
      } finally {
        depth--;
        if (depth === 0) total += performance.now() - t;
      }
    };
  }
  return { ms: () => total };
}

interface StepCost {
  step: string;
  wallMs: number;
  cpuMs: number;
  duckdbMs: number;
}

/** Runs resolveIdentities, recording wall, process CPU and DuckDB time per step. */
async function measuredResolve(
  store: Store,
  duck: { ms: () => number },
  options: Parameters<typeof resolveIdentities>[1],
): Promise<{
  result: ResolveResult;
  wallS: number;
  cpuS: number;
  peak: number;
  steps: StepCost[];
}> {
  const steps: StepCost[] = [];
  const rss = sampleRss();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const d0 = duck.ms();
  let last = { t: t0, c: c0, d: d0 };
  const result = await resolveIdentities(store, options, (step) => {
    const now = { t: performance.now(), c: process.cpuUsage(), d: duck.ms() };
    steps.push({
      step,
      wallMs: Math.round(now.t - last.t),
      cpuMs: Math.round((now.c.user - last.c.user + now.c.system - last.c.system) / 1000),
      duckdbMs: Math.round(now.d - last.d),
    });
    last = now;
  });
  const wallS = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  return { result, wallS, cpuS: (c1.user + c1.system) / 1e6, peak: rss.stop(), steps };
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

const fmtSteps = (steps: StepCost[]) =>
  steps.map((s) => `${s.step} ${s.wallMs}/${s.cpuMs}/${s.duckdbMs}`).join(', ');

export async function run(): Promise<BenchResult> {
  const persons = Math.round(RECORDS / (1 + DUPLICATE_RATE));
  const store = await Store.open(':memory:');
  const duck = instrumentDuckDb(store);
  try {
    const g0 = performance.now();
    const truth = await generateCustomers(store, {
      persons,
      duplicateRate: DUPLICATE_RATE,
      seed: 42,
    });
    const generateS = (performance.now() - g0) / 1000;

    const det = await measuredResolve(store, duck, { deterministicOnly: true });
    const detF1 = await f1(store, truth);

    await store.run(
      'DELETE FROM identity_links; DELETE FROM persons; DELETE FROM person_keys; DELETE FROM identity_log',
    );
    const full = await measuredResolve(store, duck, {});
    const fullF1 = await f1(store, truth);
    const compareMs = full.steps
      .filter((s) => s.step === 'block' || s.step === 'fit' || s.step === 'score')
      .reduce((a, s) => a + s.wallMs, 0);
    const MiB = 2 ** 20;

    return {
      topic: 'identity',
      figures: [
        {
          name: 'resolve wall time',
          value: round(full.wallS),
          unit: 's',
          baseline: { name: 'deterministic only', value: round(det.wallS) },
          target: { op: '<=', value: 60 },
        },
        {
          name: 'resolve CPU time (process, all threads)',
          value: round(full.cpuS),
          unit: 's',
          baseline: { name: 'deterministic only', value: round(det.cpuS) },
        },
        {
          name: 'peak RSS (sampled)',
          value: Math.round(full.peak / MiB),
          unit: 'MB',
          baseline: { name: 'deterministic only', value: Math.round(det.peak / MiB) },
          target: { op: '<=', value: 4096 },
        },
        { name: 'candidate pairs', value: full.result.candidatePairs, unit: 'pairs' },
        {
          name: 'pairs compared per second',
          value: Math.round(full.result.candidatePairs / Math.max(compareMs / 1000, 1e-3)),
          unit: 'pairs/s',
        },
        {
          name: 'records per second',
          value: Math.round(full.result.records / full.wallS),
          unit: 'records/s',
          baseline: {
            name: 'deterministic only',
            value: Math.round(det.result.records / det.wallS),
          },
        },
        {
          name: 'pairwise F1',
          value: round(fullF1, 4),
          unit: '',
          baseline: { name: 'deterministic only', value: round(detF1, 4) },
        },
      ],
      notes: [
        `${full.result.records} records (${persons} persons, ${DUPLICATE_RATE * 100}% duplicated, seed 42); generation ${round(generateS)} s, not counted.`,
        `steps (wall/CPU/DuckDB ms): ${fmtSteps(full.steps)}`,
        `deterministic-only steps (wall/CPU/DuckDB ms): ${fmtSteps(det.steps)}`,
        `probabilistic links ${full.result.probabilisticLinks}, persons ${full.result.persons}, λ ${full.result.lambda.toExponential(3)}`,
        'pairs compared per second = candidate pairs / (block + fit + score wall time).',
        'CPU = process.cpuUsage() (user + system over all threads, DuckDB included); on a shared machine wall time varies, CPU less.',
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
