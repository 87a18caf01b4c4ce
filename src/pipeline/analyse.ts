// The main job after data is in the store: resolve identities, then run every analysis that
// writes derived tables the API and dashboard read. Each step reports progress and timing. A step
// the data cannot support yet (too little history to label churn, too few repeat buyers for CLV,
// nothing to score) is reported as skipped with its reason and the others still run: a short
// history is a state of the data, not a failure of the job.
import { resolveIdentities } from '../identity/index.js';
import { CxError, NotFoundError } from '../lib/errors.js';
import { churnRisk, customerValue, loadChurnConfig } from '../metrics/churn/index.js';
import {
  computeQuadrantTrend,
  computeScores,
  loadExperienceConfig,
} from '../metrics/experience/index.js';
import { scoreTexts } from '../metrics/voice/index.js';
import type { Store } from '../store/index.js';
import type { StageProgress } from './load-demo.js';

export interface AnalysisStep {
  name: string;
  ms: number;
  detail?: string;
  /** Why the step did not run (not enough data for it); the other steps ran. */
  skipped?: string;
}

/** Codes that say the data cannot support a step yet, rather than that something is wrong. */
const NOT_ENOUGH_DATA = new Set([
  'INPUT_TOO_FEW_LABELS',
  'INPUT_TOO_FEW_CUSTOMERS',
  'INPUT_NO_DATA',
]);

function isNotEnoughData(error: unknown): error is CxError {
  return (
    error instanceof NotFoundError || (error instanceof CxError && NOT_ENOUGH_DATA.has(error.code))
  );
}

interface Step {
  name: string;
  run: (store: Store, progress: (fraction: number) => void) => Promise<string | undefined>;
}

const STEPS: Step[] = [
  {
    name: 'identity',
    run: async (store, progress) => {
      const r = await resolveIdentities(store, {}, (_step, i, n) => progress(i / n));
      return `${r.persons} persons from ${r.records} records`;
    },
  },
  {
    name: 'voice',
    run: async (store, progress) => {
      const r = await scoreTexts(store, { onProgress: (p) => progress(p.fraction) });
      return `${r.scored} texts scored, ${r.unscored} not English`;
    },
  },
  {
    name: 'scores',
    run: async (store, progress) => {
      const config = loadExperienceConfig();
      const r = await computeScores(store, config);
      progress(0.7);
      await computeQuadrantTrend(store, config);
      const q = Object.entries(r.quadrants)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      return `${r.persons} persons scored (${q})`;
    },
  },
  {
    name: 'churn',
    run: async (store, progress) => {
      const r = await churnRisk(store, loadChurnConfig(), {}, (f) => progress(f));
      const auc = r.holdout.auc === null ? 'n/a' : r.holdout.auc.toFixed(3);
      return `${r.scored} persons scored for churn risk (holdout AUC ${auc})`;
    },
  },
  {
    name: 'value',
    run: async (store, progress) => {
      const r = await customerValue(store, {}, (f) => progress(f));
      return `${r.customers} customers valued (mean 12-month CLV ${r.meanClv.toFixed(0)})`;
    },
  },
];

export async function analyse(store: Store, onProgress?: StageProgress): Promise<AnalysisStep[]> {
  const done: AnalysisStep[] = [];
  for (const step of STEPS) {
    const t = performance.now();
    try {
      const detail = await step.run(store, (f) => onProgress?.(step.name, f));
      done.push({ name: step.name, ms: performance.now() - t, ...(detail ? { detail } : {}) });
    } catch (error) {
      if (!isNotEnoughData(error)) throw error;
      done.push({ name: step.name, ms: performance.now() - t, skipped: error.message });
    }
    onProgress?.(step.name, 1);
  }
  return done;
}
