// The configuration of the latest computeScores run (score_runs.config): person_signals keeps
// counts and decayed counts only, so readers derive points from the weights that made the scores.
import type { Store } from '../../store/index.js';
import { type ExperienceConfig, loadExperienceConfig } from './config.js';

/** The latest run's config (merged over the defaults, as it was validated), or undefined. */
export async function latestRunConfig(store: Store): Promise<ExperienceConfig | undefined> {
  const run = await store.one<{ config: string }>(
    'SELECT CAST(config AS VARCHAR) AS config FROM score_runs ORDER BY computed_at DESC LIMIT 1',
  );
  if (!run) return undefined;
  return loadExperienceConfig(JSON.parse(run.config) as Record<string, unknown>);
}
