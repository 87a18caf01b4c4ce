// Churn and value on the demo company: import every file, resolve identities, compute scores
// (test/e2e/helpers), then fit churn risk and check that the planted silent at-risk customers
// rank above the rest (ROC AUC of risk, printed), and that rates, cohorts, survival, a saved
// cell and CLV come out sane. Shipped defaults (config/churn.json: 90-day inactivity, 90-day
// horizon); the model also learns from experience and engagement scores as of each cutoff.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  churnRates,
  churnRisk,
  cohortRetention,
  customerValue,
  loadChurnConfig,
  saveRetentionCell,
  survivalBySegment,
  topChurnRisk,
} from '../../src/metrics/churn/index.js';
import { rocAuc } from '../../src/models/index.js';
import { type DemoStore, loadDemoStore } from './helpers/demo-store.js';

const cfg = loadChurnConfig();

describe('churn and value on the demo', () => {
  let dir: string;
  let demo: DemoStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxlens-churn-'));
    demo = await loadDemoStore(dir, { customers: 1500, days: 180 });
  }, 150_000);
  afterAll(() => {
    demo?.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks the planted silent at-risk customers above the rest', async () => {
    const { store } = demo;
    const r = await churnRisk(store, cfg);
    const silent = demo.demo.truth.truths.find((t) => t.kind === 'silent_at_risk')?.ids ?? [];
    expect(silent.length).toBeGreaterThan(20);
    const keys = silent.map((id) => `'${id.replace(/'/g, "''")}'`).join(',');
    const rows = await store.all<{ risk: number; silent: boolean }>(
      `SELECT r.risk, r.person_id IN (SELECT person_id FROM person_keys WHERE key_kind = 'record' AND key IN (${keys})) AS silent
       FROM churn_risk r WHERE r.as_of = CAST(? AS TIMESTAMP)`,
      [r.asOf],
    );
    const auc = rocAuc(
      rows.map((x) => x.risk),
      rows.map((x) => (x.silent ? 1 : 0)),
    );
    const nSilent = rows.filter((x) => x.silent).length;
    process.stdout.write(
      `[churn e2e] silent at-risk AUC ${auc.toFixed(3)} (${nSilent} silent of ${rows.length} scored); holdout AUC ${r.holdout.auc?.toFixed(3)} (${r.holdout.persons} persons, ${r.holdout.churned} churned; train ${r.train.persons}/${r.train.churned} at ${r.train.snapshots.join(' ')}); timings ${JSON.stringify(demo.timings)}\n`,
    );
    expect(nSilent).toBeGreaterThan(20);
    expect(r.excluded).toEqual([]);
    expect(r.features).toEqual(
      expect.arrayContaining(['experience', 'engagement', 'silent_quadrant']),
    );
    expect(r.holdout.auc).toBeGreaterThanOrEqual(0.7);
    expect(auc).toBeGreaterThanOrEqual(0.7);
    const top = await topChurnRisk(store, 100);
    expect(top).toHaveLength(100);
    expect(top.every((x) => x.drivers.length > 0)).toBe(true);
  });

  it('computes rates, cohorts, survival by partner, a saved cell and CLV', async () => {
    const { store } = demo;
    const rates = await churnRates(store, cfg);
    expect(rates.months.length).toBeGreaterThanOrEqual(6);
    for (const m of rates.months.filter((x) => x.rate !== null)) {
      expect(m.low!).toBeLessThanOrEqual(m.rate!);
      expect(m.high!).toBeGreaterThanOrEqual(m.rate!);
    }
    const cohorts = await cohortRetention(store, cfg);
    const first = cohorts.cells.filter((c) => c.cohort === cohorts.cohorts[0]!.cohort);
    for (let k = 1; k < first.length; k++)
      expect(first[k]!.retained).toBeLessThanOrEqual(first[k - 1]!.retained);
    const survival = await survivalBySegment(store, cfg, 'partner');
    expect(survival.groups.length).toBeGreaterThan(2);
    expect(survival.logRank!.pValue).toBeGreaterThanOrEqual(0);
    const cell = await saveRetentionCell(store, cfg, {
      cohort: cohorts.cohorts[0]!.cohort,
      monthsSince: 1,
    });
    expect(cell.size).toBe(first[1]!.retained);
    const value = await customerValue(store, { horizonMonths: 12 });
    expect(value.customers).toBeGreaterThan(500);
    expect(value.meanClv).toBeGreaterThan(0);
    process.stdout.write(
      `[churn e2e] churn ${rates.months.map((m) => `${m.month}:${m.rate === null ? '-' : (m.rate * 100).toFixed(1)}%`).join(' ')}; CLV mean ${value.meanClv.toFixed(1)} median ${value.medianClv.toFixed(1)} P(alive) ${value.meanProbabilityAlive.toFixed(3)}\n`,
    );
  });
});
