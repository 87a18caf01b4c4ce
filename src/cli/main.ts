#!/usr/bin/env node
// Entry point of the `cxlens` CLI.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { reportAndExit } from './run-command.js';

// A reader that stops early (`cxlens … | head`) closes the pipe: that ends the output, it is not
// an error, so leave quietly as other Unix tools do instead of printing a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// buildProgram sets the exit override on every command, nested ones included.
const program = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander already printed its message (help, version, usage errors).
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  reportAndExit(error, process.argv.includes('--verbose') || process.argv.includes('-v'));
}
