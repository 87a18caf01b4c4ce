// The fitted Fellegi–Sunter model: u per level from random pairs (exact level from the value
// frequencies, exactly), m per level by EM on the candidate pairs (fellegi-sunter.ts), and λ.
// Persisted in identity_model / identity_runs so explainPair and incremental runs use the same
// numbers as the full run that fitted them.
import { NotFoundError } from '../lib/errors.js';
import type { Store } from '../store/index.js';
import type { BlockingRule } from './blocking.js';
import { exactAgreementRate, sampleLevelCounts } from './candidate-pairs.js';
import { type Comparison, levelLabel, topLevel } from './comparisons.js';
import {
  type EmSessionResult,
  estimateLambda,
  type FieldParams,
  initialM,
  type Pattern,
  trainM,
} from './fellegi-sunter.js';

export interface IdentityModel {
  lambda: number;
  fields: FieldParams[];
}

const U_FLOOR = 1e-9;

/** u per field and level: exact from value frequencies, the rest from sampled random pairs. */
export async function estimateU(
  store: Store,
  comparisons: readonly Comparison[],
  samplePairs: number,
  seed: number,
): Promise<number[][]> {
  const counts = await sampleLevelCounts(store, comparisons, samplePairs, seed);
  const u: number[][] = [];
  for (const [f, c] of comparisons.entries()) {
    const top = topLevel(c);
    // Below 1 too: in a tiny store every pair may agree (two records, one e-mail), and u = 0 on
    // the other levels would make their weights infinite (SQL "Infinity" does not parse).
    const exact = Math.min(
      Math.max(await exactAgreementRate(store, c.column), U_FLOOR),
      1 - U_FLOOR,
    );
    const rest = (counts[f] as number[]).slice(0, top).map((n) => n + 0.5);
    const restSum = rest.reduce((a, b) => a + b, 0);
    u.push([...rest.map((n) => ((1 - exact) * n) / restSum), exact]);
  }
  return u;
}

export interface TrainResult {
  model: IdentityModel;
  sessions: { rule: string; result: EmSessionResult }[];
}

export function fitModel(
  patterns: readonly Pattern[],
  u: number[][],
  comparisons: readonly Comparison[],
  rules: readonly BlockingRule[],
  totalPairs: number,
): TrainResult {
  const fieldIndex = new Map(comparisons.map((c, i) => [c.field, i]));
  const sessions = rules.map((rule, i) => ({
    bit: 2 ** i,
    fixedFields: rule.conditions
      .map((f) => fieldIndex.get(f))
      .filter((x): x is number => x !== undefined),
  }));
  const fallback = comparisons.map((c) => initialM(topLevel(c)));
  const trained = trainM(patterns, u, sessions, fallback);
  const lambda = estimateLambda(patterns, trained.m, u, totalPairs);
  const fields = comparisons.map((c, f) => ({
    field: c.field,
    levels: (u[f] as number[]).map((uv, level) => ({
      level,
      label: levelLabel(c, level),
      m: (trained.m[f] as number[])[level] as number,
      u: uv,
      mEstimated: trained.estimated[f] as boolean,
    })),
  }));
  return {
    model: { lambda, fields },
    sessions: trained.sessions.map((result, i) => ({
      rule: (rules[i] as BlockingRule).name,
      result,
    })),
  };
}

export async function saveModel(store: Store, model: IdentityModel): Promise<void> {
  await store.run('DELETE FROM identity_model');
  for (const f of model.fields) {
    for (const l of f.levels) {
      await store.run('INSERT INTO identity_model VALUES (?, ?, ?, ?, ?, ?)', [
        f.field,
        l.level,
        l.label,
        l.m,
        l.u,
        l.mEstimated,
      ]);
    }
  }
}

/** The model of the latest full run; NotFoundError when identity was never resolved. */
export async function loadModel(
  store: Store,
  comparisons: readonly Comparison[],
): Promise<IdentityModel> {
  const run = await store.one<{ prior: number }>(
    "SELECT prior FROM identity_runs WHERE mode = 'full' ORDER BY finished_at DESC LIMIT 1",
  );
  const rows = await store.all<{
    field: string;
    level: number;
    label: string;
    m: number;
    u: number;
    m_estimated: boolean;
  }>('SELECT * FROM identity_model ORDER BY field, level');
  if (!run || rows.length === 0) {
    throw new NotFoundError(
      'IDENTITY_NO_MODEL',
      'identity: no fitted model — run a full resolveIdentities first (expected identity_model rows)',
    );
  }
  const fields = comparisons.map((c) => {
    const levels = rows
      .filter((r) => r.field === c.field)
      .map((r) => ({ level: r.level, label: r.label, m: r.m, u: r.u, mEstimated: r.m_estimated }));
    if (levels.length !== topLevel(c) + 1) {
      throw new NotFoundError(
        'IDENTITY_MODEL_MISMATCH',
        `identity_model: field "${c.field}" has ${levels.length} levels (expected ${topLevel(c) + 1}) — run a full resolve`,
      );
    }
    return { field: c.field, levels };
  });
  return { lambda: run.prior, fields };
}

/**
 * SQL for the log2 Bayes factor of one field in a row of levelsQuery output (g_<field>,
 * tf_<field>); the exact level of a TF field uses m_exact / tf(value) instead of m_exact / u_exact.
 */
export function fieldWeightSql(params: FieldParams, c: Comparison): string {
  const top = topLevel(c);
  const whens = params.levels.map((l) => {
    if (c.tfAdjust && l.level === top) {
      return `WHEN ${l.level} THEN log2(${l.m} / greatest(coalesce(tf_${c.field}, ${l.u}), 1e-12))`;
    }
    return `WHEN ${l.level} THEN ${Math.log2(l.m / l.u)}`;
  });
  return `(CASE g_${c.field} ${whens.join(' ')} ELSE 0 END)`;
}

/** log2 prior odds of a match, log2(λ / (1 − λ)). */
export function priorWeight(model: IdentityModel): number {
  return Math.log2(model.lambda / (1 - model.lambda));
}

/**
 * An upper bound of fieldWeightSql that needs no similarity: over h_<field> (−1 missing, top when
 * the values are equal, 0 otherwise) it gives the exact weight when equal, 0 when missing, and the
 * largest weight of the non-exact levels otherwise. Only for comparisons whose top level is
 * equality (deferrableComparison).
 */
export function fieldBoundSql(params: FieldParams, c: Comparison): string {
  const top = topLevel(c);
  const exactLevel = params.levels[top] as LevelParamsLike;
  const exact = c.tfAdjust
    ? `log2(${exactLevel.m} / greatest(coalesce(tf_${c.field}, ${exactLevel.u}), 1e-12))`
    : `${Math.log2(exactLevel.m / exactLevel.u)}`;
  const best = Math.max(
    ...params.levels.filter((l) => l.level < top).map((l) => Math.log2(l.m / l.u)),
  );
  return `(CASE h_${c.field} WHEN -1 THEN 0 WHEN ${top} THEN ${exact} ELSE ${best} END)`;
}

type LevelParamsLike = { m: number; u: number };

/** SQL for the match weight: log2 prior odds + Σ fieldWeightSql. */
export function matchWeightSql(model: IdentityModel, comparisons: readonly Comparison[]): string {
  const terms = comparisons.map((c, f) => fieldWeightSql(model.fields[f] as FieldParams, c));
  return `(${priorWeight(model)} + ${terms.join(' + ')})`;
}
