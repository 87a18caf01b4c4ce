// End to end: a generated demo company is imported and resolved, then the real CLI computes
// scores, explains one, exports the silent at-risk guardrail list, prints the overview and the
// survey metrics. The planted silent_at_risk group must be recovered (precision and recall ≥ 0.8,
// printed) and the planted poor-delivery partner flagged.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOutput } from '../../src/demo/index.js';
import { resolveIdentities } from '../../src/identity/index.js';
import { computeScores, loadExperienceConfig } from '../../src/metrics/experience/index.js';
import { loadDemo } from '../../src/pipeline/index.js';
import { Store } from '../../src/store/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
let dir = '';
let db = '';
let demo: DemoOutput;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'cxlens.js'), '--db', db, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxlens-e2e-experience-'));
  db = join(dir, 'cxlens.duckdb');
  const store = await Store.open(db);
  try {
    ({ demo } = await loadDemo(store, {
      customers: 3000,
      days: 180,
      seed: 42,
      outDir: join(dir, 'demo'),
    }));
    await resolveIdentities(store);
  } finally {
    store.close();
  }
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('cxlens score / segment / report / surveys on the demo', () => {
  it('computes scores and explains one person with contributions that sum to the score', () => {
    const r = cli('--json', 'score', 'compute');
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as { persons: number; quadrants: Record<string, number> };
    expect(run.persons).toBeGreaterThan(2000);
    expect(Object.keys(run.quadrants)).toEqual(
      expect.arrayContaining(['silent_at_risk', 'champions', 'quiet_satisfied', 'vocal_critics']),
    );
    const list = cli('segment', 'export', 'silent_at_risk', '--format', 'json', '--limit', '1');
    const first = (JSON.parse(list.stdout) as { person_id: string; action: string }[])[0];
    expect(first?.action).toBe('recovery_contact');
    const e = cli('--json', 'score', 'explain', first?.person_id ?? '');
    expect(e.code, e.stderr).toBe(0);
    const x = JSON.parse(e.stdout) as {
      experience: {
        score: number;
        base: number;
        clamp: number;
        contributions: { points: number }[];
      };
    };
    const sum =
      x.experience.base +
      x.experience.clamp +
      x.experience.contributions.reduce((a, c) => a + c.points, 0);
    expect(sum).toBeCloseTo(x.experience.score, 6);
    expect(cli('score', 'explain', 'no-such-person').code).toBe(1);
  }, 300_000);

  it('recovers the planted silent at-risk group (precision and recall ≥ 0.8)', async () => {
    const ids = demo.truth.truths.find((t) => t.kind === 'silent_at_risk')?.ids ?? [];
    const csv = cli('segment', 'export', 'silent_at_risk', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\n')[0]).toContain('person_id');
    const predicted = new Set(
      csv.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    );
    const store = await Store.open(db);
    let truth: Set<string>;
    try {
      const rows = await store.all<{ person_id: string; key: string }>(
        "SELECT key, person_id FROM person_keys WHERE key_kind = 'record'",
      );
      const byKey = new Map(rows.map((r) => [r.key, r.person_id]));
      truth = new Set(ids.map((id) => byKey.get(id)).filter((p): p is string => p !== undefined));
    } finally {
      store.close();
    }
    const tp = [...predicted].filter((p) => truth.has(p ?? '')).length;
    const precision = tp / Math.max(1, predicted.size);
    const recall = tp / Math.max(1, truth.size);
    process.stdout.write(
      `silent_at_risk: predicted ${predicted.size}, planted ${truth.size}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.8);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  }, 300_000);

  it('reports the overview with the planted poor partner flagged, and survey metrics', () => {
    const o = cli('--json', 'report', 'overview');
    expect(o.code, o.stderr).toBe(0);
    const overview = JSON.parse(o.stdout) as {
      persons: number;
      partners: { partnerId: string; poor: boolean }[];
    };
    const poor = demo.truth.truths.find((t) => t.kind === 'partner_poor_delivery')?.dimensions
      ?.partner_id;
    expect(overview.partners.filter((p) => p.poor).map((p) => p.partnerId)).toEqual([poor]);
    const table = cli('report', 'overview');
    expect(table.stdout).toContain('silent_at_risk');
    const s = cli('--json', 'surveys', 'metrics', '--kind', 'csat', '--by', 'partner');
    expect(s.code, s.stderr).toBe(0);
    const rows = JSON.parse(s.stdout) as {
      group: string;
      tooSmall: boolean;
      value: number | null;
    }[];
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((r) => (r.tooSmall ? r.value === null : r.value !== null))).toBe(true);
    expect(cli('surveys', 'metrics', '--kind', 'bogus').code).toBe(2);
    expect(cli('segment', 'export', 'experience < oops').code).toBe(2);
  }, 300_000);
});

// The smaller demo other e2e suites use (800 customers, 120 days): the same config rule must
// recover the planted group there too, with no tuning to its size.
describe('silent at-risk recovery on the smaller demo (800 customers, 120 days)', () => {
  it('has precision and recall ≥ 0.8', async () => {
    const small = mkdtempSync(join(tmpdir(), 'cxlens-e2e-experience-small-'));
    try {
      const store = await Store.open(join(small, 'cxlens.duckdb'));
      try {
        const { demo: d } = await loadDemo(store, {
          customers: 800,
          days: 120,
          seed: 42,
          outDir: small,
        });
        await resolveIdentities(store);
        await computeScores(store, loadExperienceConfig());
        const ids = d.truth.truths.find((t) => t.kind === 'silent_at_risk')?.ids ?? [];
        await store.run('CREATE TEMP TABLE truth_ids (k VARCHAR)');
        for (const id of ids) await store.run('INSERT INTO truth_ids VALUES (?)', [id]);
        const r = await store.one<{ tp: number; pred: number; pos: number }>(
          `WITH truth AS (SELECT DISTINCT pk.person_id FROM truth_ids t
                          JOIN person_keys pk ON pk.key_kind = 'record' AND pk.key = t.k),
                pred AS (SELECT person_id FROM person_scores WHERE quadrant = 'silent_at_risk')
           SELECT (SELECT count(*) FROM pred JOIN truth USING (person_id)) AS tp,
                  (SELECT count(*) FROM pred) AS pred, (SELECT count(*) FROM truth) AS pos`,
        );
        const precision = (r?.tp ?? 0) / Math.max(1, r?.pred ?? 0);
        const recall = (r?.tp ?? 0) / Math.max(1, r?.pos ?? 0);
        process.stdout.write(
          `silent_at_risk (800/120): predicted ${r?.pred}, planted ${r?.pos}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n`,
        );
        expect(precision).toBeGreaterThanOrEqual(0.8);
        expect(recall).toBeGreaterThanOrEqual(0.8);
      } finally {
        store.close();
      }
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  }, 600_000);
});
