// CLV evaluation on the CDNOW 1/10 sample (2,357 customers who first bought in Q1 1997).
// 1. Rebuild the weekly RFM summary (calibration to 1997-09-30) from the raw transactions and
//    compare it with the published summary files (frequency exact; recency, T, zbar ± 0.006).
// 2. Fit BG/NBD and Gamma-Gamma; each parameter within 2 % of the published values.
// 3. Predict repeat purchases in weeks 40–78 (1997-10-01 … 1998-06-30) and compare with the
//    actual distinct purchase days, beside a naive "same rate as calibration" (x / T · 39).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bgNbdConditionalExpectedPurchases,
  buildRfmSummary,
  countHoldoutPurchases,
  fitBgNbd,
  fitGammaGamma,
  type Transaction,
} from '../../src/models/index.js';
import type { EvalResult, EvalThreshold } from '../types.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA_DIR = path.resolve(REPO_ROOT, '../shared/datasets/cdnow');
const CALIBRATION_END = '1997-09-30';
const HOLDOUT_END = '1998-06-30';
const HOLDOUT_WEEKS = 39;
const TOLERANCE = 0.006;

const PUBLISHED_BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PUBLISHED_GG = { p: 6.25, q: 3.74, gamma: 15.44 };

function readSample(): Transaction[] {
  const text = readFileSync(path.join(DATA_DIR, 'CDNOW_sample.txt'), 'utf8');
  const out: Transaction[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const [, idSample, date, , dollars] = f as [string, string, string, string, string];
    out.push({
      customerId: String(Number(idSample)),
      at: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
      amount: Number(dollars),
    });
  }
  return out;
}

function readCsv(file: string): Map<string, number[]> {
  const lines = readFileSync(path.join(DATA_DIR, file), 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(
    lines.map((l) => {
      const [id, ...rest] = l.split(',');
      return [String(Number(id)), rest.map(Number)] as const;
    }),
  );
}

const relErr = (fit: number, want: number) => Math.abs(fit / want - 1);

export async function run(): Promise<EvalResult> {
  const transactions = readSample();
  const summary = buildRfmSummary(transactions, {
    calibrationEnd: CALIBRATION_END,
    timeUnit: 'weeks',
  });
  const published = readCsv('cdnow_customers_summary.csv'); // frequency, recency, T
  const withSpend = readCsv('cdnow_customers_summary_with_transactions.csv'); // x, t_x, T, zbar

  let mismatches = 0;
  summary.ids.forEach((id, i) => {
    const p = published.get(id);
    const w = withSpend.get(id);
    const ok =
      p !== undefined &&
      w !== undefined &&
      p[0] === summary.frequency[i] &&
      Math.abs(p[1]! - summary.recency[i]!) <= TOLERANCE &&
      Math.abs(p[2]! - summary.T[i]!) <= TOLERANCE &&
      Math.abs(w[3]! - summary.monetary[i]!) <= TOLERANCE;
    if (!ok) mismatches++;
  });
  mismatches += Math.abs(published.size - summary.ids.length);

  // Fit on our rebuilt summary (the pipeline end to end) and on the published file.
  const bg = fitBgNbd(summary);
  const pubRows = [...published.values()];
  const bgPublished = fitBgNbd({
    frequency: pubRows.map((r) => r[0]!),
    recency: pubRows.map((r) => r[1]!),
    T: pubRows.map((r) => r[2]!),
  });
  const gg = fitGammaGamma(summary);
  const spendRows = [...withSpend.values()];
  const ggPublished = fitGammaGamma({
    frequency: spendRows.map((r) => r[0]!),
    monetary: spendRows.map((r) => r[3]!),
  });

  // Holdout: weeks 40–78.
  const holdout = countHoldoutPurchases(transactions, {
    calibrationEnd: CALIBRATION_END,
    holdoutEnd: HOLDOUT_END,
  });
  let actualTotal = 0;
  let predictedTotal = 0;
  let naiveTotal = 0;
  let absErr = 0;
  let absErrNaive = 0;
  let sqErr = 0;
  summary.ids.forEach((id, i) => {
    const x = summary.frequency[i]!;
    const T = summary.T[i]!;
    const actual = holdout.get(id) ?? 0;
    const predicted = bgNbdConditionalExpectedPurchases(
      bg.params,
      HOLDOUT_WEEKS,
      x,
      summary.recency[i]!,
      T,
    );
    const naive = (x / T) * HOLDOUT_WEEKS;
    actualTotal += actual;
    predictedTotal += predicted;
    naiveTotal += naive;
    absErr += Math.abs(predicted - actual);
    absErrNaive += Math.abs(naive - actual);
    sqErr += (predicted - actual) ** 2;
  });
  const n = summary.ids.length;

  const metrics: Record<string, number> = {
    customers: n,
    repeat_customers: gg.customers,
    summary_mismatches: mismatches,
    bg_r: bg.params.r,
    bg_alpha: bg.params.alpha,
    bg_a: bg.params.a,
    bg_b: bg.params.b,
    bg_log_likelihood: bg.logLikelihood,
    bg_published_file_r: bgPublished.params.r,
    bg_published_file_alpha: bgPublished.params.alpha,
    bg_published_file_a: bgPublished.params.a,
    bg_published_file_b: bgPublished.params.b,
    gg_p: ggPublished.params.p,
    gg_q: ggPublished.params.q,
    gg_gamma: ggPublished.params.gamma,
    gg_rebuilt_p: gg.params.p,
    gg_rebuilt_q: gg.params.q,
    gg_rebuilt_gamma: gg.params.gamma,
    holdout_actual_total: actualTotal,
    holdout_predicted_total: predictedTotal,
    baseline_naive_predicted_total: naiveTotal,
    holdout_total_rel_error: Math.abs(predictedTotal / actualTotal - 1),
    baseline_naive_total_rel_error: Math.abs(naiveTotal / actualTotal - 1),
    holdout_mae: absErr / n,
    baseline_naive_mae: absErrNaive / n,
    holdout_mae_ratio_vs_naive: absErr / absErrNaive,
    holdout_rmse: Math.sqrt(sqErr / n),
  };
  const within2pct: [string, number, number][] = [
    ['bg_r_rel_error', bg.params.r, PUBLISHED_BG.r],
    ['bg_alpha_rel_error', bg.params.alpha, PUBLISHED_BG.alpha],
    ['bg_a_rel_error', bg.params.a, PUBLISHED_BG.a],
    ['bg_b_rel_error', bg.params.b, PUBLISHED_BG.b],
    ['bg_published_file_max_rel_error', 0, 0],
    ['gg_p_rel_error', ggPublished.params.p, PUBLISHED_GG.p],
    ['gg_q_rel_error', ggPublished.params.q, PUBLISHED_GG.q],
    ['gg_gamma_rel_error', ggPublished.params.gamma, PUBLISHED_GG.gamma],
    ['gg_rebuilt_max_rel_error', 0, 0],
  ];
  for (const [metric, fit, want] of within2pct)
    metrics[metric] = want === 0 ? 0 : relErr(fit, want);
  metrics.bg_published_file_max_rel_error = Math.max(
    ...(['r', 'alpha', 'a', 'b'] as const).map((k) =>
      relErr(bgPublished.params[k], PUBLISHED_BG[k]),
    ),
  );
  metrics.gg_rebuilt_max_rel_error = Math.max(
    ...(['p', 'q', 'gamma'] as const).map((k) => relErr(gg.params[k], PUBLISHED_GG[k])),
  );
  const thresholds: EvalThreshold[] = [
    { metric: 'customers', min: 2357, max: 2357 },
    { metric: 'repeat_customers', min: 946, max: 946 },
    { metric: 'summary_mismatches', max: 0 },
    ...within2pct.map(([metric]) => ({ metric, max: 0.02 })),
    { metric: 'holdout_mae_ratio_vs_naive', max: 1 },
    // BG/NBD under-forecasts this holdout by about 12 % (the naive rate over-forecasts by 56 %);
    // 0.15 guards against regressions.
    { metric: 'holdout_total_rel_error', max: 0.15 },
  ];
  return {
    task: 'clv',
    metrics,
    thresholds,
    notes: [
      `CDNOW 1/10 sample: ${transactions.length} transactions, ${n} customers; calibration to ${CALIBRATION_END} in weeks, holdout to ${HOLDOUT_END} (${HOLDOUT_WEEKS} weeks).`,
      `RFM summary rebuilt from CDNOW_sample.txt vs cdnow_customers_summary.csv and zbar of cdnow_customers_summary_with_transactions.csv: ${mismatches} mismatches (tolerance ${TOLERANCE}).`,
      `BG/NBD on the rebuilt summary: r=${bg.params.r.toFixed(4)} alpha=${bg.params.alpha.toFixed(4)} a=${bg.params.a.toFixed(4)} b=${bg.params.b.toFixed(4)} (published 0.243 / 4.414 / 0.793 / 2.426).`,
      `Gamma-Gamma on the 946 repeat customers' zbar (published file): p=${ggPublished.params.p.toFixed(3)} q=${ggPublished.params.q.toFixed(3)} gamma=${ggPublished.params.gamma.toFixed(3)} (published 6.25 / 3.74 / 15.44); on our rebuilt spend: p=${gg.params.p.toFixed(3)} q=${gg.params.q.toFixed(3)} gamma=${gg.params.gamma.toFixed(3)}.`,
      `Holdout repeat purchases (distinct days): actual ${actualTotal}, BG/NBD ${predictedTotal.toFixed(1)}, naive x/T·39 ${naiveTotal.toFixed(1)}; per-customer MAE ${(absErr / n).toFixed(3)} vs naive ${(absErrNaive / n).toFixed(3)}.`,
    ],
  };
}
