// Automatic diagnosis of conversion changes in a funnel:
// 1. the daily conversion of every step transition (entries by day, breakdown from step 1);
// 2. change points per transition (binary segmentation, binomial LR test, weekday-aware, see
//    stats/change-point.ts), dropping the last window-days that cannot have converted yet;
// 3. for each change, segment contributions over the compared days either side (two-proportion
//    tests, Benjamini–Hochberg), concentration and breadth per dimension;
// 4. error events and design changes (releases, new page paths, new variants) around the day;
// 5. a verdict — technology, design, segment or unclear — with its evidence as numbers.
// Theory and thresholds: docs/theory/diagnosis.md.
import { InputError } from '../../lib/errors.js';
import type { Row, Store } from '../../store/index.js';
import { type ChangePoint, detectChangePoints } from '../stats/change-point.js';
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
  const f = await runFunnel(
    store,
    {
      steps,
      window,
      by: dims,
      interval: 'day',
      ...(q.since ? { from: q.since } : {}),
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
  const series: Diagnosis['series'] = [];
  const findings: Finding[] = [];

  const detected: { k: number; change: ChangePoint }[] = [];
  for (let k = 2; k <= K; k++) {
    const points = Array.from({ length: days }, (_, t) => {
      const n = totals.get(firstDay + t);
      return {
        x: n?.[k - 1] ?? 0,
        n: n?.[k - 2] ?? 0,
        weekday: (((firstDay + t + 3) % 7) + 7) % 7,
      };
    });
    points.forEach((p, t) => {
      series.push({ step: k, day: iso(firstDay + t), x: p.x, n: p.n });
    });
    for (const change of detectChangePoints(points, { alpha: q.alpha }).changes) {
      if (Math.abs(change.delta) * 100 >= q.minDeltaPp) detected.push({ k, change });
    }
  }
  // Compared days stop at any other change of the funnel, so one change's errors or segments
  // do not leak into another's comparison.
  const changeDays = [...new Set(detected.map((d) => firstDay + d.change.index))].sort(
    (a, b) => a - b,
  );
  for (const { k, change } of detected) {
    const c = firstDay + change.index;
    const prevChange = changeDays.filter((d) => d < c).pop() ?? -Infinity;
    const nextChange = changeDays.find((d) => d > c) ?? Infinity;
    const from = Math.max(firstDay + change.before.from, c - q.compareDays, prevChange);
    const to = Math.min(firstDay + change.after.to, c + q.compareDays, nextChange);
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
    const deltaPp = Math.round(change.delta * 1000) / 10;
    const segments = compareSegments(byDim, total, q.fdr);
    const concentrations = dims
      .map((d) => concentrationIn(d, segments, byDim.get(d) as Map<string, Counts>))
      .filter((x) => x !== null)
      .sort((a, b) => b.shareExplained - a.shareExplained);
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
      before: side(change.before.x, change.before.n, firstDay + change.before.from, c),
      after: side(change.after.x, change.after.n, c, firstDay + change.after.to),
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
    period: { from: days > 0 ? iso(firstDay) : null, to: days > 0 ? iso(lastDay) : null, days },
    series,
    findings,
  };
}
