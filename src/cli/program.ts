// The `cxlens` command tree. Commands stay thin: parse options, call one domain function, render.
import { Command } from 'commander';
import { registerChurn } from './commands/churn.js';
import { registerDemo } from './commands/demo.js';
import { registerDiagnose } from './commands/diagnose.js';
import { registerFunnel } from './commands/funnel.js';
import { registerIdeas } from './commands/ideas.js';
import { registerIdentity } from './commands/identity.js';
import { registerImport } from './commands/import.js';
import { registerKeys } from './commands/keys.js';
import { registerPaths } from './commands/paths.js';
import { registerProfile } from './commands/profile.js';
import { registerRejects } from './commands/rejects.js';
import { registerReport } from './commands/report.js';
import { registerScore } from './commands/score.js';
import { registerSegment } from './commands/segment.js';
import { registerServe } from './commands/serve.js';
import { registerStart } from './commands/start.js';
import { registerStatus } from './commands/status.js';
import { registerSupport } from './commands/support.js';
import { registerSurveys } from './commands/surveys.js';
import { registerValue } from './commands/value.js';
import { registerVoice } from './commands/voice.js';

export function buildProgram(): Command {
  const program = new Command('cxlens')
    .description(
      'Customer experience and engagement analytics: unify your silos, measure, and learn what to fix.',
    )
    .version('0.1.0')
    .option('--db <path>', 'DuckDB store file (env CXLENS_DB, default ./cxlens.duckdb)')
    .option('--json', 'print results as JSON')
    .option('-v, --verbose', 'print stack traces with errors')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str) });
  registerStart(program);
  registerDemo(program);
  registerImport(program);
  registerIdentity(program);
  registerProfile(program);
  registerStatus(program);
  registerRejects(program);
  registerVoice(program);
  registerServe(program);
  registerKeys(program);
  registerScore(program);
  registerSegment(program);
  registerReport(program);
  registerSurveys(program);
  registerChurn(program);
  registerValue(program);
  registerSupport(program);
  registerIdeas(program);
  registerFunnel(program);
  registerPaths(program);
  registerDiagnose(program);
  return program;
}
