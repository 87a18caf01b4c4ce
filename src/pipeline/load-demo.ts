// Generates the demo company and imports every file it wrote, in the order identity needs
// (people before their activity). Returns the import summaries and the planted truth.
import { type DemoOutput, generateDemo } from '../demo/index.js';
import { type ImportSummary, importFiles } from '../ingest/index.js';
import { ENTITIES } from '../schemas/index.js';
import type { Store } from '../store/index.js';

export interface LoadDemoOptions {
  customers?: number;
  days?: number;
  seed?: number;
  outDir: string;
}

export type StageProgress = (stage: string, fraction: number) => void;

export interface LoadedDemo {
  demo: DemoOutput;
  imports: ImportSummary[];
  generateMs: number;
  importMs: number;
}

const ORDER = [
  'partner',
  'campaign',
  'customer',
  'subscription',
  'order',
  'event',
  'ticket',
  'survey_response',
  'post',
  'idea',
];

export async function loadDemo(
  store: Store,
  options: LoadDemoOptions,
  onProgress?: StageProgress,
): Promise<LoadedDemo> {
  const t0 = performance.now();
  const demo = await generateDemo(
    {
      outDir: options.outDir,
      ...(options.customers !== undefined ? { customers: options.customers } : {}),
      ...(options.days !== undefined ? { days: options.days } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    },
    (done, total, stage) => onProgress?.(`generate ${stage}`, done / total),
  );
  const t1 = performance.now();
  const files = [...demo.files].sort((a, b) => ORDER.indexOf(a.entity) - ORDER.indexOf(b.entity));
  const imports: ImportSummary[] = [];
  for (const [i, f] of files.entries()) {
    onProgress?.(`import ${f.entity} (${f.source})`, i / files.length);
    imports.push(
      await importFiles(store, {
        entity: ENTITIES[f.entity],
        files: [f.path],
        source: f.source,
        format: f.format,
        saveMapping: false,
      }),
    );
  }
  onProgress?.('import done', 1);
  return { demo, imports, generateMs: t1 - t0, importMs: performance.now() - t1 };
}
