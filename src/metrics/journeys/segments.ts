// Which segments explain a change in a conversion rate between two periods.
// For each dimension value v: rates p_b(v), p_a(v) with a two-proportion z-test; the change of the
// total rate splits into a rate effect Σ w_a(v)·(p_a(v) − p_b(v)) plus a mix effect
// Σ (w_a(v) − w_b(v))·p_b(v), where w are traffic shares; a value's share explained is its rate
// effect over the total change. p-values are adjusted with Benjamini–Hochberg over every test.
// A change is concentrated in a value when that value explains most of it (≥ 60%) while carrying
// clearly less of the traffic, and the other values pooled moved far less (≤ a third as much).
import { benjaminiHochberg } from '../stats/multiple-testing.js';
import { twoProportionTest } from '../stats/proportion.js';
import type { Breadth, Concentration, SegmentChange } from './diagnose-schemas.js';

export interface Counts {
  xBefore: number;
  nBefore: number;
  xAfter: number;
  nAfter: number;
}

const pp = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function compareSegments(
  byDim: Map<string, Map<string, Counts>>,
  total: Counts,
  fdr: number,
): SegmentChange[] {
  const pTotalB = total.nBefore > 0 ? total.xBefore / total.nBefore : 0;
  const pTotalA = total.nAfter > 0 ? total.xAfter / total.nAfter : 0;
  const totalDelta = pTotalA - pTotalB;
  const rows: Omit<SegmentChange, 'qValue' | 'significant'>[] = [];
  for (const [dimension, values] of byDim) {
    for (const [value, c] of values) {
      const t = twoProportionTest(c.xBefore, c.nBefore, c.xAfter, c.nAfter);
      const trafficShare = total.nAfter > 0 ? c.nAfter / total.nAfter : 0;
      const rateEffect = t.diff === null ? null : trafficShare * t.diff;
      rows.push({
        dimension,
        value,
        nBefore: c.nBefore,
        nAfter: c.nAfter,
        rateBefore: t.p1,
        rateAfter: t.p2,
        deltaPp: pp(t.diff),
        trafficShare,
        shareExplained:
          rateEffect === null || Math.abs(totalDelta) < 1e-9 ? null : rateEffect / totalDelta,
        pValue: t.pValue,
      });
    }
  }
  const q = benjaminiHochberg(rows.map((r) => r.pValue));
  return rows.map((r, i) => ({ ...r, qValue: q[i] ?? 1, significant: (q[i] ?? 1) <= fdr }));
}

/** The value of one dimension that concentrates the change, if any. */
export function concentrationIn(
  dimension: string,
  segs: readonly SegmentChange[],
  values: Map<string, Counts>,
): Concentration | null {
  const mine = segs.filter(
    (s) => s.dimension === dimension && s.value !== 'unknown' && s.shareExplained !== null,
  );
  const top = [...mine].sort((a, b) => (b.shareExplained ?? 0) - (a.shareExplained ?? 0))[0];
  if (!top || top.deltaPp === null || !top.significant) return null;
  const rest: Counts = { xBefore: 0, nBefore: 0, xAfter: 0, nAfter: 0 };
  for (const [v, c] of values) {
    if (v === top.value) continue;
    rest.xBefore += c.xBefore;
    rest.nBefore += c.nBefore;
    rest.xAfter += c.xAfter;
    rest.nAfter += c.nAfter;
  }
  const others = twoProportionTest(rest.xBefore, rest.nBefore, rest.xAfter, rest.nAfter);
  const othersPp = pp(others.diff);
  const concentrated =
    (top.shareExplained ?? 0) >= 0.6 &&
    (top.shareExplained ?? 0) >= top.trafficShare + 0.2 &&
    (othersPp === null || Math.abs(othersPp) <= Math.abs(top.deltaPp) / 3);
  if (!concentrated) return null;
  return {
    dimension,
    value: top.value,
    shareExplained: top.shareExplained ?? 0,
    trafficShare: top.trafficShare,
    deltaPp: top.deltaPp,
    othersDeltaPp: othersPp,
    othersPValue: others.pValue,
  };
}

/** How widely a change is spread over one dimension's values (those with ≥ 5% of the traffic). */
export function breadthOf(
  dimension: string,
  segs: readonly SegmentChange[],
  totalDeltaPp: number,
): Breadth {
  const major = segs
    .filter(
      (s) =>
        s.dimension === dimension &&
        s.value !== 'unknown' &&
        s.trafficShare >= 0.05 &&
        s.deltaPp !== null,
    )
    .sort((a, b) => b.trafficShare - a.trafficShare);
  const deltas = major.map((s) => s.deltaPp as number);
  const moved = (s: SegmentChange, sign: number) =>
    s.significant && Math.sign(s.deltaPp as number) === sign;
  return {
    dimension,
    values: major.length,
    sameDirection: major.filter((s) => moved(s, Math.sign(totalDeltaPp))).length,
    minDeltaPp: deltas.length ? Math.min(...deltas) : null,
    maxDeltaPp: deltas.length ? Math.max(...deltas) : null,
    deltas: major.map((s) => ({
      value: s.value,
      deltaPp: s.deltaPp as number,
      significant: s.significant,
    })),
    opposite: major.filter((s) => moved(s, -Math.sign(totalDeltaPp))).length,
  };
}
