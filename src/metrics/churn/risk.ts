// Churn risk per person with its top drivers (model.ts on src/models' logistic regression by
// default). Time-based validation, no leakage from the future: with T = asOf and H = horizon,
// features are built as of C = T − H from rows dated ≤ C and labelled "churned as observed at T";
// more snapshots at C − step, C − 2·step, … add labelled rows under the same rule; the holdout
// AUC comes from a stratified share of the persons at C left out of a first fit (all their
// snapshots); the final model is fitted on every snapshot and scores the persons still customers at T with
// features as of T. Features are columns (features.ts, model.ts); drivers are computed for the
// risk.explain_top highest-risk persons only. Writes churn_risk (replacing rows of the same as_of)
// and churn_risk_runs.
import { randomUUID } from 'node:crypto';
import { InputError } from '../../lib/errors.js';
import { rocAuc, stratifiedSplit } from '../../models/index.js';
import type { Store } from '../../store/index.js';
import type { ChurnConfig } from './config.js';
import { addDays, isoDay, parseDay, toDate } from './dates.js';
import {
  buildFeatures,
  concatFeatureSets,
  type FeatureSet,
  featureSpecs,
  nonEmptyTables,
  presentFeatures,
  SCORE_FEATURES,
} from './features.js';
import { type ColumnDriver, fitColumnModel } from './model.js';
import { ACTIVITY_TABLE, buildPopulation } from './population.js';
import { ChurnRiskOptions, type ChurnRiskResult, type RiskDriver } from './schemas.js';
import { scoresAsOf } from './scores.js';

export type RiskProgress = (fraction: number, stage: string) => void;

/** Temp tables of a run: the persons scored at T (row order = risk order) and their results. */
const SCORING_TABLE = 'cx_churn_scoring';
const RESULT_TABLE = 'cx_churn_scored';

function driverValue(v: ColumnDriver['value']): RiskDriver['value'] {
  if (v === undefined || v === null) return null;
  return typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v;
}

/** At most `max` of the indices `idx` (all when there are no more), chosen by a seeded hash. */
function sample(idx: Uint32Array, max: number, seed: number): Uint32Array {
  if (idx.length <= max) return idx;
  // deterministic: keep the `max` indices with the smallest seeded hash
  const h = new Float64Array(idx.length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < idx.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    h[i] = (x >>> 0) / 4294967296;
  }
  const order = Array.from(idx.keys()).sort((a, b) => h[a]! - h[b]!);
  return Uint32Array.from(
    order.slice(0, max).sort((a, b) => a - b),
    (i) => idx[i]!,
  );
}

export async function churnRisk(
  store: Store,
  cfg: ChurnConfig,
  options: ChurnRiskOptions = {},
  onProgress: RiskProgress = () => undefined,
): Promise<ChurnRiskResult> {
  const opts = ChurnRiskOptions.parse(options);
  onProgress(0, 'activity');
  const pop = await buildPopulation(store, cfg);
  if (!pop)
    throw new InputError('INPUT_NO_DATA', 'churn risk: the store has no activity to learn from');
  const asOf = opts.asOf ? parseDay(opts.asOf, 'asOf') : pop.end;
  const cutoff = addDays(asOf, -cfg.horizon_days);
  const tables = await nonEmptyTables(store, [
    'tickets',
    'survey_responses',
    'posts',
    'events',
    'subscriptions',
  ]);

  onProgress(0.1, 'training features');
  const startRow = await store.one<{ d: unknown }>(
    `SELECT min(day) AS d FROM ${ACTIVITY_TABLE} WHERE is_activity`,
  );
  const earliest = addDays(toDate(startRow?.d), cfg.risk.snapshot_step_days).getTime();
  const cutoffs: Date[] = [];
  for (let k = 0; k < cfg.risk.snapshots; k++) {
    const c = addDays(cutoff, -k * cfg.risk.snapshot_step_days);
    if (k === 0 || c.getTime() >= earliest) cutoffs.push(c);
  }
  // Experience and engagement scores (and the silent at-risk quadrant) as of each snapshot's
  // cutoff, never as of a later day; all snapshots or none, so every row has the same features.
  const scoreTables: string[] = [];
  let scoresReason = '';
  for (const [k, c] of cutoffs.entries()) {
    const r = await scoresAsOf(store, c, `cx_churn_xp_${k}`);
    if (!r.ok) {
      scoresReason = r.reason;
      break;
    }
    scoreTables.push(r.table);
  }
  const useScores = scoresReason === '';
  const excluded = useScores
    ? []
    : SCORE_FEATURES.map((feature) => ({ feature, reason: scoresReason }));
  const snaps: FeatureSet[] = [];
  for (const [k, c] of cutoffs.entries()) {
    snaps.push(
      await buildFeatures(
        store,
        cfg,
        c,
        {
          identity: pop.identity,
          label: true,
          ...(useScores ? { scoresTable: scoreTables[k]! } : {}),
        },
        tables,
      ),
    );
  }
  const train = concatFeatureSets(snaps);
  const labels = train.labels ?? new Uint8Array(train.n);
  const positives = labels.reduce((a, b) => a + b, 0);
  if (train.n < 20 || positives < 5 || positives > labels.length - 5) {
    throw new InputError(
      'INPUT_TOO_FEW_LABELS',
      `churn risk: ${train.n} customers at the training cutoff ${isoDay(cutoff)} of whom ${positives} churned by ${isoDay(asOf)} (expected at least 20, with 5 churned and 5 not; need more history before asOf − ${cfg.horizon_days} days)`,
      { where: { field: 'asOf' } },
    );
  }
  // a feature with no value at all in training (e.g. no ticket ever rated) is left out
  const features = featureSpecs(useScores, presentFeatures(train));
  const modelOptions = { features, kind: cfg.risk.model, l2: cfg.risk.l2 };
  const maxRows = cfg.risk.max_train_rows;

  // Person-level holdout: a share of the persons at the latest cutoff (stratified by their label)
  // leaves training entirely (every snapshot); the AUC is on their rows at that cutoff.
  onProgress(0.35, 'holdout fit');
  const latest = snaps[0]!;
  const split = stratifiedSplit(latest.labels ?? [], cfg.risk.holdout_share, cfg.risk.seed);
  const held = new Set(Array.from(split.test, (i) => latest.keys[i]!));
  const fitAll: number[] = [];
  for (let i = 0; i < train.n; i++) if (!held.has(train.keys[i]!)) fitAll.push(i);
  const fitIdx = sample(Uint32Array.from(fitAll), maxRows, cfg.risk.seed);
  const probe = fitColumnModel(
    train,
    fitIdx,
    Array.from(fitIdx, (i) => labels[i]!),
    modelOptions,
  );
  const holdoutLabels = Array.from(split.test, (i) => latest.labels![i]!);
  const holdoutPos = holdoutLabels.reduce((a, b) => a + b, 0);
  let auc: number | null = null;
  if (holdoutPos > 0 && holdoutPos < holdoutLabels.length) {
    const all = probe.score(latest);
    auc = rocAuc(
      Array.from(split.test, (i) => all[i]!),
      holdoutLabels,
    );
  }

  onProgress(0.5, 'final fit');
  const finalIdx = sample(
    Uint32Array.from({ length: train.n }, (_, i) => i),
    maxRows,
    cfg.risk.seed,
  );
  const model = fitColumnModel(
    train,
    finalIdx,
    Array.from(finalIdx, (i) => labels[i]!),
    modelOptions,
  );

  onProgress(0.6, 'scoring features');
  let scoringScores: string | undefined;
  if (useScores) {
    const r = await scoresAsOf(store, asOf, 'cx_churn_xp_now');
    if (!r.ok)
      throw new InputError(
        'INPUT_NO_DATA',
        `churn risk: scores as of ${isoDay(asOf)}: ${r.reason}`,
      );
    scoringScores = r.table;
  }
  const current = await buildFeatures(
    store,
    cfg,
    asOf,
    {
      identity: pop.identity,
      label: false,
      into: SCORING_TABLE,
      ...(scoringScores ? { scoresTable: scoringScores } : {}),
    },
    tables,
  );
  onProgress(0.75, 'scoring');
  const risk = model.score(current);
  // drivers for the highest-risk persons only (what `churn risk --top N` lists)
  const top = topIndices(risk, cfg.risk.explain_top);
  const drivers = model.explain(current, top, cfg.risk.top_drivers);

  onProgress(0.85, 'writing');
  await writeRisk(store, asOf, current, risk, top, drivers);
  for (const t of [...scoreTables, ...(scoringScores ? [scoringScores] : [])])
    await store.run(`DROP TABLE IF EXISTS ${t}`);
  const meanRisk = risk.length ? risk.reduce((a, b) => a + b, 0) / risk.length : null;
  const result: ChurnRiskResult = {
    asOf: isoDay(asOf),
    trainCutoff: isoDay(cutoff),
    horizonDays: cfg.horizon_days,
    model: cfg.risk.model,
    features: features.map((f) => f.name),
    excluded,
    train: { persons: train.n, churned: positives, snapshots: cutoffs.map(isoDay) },
    holdout: {
      persons: holdoutLabels.length,
      churned: holdoutPos,
      auc,
      method: `${Math.round(cfg.risk.holdout_share * 100)} % of the persons at the latest training cutoff (stratified), left out of every snapshot`,
    },
    scored: current.n,
    explained: top.length,
    meanRisk,
  };
  await store.run('INSERT INTO churn_risk_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?)', [
    randomUUID(),
    isoDay(asOf),
    isoDay(cutoff),
    cfg.horizon_days,
    cfg.risk.model,
    train.n,
    auc,
    current.n,
    JSON.stringify(result),
  ]);
  onProgress(1, 'done');
  return result;
}

/** Indices of the `k` largest values (ties by index), largest first. */
function topIndices(values: Float64Array, k: number): number[] {
  if (k <= 0 || values.length === 0) return [];
  if (k >= values.length)
    return Array.from(values.keys()).sort((a, b) => values[b]! - values[a]! || a - b);
  // threshold from a sorted copy, then the few above it
  const sorted = Float64Array.from(values).sort();
  const threshold = sorted[values.length - k]!;
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i]! >= threshold) out.push(i);
  return out.sort((a, b) => values[b]! - values[a]! || a - b).slice(0, k);
}

/**
 * Writes churn_risk for `asOf` (replacing that day's rows): the risks and the top persons'
 * drivers go to a temp table in the scoring rows' order and are matched to person_id by a
 * positional join with the scoring table (checked by the per-person key).
 */
async function writeRisk(
  store: Store,
  asOf: Date,
  current: FeatureSet,
  risk: Float64Array,
  top: readonly number[],
  drivers: readonly ColumnDriver[][],
): Promise<void> {
  const json = new Map<number, string>();
  top.forEach((row, i) => {
    json.set(
      row,
      JSON.stringify(
        (drivers[i] ?? []).map((d) => ({
          feature: d.feature,
          value: driverValue(d.value),
          contribution: Math.round(d.contribution * 1e4) / 1e4,
        })),
      ),
    );
  });
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${RESULT_TABLE} (person_key DOUBLE, risk DOUBLE, drivers VARCHAR)`,
  );
  const appender = await store.conn.createAppender(RESULT_TABLE);
  for (let i = 0; i < current.n; i++) {
    appender.appendDouble(current.keys[i]!);
    appender.appendDouble(risk[i]!);
    const d = json.get(i);
    if (d === undefined) appender.appendNull();
    else appender.appendVarchar(d);
    appender.endRow();
  }
  appender.closeSync();
  const check = await store.one<{ bad: number }>(
    `SELECT count(*) FILTER (WHERE f.person_key IS DISTINCT FROM r.person_key) AS bad
     FROM (SELECT person_key FROM ${SCORING_TABLE}) f POSITIONAL JOIN ${RESULT_TABLE} r`,
  );
  if ((check?.bad ?? 0) > 0)
    throw new Error('churn risk: scored rows came back out of order (positional join check)');
  await store.transaction(async () => {
    await store.run('DELETE FROM churn_risk WHERE as_of = CAST(? AS TIMESTAMP)', [isoDay(asOf)]);
    await store.run(
      `INSERT INTO churn_risk
       SELECT f.person_id, CAST(? AS TIMESTAMP), r.risk, CAST(r.drivers AS JSON)
       FROM (SELECT person_id FROM ${SCORING_TABLE}) f POSITIONAL JOIN ${RESULT_TABLE} r`,
      [isoDay(asOf)],
    );
  });
  await store.run(`DROP TABLE IF EXISTS ${RESULT_TABLE}; DROP TABLE IF EXISTS ${SCORING_TABLE}`);
}

/** The highest-risk persons of the latest run (or of `asOf`), with their drivers. */
export async function topChurnRisk(
  store: Store,
  limit = 100,
  asOf?: string,
): Promise<{ person_id: string; as_of: string; risk: number; drivers: RiskDriver[] }[]> {
  const rows = await store.all<{
    person_id: string;
    as_of: unknown;
    risk: number;
    drivers: string | null;
  }>(
    `SELECT person_id, as_of, risk, CAST(drivers AS VARCHAR) AS drivers FROM churn_risk
     WHERE as_of = coalesce(CAST(? AS TIMESTAMP), (SELECT max(as_of) FROM churn_risk))
     ORDER BY risk DESC, person_id LIMIT ?`,
    [asOf ?? null, limit],
  );
  return rows.map((r) => ({
    person_id: r.person_id,
    as_of: isoDay(toDate(r.as_of)),
    risk: r.risk,
    drivers: r.drivers === null ? [] : (JSON.parse(r.drivers) as RiskDriver[]),
  }));
}
