import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../lib/errors.js';
import { ENTITIES } from '../schemas/index.js';
import { entityColumns, Store } from './index.js';

describe('store', () => {
  it('migrations create every entity table with the columns its schema declares', async () => {
    const store = await Store.open(':memory:');
    for (const entity of Object.values(ENTITIES)) {
      const cols = await store.all<{ column_name: string; data_type: string; is_nullable: string }>(
        'SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position',
        [entity.table],
      );
      const expected = entityColumns(entity).map((c) => ({
        column_name: c.name,
        data_type: c.sqlType,
        is_nullable: c.required ? 'NO' : 'YES',
      }));
      expect(cols, entity.table).toEqual(expected);
    }
    store.close();
  });

  it('creates the folder of a new store file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxlens-store-'));
    try {
      const file = join(dir, 'data', 'nested', 'cx.duckdb');
      const store = await Store.open(file);
      store.close();
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with create: false, a missing file fails with STORE_NOT_FOUND and creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxlens-store-'));
    try {
      const file = join(dir, 'typo', 'cx.duckdb');
      await expect(Store.open(file, { create: false })).rejects.toMatchObject({
        code: 'STORE_NOT_FOUND',
        where: { path: file },
      });
      await expect(Store.open(file, { create: false })).rejects.toBeInstanceOf(NotFoundError);
      expect(existsSync(join(dir, 'typo'))).toBe(false);
      // An existing store, and the in-memory one, still open.
      (await Store.open(join(dir, 'cx.duckdb'))).close();
      (await Store.open(join(dir, 'cx.duckdb'), { create: false })).close();
      (await Store.open(':memory:', { create: false })).close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migrations are idempotent and recorded', async () => {
    const store = await Store.open(':memory:');
    const rows = await store.all<{ version: number }>('SELECT version FROM schema_migrations');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const { migrate } = await import('./migrate.js');
    expect(await migrate(store)).toEqual([]);
    store.close();
  });

  it('a failed transaction leaves nothing behind', async () => {
    const store = await Store.open(':memory:');
    await expect(
      store.transaction(async () => {
        await store.run("INSERT INTO partners VALUES ('x', 'p1', 'Partner', 'carrier')");
        await store.run('SELECT * FROM no_such_table');
      }),
    ).rejects.toMatchObject({ code: 'STORE_QUERY_FAILED' });
    expect(await store.all('SELECT * FROM partners')).toEqual([]);
    store.close();
  });

  it('works in UTC whatever the machine time zone (TZ=America/Sao_Paulo in a child process)', () => {
    const script = `
      const { Store } = await import(${JSON.stringify(new URL('./db.ts', import.meta.url).href)});
      const store = await Store.open(':memory:', { skipMigrations: true });
      const second = await store.connect();
      const sql = "SELECT current_setting('TimeZone') AS tz, CAST(CAST('2018-07-29 13:54:51+02:00' AS TIMESTAMPTZ) AS TIMESTAMP)::VARCHAR AS t";
      const other = (await second.runAndReadAll(sql)).getRowObjectsJS();
      process.stdout.write(JSON.stringify([...(await store.all(sql)), ...other]));
      second.closeSync();
      store.close();`;
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { env: { ...process.env, TZ: 'America/Sao_Paulo' }, encoding: 'utf8' },
    );
    const row = { tz: 'UTC', t: '2018-07-29 11:54:51' };
    expect(JSON.parse(out)).toEqual([row, row]);
  });

  it('a query that reaches a closed store fails with one clear line', async () => {
    const store = await Store.open(':memory:');
    store.close();
    await expect(store.one('SELECT 1 AS x')).rejects.toThrow(/store :memory: is closed/);
  });
});
