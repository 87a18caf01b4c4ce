// /api/imports, /api/imports/:id/rejects and /api/identity/summary on the real API (in-memory
// store, app.inject): imports through the product (importFiles), then identity resolution.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveIdentities } from '../../identity/index.js';
import { type ImportSummary, importFiles } from '../../ingest/index.js';
import { computeScores, loadExperienceConfig } from '../../metrics/experience/index.js';
import { ENTITIES } from '../../schemas/index.js';
import { openTestApp, type TestApp } from '../test-app.test-helper.js';
import type { IdentitySummary, ImportRunPage, RejectPage } from './data.js';

const ORDERS = `Order ID,Customer ID,Order Date,Total,Status
O1,C1,2026-01-01,bad,placed
O2,C2,2026-01-02,20,lost
O3,C3,2026-01-03,30,placed
O4,C4,2026-01-04,40,placed
O5,C5,2026-01-05,oops,placed
`;
const CUSTOMERS = `Customer ID,Email,First Name,Last Name
C1,ann@example.com,Ann,Lee
C2,bob@example.com,Bob,Ray
`;

let dir: string;
let t: TestApp;
let orders: ImportSummary;
let customers: ImportSummary;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cx-data-route-'));
  writeFileSync(join(dir, 'customers.csv'), CUSTOMERS);
  writeFileSync(join(dir, 'orders.csv'), ORDERS);
  t = await openTestApp();
  customers = await importFiles(t.store, {
    entity: ENTITIES.customer,
    files: [join(dir, 'customers.csv')],
    source: 'shop',
  });
  orders = await importFiles(t.store, {
    entity: ENTITIES.order,
    files: [join(dir, 'orders.csv')],
    source: 'shop',
  });
});
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/imports', () => {
  it('lists import runs newest first with files and every count, paged', async () => {
    const res = await t.get('/api/imports');
    expect(res.status, res.text).toBe(200);
    const page = res.body as ImportRunPage;
    expect([page.total, page.limit, page.offset]).toEqual([2, 50, 0]);
    expect(page.items.map((i) => i.importId)).toEqual([orders.importId, customers.importId]);
    expect(page.items[0]).toMatchObject({
      entity: 'order',
      source: 'shop',
      read: 5,
      inserted: 2,
      rejected: 3,
      unchanged: 0,
      status: expect.any(String),
    });
    expect(page.items[0]?.files[0]).toMatch(/orders\.csv$/);
    const second = (await t.get('/api/imports?limit=1&offset=1')).body as ImportRunPage;
    expect(second.items.map((i) => i.importId)).toEqual([customers.importId]);
  });

  it('refuses a limit over the maximum like every list', async () => {
    const res = await t.get('/api/imports?limit=100000');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBeTruthy();
  });
});

describe('GET /api/imports/:id/rejects', () => {
  it('pages the rejects of one import with file:line, column, value and reason', async () => {
    const res = await t.get(`/api/imports/${orders.importId}/rejects?limit=2`);
    expect(res.status, res.text).toBe(200);
    const page = res.body as RejectPage;
    expect(page.import).toEqual({
      importId: orders.importId,
      entity: 'order',
      source: 'shop',
      rejected: 3,
    });
    expect([page.total, page.limit, page.offset]).toEqual([3, 2, 0]);
    expect(
      page.items.map((r) => [r.file.endsWith('orders.csv'), r.line, r.column, r.value]),
    ).toEqual([
      [true, 2, 'Total', 'bad'],
      [true, 3, 'Status', 'lost'],
    ]);
    expect(page.items[0]?.code).toBe('INPUT_BAD_NUMBER');
    expect(page.items[0]?.reason).toBeTruthy();
    const rest = (await t.get(`/api/imports/${orders.importId}/rejects?limit=2&offset=2`))
      .body as RejectPage;
    expect(rest.items.map((r) => [r.line, r.value])).toEqual([[6, 'oops']]);
  });

  it('takes an id prefix, and answers an import without rejects with an empty page', async () => {
    const byPrefix = await t.get(`/api/imports/${orders.importId.slice(0, 8)}/rejects`);
    expect(byPrefix.status).toBe(200);
    expect(byPrefix.body.total).toBe(3);
    const clean = await t.get(`/api/imports/${customers.importId}/rejects`);
    expect(clean.status).toBe(200);
    expect([clean.body.total, clean.body.items]).toEqual([0, []]);
  });

  it('an unknown import is 404 NOT_FOUND_IMPORT in the error shape', async () => {
    const res = await t.get('/api/imports/zzzz-nope/rejects');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND_IMPORT' });
    expect(res.body.error.message).toContain('zzzz-nope');
  });

  it('validates limit and offset', async () => {
    expect((await t.get(`/api/imports/${orders.importId}/rejects?offset=-1`)).status).toBe(400);
    expect((await t.get(`/api/imports/${orders.importId}/rejects?limit=0`)).status).toBe(400);
  });
});

describe('GET /api/identity/summary', () => {
  it('before any run: the counts, and null runs', async () => {
    const fresh = await openTestApp();
    try {
      const res = await fresh.get('/api/identity/summary');
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({
        records: 0,
        persons: 0,
        activityRecords: 0,
        lastRun: null,
        scoreRun: null,
      });
    } finally {
      await fresh.close();
    }
  });

  it('after resolve: records, persons, activity-only records and the run', async () => {
    const result = await resolveIdentities(t.store);
    const res = await t.get('/api/identity/summary');
    expect(res.status, res.text).toBe(200);
    const s = res.body as IdentitySummary;
    const persons = await t.store.one<{ n: number }>('SELECT count(*) AS n FROM persons');
    // C1 and C2 have customer rows; C3 and C4 only placed the two accepted orders (O3, O4).
    expect(s).toMatchObject({
      records: result.records,
      persons: persons?.n,
      activityRecords: result.activityRecords,
      scoreRun: null,
    });
    expect(s.activityRecords).toBe(2);
    expect(s.lastRun).toMatchObject({
      runId: result.runId,
      mode: result.mode,
      records: result.records,
      persons: result.persons,
      merges: result.merges,
      splits: result.splits,
    });
    expect(Date.parse(s.lastRun?.finishedAt ?? '')).not.toBeNaN();
    // /api/status says when each computed analysis last ran
    const status = await t.get('/api/status');
    const analyses = (status.body as { analyses: { name: string; computedAt: string | null }[] })
      .analyses;
    expect(analyses.find((a) => a.name === 'identity')?.computedAt).toBe(s.lastRun?.finishedAt);
    expect(analyses.find((a) => a.name === 'scores')?.computedAt).toBeNull();
  });

  it('the latest score run: full, then incremental with the persons it recomputed', async () => {
    const config = loadExperienceConfig();
    const first = await computeScores(t.store, config);
    expect((await t.get('/api/identity/summary')).body.scoreRun).toMatchObject({
      runId: first.runId,
      persons: first.persons,
      mode: 'full',
      recomputed: first.persons,
    });
    const next = await computeScores(t.store, config);
    expect((await t.get('/api/identity/summary')).body.scoreRun).toMatchObject({
      runId: next.runId,
      mode: 'incremental',
      recomputed: next.recomputed,
    });
  });

  it('needs the read key', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/identity/summary' });
    expect(res.statusCode).toBe(401);
  });
});
