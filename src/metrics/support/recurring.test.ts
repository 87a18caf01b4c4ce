import { describe, expect, it } from 'vitest';
import { clusterTexts } from './cluster-texts.js';
import { parseSupportConfig } from './config.js';
import { classifyIssues, rampScores } from './rising.js';

const opts = { recentWeeks: 3, fdr: 0.05, minRatio: 1.5, minTickets: 5 };

describe('classifyIssues', () => {
  it('marks rising, new, stable and falling issues', () => {
    const totals = new Array(12).fill(40);
    const rising = [1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 6, 8];
    const steady = [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4];
    const fresh = [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 4];
    const falling = [9, 9, 9, 9, 9, 9, 9, 9, 9, 1, 0, 0];
    const r = classifyIssues([rising, steady, fresh, falling], totals, opts);
    expect(r.map((x) => x.status)).toEqual(['rising', 'stable', 'new', 'falling']);
    expect(r[0]?.recent).toBe(18);
    expect(r[0]?.baseline).toBe(9);
    // shares: 18/120 recent vs 9/360 baseline → ratio 6
    expect(r[0]?.shareRatio).toBeCloseTo(6, 9);
    // excess = 18 − 27 · (120 / 480)
    expect(r[0]?.excess).toBeCloseTo(18 - 27 * 0.25, 9);
    expect(r[1]?.qValue).toBeGreaterThan(0.5);
  });

  it('needs enough recent tickets and a baseline', () => {
    const totals = new Array(8).fill(20);
    const small = [0, 0, 0, 0, 0, 0, 1, 2];
    expect(classifyIssues([small], totals, opts)[0]?.status).toBe('stable');
    expect(classifyIssues([[1, 2]], [5, 5], { ...opts, recentWeeks: 3 })[0]?.status).toBe('stable');
  });

  it('uses ramp scores over the recent weeks', () => {
    expect(rampScores(6, 3)).toEqual([0, 0, 0, 1, 2, 3]);
    expect(rampScores(2, 3)).toEqual([2, 3]);
  });
});

describe('clusterTexts', () => {
  it('groups texts of the same issue and labels them by their terms', () => {
    const texts = [
      ...Array.from(
        { length: 6 },
        (_, i) =>
          `Password reset email never arrives ${['today', 'again', 'still', 'help', 'please', 'urgent'][i]}`,
      ),
      ...Array.from(
        { length: 6 },
        (_, i) =>
          `Parcel delivery late, tracking not updating ${['today', 'again', 'still', 'help', 'please', 'urgent'][i]}`,
      ),
      ...Array.from(
        { length: 6 },
        (_, i) =>
          `Refund for the damaged blender lid ${['today', 'again', 'still', 'help', 'please', 'urgent'][i]}`,
      ),
    ];
    const m = clusterTexts(texts, { k: 3, seeds: 2 });
    expect(m.clusters).toHaveLength(3);
    for (const start of [0, 6, 12]) {
      const c = m.assignments[start];
      for (let i = start; i < start + 6; i++) expect(m.assignments[i]).toBe(c);
    }
    const reset = m.clusters[m.assignments[0] ?? 0];
    expect(reset?.label).toMatch(/password|reset|email|never|arrives/);
    expect(reset?.members).toHaveLength(6);
  });

  it('merges clusters of one theme that k-means split', () => {
    const texts = [
      ...Array.from(
        { length: 10 },
        (_, i) => `password reset email ${i % 2 ? 'never arrives' : 'never came'}`,
      ),
      ...Array.from(
        { length: 10 },
        (_, i) => `parcel delivery ${i % 2 ? 'late today courier' : 'late today tracking'}`,
      ),
    ];
    const split = clusterTexts(texts, { k: 4, mergeCosine: 1 });
    expect(split.clusters).toHaveLength(4);
    const merged = clusterTexts(texts, { k: 4, mergeCosine: 0.5 });
    expect(merged.clusters.map((c) => c.members.length)).toEqual([10, 10]);
  });
});

describe('support config', () => {
  it('takes the SLA from the experience config and rejects bad values', () => {
    const c = parseSupportConfig({});
    expect(c.sla.first_response_hours).toBe(24);
    expect(c.repeat_contact_days).toBe(7);
    expect(() => parseSupportConfig({ sla: { first_response_hours: -1 } })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
