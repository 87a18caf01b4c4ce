import { describe, expect, it } from 'vitest';
import { clusterAgreement } from './metrics.js';

describe('clusterAgreement', () => {
  it('is 1 for identical partitions up to renaming', () => {
    const r = clusterAgreement([0, 0, 1, 1, 2, 2], ['a', 'a', 'b', 'b', 'c', 'c']);
    expect(r.nmi).toBeCloseTo(1, 12);
    expect(r.ami).toBeCloseTo(1, 12);
    expect(r.purity).toBe(1);
  });
  it('matches scikit-learn on a small example', () => {
    // sklearn.metrics: adjusted_mutual_info_score([0,0,0,1,1,1], [0,0,1,1,2,2]) = 0.2987924581708901
    // normalized_mutual_info_score(...) = 0.5158037429793889, mutual_info_score(...) = 0.4620981203732969
    const r = clusterAgreement([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]);
    expect(r.mi).toBeCloseTo(0.4620981203732969, 10);
    expect(r.nmi).toBeCloseTo(0.5158037429793889, 10);
    expect(r.ami).toBeCloseTo(0.2987924581708901, 10);
    expect(r.purity).toBeCloseTo(4 / 6, 12);
  });
});
