// End to end: a generated demo company (1500 customers, 150 days) is imported and resolved; the
// planted recurring support issue ("password reset email never arrives", rising over the last six
// weeks) must be the top rising issue, and the planted top idea (dark mode, posted as several
// near-duplicates) must rank first once duplicates are clustered — through the real CLI, plus
// the report's drill-down agreeing with its figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveIdentities } from '../../src/identity/index.js';
import type { TopIdeas } from '../../src/metrics/ideas/index.js';
import type { RecurringIssues, SupportReport } from '../../src/metrics/support/index.js';
import { type LoadedDemo, loadDemo } from '../../src/pipeline/index.js';
import { Store } from '../../src/store/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
let dir = '';
let db = '';
let loaded: LoadedDemo;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'cxlens.js'), '--db', db, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function truth(kind: string) {
  const t = loaded.demo.truth.truths.find((x) => x.kind === kind);
  if (!t) throw new Error(`demo truth has no ${kind}`);
  return t;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxlens-e2e-support-'));
  db = join(dir, 'cxlens.duckdb');
  const store = await Store.open(db);
  try {
    loaded = await loadDemo(store, {
      customers: 1500,
      days: 150,
      seed: 42,
      outDir: join(dir, 'demo'),
    });
    await resolveIdentities(store, {});
  } finally {
    store.close();
  }
}, 150_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('support and ideas on the demo', () => {
  it('finds the planted recurring issue as the top rising issue', () => {
    const t = truth('recurring_support_issue');
    const r = cli('support', 'issues', '--json');
    expect(r.code, r.stderr).toBe(0);
    const issues = JSON.parse(r.stdout) as RecurringIssues;
    const rising = issues.issues.filter((i) => i.status === 'rising' || i.status === 'new');
    const top = rising[0];
    expect(top?.status).toBe('rising');
    const terms = new Set((t.terms ?? []).flatMap((x) => x.split(' ')));
    expect(top?.terms.some((x) => x.split(' ').some((w) => terms.has(w) && w !== 'email'))).toBe(
      true,
    );
    expect(top?.topCategory).toBe(t.dimensions?.category);
    expect(top?.qValue).toBeLessThanOrEqual(0.05);
  });

  it('ranks the planted top idea first after clustering duplicates', () => {
    const t = truth('top_idea');
    const r = cli('ideas', 'top', '--limit', '5', '--json');
    expect(r.code, r.stderr).toBe(0);
    const top = JSON.parse(r.stdout) as TopIdeas;
    expect(top.personBasis).toBe('identity');
    const first = top.items[0];
    const ids = first?.ideas.map((i) => i.ideaId).sort();
    expect(ids).toEqual([...(t.ids ?? [])].sort());
    expect(first?.places).toBe(3); // ideas, posts and tickets
    // no single copy beats the runner-up; the cluster does
    const best = Math.max(...(first?.ideas.map((i) => i.voters) ?? []));
    expect(best).toBeLessThan(top.items[1]?.voters ?? 0);
    const show = cli('ideas', 'show', t.ids?.[1] ?? '');
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(first?.clusterId ?? '?');
  });

  it('reports support figures whose drill-down lists the same tickets', () => {
    const r = cli('support', 'report', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as SupportReport;
    expect(report.personBasis).toBe('identity');
    expect(report.customers).toBeLessThan(report.tickets);
    const drill = cli(
      'support',
      'tickets',
      '--breach',
      'first_response',
      '--limit',
      '100000',
      '--format',
      'csv',
    );
    expect(drill.code, drill.stderr).toBe(0);
    const lines = drill.stdout.trim().split('\n');
    expect(lines.length - 1).toBe(report.firstResponseBreach.count);
    expect(cli('support', '--help').stdout).toContain('issues');
  });
});
