// Identity resolution accuracy on FEBRL (Christen's synthetic person records): febrl4 links
// dataset4a to dataset4b (5 000 true pairs), febrl3 deduplicates dataset3 (6 538 true pairs).
// rec_id is stripped before matching; pairwise precision / recall / F1 are computed against the
// entity number in rec_id, beside the deterministic-only baseline (which has no e-mail, phone
// or user id to work with here, so it links almost nothing) and an exact name+birth-date rule.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type PairwiseMetrics,
  pairwiseMetrics,
  resolveIdentities,
} from '../../src/identity/index.js';
import { Store } from '../../src/store/index.js';
import type { EvalResult } from '../types.js';
import { evaluateDemoIdentity } from './demo.js';
import { type FebrlRecord, loadFebrl } from './febrl.js';

export { evaluateDemoIdentity };

/** The demo company's planted identity variants: every person's records across four systems
 * (typos, nicknames, changed e-mails, phone formats), scored after the full pipeline import. */
async function scoreDemo(): Promise<{
  model: PairwiseMetrics;
  deterministic: PairwiseMetrics;
  seconds: number;
}> {
  const { loadDemo } = await import('../../src/pipeline/index.js');
  const outDir = mkdtempSync(path.join(tmpdir(), 'cx-eval-demo-'));
  const store = await Store.open(':memory:');
  try {
    const loaded = await loadDemo(store, { customers: 3000, days: 180, seed: 42, outDir });
    const groups =
      loaded.demo.truth.truths.find((t) => t.kind === 'identity_variants')?.groups ?? [];
    await resolveIdentities(store, { deterministicOnly: true });
    const deterministic = await evaluateDemoIdentity(groups, store);
    const t0 = performance.now();
    await resolveIdentities(store);
    const seconds = (performance.now() - t0) / 1000;
    return { model: await evaluateDemoIdentity(groups, store), deterministic, seconds };
  } finally {
    store.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function predictedLabels(store: Store, truth: readonly FebrlRecord[]): Promise<string[]> {
  const links = await store.all<{ record_key: string; person_id: string }>(
    'SELECT record_key, person_id FROM identity_links',
  );
  const byKey = new Map(links.map((l) => [l.record_key, l.person_id]));
  return truth.map((t) => byKey.get(t.recordKey) ?? `missing:${t.recordKey}`);
}

/** Exact first name + last name + birth date: the simple rule-based baseline. */
async function exactRuleLabels(store: Store, truth: readonly FebrlRecord[]): Promise<string[]> {
  const rows = await store.all<{ record_key: string; k: string | null }>(
    `SELECT record_key, CASE WHEN first_name IS NULL OR last_name IS NULL OR birth_date IS NULL THEN NULL
       ELSE first_name || '|' || last_name || '|' || birth_date::VARCHAR END AS k FROM identity_records`,
  );
  const byKey = new Map(rows.map((r) => [r.record_key, r.k ?? r.record_key]));
  return truth.map((t) => byKey.get(t.recordKey) ?? t.recordKey);
}

interface TaskScore {
  model: PairwiseMetrics;
  exactRule: PairwiseMetrics;
  candidatePairs: number;
  pairCompleteness: number;
  seconds: number;
}

async function scoreTask(files: [string, string][]): Promise<TaskScore> {
  const store = await Store.open(':memory:');
  try {
    const truth: FebrlRecord[] = [];
    for (const [file, source] of files) truth.push(...(await loadFebrl(store, file, source)));
    const t0 = performance.now();
    const result = await resolveIdentities(store);
    const seconds = (performance.now() - t0) / 1000;
    const entities = truth.map((t) => t.entity);
    const model = pairwiseMetrics(await predictedLabels(store, truth), entities);
    const exactRule = pairwiseMetrics(await exactRuleLabels(store, truth), entities);
    const completeness = await blockingCompleteness(store, truth);
    return {
      model,
      exactRule,
      candidatePairs: result.candidatePairs,
      pairCompleteness: completeness,
      seconds,
    };
  } finally {
    store.close();
  }
}

/** Share of true pairs that the blocking rules put among the candidates. */
async function blockingCompleteness(store: Store, truth: readonly FebrlRecord[]): Promise<number> {
  const { BLOCKING_RULES, candidatePairsSql } = await import('../../src/identity/index.js');
  const rows = await store.all<{ a: string; b: string }>(
    `SELECT l.record_key AS a, r.record_key AS b FROM (${candidatePairsSql(BLOCKING_RULES, { maxBlockSize: 300 })}) p
     JOIN identity_records l ON l.rid = p.a JOIN identity_records r ON r.rid = p.b`,
  );
  const entity = new Map(truth.map((t) => [t.recordKey, t.entity]));
  const found = rows.filter((r) => entity.get(r.a) === entity.get(r.b)).length;
  const total = pairwiseMetrics(
    truth.map((t) => t.recordKey),
    truth.map((t) => t.entity),
  ).truePairs;
  return total === 0 ? 1 : found / total;
}

export async function run(): Promise<EvalResult> {
  const febrl4 = await scoreTask([
    ['dataset4a.csv', 'febrl4a'],
    ['dataset4b.csv', 'febrl4b'],
  ]);
  const febrl3 = await scoreTask([['dataset3.csv', 'febrl3']]);
  const metrics: Record<string, number> = {};
  for (const [name, s] of [
    ['febrl4', febrl4],
    ['febrl3', febrl3],
  ] as const) {
    metrics[`${name}_precision`] = round(s.model.precision);
    metrics[`${name}_recall`] = round(s.model.recall);
    metrics[`${name}_f1`] = round(s.model.f1);
    metrics[`${name}_baseline_exact_rule_f1`] = round(s.exactRule.f1);
    metrics[`${name}_candidate_pairs`] = s.candidatePairs;
    metrics[`${name}_pair_completeness`] = round(s.pairCompleteness);
    metrics[`${name}_seconds`] = round(s.seconds, 2);
  }
  const demo = await scoreDemo();
  metrics.demo_precision = round(demo.model.precision);
  metrics.demo_recall = round(demo.model.recall);
  metrics.demo_f1 = round(demo.model.f1);
  metrics.demo_baseline_deterministic_f1 = round(demo.deterministic.f1);
  metrics.demo_seconds = round(demo.seconds, 2);
  const result: EvalResult = {
    task: 'identity',
    metrics,
    thresholds: [
      { metric: 'febrl4_f1', min: 0.97 },
      { metric: 'febrl3_f1', min: 0.93 },
      { metric: 'demo_f1', min: 0.95 },
    ],
    notes: [
      'FEBRL (../shared/datasets/febrl): febrl4 = link dataset4a ↔ dataset4b, febrl3 = dedupe dataset3; rec_id stripped before matching.',
      'Pairwise precision/recall/F1 over all record pairs; baseline_exact_rule = same first name, last name and birth date.',
      'pair_completeness = share of true pairs that blocking made candidates.',
      'demo: the demo company (3,000 customers, 180 days, seed 42) imported as `cxlens demo` does; truth = identity_variants groups; baseline = deterministic rules only.',
    ],
  };
  const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'identity.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
