// Test helper: a store loaded with a generated demo company through the product's own pipeline
// (src/pipeline: loadDemo generates and imports every file, analyse runs every analysis), as
// `cxlens demo --analyse` does. Other e2e suites reuse it:
// `const demo = await loadDemoStore(dir, { customers: 1500, days: 135 })`.
import { join } from 'node:path';
import type { DemoOutput } from '../../../src/demo/index.js';
import { type LoadedDemo, loadDemo } from '../../../src/pipeline/index.js';
import { Store } from '../../../src/store/index.js';
import { type AnalysisRun, runAnalyses } from './run-analyses.js';

export interface DemoStoreOptions {
  customers?: number;
  days?: number;
  seed?: number;
  /** Skip the analyses (raw tables only). */
  skipAnalyses?: boolean;
}

export interface DemoStore {
  store: Store;
  dbPath: string;
  /** The generated demo (files and the planted truth: demo.truth.truths). */
  demo: DemoOutput;
  /** What loadDemo answered: the demo, the import summaries and its timings. */
  loaded: LoadedDemo;
  analyses: AnalysisRun[];
  /** Milliseconds spent per phase, for test logs and benches. */
  timings: { generateMs: number; importMs: number; analysesMs: number };
}

export async function loadDemoStore(
  dir: string,
  options: DemoStoreOptions = {},
): Promise<DemoStore> {
  const dbPath = join(dir, 'cxlens.duckdb');
  const store = await Store.open(dbPath);
  const loaded = await loadDemo(store, {
    customers: options.customers ?? 800,
    days: options.days ?? 120,
    seed: options.seed ?? 42,
    outDir: join(dir, 'demo'),
  });
  const t0 = Date.now();
  const analyses = options.skipAnalyses ? [] : await runAnalyses(store);
  return {
    store,
    dbPath,
    demo: loaded.demo,
    loaded,
    analyses,
    timings: {
      generateMs: Math.round(loaded.generateMs),
      importMs: Math.round(loaded.importMs),
      analysesMs: Date.now() - t0,
    },
  };
}
