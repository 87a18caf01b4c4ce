// Which analyses have been computed on this store: each names the derived table it writes and
// the CLI command that computes it. Routes answer NOT_COMPUTED (with that command) until then.
import type { Store } from '../../store/index.js';
import { hasRows, notComputed } from './read-query.js';

export interface AnalysisDef {
  name: string;
  label: string;
  /** A derived table that has rows once the analysis has run. */
  table: string;
  command: string;
  /** SQL for when it last ran, from its run log. */
  lastRunSql?: string;
}

export const ANALYSES = {
  identity: {
    name: 'identity',
    label: 'Identity resolution',
    table: 'persons',
    command: 'cxlens identity resolve',
    lastRunSql: 'SELECT max(finished_at) AS at FROM identity_runs',
  },
  scores: {
    name: 'scores',
    label: 'Experience and engagement scores',
    table: 'person_scores',
    command: 'cxlens score compute',
    lastRunSql: 'SELECT max(computed_at) AS at FROM score_runs',
  },
  voice: {
    name: 'voice',
    label: 'Voice (sentiment and aspects)',
    table: 'text_scores',
    command: 'cxlens voice score',
    lastRunSql: 'SELECT max(computed_at) AS at FROM voice_runs',
  },
  churn: {
    name: 'churn',
    label: 'Churn risk',
    table: 'churn_risk',
    command: 'cxlens churn risk',
    lastRunSql: 'SELECT max(computed_at) AS at FROM churn_risk_runs',
  },
  value: {
    name: 'value',
    label: 'Customer value (CLV)',
    table: 'customer_value',
    command: 'cxlens value',
    lastRunSql: 'SELECT max(computed_at) AS at FROM customer_value_runs',
  },
} as const satisfies Record<string, AnalysisDef>;
export type AnalysisName = keyof typeof ANALYSES;

export async function analysisStatus(store: Store) {
  const out = [];
  for (const a of Object.values(ANALYSES) as AnalysisDef[]) {
    const ready = await hasRows(store, a.table);
    const last =
      ready && a.lastRunSql ? await store.one<{ at: Date | null }>(a.lastRunSql) : undefined;
    out.push({
      name: a.name,
      label: a.label,
      ready,
      command: a.command,
      computedAt: last?.at ? last.at.toISOString() : null,
    });
  }
  return out;
}

/** Throws NOT_COMPUTED unless the analysis has written its table. */
export async function requireComputed(store: Store, name: AnalysisName): Promise<void> {
  const a: AnalysisDef = ANALYSES[name];
  if (!(await hasRows(store, a.table))) throw notComputed(a.label, a.command);
}
