import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../lib/random.js';
import { buildTfidf, extractTerms } from './tfidf.js';
import { findTopics, topicTrend } from './topics.js';

const THEMES = [
  ['password reset email', 'cannot reset password', 'reset link expired password'],
  ['refund not received', 'still waiting for refund', 'refund for returned item'],
  ['parcel delivered late', 'courier lost parcel', 'late parcel delivery again'],
];

function corpus(n: number, seed = 1): { text: string; theme: number }[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const theme = Math.floor(rand() * THEMES.length);
    const variants = THEMES[theme] as string[];
    return { text: variants[Math.floor(rand() * variants.length)] as string, theme };
  });
}

describe('extractTerms / buildTfidf', () => {
  it('drops stopwords, short words and numbers, and adds bigrams of kept words', () => {
    expect(extractTerms('The parcel was never delivered in 2024', true)).toEqual([
      'parcel',
      'never',
      'delivered',
      'parcel never',
      'never delivered',
    ]);
  });

  it('known answer: idf = ln(N/df) + 1 and rows have unit length', () => {
    const m = buildTfidf(['refund late', 'refund', 'late late'], {
      minDf: 1,
      maxDfShare: 1,
      bigrams: false,
    });
    const j = m.vocabulary.indexOf('refund');
    expect(m.idf[j]).toBeCloseTo(Math.log(3 / 2) + 1, 12);
    for (const r of m.rows) {
      expect(r.val.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('findTopics', () => {
  it('recovers planted themes and labels them with their terms', () => {
    const docs = corpus(600);
    const model = findTopics(
      docs.map((d) => d.text),
      { k: 3 },
    );
    expect(model.topics).toHaveLength(3);
    // each topic is pure: all of its texts come from one theme
    for (const t of model.topics) {
      const themes = new Set(
        docs.filter((_, i) => model.assignments[i] === t.id).map((d) => d.theme),
      );
      expect(themes.size).toBe(1);
    }
    const labels = model.topics.map((t) => t.label).join(' | ');
    expect(labels).toMatch(/password/);
    expect(labels).toMatch(/refund/);
    expect(labels).toMatch(/parcel/);
    expect(model.topics.reduce((s, t) => s + t.share, 0)).toBeCloseTo(1, 10);
  });

  it('is deterministic for a seed', () => {
    const texts = corpus(300, 7).map((d) => d.text);
    expect(findTopics(texts, { k: 4, seed: 3 })).toEqual(findTopics(texts, { k: 4, seed: 3 }));
  });

  it('gives −1 to texts without vocabulary and handles empty input', () => {
    expect(findTopics([])).toEqual({ topics: [], assignments: [] });
    const model = findTopics(['refund late', 'refund late', 'refund late', 'the and of'], {
      k: 1,
      maxDfShare: 1,
    });
    expect(model.assignments).toEqual([0, 0, 0, -1]);
  });

  it('scales to 100k short texts', () => {
    const texts = corpus(100_000, 3).map((d, i) => `${d.text} order ${i % 97}`);
    const t0 = performance.now();
    const model = findTopics(texts, { k: 8 });
    const seconds = (performance.now() - t0) / 1000;
    expect(model.assignments).toHaveLength(100_000);
    expect(seconds).toBeLessThan(15);
  });
});

describe('topicTrend', () => {
  it('counts texts per week per topic', () => {
    const model = findTopics(['refund late', 'refund late', 'password reset', 'password reset'], {
      k: 2,
      minDf: 1,
    });
    const trend = topicTrend(
      [
        { date: '2024-03-04T10:00:00Z' }, // Monday
        { date: '2024-03-10T23:00:00Z' }, // Sunday, same ISO week
        { date: new Date('2024-03-11T00:00:00Z') },
        { date: '2024-03-12' },
      ],
      model,
      'week',
    );
    expect(trend.periods).toEqual(['2024-03-04', '2024-03-11']);
    const refund = trend.series.find((s) => s.label.includes('refund'));
    const password = trend.series.find((s) => s.label.includes('password'));
    expect(refund?.counts).toEqual([2, 0]);
    expect(password?.counts).toEqual([0, 2]);
  });

  it('rejects mismatched lengths and bad dates with stable codes', () => {
    const model = findTopics(['refund late', 'refund late'], { k: 1, minDf: 1 });
    expect(() => topicTrend([{ date: '2024-01-01' }], model)).toThrow(
      expect.objectContaining({ code: 'INPUT_LENGTH_MISMATCH' }),
    );
    expect(() => topicTrend([{ date: '2024-01-01' }, { date: 'soon' }], model)).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_DATE' }),
    );
  });
});
