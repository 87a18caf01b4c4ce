// `cxlens identity link|unlink` in process: both records must exist, and --json prints the
// saved override.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { errorLine } from '../run-command.js';
import { runInProcess } from '../run-in-process.test-helper.js';

let dir: string;
let db: string;

async function cxlens(args: readonly string[]): Promise<{ out: string; error: unknown }> {
  const { out, error } = await runInProcess(['--db', db, ...args]);
  return { out, error };
}

async function overrides(): Promise<unknown[]> {
  const store = await Store.open(db);
  try {
    return await store.all('SELECT kind, record_a, record_b, note FROM identity_overrides');
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxlens-identity-cli-'));
  db = join(dir, 'cx.duckdb');
  const store = await Store.open(db);
  await store.run(
    "INSERT INTO customers (source, source_id, email) VALUES ('crm', 'C1', 'a@x.com'), ('shop', 'S1', 'a@x.com')",
  );
  store.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('cxlens identity link / unlink', () => {
  it('refuses a record key that is not a customer record, and saves nothing', async () => {
    for (const args of [
      ['identity', 'link', 'crm:nope', 'shop:nope2'],
      ['identity', 'unlink', 'crm:C1', 'shop:nope2'],
    ]) {
      const r = await cxlens(args);
      expect(r.error).toMatchObject({ code: 'IDENTITY_RECORD_NOT_FOUND' });
      expect(errorLine(r.error)).toMatch(/^cxlens: record "(crm:nope|shop:nope2)": .*\]$/);
    }
    expect(await overrides()).toEqual([]);
  });

  it('prints the saved override as JSON under --json', async () => {
    const r = await cxlens(['--json', 'identity', 'link', 'shop:S1', 'crm:C1', '--note', 'same']);
    expect(r.error).toBeUndefined();
    expect(JSON.parse(r.out)).toEqual({
      kind: 'must_link',
      recordA: 'shop:S1',
      recordB: 'crm:C1',
      note: 'same',
    });
    const u = await cxlens(['identity', 'unlink', 'shop:S1', 'crm:C1', '--json']);
    expect(JSON.parse(u.out)).toMatchObject({ kind: 'cannot_link' });
    expect(await overrides()).toEqual([
      { kind: 'cannot_link', record_a: 'crm:C1', record_b: 'shop:S1', note: null },
    ]);
  });
});
