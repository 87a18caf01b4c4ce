// `cxlens paths <step>`: the most common paths out of (or into) a step, and with --funnel and
// --drop-off what people did instead of the next step.
import type { Command } from 'commander';
import { computePaths, getFunnel } from '../../metrics/journeys/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson, printTable } from '../output.js';

interface PathsOptions {
  before?: boolean;
  depth: number;
  limit: number;
  window: string;
  funnel?: string;
  dropOff?: number;
  from?: string;
  to?: string;
}

export function registerPaths(program: Command): void {
  program
    .command('paths')
    .description('most common paths after (or before) a step, or after dropping off a funnel step')
    .argument('[step]', 'anchor step: an event name or page:/path')
    .option('--before', 'paths into the step instead of out of it')
    .option(
      '-d, --depth <n>',
      'events per path',
      numberOption('depth', { integer: true, min: 1, max: 8 }),
      3,
    )
    .option(
      '-n, --limit <n>',
      'paths to show',
      numberOption('limit', { integer: true, min: 1, max: 100 }),
      10,
    )
    .option('-w, --window <duration>', 'only events within this time of the anchor', '1d')
    .option('--funnel <name>', 'a saved funnel (with --drop-off)')
    .option(
      '--drop-off <step>',
      'funnel step number: people who reached it but not the next',
      numberOption('drop-off', { integer: true, min: 1 }),
    )
    .option('--from <date>', 'from this date (YYYY-MM-DD)')
    .option('--to <date>', 'before this date (YYYY-MM-DD)')
    .addHelpText(
      'after',
      '\nExamples:\n  cxlens paths "Checkout Started"\n  cxlens paths --funnel checkout --drop-off 3',
    )
    .action(async (step: string | undefined, opts: PathsOptions, cmd: Command) => {
      const g = globalOptions(cmd);
      const r = await withStore(g, async (store) => {
        const funnel = opts.funnel !== undefined ? await getFunnel(store, opts.funnel) : undefined;
        return computePaths(store, {
          ...(step ? { step } : {}),
          direction: opts.before ? 'before' : 'after',
          depth: opts.depth,
          limit: opts.limit,
          window: opts.window,
          ...(funnel ? { funnel: { steps: funnel.steps, window: funnel.window } } : {}),
          ...(opts.dropOff !== undefined ? { dropOffAt: opts.dropOff } : {}),
          ...(opts.from !== undefined ? { from: opts.from } : {}),
          ...(opts.to !== undefined ? { to: opts.to } : {}),
        });
      });
      if (g.json) return printJson(r);
      process.stdout.write(
        `${r.direction === 'after' ? 'after' : 'before'} ${r.anchor}: ${r.actors.toLocaleString('en-US')} actors\n\n`,
      );
      printTable(
        r.paths.map((p) => ({
          path: p.path.length ? p.path.join(' → ') : '(nothing within the window)',
          actors: p.actors,
          share: `${(p.share * 100).toFixed(1)}%`,
        })),
      );
      process.stdout.write(`\n${r.direction === 'after' ? 'next' : 'previous'} event:\n`);
      printTable(
        r.next.map((n) => ({
          event: n.label,
          actors: n.actors,
          share: `${(n.share * 100).toFixed(1)}%`,
        })),
      );
    });
}
