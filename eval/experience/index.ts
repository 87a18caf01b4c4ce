// Evidence that the experience scores mean something.
// 1. Olist (../shared/datasets/olist, read in place): the effect of late delivery on the review
//    score, measured with lateDeliveryEffect on orders and reviews loaded as cxlens entities —
//    late vs on-time mean with a Welch interval; the means must match the README (2.15, 4.29).
// 2. Demo (3000 customers / 180 days, and the 800 / 120 demo the e2e suites use): the planted
//    silent_at_risk group must be recovered by the silent_at_risk quadrant (precision and recall
//    ≥ 0.8 on both), beside a baseline rule (any bad signal and no voice); the planted poor
//    partner must be flagged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveIdentities } from '../../src/identity/index.js';
import {
  computeScores,
  lateDeliveryEffect,
  loadExperienceConfig,
  partnerReport,
} from '../../src/metrics/experience/index.js';
import { loadDemo } from '../../src/pipeline/index.js';
import { Store } from '../../src/store/index.js';
import type { EvalResult } from '../types.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OLIST = path.resolve(REPO_ROOT, '../shared/datasets/olist');
const DEMO = { customers: 3000, days: 180, seed: 42 };
/** The smaller demo the other e2e suites use: the same rule must hold there without tuning. */
const SMALL_DEMO = { customers: 800, days: 120, seed: 42 };

async function olist(): Promise<Record<string, number>> {
  const store = await Store.open(':memory:');
  try {
    const file = (name: string) => path.join(OLIST, name);
    await store.run(
      `INSERT INTO orders (source, source_id, customer_id, placed_at, amount, promised_at, delivered_at, status)
       SELECT 'olist', o.order_id, o.customer_id, o.order_purchase_timestamp, coalesce(p.amount, 0),
         o.order_estimated_delivery_date, o.order_delivered_customer_date,
         CASE o.order_status WHEN 'delivered' THEN 'delivered' WHEN 'shipped' THEN 'shipped' WHEN 'canceled' THEN 'cancelled' ELSE 'placed' END
       FROM read_csv(?, header = true, all_varchar = false) o
       LEFT JOIN (SELECT order_id, sum(payment_value) AS amount FROM read_csv(?, header = true) GROUP BY order_id) p USING (order_id)`,
      [file('olist_orders_dataset.csv'), file('olist_order_payments_dataset.csv')],
    );
    await store.run(
      `INSERT INTO survey_responses (source, source_id, customer_id, survey, kind, score, comment, touchpoint, invited_at, responded_at)
       SELECT 'olist', r.review_id || ':' || r.order_id, o.customer_id, 'Olist review', 'csat', r.review_score,
         r.review_comment_message, 'delivery', r.review_creation_date, r.review_answer_timestamp
       FROM read_csv(?, header = true) r JOIN orders o ON o.source = 'olist' AND o.source_id = r.order_id`,
      [file('olist_order_reviews_dataset.csv')],
    );
    const e = await lateDeliveryEffect(store, { kind: 'csat', compare: 'day' });
    return {
      olist_late_n: e.late.n,
      olist_on_time_n: e.onTime.n,
      olist_late_mean: e.late.mean ?? Number.NaN,
      olist_on_time_mean: e.onTime.mean ?? Number.NaN,
      olist_late_minus_on_time: e.diff ?? Number.NaN,
      olist_diff_ci_low: e.low ?? Number.NaN,
      olist_diff_ci_high: e.high ?? Number.NaN,
      olist_p_value: e.pValue,
      olist_late_mean_error: Math.abs((e.late.mean ?? 0) - 2.15),
      olist_on_time_mean_error: Math.abs((e.onTime.mean ?? 0) - 4.29),
    };
  } finally {
    store.close();
  }
}

/** Precision and recall of a person set against the planted ids (record keys → persons). */
async function recovery(
  store: Store,
  predictedSql: string,
  ids: readonly string[],
): Promise<{ precision: number; recall: number; predicted: number }> {
  await store.run('CREATE OR REPLACE TEMP TABLE eval_truth (record_key VARCHAR)');
  for (const id of ids) await store.run('INSERT INTO eval_truth VALUES (?)', [id]);
  const r = await store.one<{ tp: number; pred: number; pos: number }>(
    `WITH truth AS (SELECT DISTINCT pk.person_id FROM eval_truth t JOIN person_keys pk ON pk.key_kind = 'record' AND pk.key = t.record_key),
     pred AS (${predictedSql})
     SELECT (SELECT count(*) FROM pred JOIN truth USING (person_id)) AS tp, (SELECT count(*) FROM pred) AS pred, (SELECT count(*) FROM truth) AS pos`,
  );
  return {
    precision: r && r.pred > 0 ? r.tp / r.pred : 0,
    recall: r && r.pos > 0 ? r.tp / r.pos : 0,
    predicted: r?.pred ?? 0,
  };
}

async function demo(
  size: typeof DEMO = DEMO,
): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cxlens-eval-experience-'));
  try {
    const store = await Store.open(path.join(dir, 'cxlens.duckdb'));
    try {
      const { demo: out } = await loadDemo(store, { ...size, outDir: path.join(dir, 'demo') });
      await resolveIdentities(store);
      const run = await computeScores(store, loadExperienceConfig());
      const silent = out.truth.truths.find((t) => t.kind === 'silent_at_risk');
      const ids = silent?.ids ?? [];
      const ours = await recovery(
        store,
        "SELECT person_id FROM person_scores WHERE quadrant = 'silent_at_risk'",
        ids,
      );
      const base = await recovery(
        store,
        `SELECT person_id FROM person_scores WHERE voice = 0 AND bad_signals > 0`,
        ids,
      );
      const poorId = out.truth.truths.find((t) => t.kind === 'partner_poor_delivery')?.dimensions
        ?.partner_id;
      const partners = await partnerReport(store);
      const flagged = partners.filter((p) => p.poor).map((p) => p.partnerId);
      return {
        metrics: {
          demo_silent_precision: ours.precision,
          demo_silent_recall: ours.recall,
          demo_silent_predicted: ours.predicted,
          demo_silent_planted: ids.length,
          baseline_any_bad_no_voice_precision: base.precision,
          baseline_any_bad_no_voice_recall: base.recall,
          demo_poor_partner_flagged:
            poorId !== undefined && flagged.includes(String(poorId)) ? 1 : 0,
          demo_partners_flagged: flagged.length,
          demo_scoring_ms: run.ms,
        },
        notes: [
          `demo: ${size.customers} customers, ${size.days} days, seed ${size.seed}; ${run.persons} persons scored as of ${run.asOf.toISOString()}`,
          `partners flagged poor: ${flagged.join(', ') || 'none'} (planted: ${String(poorId)})`,
        ],
      };
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<EvalResult> {
  const o = await olist();
  const d = await demo();
  const small = await demo(SMALL_DEMO);
  return {
    task: 'experience',
    metrics: {
      ...o,
      ...d.metrics,
      small_demo_silent_precision: small.metrics.demo_silent_precision ?? 0,
      small_demo_silent_recall: small.metrics.demo_silent_recall ?? 0,
      small_demo_silent_predicted: small.metrics.demo_silent_predicted ?? 0,
      small_demo_silent_planted: small.metrics.demo_silent_planted ?? 0,
    },
    thresholds: [
      { metric: 'olist_late_mean_error', max: 0.005 },
      { metric: 'olist_on_time_mean_error', max: 0.005 },
      { metric: 'olist_diff_ci_high', max: 0 },
      { metric: 'olist_p_value', max: 0.05 },
      { metric: 'demo_silent_precision', min: 0.8 },
      { metric: 'demo_silent_recall', min: 0.8 },
      { metric: 'small_demo_silent_precision', min: 0.8 },
      { metric: 'small_demo_silent_recall', min: 0.8 },
      { metric: 'demo_poor_partner_flagged', min: 1 },
    ],
    notes: [
      'olist: first review per order (earliest answer), late = delivered on a later calendar day than estimated; Welch 95% interval of late − on time',
      ...d.notes,
      ...small.notes,
    ],
  };
}
