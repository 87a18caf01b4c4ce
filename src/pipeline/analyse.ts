// The main job after data is in the store: resolve identities, then run every analysis that
// writes derived tables the API and dashboard read. Each step reports progress and timing.
import { resolveIdentities } from '../identity/index.js';
import { scoreTexts } from '../metrics/voice/index.js';
import type { Store } from '../store/index.js';
import type { StageProgress } from './load-demo.js';

export interface AnalysisStep {
  name: string;
  ms: number;
  detail?: string;
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
];

export async function analyse(store: Store, onProgress?: StageProgress): Promise<AnalysisStep[]> {
  const done: AnalysisStep[] = [];
  for (const step of STEPS) {
    const t = performance.now();
    const detail = await step.run(store, (f) => onProgress?.(step.name, f));
    onProgress?.(step.name, 1);
    done.push({ name: step.name, ms: performance.now() - t, ...(detail ? { detail } : {}) });
  }
  return done;
}
