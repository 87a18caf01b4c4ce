import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random.js';
import { fitChurnModel, toBinaryLabels } from './churn-model.js';
import type { FeatureRow } from './feature-spec.js';
import { rocAuc } from './metrics.js';

/** Month-to-month contracts and many tickets raise churn; region is noise; spend is sometimes blank. */
function simulate(n: number, seed: number): { rows: FeatureRow[]; y: Uint8Array } {
  const rng = mulberry32(seed);
  const rows: FeatureRow[] = [];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const contract = rng() < 0.5 ? 'monthly' : 'annual';
    const tickets = Math.floor(rng() * 6);
    const region = ['north', 'south', 'east'][Math.floor(rng() * 3)]!;
    const spend = rng() < 0.05 ? '' : String(Math.round(rng() * 100));
    const z = -2 + (contract === 'monthly' ? 1.8 : 0) + 0.5 * tickets;
    rows.push({ contract, tickets, region, spend });
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { rows, y };
}

const features = [
  { name: 'contract', kind: 'categorical' as const },
  { name: 'tickets', kind: 'numeric' as const },
  { name: 'region', kind: 'categorical' as const },
  { name: 'spend', kind: 'numeric' as const },
];

describe('fitChurnModel', () => {
  const train = simulate(6000, 10);
  const test = simulate(3000, 11);

  for (const kind of ['logistic', 'gbt'] as const) {
    it(`${kind}: ranks churners and names the planted drivers`, () => {
      const model = fitChurnModel(train.rows, train.y, { features, kind, gbt: { trees: 100 } });
      expect(rocAuc(model.score(test.rows), test.y)).toBeGreaterThan(0.75);
      const risky = { contract: 'monthly', tickets: 5, region: 'north', spend: '50' };
      const safe = { contract: 'annual', tickets: 0, region: 'north', spend: '50' };
      const [pr, ps] = model.score([risky, safe]);
      expect(pr!).toBeGreaterThan(ps!);
      const [drivers] = model.explain([risky], 2);
      expect(drivers!.map((d) => d.feature).sort()).toEqual(['contract', 'tickets']);
      expect(drivers![0]!.contribution).toBeGreaterThan(0);
      expect(model.explain([safe], 3)[0]!.every((d) => d.feature !== 'contract')).toBe(true);
    });
  }

  it('validates the options with zod and labels with a stable code', () => {
    expect(() => fitChurnModel(train.rows, train.y, { features: [] })).toThrow();
    expect(() => toBinaryLabels(['Yes', 'maybe'])).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_LABEL' }),
    );
    expect([...toBinaryLabels(['Yes', 'No', 1, false, 'true'])]).toEqual([1, 0, 1, 0, 1]);
  });
});
