// Every planted truth of ONE demo company, found by the analysis that concerns it — the product's
// own end-to-end check. The demo is generated and imported (loadDemo) and analysed (analyse:
// identity → voice scoring → scores → churn → value) once, then:
// - payment_break: the checkout diagnosis names it (technology, browser Safari, day ±1);
// - step_redesign: the diagnosis names it (design, its step, day ±1);
// - ad_storm: a voice storm overlapping it, verdict promotion, with the advert campaign;
// - product_storm: a voice storm overlapping it, verdict product;
// - silent_at_risk: the silent_at_risk segment (precision and recall ≥ 0.8) and churn risk (AUC of
//   the group against everyone else ≥ 0.7);
// - recurring_support_issue: the top rising support issue, in its category;
// - top_idea: the first idea after clustering, holding the planted duplicates;
// - partner_poor_delivery: the only partner flagged poor;
// - identity_variants: pairwise F1 ≥ 0.95.
// A one-line table of what was found per truth is printed. Demo: 2000 customers × 180 days (under
// 3 minutes on two loaded cores).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateDemoIdentity } from '../../eval/identity/index.js';
import type { TruthEntry } from '../../src/demo/index.js';
import { exportSegment, partnerReport } from '../../src/metrics/experience/index.js';
import { topIdeas } from '../../src/metrics/ideas/index.js';
import { type Diagnosis, diagnoseFunnel } from '../../src/metrics/journeys/index.js';
import { recurringIssues } from '../../src/metrics/support/index.js';
import { type VoiceStorms, voiceStorms } from '../../src/metrics/voice/index.js';
import { rocAuc } from '../../src/models/index.js';
import { analyse, type LoadedDemo, loadDemo } from '../../src/pipeline/index.js';
import { Store } from '../../src/store/index.js';

const CUSTOMERS = Number(process.env.CXLENS_TRUTHS_CUSTOMERS ?? 2000);
const DAYS = Number(process.env.CXLENS_TRUTHS_DAYS ?? 180);
const DAY_MS = 86_400_000;

let dir: string;
let store: Store;
let loaded: LoadedDemo;
let diagnosis: Diagnosis;
let storms: VoiceStorms;
const found = new Map<string, string>();

const truth = (kind: string): TruthEntry => {
  const t = loaded.demo.truth.truths.find((x) => x.kind === kind);
  if (!t) throw new Error(`truth.json has no ${kind}`);
  return t;
};
const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS;
const overlaps = (s: { from: string; to: string }, t: TruthEntry) =>
  t.period !== undefined && s.from <= t.period.to && s.to >= t.period.from;

/** person_id of each planted record key (truth ids are record keys such as crm:C000022). */
async function personsOf(ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await store.all<{ person_id: string }>(
    `SELECT DISTINCT person_id FROM person_keys WHERE key_kind = 'record' AND key IN (${ids.map(() => '?').join(', ')})`,
    [...ids],
  );
  return new Set(rows.map((r) => r.person_id));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxlens-e2e-truths-'));
  store = await Store.open(join(dir, 'cxlens.duckdb'));
  const t0 = Date.now();
  loaded = await loadDemo(store, {
    customers: CUSTOMERS,
    days: DAYS,
    seed: 42,
    outDir: join(dir, 'demo'),
  });
  const t1 = Date.now();
  await analyse(store);
  diagnosis = await diagnoseFunnel(store, { funnel: 'checkout' });
  storms = await voiceStorms(store);
  process.stdout.write(
    `[truths e2e] ${CUSTOMERS} customers × ${DAYS} days: load ${Math.round((t1 - t0) / 1000)} s, analyse ${Math.round((Date.now() - t1) / 1000)} s\n`,
  );
}, 240_000);

afterAll(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (found.size > 0) {
    process.stdout.write(
      `[truths e2e] ${[...found].map(([kind, what]) => `${kind}: ${what}`).join(' | ')}\n`,
    );
  }
});

describe(`every planted truth is found (demo ${CUSTOMERS} × ${DAYS} days)`, () => {
  it('payment_break: technology, browser Safari, on its day', () => {
    const t = truth('payment_break');
    const hit = diagnosis.findings.find(
      (f) =>
        f.direction === 'drop' &&
        f.toStep === t.dimensions?.step &&
        f.verdict === 'technology' &&
        daysApart(f.day, t.period?.from ?? '') <= 3,
    );
    found.set(
      'payment_break',
      hit ? `${hit.verdict} ${hit.concentration?.value} ${hit.day}` : 'missed',
    );
    expect(
      hit,
      JSON.stringify(diagnosis.findings.map((f) => [f.day, f.toStep, f.verdict])),
    ).toBeDefined();
    expect(hit?.concentration).toMatchObject({ dimension: 'browser', value: 'Safari' });
    expect(daysApart(hit?.day ?? '', t.period?.from ?? '')).toBeLessThanOrEqual(1);
  });

  it('step_redesign: design, on its step and day', () => {
    const t = truth('step_redesign');
    const hit = diagnosis.findings.find(
      (f) => f.direction === 'drop' && f.toStep === t.dimensions?.step,
    );
    found.set('step_redesign', hit ? `${hit.verdict} ${hit.toStep} ${hit.day}` : 'missed');
    expect(hit?.verdict).toBe('design');
    expect(daysApart(hit?.day ?? '', t.period?.from ?? '')).toBeLessThanOrEqual(1);
  });

  it('ad_storm: a promotion storm in its period, with the advert campaign', () => {
    const t = truth('ad_storm');
    const hits = storms.storms.filter((s) => overlaps(s, t));
    const blames = (s: (typeof hits)[number]) =>
      s.campaigns.some((c) => c.campaignId === t.dimensions?.campaign_id && c.overlapsDates);
    const hit =
      hits.find((s) => s.channel === t.dimensions?.channel && blames(s)) ?? hits.find(blames);
    found.set(
      'ad_storm',
      hit ? `${hit.verdict} ${hit.channel} ${hit.from}..${hit.to}` : `missed (${hits.length})`,
    );
    expect(hit?.verdict).toBe('promotion');
    for (const s of hits) expect(s.verdict).toBe('promotion');
  });

  it('product_storm: a product storm in its period', () => {
    const t = truth('product_storm');
    const hits = storms.storms.filter((s) => overlaps(s, t));
    const hit = hits[0];
    found.set(
      'product_storm',
      hit ? `${hit.verdict} ${hit.channel} ${hit.from}..${hit.to}` : 'missed',
    );
    expect(hit?.verdict).toBe('product');
    for (const s of hits) expect(s.verdict).toBe('product');
  });

  it('silent_at_risk: the segment recovers the group; churn risk ranks it high', async () => {
    const planted = await personsOf(truth('silent_at_risk').ids ?? []);
    const members = await exportSegment(store, { segment: 'silent_at_risk' });
    const predicted = new Set(members.map((m) => m.person_id));
    const tp = [...predicted].filter((p) => planted.has(p)).length;
    const precision = predicted.size ? tp / predicted.size : 0;
    const recall = planted.size ? tp / planted.size : 0;
    const risk = await store.all<{ person_id: string; risk: number }>(
      'SELECT person_id, risk FROM churn_risk WHERE as_of = (SELECT max(as_of) FROM churn_risk)',
    );
    const auc = rocAuc(
      risk.map((r) => r.risk),
      risk.map((r) => (planted.has(r.person_id) ? 1 : 0)),
    );
    found.set(
      'silent_at_risk',
      `P ${precision.toFixed(2)} R ${recall.toFixed(2)} (${predicted.size}/${planted.size}), churn AUC ${auc.toFixed(2)}`,
    );
    expect(planted.size).toBeGreaterThan(20);
    expect(precision).toBeGreaterThanOrEqual(0.8);
    expect(recall).toBeGreaterThanOrEqual(0.8);
    expect(auc).toBeGreaterThanOrEqual(0.7);
  });

  it('recurring_support_issue: the top rising issue, in its category', async () => {
    const t = truth('recurring_support_issue');
    const r = await recurringIssues(store);
    const top = r.issues.filter((i) => i.status === 'rising' || i.status === 'new')[0];
    found.set(
      'recurring_support_issue',
      top ? `${top.status} "${top.label}" (${top.topCategory})` : 'missed',
    );
    expect(top?.status).toBe('rising');
    expect(top?.topCategory).toBe(t.dimensions?.category);
    const words = new Set((t.terms ?? []).flatMap((x) => x.split(' ')));
    expect(top?.terms.some((x) => x.split(' ').some((w) => words.has(w) && w !== 'email'))).toBe(
      true,
    );
  });

  it('top_idea: first after clustering, holding the planted duplicates', async () => {
    const t = truth('top_idea');
    const r = await topIdeas(store, { limit: 5 });
    const first = r.items[0];
    const ids = new Set(first?.ideas.map((i) => i.ideaId));
    found.set('top_idea', first ? `#1 "${first.title}" (${[...ids].sort().join(' ')})` : 'missed');
    for (const id of t.ids ?? []) expect(ids.has(id), id).toBe(true);
  });

  it('partner_poor_delivery: the only partner flagged poor', async () => {
    const t = truth('partner_poor_delivery');
    const poor = (await partnerReport(store)).filter((p) => p.poor).map((p) => p.partnerId);
    found.set('partner_poor_delivery', `poor: ${poor.join(', ') || 'none'}`);
    expect(poor).toEqual([t.dimensions?.partner_id]);
  });

  it('identity_variants: pairwise F1 ≥ 0.95', async () => {
    const groups = truth('identity_variants').groups ?? [];
    const m = await evaluateDemoIdentity(groups, store);
    found.set(
      'identity_variants',
      `F1 ${m.f1.toFixed(3)} (P ${m.precision.toFixed(3)} R ${m.recall.toFixed(3)})`,
    );
    expect(groups.length).toBeGreaterThan(100);
    expect(m.f1).toBeGreaterThanOrEqual(0.95);
  });
});
