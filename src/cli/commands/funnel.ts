// `cxlens funnel <steps|name>`: a funnel ad hoc (comma-separated steps) or saved (a name), with
// breakdowns, a series over time, and --save to keep it.
import { type Command, Option } from 'commander';
import { InputError } from '../../lib/errors.js';
import {
  computeFunnel,
  type FunnelResult,
  listFunnels,
  saveFunnel,
} from '../../metrics/journeys/index.js';
import { globalOptions, withStore } from '../context.js';
import { printJson, printTable } from '../output.js';

const pct = (v: number | null) => (v === null ? '' : `${(v * 100).toFixed(1)}%`);
const dur = (ms: number | null | undefined) => {
  if (ms === null || ms === undefined) return '';
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  return ms < 86_400_000 ? `${(ms / 3_600_000).toFixed(1)}h` : `${(ms / 86_400_000).toFixed(1)}d`;
};

function render(r: FunnelResult): void {
  printTable(
    r.total.steps.map((s) => ({
      step: `${s.step}. ${s.label}`,
      actors: s.count,
      from_start: pct(s.fromStart.rate),
      from_previous: pct(s.fromPrevious.rate),
      ci95: s.step === 1 ? '' : `${pct(s.fromPrevious.low)}–${pct(s.fromPrevious.high)}`,
      ttc_p25: dur(s.timeToConvert?.p25Ms),
      ttc_median: dur(s.timeToConvert?.p50Ms),
      ttc_p90: dur(s.timeToConvert?.p90Ms),
    })),
  );
  if (r.groups.length > 0) {
    process.stdout.write(`\nby ${r.by.join(' × ')} (from step ${r.byStep}):\n`);
    printTable(
      r.groups.map((g) => ({
        ...g.key,
        entered: g.entered,
        converted: g.steps.at(-1)?.count ?? 0,
        conversion: pct(g.steps.at(-1)?.fromStart.rate ?? null),
        ci95: `${pct(g.steps.at(-1)?.fromStart.low ?? null)}–${pct(g.steps.at(-1)?.fromStart.high ?? null)}`,
      })),
    );
  }
  if (r.series.length > 0) {
    process.stdout.write(`\nper ${r.interval}:\n`);
    printTable(
      r.series
        .filter((p) => Object.keys(p.key).length === 0)
        .map((p) => ({
          [r.interval ?? 'bucket']: p.bucket,
          entered: p.entered,
          converted: p.steps.at(-1)?.count ?? 0,
          conversion: pct(p.steps.at(-1)?.fromStart.rate ?? null),
        })),
    );
  }
}

export function registerFunnel(program: Command): void {
  program
    .command('funnel')
    .description(
      'funnel conversion: per-step rates with 95% CIs, time to convert, breakdowns and trends',
    )
    .argument(
      '[steps]',
      'comma-separated steps (event names or page:/path), or a saved funnel name; none lists saved funnels',
    )
    .option('-w, --window <duration>', 'conversion window from the first step, e.g. 1d, 12h')
    .option(
      '-b, --by <dims>',
      'breakdown dimensions, comma-separated (browser, os, device, app_version, country, channel, campaign, variant, prop:<key>)',
    )
    .option(
      '--by-step <step>',
      'which step gives the breakdown value: first, last, a number or a name',
      'first',
    )
    .addOption(new Option('-i, --interval <interval>', 'series over time').choices(['day', 'week']))
    .option('--strict', 'no other funnel step between consecutive steps')
    .option('--from <date>', 'entries from this date (YYYY-MM-DD)')
    .option('--to <date>', 'entries before this date (YYYY-MM-DD)')
    .option('--save <name>', 'save this funnel under a name')
    .addHelpText(
      'after',
      '\nExamples:\n  cxlens funnel checkout --by browser\n  cxlens funnel view_product,add_to_cart,checkout_started,payment_submitted,order_completed --window 1d --by browser,os\n  cxlens funnel "Product Viewed,page:/checkout,Order Completed" --interval week',
    )
    .action(
      async (
        stepsArg: string | undefined,
        opts: Record<string, string | boolean | undefined>,
        cmd: Command,
      ) => {
        const g = globalOptions(cmd);
        await withStore(g, async (store) => {
          const saved = await listFunnels(store);
          if (!stepsArg) {
            if (g.json) return printJson(saved);
            return printTable(
              saved.map((f) => ({
                name: f.name,
                steps: f.steps.join(' → '),
                window: f.window,
                by: f.by.join(','),
              })),
            );
          }
          const named = stepsArg.includes(',') ? undefined : saved.find((f) => f.name === stepsArg);
          const steps =
            named?.steps ??
            stepsArg
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
          if (steps.length < 2)
            throw new InputError(
              'INPUT_BAD_STEPS',
              `funnel "${stepsArg}": not a saved funnel and fewer than 2 steps (expected a,b,c or a saved name)`,
            );
          const by =
            typeof opts.by === 'string'
              ? opts.by
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : (named?.by ?? []);
          const window = typeof opts.window === 'string' ? opts.window : (named?.window ?? '1d');
          const order = opts.strict ? 'strict' : (named?.order ?? 'sequential');
          const result = await computeFunnel(store, {
            steps,
            window,
            order,
            by,
            byStep: String(opts.byStep ?? 'first'),
            ...(typeof opts.interval === 'string'
              ? { interval: opts.interval as 'day' | 'week' }
              : {}),
            ...(typeof opts.from === 'string' ? { from: opts.from } : {}),
            ...(typeof opts.to === 'string' ? { to: opts.to } : {}),
          });
          if (typeof opts.save === 'string')
            await saveFunnel(store, { name: opts.save, steps, window, order, by });
          if (g.json) return printJson(result);
          render(result);
        });
      },
    );
}
