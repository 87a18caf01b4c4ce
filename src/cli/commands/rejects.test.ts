// `cxlens rejects` in process: the latest import even when it rejected nothing, and an unknown
// import id as a NotFoundError.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../lib/errors.js';
import { buildProgram } from '../program.js';
import { errorLine, exitCodeFor } from '../run-command.js';
import { runInProcess } from '../run-in-process.test-helper.js';

let dir: string;
let db: string;

async function cxlens(args: readonly string[]): Promise<{ out: string; error: unknown }> {
  const { out, error } = await runInProcess(['--db', db, ...args]);
  return { out, error };
}

const HEADER = 'Order ID,Customer ID,Order Date,Total,Status\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxlens-rejects-cli-'));
  db = join(dir, 'cx.duckdb');
  writeFileSync(join(dir, 'bad.csv'), `${HEADER}O1,C1,2026-01-01,bad,placed\n`);
  writeFileSync(join(dir, 'good.csv'), `${HEADER}O2,C2,2026-01-02,20,placed\n`);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('cxlens rejects', () => {
  it('shows the latest import, saying so when it rejected nothing', async () => {
    const bad = await cxlens(['--json', 'import', 'order', join(dir, 'bad.csv'), '-s', 'shop']);
    expect(bad.error).toBeUndefined();
    const badId: string = JSON.parse(bad.out).importId;
    const withRejects = await cxlens(['rejects']);
    expect(withRejects.out).toMatch(/INPUT_BAD_NUMBER/);

    const good = await cxlens(['--json', 'import', 'order', join(dir, 'good.csv'), '-s', 'shop']);
    const goodId: string = JSON.parse(good.out).importId;
    const latest = await cxlens(['rejects']);
    expect(latest.error).toBeUndefined();
    expect(latest.out).toBe(`import ${goodId.slice(0, 8)} (order, shop): no rejected rows\n`);
    expect(JSON.parse((await cxlens(['rejects', '--json'])).out)).toEqual([]);

    // The older import's rejects are still there by id.
    const older = await cxlens(['rejects', badId.slice(0, 8)]);
    expect(older.out).toMatch(/INPUT_BAD_NUMBER/);
  });

  it('an id prefix that matches no import is one NotFoundError line, non-zero exit', async () => {
    const r = await cxlens(['rejects', 'zzzz']);
    expect(r.out).toBe('');
    expect(r.error).toBeInstanceOf(NotFoundError);
    expect(errorLine(r.error)).toBe(
      'cxlens: import "zzzz": no such import (see the ids in cxlens status) [NOT_FOUND_IMPORT]',
    );
    expect(exitCodeFor(r.error)).toBe(1);
  });

  it('says what the command shows in --help', () => {
    const rejects = buildProgram().commands.find((c) => c.name() === 'rejects');
    expect(rejects?.description()).toMatch(/latest import \(even if it rejected none\)/);
  });
});
