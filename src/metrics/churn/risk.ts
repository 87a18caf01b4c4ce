// Churn risk per person with its top drivers (model: src/models fitChurnModel, logistic by
// default). Time-based validation, no leakage from the future: with T = asOf and H = horizon,
// features are built as of C = T − H from rows dated ≤ C and labelled "churned as observed at T";
// more snapshots at C − step, C − 2·step, … add labelled rows under the same rule; the holdout
// AUC comes from a stratified share of the persons at C left out of a first fit (all their
// snapshots); the final model is fitted on every snapshot and scores the persons still customers at T with
// features as of T. Writes churn_risk (replacing rows of the same as_of) and churn_risk_runs.
import { randomUUID } from 'node:crypto';
import { InputError } from '../../lib/errors.js';
import { type FeatureValue, fitChurnModel, rocAuc, stratifiedSplit } from '../../models/index.js';
import type { Store } from '../../store/index.js';
import type { ChurnConfig } from './config.js';
import { addDays, isoDay, parseDay, toDate } from './dates.js';
import {
  buildFeatures,
  type FeatureSet,
  featureSpecs,
  nonEmptyTables,
  SCORE_FEATURES,
} from './features.js';
import { ACTIVITY_TABLE, buildPopulation } from './population.js';
import { ChurnRiskOptions, type ChurnRiskResult, type RiskDriver } from './schemas.js';

export type RiskProgress = (fraction: number, stage: string) => void;

function pick<T>(xs: readonly T[], idx: ArrayLike<number>): T[] {
  return Array.from(idx, (i) => xs[i]!);
}

function driverValue(v: FeatureValue): RiskDriver['value'] {
  if (v === undefined || v === null) return null;
  return typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v;
}

async function scoresUsable(store: Store, cutoff: Date): Promise<{ ok: boolean; reason: string }> {
  const row = await store.one<{ n: number; as_of: unknown }>(
    'SELECT count(*) AS n, max(as_of) AS as_of FROM person_scores',
  );
  if (!row?.n)
    return { ok: false, reason: 'no experience scores in the store (run `cxlens scores`)' };
  const asOf = toDate(row.as_of);
  if (asOf.getTime() >= cutoff.getTime() + 86_400_000) {
    return {
      ok: false,
      reason: `scores computed as of ${isoDay(asOf)}, after the training cutoff ${isoDay(cutoff)}: they would leak the future into training`,
    };
  }
  return { ok: true, reason: '' };
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
  const scores = await scoresUsable(store, cutoff);
  const excluded = scores.ok
    ? []
    : SCORE_FEATURES.map((feature) => ({ feature, reason: scores.reason }));
  const build = { identity: pop.identity, useScores: scores.ok };

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
  const snaps: FeatureSet[] = [];
  for (const c of cutoffs)
    snaps.push(await buildFeatures(store, cfg, c, { ...build, label: true }, tables));
  const train = {
    personIds: snaps.flatMap((x) => x.personIds),
    rows: snaps.flatMap((x) => x.rows),
    snapshot: snaps.flatMap((x, k) => x.rows.map(() => k)),
  };
  const labels = Uint8Array.from(snaps.flatMap((x) => [...(x.labels ?? [])]));
  const positives = labels.reduce((a, b) => a + b, 0);
  if (train.rows.length < 20 || positives < 5 || positives > labels.length - 5) {
    throw new InputError(
      'INPUT_TOO_FEW_LABELS',
      `churn risk: ${train.rows.length} customers at the training cutoff ${isoDay(cutoff)} of whom ${positives} churned by ${isoDay(asOf)} (expected at least 20, with 5 churned and 5 not; need more history before asOf − ${cfg.horizon_days} days)`,
      { where: { field: 'asOf' } },
    );
  }
  // a feature with no value at all in training (e.g. no ticket ever rated) is left out
  const present = new Set(
    Object.keys(train.rows[0] ?? {}).filter((f) =>
      train.rows.some((r) => r[f] !== null && r[f] !== undefined),
    ),
  );
  const features = featureSpecs(scores.ok, present);
  const modelOptions = { features, kind: cfg.risk.model, l2: cfg.risk.l2 };

  // Person-level holdout: a share of the persons at the latest cutoff (stratified by their label)
  // leaves training entirely (every snapshot); the AUC is on their rows at that cutoff.
  onProgress(0.35, 'holdout fit');
  const latest = snaps[0]!;
  const split = stratifiedSplit(latest.labels ?? [], cfg.risk.holdout_share, cfg.risk.seed);
  const held = new Set(Array.from(split.test, (i) => latest.personIds[i]!));
  const fitIdx = train.personIds.flatMap((p, i) => (held.has(p) ? [] : [i]));
  const probe = fitChurnModel(pick(train.rows, fitIdx), pick([...labels], fitIdx), modelOptions);
  const holdoutLabels = pick([...(latest.labels ?? [])], split.test);
  const holdoutPos = holdoutLabels.reduce((a, b) => a + b, 0);
  const auc =
    holdoutPos > 0 && holdoutPos < holdoutLabels.length
      ? rocAuc(probe.score(pick(latest.rows, split.test)), holdoutLabels)
      : null;

  onProgress(0.5, 'final fit');
  const model = fitChurnModel(train.rows, labels, modelOptions);

  onProgress(0.6, 'scoring features');
  const current = await buildFeatures(store, cfg, asOf, { ...build, label: false }, tables);
  onProgress(0.75, 'scoring');
  const risk = model.score(current.rows);
  const drivers = model.explain(current.rows, cfg.risk.top_drivers);

  onProgress(0.85, 'writing');
  await writeRisk(store, asOf, current.personIds, risk, drivers);
  const meanRisk = risk.length ? risk.reduce((a, b) => a + b, 0) / risk.length : null;
  const result: ChurnRiskResult = {
    asOf: isoDay(asOf),
    trainCutoff: isoDay(cutoff),
    horizonDays: cfg.horizon_days,
    model: cfg.risk.model,
    features: features.map((f) => f.name),
    excluded,
    train: { persons: train.rows.length, churned: positives, snapshots: cutoffs.map(isoDay) },
    holdout: {
      persons: holdoutLabels.length,
      churned: holdoutPos,
      auc,
      method: `${Math.round(cfg.risk.holdout_share * 100)} % of the persons at the latest training cutoff (stratified), left out of every snapshot`,
    },
    scored: current.rows.length,
    meanRisk,
  };
  await store.run('INSERT INTO churn_risk_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?)', [
    randomUUID(),
    isoDay(asOf),
    isoDay(cutoff),
    cfg.horizon_days,
    cfg.risk.model,
    train.rows.length,
    auc,
    current.rows.length,
    JSON.stringify(result),
  ]);
  onProgress(1, 'done');
  return result;
}

async function writeRisk(
  store: Store,
  asOf: Date,
  personIds: readonly string[],
  risk: Float64Array,
  drivers: readonly { feature: string; value: FeatureValue; contribution: number }[][],
): Promise<void> {
  await store.transaction(async () => {
    await store.run('DELETE FROM churn_risk WHERE as_of = CAST(? AS TIMESTAMP)', [isoDay(asOf)]);
    const appender = await store.conn.createAppender('churn_risk');
    const asOfText = `${isoDay(asOf)} 00:00:00`;
    for (let i = 0; i < personIds.length; i++) {
      appender.appendVarchar(personIds[i]!);
      appender.appendVarchar(asOfText);
      appender.appendDouble(risk[i]!);
      appender.appendVarchar(
        JSON.stringify(
          (drivers[i] ?? []).map((d) => ({
            feature: d.feature,
            value: driverValue(d.value),
            contribution: Math.round(d.contribution * 1e4) / 1e4,
          })),
        ),
      );
      appender.endRow();
    }
    appender.closeSync();
  });
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
    drivers: string;
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
    drivers: JSON.parse(r.drivers) as RiskDriver[],
  }));
}
