// New, rising, stable or falling, from each issue's weekly tickets against all tickets per week
// (7-day bins ending at the period end, so the recent window is exactly the last W bins).
// Test: Cochran–Armitage trend test on the issue's share of tickets with ramp scores — 0 before
// the recent window, then 1, 2, …, W over its W weeks — the score test against "the share has
// been rising over the last W weeks" (stats/trend-test.ts). Conditioning on weekly totals means a
// busier week does not make every issue rise. One-sided p-values in each direction,
// Benjamini–Hochberg across issues (stats/multiple-testing.ts). Effect size: the share ratio
// recent / baseline with a 95 % interval (stats/rate-ratio.ts).
// - new: no ticket before the window and at least `minTickets` in it (first seen recently);
// - rising: q ≤ fdr, share ratio ≥ minRatio and at least `minTickets` recent tickets;
// - falling: q of a decrease ≤ fdr and share ratio ≤ 1/minRatio;
// - stable: everything else.
// Excess = recent − (recent + baseline)·π0 with π0 = recent share of all tickets: the recent
// tickets the baseline share does not explain. Ranking: new and rising by excess, then by size.
import { benjaminiHochberg } from '../stats/multiple-testing.js';
import { rateRatioTest } from '../stats/rate-ratio.js';
import { cochranArmitage } from '../stats/trend-test.js';
import type { IssueStatus } from './schemas.js';

export interface RisingOptions {
  recentWeeks: number;
  fdr: number;
  minRatio: number;
  minTickets: number;
}

export interface IssueTrend {
  status: IssueStatus;
  recent: number;
  baseline: number;
  recentShare: number | null;
  baselineShare: number | null;
  shareRatio: number | null;
  ratioLow: number | null;
  ratioHigh: number | null;
  z: number;
  pValue: number;
  qValue: number;
  excess: number;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Ramp scores: 0 for baseline bins, 1..W over the last W bins. */
export function rampScores(bins: number, recentWeeks: number): number[] {
  return Array.from({ length: bins }, (_, b) => Math.max(0, b - (bins - recentWeeks) + 1));
}

/** Classifies issues from their weekly counts and all tickets per week (same bins). */
export function classifyIssues(
  weeklyByIssue: readonly (readonly number[])[],
  weeklyTotals: readonly number[],
  o: RisingOptions,
): IssueTrend[] {
  const bins = weeklyTotals.length;
  const split = Math.max(0, bins - o.recentWeeks);
  const totalBaseline = sum(weeklyTotals.slice(0, split));
  const totalRecent = sum(weeklyTotals.slice(split));
  const scores = rampScores(bins, o.recentWeeks);
  const comparable = totalRecent > 0 && totalBaseline > 0;
  const tests = weeklyByIssue.map((w) => cochranArmitage(w, weeklyTotals, scores));
  const qUp = benjaminiHochberg(tests.map((t) => (comparable ? t.pIncrease : 1)));
  const qDown = benjaminiHochberg(tests.map((t) => (comparable ? t.pDecrease : 1)));
  const pi0 = totalRecent / Math.max(1, totalRecent + totalBaseline);
  return weeklyByIssue.map((w, i) => {
    const baseline = sum(w.slice(0, split));
    const recent = sum(w.slice(split));
    const rr = comparable ? rateRatioTest(baseline, totalBaseline, recent, totalRecent) : null;
    const ratio = rr?.ratio ?? null;
    const finite = ratio !== null && Number.isFinite(ratio) ? ratio : null;
    let status: IssueStatus = 'stable';
    if (comparable && baseline === 0 && recent >= o.minTickets) status = 'new';
    else if (
      (qUp[i] ?? 1) <= o.fdr &&
      recent >= o.minTickets &&
      finite !== null &&
      finite >= o.minRatio
    ) {
      status = 'rising';
    } else if ((qDown[i] ?? 1) <= o.fdr && finite !== null && finite <= 1 / o.minRatio) {
      status = 'falling';
    }
    return {
      status,
      recent,
      baseline,
      recentShare: totalRecent > 0 ? recent / totalRecent : null,
      baselineShare: totalBaseline > 0 ? baseline / totalBaseline : null,
      shareRatio: finite,
      ratioLow: rr && baseline > 0 ? rr.low : null,
      ratioHigh: rr && baseline > 0 ? rr.high : null,
      z: comparable ? (tests[i]?.z ?? 0) : 0,
      pValue: comparable ? (tests[i]?.pIncrease ?? 1) : 1,
      qValue: qUp[i] ?? 1,
      excess: recent - (recent + baseline) * pi0,
    };
  });
}

const STATUS_ORDER: Record<IssueStatus, number> = { rising: 0, new: 0, stable: 1, falling: 2 };

/** Rank order: new and rising by excess tickets, then stable and falling by size. */
export function issueOrder(
  a: { status: IssueStatus; excess: number; tickets: number },
  b: { status: IssueStatus; excess: number; tickets: number },
): number {
  const s = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (s !== 0) return s;
  if (STATUS_ORDER[a.status] === 0 && b.excess !== a.excess) return b.excess - a.excess;
  return b.tickets - a.tickets;
}
