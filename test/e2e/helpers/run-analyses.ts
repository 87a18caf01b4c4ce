// Test helper: runs, in dependency order, every analysis that writes the derived tables the read
// API serves (identity first: the others key on person_id). One entry per analysis. A failing
// analysis is reported in its AnalysisRun and the others still run, as a user's store would be.
import { resolveIdentities } from '../../../src/identity/index.js';
import { churnRisk, customerValue, loadChurnConfig } from '../../../src/metrics/churn/index.js';
import { computeScores, loadExperienceConfig } from '../../../src/metrics/experience/index.js';
import { scoreTexts } from '../../../src/metrics/voice/index.js';
import type { Store } from '../../../src/store/index.js';

export interface AnalysisRun {
  name: string;
  ms: number;
  /** Set when the analysis failed: the rest still run, and its pages show "not computed". */
  error?: string;
}

interface AnalysisStep {
  name: string;
  run: (store: Store) => Promise<unknown>;
}

export const ANALYSIS_STEPS: AnalysisStep[] = [
  { name: 'identity', run: (store) => resolveIdentities(store) },
  { name: 'voice', run: (store) => scoreTexts(store) },
  { name: 'scores', run: (store) => computeScores(store, loadExperienceConfig()) },
  { name: 'churn', run: (store) => churnRisk(store, loadChurnConfig()) },
  { name: 'value', run: (store) => customerValue(store) },
];

export async function runAnalyses(store: Store): Promise<AnalysisRun[]> {
  const runs: AnalysisRun[] = [];
  for (const step of ANALYSIS_STEPS) {
    const t0 = Date.now();
    try {
      await step.run(store);
      runs.push({ name: step.name, ms: Date.now() - t0 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      runs.push({ name: step.name, ms: Date.now() - t0, error: message });
    }
  }
  return runs;
}
