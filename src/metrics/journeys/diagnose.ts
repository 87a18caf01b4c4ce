// Automatic diagnosis of conversion changes in a funnel:
// 1. the daily conversion of every step transition (entries by day, breakdown from step 1);
// 2. change points per transition (circular binary segmentation: steps and short episodes, binomial
//    LR test, weekday-aware, see stats/change-point.ts), dropping the last window-days that cannot
//    have converted yet; with `since`, up to historyDays before it are searched too, so a change
//    early in the period still has a "before" side (only changes from `since` on are reported);
// 3. for each change, segment contributions over the compared days either side (two-proportion
//    tests, Benjamini–Hochberg), concentration and breadth per dimension; a change concentrated in
//    one segment is re-dated (±3 days) on that segment's own series, where it is sharpest;
// 4. error events and design changes (releases, new page paths, new variants) around the day;
// 5. a verdict — technology, design, segment or unclear — with its evidence as numbers.
// Theory and thresholds: docs/theory/diagnosis.md.
import { InputError } from '../../lib/errors.js';
import type { Row, Store } from '../../store/index.js';
import { type ChangePoint, detectChangePoints, locateChange } from '../stats/change-point.js';
import { wilsonInterval } from '../stats/proportion.js';
import {
  DiagnoseQuery,
  type DiagnoseQueryInput,
  type Diagnosis,
  type Finding,
} from './diagnose-schemas.js';
import { designChanges, errorChanges } from './evidence.js';
import { runFunnel } from './funnel.js';
import { getFunnel } from './saved.js';
import { breadthOf, type Counts, compareSegments, concentrationIn } from './segments.js';
import { decideVerdict } from './verdict.js';

const DAY_MS = 86_400_000;
const iso = (epochDay: number) => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
const epochDay = (isoDay: string) => Math.floor(Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS);
/** How far a change may be re-dated on the series of the segment it concentrates in. */
const RELOCATE_DAYS = 3;

interface DayRow {
  day: number;
  n: number[];
  groups: string[];
}

const emptyCounts = (): Counts => ({ xBefore: 0, nBefore: 0, xAfter: 0, nAfter: 0 });

export async function diagnoseFunnel(
  store: Store,
  input: DiagnoseQueryInput,
  options: { configPath?: string } = {},
): Promise<Diagnosis> {
  const q = DiagnoseQuery.parse(input);
  const saved = q.funnel ? await getFunnel(store, q.funnel, options.configPath) : undefined;
  const steps = q.steps ?? saved?.steps;
  if (!steps)
    throw new InputError(
      'INPUT_MISSING_FUNNEL',
      'diagnose: give a funnel name or its steps (expected --funnel checkout or steps)',
    );
  const window = q.window ?? saved?.window ?? '1d';
  const dims = q.dimensions;
  // History before `since` is searched too (not reported): a change on the first days of the
  // period is then still a change, with its "before" side taken from the days before.
  const sinceDay = q.since ? epochDay(q.since) : undefined;
  const f = await runFunnel(
    store,
    {
      steps,
      window,
      by: dims,
      interval: 'day',
      ...(sinceDay !== undefined ? { from: iso(sinceDay - q.historyDays) } : {}),
      ...(q.until ? { to: q.until } : {}),
    },
    { withTimes: false },
  );
  const K = f.steps.length;
  const D = dims.length;
  const rows: DayRow[] = [];
  const totals = new Map<number, number[]>();
  const counts = (r: Row) => Array.from({ length: K }, (_, i) => Number(r[`n${i + 1}`] ?? 0));
  for (const r of f.rows) {
    if (r.bucket === null) continue;
    if (r.gid === (1 << D) - 1) totals.set(r.bucket, counts(r));
    else if (r.gid === 0)
      rows.push({
        day: r.bucket,
        n: counts(r),
        groups: Array.from({ length: D }, (_, i) => String(r[`g${i}`] ?? 'unknown')),
      });
  }
  const known = [...totals.keys()];
  const firstDay = known.length ? Math.min(...known) : 0;
  // Entries of the last window-days have not all had time to convert: leave them out.
  const lastDay = known.length ? Math.max(...known) - Math.ceil(f.windowMs / DAY_MS) : -1;
  const days = Math.max(0, lastDay - firstDay + 1);
  /** First day of the period reported (the history before `since` is only looked at). */
  const reportFrom = Math.max(firstDay, sinceDay ?? firstDay);
  const reportDays = Math.max(0, lastDay - reportFrom + 1);
  const series: Diagnosis['series'] = [];
  const findings: Finding[] = [];
  const transition = (n: number[] | undefined, k: number) => ({
    x: n?.[k - 1] ?? 0,
    n: n?.[k - 2] ?? 0,
  });

  const detected: { k: number; change: ChangePoint; day: number }[] = [];
  for (let k = 2; k <= K; k++) {
    const points = Array.from({ length: days }, (_, t) => ({
      ...transition(totals.get(firstDay + t), k),
      weekday: (((firstDay + t + 3) % 7) + 7) % 7,
    }));
    points.forEach((p, t) => {
      if (firstDay + t >= reportFrom)
        series.push({ step: k, day: iso(firstDay + t), x: p.x, n: p.n });
    });
    for (const change of detectChangePoints(points, { alpha: q.alpha }).changes) {
      if (Math.abs(change.delta) * 100 >= q.minDeltaPp)
        detected.push({ k, change, day: firstDay + change.index });
    }
  }

  /** Counts of transition k over [from, to), before and after day c, in total and per value. */
  const compare = (k: number, c: number, from: number, to: number) => {
    const total = emptyCounts();
    const byDim = new Map<string, Map<string, Counts>>(dims.map((d) => [d, new Map()]));
    for (const r of rows) {
      if (r.day < from || r.day >= to) continue;
      const after = r.day >= c;
      const x = r.n[k - 1] ?? 0;
      const n = r.n[k - 2] ?? 0;
      const add = (acc: Counts) => {
        if (after) {
          acc.xAfter += x;
          acc.nAfter += n;
        } else {
          acc.xBefore += x;
          acc.nBefore += n;
        }
      };
      add(total);
      dims.forEach((d, i) => {
        const m = byDim.get(d) as Map<string, Counts>;
        const v = r.groups[i] ?? 'unknown';
        if (!m.has(v)) m.set(v, emptyCounts());
        add(m.get(v) as Counts);
      });
    }
    const segments = compareSegments(byDim, total, q.fdr);
    const concentrations = dims
      .map((d) => concentrationIn(d, segments, byDim.get(d) as Map<string, Counts>))
      .filter((x) => x !== null)
      .sort((a, b) => b.shareExplained - a.shareExplained);
    return { total, byDim, segments, concentrations };
  };
  // Compared days stop at any other change of the funnel, so one change's errors or segments
  // do not leak into another's comparison.
  const windowOf = (c: number, change: ChangePoint, changeDays: number[]) => {
    const prevChange = changeDays.filter((d) => d < c).pop() ?? -Infinity;
    const nextChange = changeDays.find((d) => d > c) ?? Infinity;
    return {
      from: Math.max(firstDay + change.before.from, c - q.compareDays, prevChange),
      to: Math.min(firstDay + change.after.to, c + q.compareDays, nextChange),
    };
  };
  const daysOf = (list: typeof detected) =>
    [...new Set(list.map((d) => d.day))].sort((a, b) => a - b);

  // A change concentrated in one segment is dated on that segment's series: in the total, a break
  // of a third of the traffic is diluted, and a quiet first day can move the split by a day or two.
  const initialDays = daysOf(detected);
  for (const d of detected) {
    const { from, to } = windowOf(d.day, d.change, initialDays);
    const top = compare(d.k, d.day, from, to).concentrations[0];
    if (!top) continue;
    const di = dims.indexOf(top.dimension);
    const seg = Array.from({ length: to - from }, () => ({ x: 0, n: 0 }));
    for (const r of rows) {
      if (r.day < from || r.day >= to || r.groups[di] !== top.value) continue;
      const p = seg[r.day - from] as { x: number; n: number };
      p.x += r.n[d.k - 1] ?? 0;
      p.n += r.n[d.k - 2] ?? 0;
    }
    const at = locateChange(
      seg,
      0,
      to - from,
      d.day - from - RELOCATE_DAYS,
      d.day - from + RELOCATE_DAYS,
    );
    if (at) d.day = from + at.index;
  }

  const changeDays = daysOf(detected);
  for (const { k, change, day: c } of detected) {
    if (c < reportFrom) continue;
    const { from, to } = windowOf(c, change, changeDays);
    const { total, byDim, segments, concentrations } = compare(k, c, from, to);
    // The two regimes either side of the (possibly re-dated) day, from the detected segments.
    const sideCounts = (a: number, b: number) => {
      let x = 0;
      let n = 0;
      for (let t = a; t < b; t++) {
        const v = transition(totals.get(t), k);
        x += v.x;
        n += v.n;
      }
      return { x, n };
    };
    const beforeFrom = Math.min(firstDay + change.before.from, c - 1);
    const afterTo = Math.max(firstDay + change.after.to, c + 1);
    const before = sideCounts(beforeFrom, c);
    const after = sideCounts(c, afterTo);
    const rateB = before.n > 0 ? before.x / before.n : 0;
    const rateA = after.n > 0 ? after.x / after.n : 0;
    const deltaPp = Math.round((rateA - rateB) * 1000) / 10;
    const breadth = dims
      .filter((d) => ['browser', 'os', 'device'].includes(d))
      .map((d) => breadthOf(d, segments, deltaPp));
    const window = { fromMs: from * DAY_MS, changeMs: c * DAY_MS, toMs: to * DAY_MS };
    const top = concentrations[0];
    const segCounts = top ? byDim.get(top.dimension)?.get(top.value) : undefined;
    const errors = [
      ...(top && segCounts
        ? await errorChanges(store, {
            ...window,
            exposureBefore: segCounts.nBefore,
            exposureAfter: segCounts.nAfter,
            segment: { dimension: top.dimension, value: top.value },
          })
        : []),
      ...(await errorChanges(store, {
        ...window,
        exposureBefore: total.nBefore,
        exposureAfter: total.nAfter,
      })),
    ];
    const stepEvents = [f.steps[k - 2], f.steps[k - 1]].flatMap((s) =>
      s?.kind === 'event' ? s.matches : [],
    );
    const design = await designChanges(store, {
      changeMs: c * DAY_MS,
      dataFromMs: firstDay * DAY_MS,
      stepEvents,
    });
    const direction = change.delta < 0 ? 'drop' : 'rise';
    const v = decideVerdict({
      direction,
      deltaPp,
      concentrations,
      breadth,
      errors,
      designChanges: design,
    });
    const side = (x: number, n: number, a: number, b: number) => ({
      from: iso(a),
      to: iso(b - 1),
      x,
      n,
      ...wilsonInterval(x, n),
    });
    findings.push({
      step: k,
      fromStep: f.steps[k - 2]?.label ?? '',
      toStep: f.steps[k - 1]?.label ?? '',
      day: iso(c),
      direction,
      before: side(before.x, before.n, beforeFrom, c),
      after: side(after.x, after.n, c, afterTo),
      deltaPp,
      pValue: change.pValue,
      verdict: v.verdict,
      summary: v.summary,
      evidence: v.evidence,
      concentration: top ?? null,
      breadth,
      segments: segments
        .filter((s) => s.significant || (s.shareExplained ?? 0) >= 0.1)
        .sort((a, b) => (b.shareExplained ?? 0) - (a.shareExplained ?? 0))
        .slice(0, 15),
      errors,
      designChanges: design,
    });
  }
  findings.sort((a, b) => a.day.localeCompare(b.day) || a.step - b.step);
  return {
    funnel: { name: saved?.name ?? null, steps: f.steps.map((s) => s.label), window },
    period: {
      from: reportDays > 0 ? iso(reportFrom) : null,
      to: reportDays > 0 ? iso(lastDay) : null,
      days: reportDays,
    },
    series,
    findings,
  };
}
