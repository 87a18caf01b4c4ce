// The Data page in a real browser (Debian's Chromium via playwright-core) against the real server,
// over a small store built through the product: a customer file, an order file with two bad rows
// (importFiles), then identity resolution. Checks the rows table against the import, the drill-down
// from an import's rejected count to its rejects (file:line and reason), and the identity figures
// against the store. Saves test-artifacts/screenshots/data.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveIdentities } from '../../src/identity/index.js';
import { type ImportSummary, importFiles } from '../../src/ingest/index.js';
import { ENTITIES } from '../../src/schemas/index.js';
import { Store } from '../../src/store/index.js';
import { createReadKey, type RunningServer, startServer } from './helpers/api-server.js';
import { hasChromium, launchBrowser } from './helpers/browser.js';
import { buildWeb, REPO_ROOT } from './helpers/web-build.js';

const SHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');

const CUSTOMERS = `Customer ID,Email,First Name,Last Name
C1,ann@example.com,Ann,Lee
C2,bob@example.com,Bob,Ray
C3,ann@example.com,Ann,Lee
`;
// Line 3 has a total that is no number; line 5 a status the schema does not know.
const ORDERS = `Order ID,Customer ID,Order Date,Total,Status
O1,C1,2026-01-01,10,placed
O2,C2,2026-01-02,lots,placed
O3,C9,2026-01-03,30,placed
O4,C2,2026-01-04,40,lost
`;

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let key: string;
let orders: ImportSummary;
const consoleErrors: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
  await page.goto(`${server.url}/${path}#key=${key}`);
  return page;
}

async function settled(page: Page): Promise<void> {
  await page.locator('main[data-page]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0, {
    timeout: 30_000,
  });
}

describe.skipIf(!hasChromium())('Data page in Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cx-dash-data-'));
    mkdirSync(SHOTS, { recursive: true });
    const webDir = buildWeb();
    writeFileSync(join(dir, 'customers.csv'), CUSTOMERS);
    writeFileSync(join(dir, 'orders.csv'), ORDERS);
    store = await Store.open(join(dir, 'cxlens.duckdb'));
    await importFiles(store, {
      entity: ENTITIES.customer,
      files: [join(dir, 'customers.csv')],
      source: 'crm',
    });
    orders = await importFiles(store, {
      entity: ENTITIES.order,
      files: [join(dir, 'orders.csv')],
      source: 'shop',
    });
    await resolveIdentities(store);
    key = await createReadKey(store);
    server = await startServer(store, { webDir, dataDir: join(dir, 'data') });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows rows, imports with their rejects, and identity figures from the store', async () => {
    expect(orders.totals.rejected).toBe(2);
    const page = await open('?page=data');
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Data');
    expect(await page.locator('[data-state="error"]').count()).toBe(0);
    // The page covers the whole store: the period is disabled, with the reason.
    expect(await page.locator('input[name="from"]').isDisabled()).toBe(true);

    // Rows per entity and source: what the imports inserted.
    const rows = await page
      .locator('[data-testid="rows"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim())),
      );
    expect(rows).toEqual([
      ['Customer', 'crm', '3'],
      ['Order', 'shop', '2'],
    ]);

    // Both imports are listed, newest first; only the order import has a rejected count to click.
    const imports = page.locator('[data-testid="imports"] tbody tr');
    expect(await imports.count()).toBe(2);
    expect(await imports.first().locator('td').nth(3).textContent()).toBe('orders.csv');
    expect(await page.locator('[data-testid="imports"] a[data-import]').count()).toBe(1);
    await page.locator(`[data-testid="imports"] a[data-import="${orders.importId}"]`).click();

    // The rejects card opens, scrolled into view with its heading focused.
    await page.waitForFunction(
      () => document.activeElement === document.querySelector('[data-testid="rejects"] h2'),
      undefined,
      { timeout: 10_000 },
    );
    const top = await page.evaluate(
      () => document.querySelector('[data-testid="rejects"]')?.getBoundingClientRect().top ?? -1,
    );
    expect(top).toBeGreaterThanOrEqual(-1);
    expect(top).toBeLessThan(900);
    expect(new URL(page.url()).searchParams.get('imp')).toBe(orders.importId);
    const rejects = await page
      .locator('[data-testid="rejects"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim())),
      );
    expect(rejects.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['orders.csv:3', 'Total', 'lots'],
      ['orders.csv:5', 'Status', 'lost'],
    ]);
    // The reason (and its code) as importFiles reported it.
    const byLine = [...orders.rejects].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    expect(rejects.map((r) => r[3])).toEqual(byLine.map((r) => `${r.reason} ${r.code}`));

    // Identity figures equal the store's.
    const counts = await store.one<{ records: number; persons: number }>(
      'SELECT (SELECT count(*) FROM identity_records) AS records, (SELECT count(*) FROM persons) AS persons',
    );
    const stat = (id: string) =>
      page.locator(`[data-testid="identity"] [data-stat="${id}"] .kpi-value`).textContent();
    expect(await stat('records')).toBe(String(counts?.records));
    expect(await stat('persons')).toBe(String(counts?.persons));
    // The shop has no customer file: C1 and C9 of its accepted orders are known only from activity.
    expect(await stat('activity-records')).toBe('2');
    expect(await page.locator('[data-testid="identity"] [data-stat="last-run"]').count()).toBe(1);

    await page.screenshot({ path: join(SHOTS, 'data.png'), fullPage: true });
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it('the overview links its latest imports to the Data page', async () => {
    const page = await open('');
    await settled(page);
    await page.getByRole('link', { name: 'Data page' }).click();
    await page.locator('main[data-page="data"]').waitFor();
    await settled(page);
    expect(await page.locator('[data-testid="rows"] tbody tr').count()).toBe(2);
    await page.close();
    expect(consoleErrors).toEqual([]);
  });
});
