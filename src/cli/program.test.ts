// The command tree in process: usage errors of every command (nested ones included) throw one
// CommanderError with a one-line message instead of exiting, and only the commands that make
// data may create a store.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { buildProgram, commandPath, STORE_CREATORS } from './program.js';
import { runInProcess } from './run-in-process.test-helper.js';

const runCli = runInProcess;

function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxlens-program-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('usage errors', () => {
  it('every command, nested ones included, throws instead of exiting, with one line', async () => {
    const paths = allCommands(buildProgram()).map(commandPath);
    expect(paths).toContain('churn cohorts');
    expect(paths).toContain('support report');
    for (const path of paths) {
      const args = [...(path ? path.split(' ') : []), '--bogus-flag'];
      const r = await runCli(args);
      expect(r.error, path).toBeInstanceOf(CommanderError);
      expect((r.error as CommanderError).exitCode, path).not.toBe(0);
      // Groups (identity, churn …) without a subcommand print their help instead.
      if ((r.error as CommanderError).code === 'commander.help') continue;
      const lines = r.err.trimEnd().split('\n');
      expect(lines, path).toHaveLength(1);
      expect(lines[0], path).toMatch(/^cxlens: .* \[INPUT_USAGE\]$/);
    }
  });

  it('names the option and the command for nested usage errors', async () => {
    const metric = await runCli(['churn', 'cohorts', '--metric', 'foo']);
    expect(metric.error).toBeInstanceOf(CommanderError);
    expect(metric.err).toMatch(
      /^cxlens: option '--metric <metric>' argument 'foo' is invalid.*\(see cxlens churn cohorts --help\) \[INPUT_USAGE\]\n$/,
    );
    const source = await runCli(['import', 'customer', 'x.csv']);
    expect(source.error).toBeInstanceOf(CommanderError);
    expect(source.err).toBe(
      "cxlens: required option '-s, --source <name>' not specified (see cxlens import --help) [INPUT_USAGE]\n",
    );
  });
});

describe('store creation', () => {
  it('a read command on a missing --db fails with STORE_NOT_FOUND and creates nothing', async () => {
    const db = join(dir, 'typo', 'x.duckdb');
    for (const args of [['status'], ['rejects'], ['keys', 'list'], ['identity', 'resolve']]) {
      const r = await runCli(['--db', db, ...args]);
      expect(r.error, args.join(' ')).toMatchObject({ code: 'STORE_NOT_FOUND' });
      expect(r.out).toBe('');
    }
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('a command that makes data creates the store; read commands then use it', async () => {
    const db = join(dir, 'new', 'x.duckdb');
    const created = await runCli(['--db', db, 'keys', 'create', '--scope', 'read']);
    expect(created.error).toBeUndefined();
    expect(existsSync(db)).toBe(true);
    const listed = await runCli(['--db', db, '--json', 'keys', 'list']);
    expect(listed.error).toBeUndefined();
    expect(JSON.parse(listed.out)).toHaveLength(1);
    expect([...STORE_CREATORS].sort()).toEqual(['demo', 'import', 'keys create', 'serve', 'start']);
  });

  it(':memory: needs no file', async () => {
    const r = await runCli(['--db', ':memory:', '--json', 'status']);
    expect(r.error).toBeUndefined();
    expect(JSON.parse(r.out).store).toBe(':memory:');
  });

  it('an existing store opens for read commands', async () => {
    const db = join(dir, 'x.duckdb');
    (await Store.open(db)).close();
    const r = await runCli(['--db', db, '--json', 'status']);
    expect(r.error).toBeUndefined();
    expect(JSON.parse(r.out).store).toBe(db);
  });
});
