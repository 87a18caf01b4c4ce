// Kaplan–Meier estimator of the survival function S(t) = Π_{t_i <= t} (1 − d_i / n_i), with
// Greenwood's variance Var(S) = S² Σ d_i / (n_i (n_i − d_i)) and a pointwise 95 % interval on
// the log-log scale (as R's survfit conf.type = "log-log"): with
//   se = sqrt(Σ d/(n(n−d))) / |ln S|,   interval = [S^exp(z·se), S^exp(−z·se)],
// which always stays inside [0, 1]. Assumes independent, non-informative censoring.
// One row per distinct time with an event or a censoring; events precede censorings at ties.

import { InputError } from '../../lib/errors.js';
import { normalQuantile } from '../distributions.js';

export interface SurvivalData {
  /** Time to event or censoring, >= 0. */
  time: ArrayLike<number>;
  /** 1 = event (e.g. churned), 0 = censored (still active when last seen). */
  event: ArrayLike<number>;
}

export interface KaplanMeierRow {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  /** Greenwood standard error of S(t). */
  stdError: number;
  lower: number;
  upper: number;
}

export interface KaplanMeierCurve {
  rows: KaplanMeierRow[];
  /** Smallest time with S(t) <= 0.5, or null when the curve never gets there. */
  median: number | null;
}

export function validateSurvivalData(data: SurvivalData): void {
  if (data.time.length !== data.event.length) {
    throw new InputError(
      'INPUT_LENGTH_MISMATCH',
      `survival: ${data.time.length} times for ${data.event.length} event flags`,
    );
  }
  for (let i = 0; i < data.time.length; i++) {
    const t = data.time[i]!;
    const e = data.event[i]!;
    if (!(Number.isFinite(t) && t >= 0)) {
      throw new InputError(
        'INPUT_BAD_NUMBER',
        `survival row ${i}: time ${t} (expected a number >= 0)`,
        { where: { index: i, field: 'time' } },
      );
    }
    if (e !== 0 && e !== 1) {
      throw new InputError('INPUT_BAD_LABEL', `survival row ${i}: event ${e} (expected 0 or 1)`, {
        where: { index: i, field: 'event' },
      });
    }
  }
}

export function kaplanMeier(data: SurvivalData, confidence = 0.95): KaplanMeierCurve {
  validateSurvivalData(data);
  const z = normalQuantile(0.5 + confidence / 2);
  const n = data.time.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => data.time[a]! - data.time[b]!,
  );
  const rows: KaplanMeierRow[] = [];
  let atRisk = n;
  let survival = 1;
  let greenwood = 0;
  let median: number | null = null;
  let k = 0;
  while (k < n) {
    const t = data.time[order[k]!]!;
    let events = 0;
    let censored = 0;
    while (k < n && data.time[order[k]!] === t) {
      if (data.event[order[k]!] === 1) events++;
      else censored++;
      k++;
    }
    if (events > 0) {
      survival *= 1 - events / atRisk;
      greenwood +=
        atRisk > events ? events / (atRisk * (atRisk - events)) : Number.POSITIVE_INFINITY;
    }
    let lower = 1;
    let upper = 1;
    if (survival <= 0) {
      lower = Number.NaN;
      upper = Number.NaN;
    } else if (greenwood > 0) {
      const se = Math.sqrt(greenwood) / Math.abs(Math.log(survival));
      lower = survival ** Math.exp(z * se);
      upper = survival ** Math.exp(-z * se);
    }
    rows.push({
      time: t,
      atRisk,
      events,
      censored,
      survival,
      stdError: survival > 0 ? survival * Math.sqrt(greenwood) : 0,
      lower,
      upper,
    });
    if (median === null && survival <= 0.5) median = t;
    atRisk -= events + censored;
  }
  return { rows, median };
}

/** S(t) read off the step function (1 before the first row). */
export function survivalAt(curve: KaplanMeierCurve, t: number): number {
  let s = 1;
  for (const row of curve.rows) {
    if (row.time > t) break;
    s = row.survival;
  }
  return s;
}
