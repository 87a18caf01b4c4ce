// Test helper: the product's own analysis pipeline (src/pipeline analyse: identity → voice →
// scores → churn → value), as `cxlens demo --analyse` and `npm start` run it. One entry per step
// that ran; when a step fails the pipeline stops there, the failure is reported in its entry
// (with the error) and the steps after it are missing — their pages show "not computed".
import { analyse } from '../../../src/pipeline/index.js';
import type { Store } from '../../../src/store/index.js';

export interface AnalysisRun {
  name: string;
  ms: number;
  detail?: string;
  /** Set when the step failed (the pipeline stops at it). */
  error?: string;
}

export async function runAnalyses(store: Store): Promise<AnalysisRun[]> {
  let current = '';
  let started = Date.now();
  try {
    const steps = await analyse(store, (stage) => {
      if (stage !== current) {
        current = stage;
        started = Date.now();
      }
    });
    return steps.map((s) => ({
      name: s.name,
      ms: s.ms,
      ...(s.detail ? { detail: s.detail } : {}),
    }));
  } catch (error) {
    // A step reports progress only now and then: name the last one heard from.
    const message = error instanceof Error ? error.message : String(error);
    const where = current ? `at or after ${current}` : 'at identity';
    return [{ name: `pipeline (${where})`, ms: Date.now() - started, error: message }];
  }
}
