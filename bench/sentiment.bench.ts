// Sentiment throughput, single thread: cxlens scoreSentiment vs the vader-sentiment package on the
// same texts in the same run. Texts: the 5,071 non-empty reviews/sentences of
// ../shared/datasets/reviews-sentiment (Alexa + UCI amazon_cells + yelp), cycled. Each scorer gets
// a warm-up pass, then runs for at least MIN_MS; figure = texts scored / elapsed seconds.

import { loadAlexa, loadUci } from '../eval/sentiment/data.js';
import { vaderCompound } from '../eval/sentiment/vader.js';
import { scoreSentiment } from '../src/text/index.js';
import type { BenchResult } from './types.js';

const MIN_MS = 1500;

function throughput(texts: readonly string[], score: (t: string) => number): number {
  let sink = 0;
  for (const t of texts) sink += score(t);
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MS) {
    for (const t of texts) sink += score(t);
    n += texts.length;
    elapsed = performance.now() - t0;
  }
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the loop from being optimised away');
  return (n / elapsed) * 1000;
}

export async function run(): Promise<BenchResult> {
  const texts = [
    ...loadAlexa().map((r) => r.text),
    ...loadUci('amazon_cells').map((r) => r.text),
    ...loadUci('yelp').map((r) => r.text),
  ];
  const meanChars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  const ours = throughput(texts, (t) => scoreSentiment(t).score);
  const vader = throughput(texts, vaderCompound);
  return {
    topic: 'sentiment',
    figures: [
      {
        name: 'scoreSentiment throughput',
        value: Math.round(ours),
        unit: 'texts/s',
        baseline: { name: 'vader-sentiment', value: Math.round(vader) },
        target: { op: '>=', value: 20_000 },
      },
    ],
    notes: [
      `${texts.length} real review texts (mean ${meanChars.toFixed(0)} characters), cycled for ≥ ${MIN_MS} ms per scorer, one thread.`,
      'Ours includes tokenising, language guard (tinyld only when English evidence is weak) and scoring.',
    ],
  };
}
