// The real CLI process: every failure is one line on stderr with exit 2 for bad input or usage
// (subcommands included, zod option errors included), 1 otherwise; a mistyped --db creates nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';

let dir: string;
let db: string;

function cxlens(args: readonly string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CXLENS_LOG_LEVEL: 'error' },
  });
  return { status: r.status, stdout: r.stdout, lines: r.stderr.trimEnd().split('\n') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxlens-main-'));
  db = join(dir, 'cx.duckdb');
  (await Store.open(db)).close();
  writeFileSync(join(dir, 'crm.csv'), 'id,email,created_at\nC1,a@x.com,03/02/2026\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('cxlens exit codes', () => {
  it('a zod option error from a domain function: one INPUT_BAD_OPTION line, exit 2', () => {
    const r = cxlens(['--db', db, 'churn', 'rate', '--from', 'abc']);
    expect(r.lines).toEqual(['cxlens: from: Invalid ISO date [INPUT_BAD_OPTION]']);
    expect(r.status).toBe(2);
  });

  it('a usage error of a subcommand exits 2 like one of the root, with one line', () => {
    const missing = cxlens(['--db', db, 'import', 'customer', join(dir, 'crm.csv')]);
    expect(missing.status).toBe(2);
    expect(missing.lines).toHaveLength(1);
    expect(missing.lines[0]).toMatch(/--source.*\[INPUT_USAGE\]$/);
    const nested = cxlens(['--db', db, 'rejects', '--bogus']);
    expect(nested.status).toBe(2);
    expect(nested.lines).toEqual([
      "cxlens: unknown option '--bogus' (see cxlens rejects --help) [INPUT_USAGE]",
    ]);
    expect(cxlens(['--db', db, '--bogus']).status).toBe(2);
    expect(cxlens(['identity', 'link', '--help']).status).toBe(0);
  });

  it('a read command on a mistyped --db fails with one line and creates nothing', () => {
    const typo = join(dir, 'nonexistent', 'x.duckdb');
    const r = cxlens(['--db', typo, 'status']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.lines).toEqual([
      `cxlens: ${typo}: no store here (create one with cxlens import or cxlens demo) [STORE_NOT_FOUND]`,
    ]);
    expect(existsSync(join(dir, 'nonexistent'))).toBe(false);
  });

  it('a bad --date-format is one INPUT_BAD_OPTION line, exit 2, and creates no store', () => {
    const fresh = join(dir, 'fresh', 'x.duckdb');
    const args = ['import', 'customer', join(dir, 'crm.csv'), '-s', 'crm'];
    const r = cxlens(['--db', fresh, ...args, '--date-format', '%Q']);
    expect(r.lines).toEqual([
      'cxlens: --date-format "%Q": not a strptime format (e.g. %d/%m/%Y) [INPUT_BAD_OPTION]',
    ]);
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'fresh'))).toBe(false);
    const ok = cxlens(['--db', fresh, ...args, '--date-format', '%d/%m/%Y']);
    expect(ok.status, ok.lines.join('\n')).toBe(0);
  });

  it('an unknown import id is one NOT_FOUND_IMPORT line with a non-zero exit', () => {
    const r = cxlens(['--db', db, 'rejects', 'zzzz']);
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^cxlens: import "zzzz": .*\[NOT_FOUND_IMPORT\]$/);
  });
});
