import { describe, expect, it } from 'vitest';
import { expandAspectTerms, learnAspectTerms } from './aspect-expansion.js';
import { AspectTaxonomy } from './aspect-taxonomy.js';
import { detectAspects } from './aspects.js';

const TAX = AspectTaxonomy.parse({
  delivery: [{ term: 'courier' }, { term: 'parcel' }],
  product: [{ term: 'blender' }],
});

// "van" always appears with delivery seeds; "motor" with product; "today" with both equally.
const TEXTS = [
  ...Array.from({ length: 8 }, (_, i) => `The courier van came late again ${i}.`),
  ...Array.from({ length: 8 }, (_, i) => `Blender motor is loud, model ${i}.`),
  ...Array.from({ length: 4 }, () => 'Parcel today. Blender today.'),
  ...Array.from({ length: 20 }, (_, i) => `Nothing to report about the weather ${i}.`),
];

describe('learnAspectTerms', () => {
  it('learns words that co-occur with seeds far above chance, with PMI as evidence', () => {
    const learned = learnAspectTerms(TEXTS, TAX);
    const van = learned.find((l) => l.term === 'van');
    expect(van?.aspect).toBe('delivery');
    expect(van?.count).toBe(8);
    // N = 8 + 8 + 8 + 20 = 44 sentences; n(delivery) = 12, n(van) = 8, n(van, delivery) = 8
    expect(van?.pmi).toBeCloseTo(Math.log2((8 * 44) / (8 * 12)), 10);
    expect(learned.find((l) => l.term === 'motor')?.aspect).toBe('product');
    expect(learned.find((l) => l.term === 'weather')).toBeUndefined();
  });

  it('respects minCount', () => {
    expect(learnAspectTerms(TEXTS, TAX, { minCount: 9 })).toEqual([]);
  });
});

describe('expandAspectTerms', () => {
  it('adds learned terms with a lower weight and leaves the input untouched', () => {
    const expanded = expandAspectTerms(TEXTS, TAX);
    const van = expanded.delivery?.find((t) => t.term === 'van');
    expect(van?.source).toBe('learned');
    expect(van?.weight).toBeGreaterThan(0);
    expect(van?.weight).toBeLessThanOrEqual(0.5);
    expect(TAX.delivery).toHaveLength(2);
    const [m] = detectAspects('The van driver threw it over the fence.', expanded);
    expect(m?.aspect).toBe('delivery');
    expect(m?.weight).toBeLessThan(1);
  });
});
