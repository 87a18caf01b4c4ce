// resolveIdentities: customer records → persons, end to end (DESIGN.md "Identity resolution").
//   1. prepare   normalise every record into identity_records (customers, then customer keys
//                seen only in activity: activity-records.ts)
//   2. exact     deterministic edges: e-mail, phone, user_id, alias events
//   3. block     candidate pairs from the blocking rules, comparison levels in DuckDB
//   4. fit       u from random pairs, m by EM (fixed u), λ; persisted (full runs only)
//   5. score     match weight per pair (term-frequency adjusted), keep p ≥ threshold
//   6. cluster   union-find with overrides (must_link first, cannot_link respected)
//   7. persist   stable person ids, identity_links, identity_log, persons (golden), person_keys
// Incremental runs prepare only records without a link, block them against all records, score
// with the stored model, and seed the clustering with the existing persons, so only the new
// records' pairs are compared and only touched persons get a new golden record.
import { log } from '../lib/log.js';
import type { Store } from '../store/index.js';
import { countActivityRecords } from './activity-records.js';
import { assignPersons } from './assign-persons.js';
import { BLOCKING_RULES, type BlockingRule } from './blocking.js';
import { buildCandidatePairs, candidatePatterns } from './candidate-pairs.js';
import { COMPARISONS, type Comparison } from './comparisons.js';
import { deterministicEdges } from './deterministic.js';
import { concatEdges, type Edges, emptyEdges, LINK_RULES, readEdges } from './edges.js';
import type { EmSessionResult } from './fellegi-sunter.js';
import { type SurvivorshipOptions, writeGoldenRecords } from './golden-record.js';
import { estimateU, fitModel, type IdentityModel, loadModel, saveModel } from './model.js';
import { cannotLinkPairs, mustLinkEdges } from './overrides.js';
import { writePersonKeys } from './person-keys.js';
import { prepareRecords } from './prepare-records.js';
import { scorePairs } from './score.js';
import { clusterNodes } from './union-find.js';

const logger = log.child({ module: 'identity' });

export interface ResolveOptions {
  /** Only records without a link, against existing persons, with the stored model. */
  incremental?: boolean;
  /** Match probability at or above which a pair links (default 0.9). */
  threshold?: number;
  /** Skip blocking keys shared by more records than this (default 300). */
  maxBlockSize?: number;
  /** Ignore e-mails/phones/user ids shared by more records than this (default 50). */
  maxKeyGroupSize?: number;
  /**
   * Random pairs drawn to estimate u (default 300 000; the exact level is computed exactly), and
   * the most candidate pairs EM fits m on (a seeded sample beyond that; all pairs are scored).
   */
  samplePairs?: number;
  seed?: number;
  /** Country for phone numbers without "+" (default none: such numbers need a record country). */
  defaultCountry?: string;
  survivorship?: SurvivorshipOptions;
  /** Deterministic rules only (a baseline): no blocking, EM or scoring. */
  deterministicOnly?: boolean;
  blockingRules?: readonly BlockingRule[];
  comparisons?: readonly Comparison[];
}

export type ProgressFn = (step: string, index: number, steps: number) => void;

export interface ResolveResult {
  runId: string;
  mode: 'full' | 'incremental';
  records: number;
  newRecords: number;
  /** Records of customer keys seen only in activity (orders, tickets …), no customers row. */
  activityRecords: number;
  deterministicEdges: number;
  candidatePairs: number;
  probabilisticLinks: number;
  rejectedByCannotLink: number;
  persons: number;
  merges: number;
  splits: number;
  lambda: number;
  threshold: number;
  emSessions: { rule: string; iterations: number; expectedMatches: number }[];
  timingsMs: Record<string, number>;
}

const STEPS = ['prepare', 'exact', 'block', 'fit', 'score', 'cluster', 'persist'] as const;

export async function resolveIdentities(
  store: Store,
  options: ResolveOptions = {},
  onProgress?: ProgressFn,
): Promise<ResolveResult> {
  const rules = options.blockingRules ?? BLOCKING_RULES;
  const comparisons = options.comparisons ?? COMPARISONS;
  const threshold = options.threshold ?? 0.9;
  const maxBlockSize = options.maxBlockSize ?? 300;
  const maxKeyGroupSize = options.maxKeyGroupSize ?? 50;
  const started = new Date();
  const runId = `run_${started.toISOString()}`;
  const timingsMs: Record<string, number> = {};
  let clock = performance.now();
  const step = (name: (typeof STEPS)[number]) => {
    const now = performance.now();
    timingsMs[name] = Math.round(now - clock);
    clock = now;
    onProgress?.(name, STEPS.indexOf(name) + 1, STEPS.length);
  };

  const existing = await store.one<{ n: number; max_rid: number | null; links: number }>(
    'SELECT count(*) AS n, max(rid) AS max_rid, (SELECT count(*) FROM identity_links) AS links FROM identity_records',
  );
  let model: IdentityModel | undefined;
  let incremental = options.incremental === true && (existing?.links ?? 0) > 0;
  if (incremental && !options.deterministicOnly) {
    try {
      model = await loadModel(store, comparisons);
    } catch {
      incremental = false;
    }
  }
  const maxOldRid = incremental ? (existing?.max_rid ?? -1) : undefined;

  await reclaimDeleted(store);
  const result = await store.transaction(async () => {
    const added = await prepareRecords(store, {
      onlyUnlinked: incremental,
      defaultCountry: options.defaultCountry,
    });
    const total = await store.one<{ n: number; next: number }>(
      'SELECT count(*) AS n, coalesce(max(rid) + 1, 0) AS next FROM identity_records',
    );
    const n = total?.next ?? 0;
    step('prepare');

    const exact = await deterministicEdges(store, { maxKeyGroupSize, newAfterRid: maxOldRid });
    step('exact');

    let candidatePairs = 0;
    let prob: Edges = emptyEdges();
    let emSessions: ResolveResult['emSessions'] = [];
    if (!options.deterministicOnly && (added > 0 || !incremental)) {
      candidatePairs = await buildCandidatePairs(store, rules, comparisons, {
        maxBlockSize,
        newAfterRid: maxOldRid,
      });
      step('block');
      if (!model) {
        const u = await estimateU(
          store,
          comparisons,
          options.samplePairs ?? 300_000,
          options.seed ?? 42,
        );
        const patterns = await candidatePatterns(
          store,
          comparisons,
          candidatePairs,
          options.samplePairs ?? 300_000,
          options.seed ?? 42,
        );
        const fitted = fitModel(patterns, u, comparisons, rules, (n * (n - 1)) / 2);
        model = fitted.model;
        emSessions = fitted.sessions.map((s: { rule: string; result: EmSessionResult }) => ({
          rule: s.rule,
          iterations: s.result.iterations,
          expectedMatches: Math.round(s.result.expectedMatches),
        }));
        await saveModel(store, model);
      }
      step('fit');
      const minWeight = Math.log2(threshold / (1 - threshold));
      prob = await scorePairs(store, model, comparisons, minWeight);
      step('score');
    }

    const seeds = incremental
      ? await readEdges(
          store,
          `SELECT r.rid, min(r.rid) OVER (PARTITION BY k.person_id), 1.0, ${LINK_RULES.indexOf('existing')}
           FROM identity_records r JOIN identity_links k ON k.record_key = r.record_key`,
        )
      : emptyEdges();
    const must = await mustLinkEdges(store);
    const cannot = await cannotLinkPairs(store);
    const clusters = clusterNodes(n, concatEdges([seeds, must, exact, prob]), cannot);
    step('cluster');

    const assigned = await assignPersons(store, clusters, runId);
    if (maxOldRid !== undefined) {
      // A record re-prepared from a customer row that replaced an activity-only one keeps its
      // person, so assignPersons does not see it change; its golden record must still be redone.
      await store.run(`INSERT INTO idc_affected
        SELECT DISTINCT l.person_id FROM identity_links l JOIN identity_records r ON r.record_key = l.record_key
        WHERE r.rid > ${Math.trunc(maxOldRid)} AND l.person_id NOT IN (SELECT person_id FROM idc_affected)`);
    }
    await writeGoldenRecords(store, options.survivorship, incremental);
    await writePersonKeys(store);
    const result: ResolveResult = {
      runId,
      mode: incremental ? 'incremental' : 'full',
      records: total?.n ?? 0,
      newRecords: added,
      activityRecords: await countActivityRecords(store),
      deterministicEdges: exact.a.length,
      candidatePairs,
      probabilisticLinks: prob.a.length,
      rejectedByCannotLink: clusters.rejectedByCannotLink,
      persons: assigned.persons,
      merges: assigned.merges,
      splits: assigned.splits,
      lambda: model?.lambda ?? 0,
      threshold,
      emSessions,
      timingsMs,
    };
    await store.run(
      'INSERT INTO identity_runs VALUES (?, ?, ?, now()::TIMESTAMP, ?, ?, ?, ?, ?, ?)',
      [
        runId,
        result.mode,
        started,
        result.lambda,
        threshold,
        result.records,
        candidatePairs,
        result.persons,
        JSON.stringify({ ...result, emSessions }),
      ],
    );
    for (const t of [
      'idc_cand',
      'idc_rec',
      'idc_assign',
      'idc_old',
      'idc_cluster',
      'idc_links',
      'idc_affected',
      'idc_priority',
    ]) {
      await store.run(`DROP TABLE IF EXISTS ${t}`);
    }
    step('persist');
    logger.info(
      { runId, mode: result.mode, records: result.records, persons: result.persons, ms: timingsMs },
      'identity resolved',
    );
    return result;
  });
  await reclaimDeleted(store);
  return result;
}

/**
 * CHECKPOINT frees the row groups of deleted rows: a full run deletes and rewrites
 * identity_records, identity_links, persons and person_keys, and in an in-memory store the old
 * copies stay resident until a checkpoint (at 300k records a second run held ~250 MB more).
 * Skipped inside a caller's transaction (it cannot run there, and a failed statement would abort
 * it); a failure (another connection's open transaction) only means nothing is freed now.
 */
async function reclaimDeleted(store: Store): Promise<void> {
  if ((store as unknown as { txDepth?: number }).txDepth) return;
  try {
    await store.run('CHECKPOINT');
  } catch (error) {
    logger.debug({ error }, 'checkpoint skipped');
  }
}
