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
    .option('-v, --verbose', 'print stack traces with errors');
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
  applyUsageErrors(program);
  // Decided per run, before the action opens the store (withStore reads it).
  program.hook('preAction', (_root, action) => {
    program.setOptionValue('createStore', STORE_CREATORS.has(commandPath(action)));
  });
  return program;
}

/** Commands that make data, and so may create a store where none exists yet (src/cli/context.ts). */
export const STORE_CREATORS: ReadonlySet<string> = new Set([
  'import',
  'demo',
  'start',
  'serve',
  'keys create',
]);

/** `keys create` for the create command under keys (the root's name left out). */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Every command, nested ones included, throws instead of exiting (main.ts maps that to exit 2)
 * and prints a usage error as one line. Commander copies these settings only to subcommands
 * created after they are set, so they are applied to the finished tree.
 */
function applyUsageErrors(cmd: Command): void {
  const help = ['cxlens', commandPath(cmd), '--help'].filter(Boolean).join(' ');
  cmd
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      outputError: (str, write) =>
        write(
          `cxlens: ${str
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()} (see ${help}) [INPUT_USAGE]\n`,
        ),
    });
  for (const sub of cmd.commands) applyUsageErrors(sub);
}
