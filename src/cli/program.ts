// The `cxlens` command tree. Commands stay thin: parse options, call one domain function, render.
import { Command } from 'commander';
import { registerImport } from './commands/import.js';
import { registerRejects } from './commands/rejects.js';
import { registerStatus } from './commands/status.js';

export function buildProgram(): Command {
  const program = new Command('cxlens')
    .description('Customer experience and engagement analytics: unify your silos, measure, and learn what to fix.')
    .version('0.1.0')
    .option('--db <path>', 'DuckDB store file (env CXLENS_DB, default ./cxlens.duckdb)')
    .option('--json', 'print results as JSON')
    .option('-v, --verbose', 'print stack traces with errors')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str) });
  registerImport(program);
  registerStatus(program);
  registerRejects(program);
  return program;
}
