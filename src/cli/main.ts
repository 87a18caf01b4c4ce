#!/usr/bin/env node
// Entry point of the `cxlens` CLI.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { reportAndExit } from './run-command.js';

const program = buildProgram();
program.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander already printed its message (help, version, usage errors).
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  reportAndExit(error, process.argv.includes('--verbose') || process.argv.includes('-v'));
}
