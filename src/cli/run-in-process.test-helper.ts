// Test helper: runs the CLI's command tree in this process (buildProgram().parseAsync) and
// captures what it writes; an error a command throws is returned, not thrown, as the entry point
// would turn it into one line and an exit code (see run-command.ts).
import { vi } from 'vitest';
import { buildProgram } from './program.js';

export interface CliRun {
  out: string;
  err: string;
  error: unknown;
}

/** `args` after the program name, e.g. ['--db', file, 'rejects']. */
export async function runInProcess(args: readonly string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  let error: unknown;
  try {
    await buildProgram().parseAsync(['node', 'cxlens', ...args]);
  } catch (e) {
    error = e;
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return { out, err, error };
}
