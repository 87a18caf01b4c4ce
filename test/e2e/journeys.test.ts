// Journeys on the demo company: the diagnosis must name both planted conversion drops — the Safari
// payment break (technology: browser and day) and the checkout redesign (design: step and day) —
// and the CLI must show them. Small demo (1500 customers, 120 days), events and campaigns only.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoOutput, generateDemo, type TruthEntry } from '../../src/demo/index.js';
import { importFiles } from '../../src/ingest/index.js';
import {
  computeFunnel,
  type Diagnosis,
  diagnoseFunnel,
  type Finding,
} from '../../src/metrics/journeys/index.js';
import { ENTITIES } from '../../src/schemas/index.js';
import { Store } from '../../src/store/index.js';

let dir: string;
let dbPath: string;
let demo: DemoOutput;
let diagnosis: Diagnosis;

const DAY_MS = 86_400_000;
const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS;
const truth = (kind: string): TruthEntry => {
  const t = demo.truth.truths.find((x) => x.kind === kind);
  if (!t?.period || !t.dimensions)
    throw new Error(`truth.json has no ${kind} with a period and dimensions`);
  return t;
};
const cxlens = (args: string[]) =>
  spawnSync('node_modules/.bin/tsx', ['src/cli/main.ts', '--db', dbPath, ...args], {
    encoding: 'utf8',
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cxlens-journeys-'));
  demo = await generateDemo({ customers: 1500, days: 120, seed: 42, outDir: join(dir, 'demo') });
  dbPath = join(dir, 'cxlens.duckdb');
  const store = await Store.open(dbPath);
  try {
    for (const f of demo.files.filter((x) => x.entity === 'event' || x.entity === 'campaign')) {
      await importFiles(store, { entity: ENTITIES[f.entity], files: [f.path], source: f.source });
    }
    diagnosis = await diagnoseFunnel(store, { funnel: 'checkout' });
  } finally {
    store.close();
  }
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('diagnose funnel checkout on the demo', () => {
  it('names the Safari payment break: technology, browser and day', () => {
    const t = truth('payment_break');
    const hit = diagnosis.findings.find(
      (f: Finding) =>
        f.direction === 'drop' && f.toStep === t.dimensions?.step && f.verdict === 'technology',
    );
    expect(
      hit,
      JSON.stringify(diagnosis.findings.map((f) => [f.day, f.toStep, f.verdict, f.summary])),
    ).toBeDefined();
    expect(daysApart(hit?.day ?? '', t.period?.from ?? '')).toBeLessThanOrEqual(1);
    expect(hit?.concentration).toMatchObject({
      dimension: 'browser',
      value: t.dimensions?.browser,
    });
    expect(hit?.concentration?.shareExplained).toBeGreaterThan(0.8);
    // PSP_TIMEOUT is new with the break (none before): flagged, with no (infinite) ratio.
    const psp = hit?.errors.find((e) => e.code === t.dimensions?.error_code);
    expect(psp?.newSinceChange || (psp?.ratio ?? 0) > 5, JSON.stringify(psp)).toBe(true);
    if (psp?.newSinceChange) expect(psp.ratio).toBeNull();
  });

  it('names the checkout redesign: design, step and day, with the release and the new page', () => {
    const t = truth('step_redesign');
    const hit = diagnosis.findings.find(
      (f: Finding) => f.direction === 'drop' && f.toStep === t.dimensions?.step,
    );
    expect(
      hit,
      JSON.stringify(diagnosis.findings.map((f) => [f.day, f.toStep, f.verdict, f.summary])),
    ).toBeDefined();
    expect(hit?.verdict).toBe('design');
    expect(daysApart(hit?.day ?? '', t.period?.from ?? '')).toBeLessThanOrEqual(1);
    expect(hit?.concentration).toBeNull();
    expect(hit?.designChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'release', name: 'Checkout redesign' }),
        expect.objectContaining({ kind: 'page_path', name: t.dimensions?.page_path }),
      ]),
    );
  });

  it('finds no technology verdict outside the payment step', () => {
    const others = diagnosis.findings.filter(
      (f) => f.verdict === 'technology' && f.toStep !== 'Order Completed',
    );
    expect(others).toEqual([]);
  });
});

describe('funnel on the demo', () => {
  it('breaks the checkout funnel down by browser with intervals, unknown kept', async () => {
    const store = await Store.open(dbPath);
    try {
      const r = await computeFunnel(store, {
        steps: [
          'view_product',
          'add_to_cart',
          'checkout_started',
          'payment_submitted',
          'order_completed',
        ],
        by: ['browser'],
      });
      expect(r.total.entered).toBeGreaterThan(1000);
      const sum = r.groups.reduce((s, g) => s + g.entered, 0);
      expect(sum).toBe(r.total.entered);
      const safari = r.groups.find((g) => g.key.browser === 'Safari');
      const last = safari?.steps.at(-1);
      expect(last?.fromStart.low).toBeLessThanOrEqual(last?.fromStart.rate ?? 0);
    } finally {
      store.close();
    }
  });

  it('the CLI prints the funnel and the diagnosis', () => {
    const funnel = cxlens(['funnel', 'checkout', '--by', 'browser', '--json']);
    expect(funnel.status, funnel.stderr).toBe(0);
    expect(JSON.parse(funnel.stdout).steps).toHaveLength(5);
    const diag = cxlens(['diagnose', 'funnel', 'checkout']);
    expect(diag.status, diag.stderr).toBe(0);
    expect(diag.stdout).toMatch(/technology: browser Safari/);
    expect(diag.stdout).toMatch(/design: .*Checkout redesign/);
    const bad = cxlens(['funnel', 'view_prodct,order_completed']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/INPUT_UNKNOWN_STEP/);
  });
});
