import { describe, expect, it } from 'vitest';
import { AspectTaxonomy, DEFAULT_TAXONOMY } from './aspect-taxonomy.js';
import { aspectsOf, detectAspects } from './aspects.js';

const byAspect = (text: string) => new Map(detectAspects(text).map((a) => [a.aspect, a]));

describe('detectAspects', () => {
  it('gives each aspect the sentiment of its own sentence', () => {
    const m = byAspect('The blender is excellent. But delivery was late and the courier was rude.');
    expect(m.get('product')?.label).toBe('positive');
    expect(m.get('delivery')?.label).toBe('negative');
    expect(m.get('service')).toBeUndefined();
    expect(m.get('delivery')?.terms).toEqual(['delivery', 'late', 'courier']);
  });

  it('matches phrases and plurals', () => {
    expect(aspectsOf('I was on hold with customer service for ages').sort()).toEqual(['service']);
    expect(aspectsOf('Too many ads everywhere')).toEqual(['advertising_promotion']);
    expect(aspectsOf('your new TV ad is offensive')).toEqual(['advertising_promotion']);
    expect(aspectsOf('the app crashes at checkout').sort()).toEqual([
      'checkout_payment',
      'website_app',
    ]);
  });

  it('averages sentence scores weighted by term weight', () => {
    const tax = AspectTaxonomy.parse({
      delivery: [{ term: 'courier' }, { term: 'van', weight: 0.5, source: 'learned' }],
    });
    const [d] = detectAspects('The courier was great. The van was terrible.', tax);
    // great: 3/√(9+15) = 0.6124; terrible (AFINN −3): −0.6124 → (1·0.6124 − 0.5·0.6124) / 1.5
    expect(d?.score).toBeCloseTo((0.6124 - 0.5 * 0.6124) / 1.5, 3);
    expect(d?.sentences).toBe(2);
    expect(d?.weight).toBe(1);
  });

  it('returns nothing when no aspect is mentioned or the text is empty', () => {
    expect(detectAspects('hello there')).toEqual([]);
    expect(detectAspects('')).toEqual([]);
  });

  it('rejects a taxonomy with an empty aspect', () => {
    expect(() => AspectTaxonomy.parse({ product: [] })).toThrow();
    expect(AspectTaxonomy.safeParse(DEFAULT_TAXONOMY).success).toBe(true);
    expect(Object.keys(DEFAULT_TAXONOMY)).toHaveLength(7);
  });
});
