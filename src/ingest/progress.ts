// Progress of long imports: steps per file, with DuckDB's own query progress polled while a
// statement runs, so a bar moves during a single large read.
import type { Store } from '../store/index.js';

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  step: 'read' | 'validate' | 'load' | 'done';
  /** 0..1 across the whole import */
  fraction: number;
}

export type ProgressFn = (p: ImportProgress) => void;

const STEPS = ['read', 'validate', 'load'] as const;

export async function trackStep<T>(
  store: Store,
  onProgress: ProgressFn | undefined,
  base: Omit<ImportProgress, 'fraction' | 'step'>,
  step: (typeof STEPS)[number],
  work: () => Promise<T>,
): Promise<T> {
  if (!onProgress) return work();
  const stepIndex = STEPS.indexOf(step);
  const report = (within: number) =>
    onProgress({
      ...base,
      step,
      fraction:
        (base.fileIndex * STEPS.length + stepIndex + Math.min(1, Math.max(0, within))) /
        (base.files * STEPS.length),
    });
  report(0);
  const timer = setInterval(() => {
    const pct = store.conn.progress.percentage;
    if (pct > 0) report(pct / 100);
  }, 150);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    report(1);
  }
}
