// The vader-sentiment npm package (a JavaScript port of VADER, Hutto & Gilbert 2014), used only as
// the comparison peer in eval and bench. It ships without types, so it is loaded through require.

import { createRequire } from 'node:module';

interface VaderScores {
  neg: number;
  neu: number;
  pos: number;
  compound: number;
}

interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): VaderScores };
}

const require = createRequire(import.meta.url);
const vader = require('vader-sentiment') as VaderModule;

/** VADER compound score in [−1, 1]. */
export function vaderCompound(text: string): number {
  return vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

/** VADER's own thresholds: compound ≥ 0.05 positive, ≤ −0.05 negative. */
export function vaderLabel(compound: number): 'negative' | 'neutral' | 'positive' {
  if (compound >= 0.05) return 'positive';
  if (compound <= -0.05) return 'negative';
  return 'neutral';
}
