// Test helper: a store loaded with a generated demo company. Generates the demo into `dir`, imports
// every file with the real importer, then runs every analysis that exists (see run-analyses.ts).
// Other e2e suites reuse it: `const demo = await loadDemoStore(dir, { customers: 800, days: 120 })`.
import { join } from 'node:path';
import { type DemoOutput, generateDemo } from '../../../src/demo/index.js';
import { importFiles } from '../../../src/ingest/index.js';
import { ENTITIES } from '../../../src/schemas/index.js';
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
  demo: DemoOutput;
  analyses: AnalysisRun[];
  /** Milliseconds spent per phase, for test logs and benches. */
  timings: { generateMs: number; importMs: number; analysesMs: number };
}

export async function loadDemoStore(
  dir: string,
  options: DemoStoreOptions = {},
): Promise<DemoStore> {
  const t0 = Date.now();
  const demo = await generateDemo({
    customers: options.customers ?? 800,
    days: options.days ?? 120,
    seed: options.seed ?? 42,
    outDir: join(dir, 'demo'),
  });
  const t1 = Date.now();
  const dbPath = join(dir, 'cxlens.duckdb');
  const store = await Store.open(dbPath);
  for (const file of demo.files) {
    await importFiles(store, {
      entity: ENTITIES[file.entity],
      files: [file.path],
      source: file.source,
      format: file.format === 'ndjson' ? 'ndjson' : 'csv',
    });
  }
  const t2 = Date.now();
  const analyses = options.skipAnalyses ? [] : await runAnalyses(store);
  const t3 = Date.now();
  return {
    store,
    dbPath,
    demo,
    analyses,
    timings: { generateMs: t1 - t0, importMs: t2 - t1, analysesMs: t3 - t2 },
  };
}
