// `cxlens diagnose funnel <name>`: when did a step's conversion change, where, and why
// (technology or design), with the evidence as numbers.
import type { Command } from 'commander';
import { InputError } from '../../lib/errors.js';
import { diagnoseFunnel } from '../../metrics/journeys/index.js';
import { globalOptions, withStore } from '../context.js';
import { printJson } from '../output.js';

export function registerDiagnose(program: Command): void {
  const diagnose = program.command('diagnose').description('automatic diagnosis of changes');
  diagnose
    .command('funnel')
    .description('find conversion changes in a funnel and explain them: technology or design')
    .argument('<funnel>', 'a saved funnel name (see cxlens funnel) or comma-separated steps')
    .option('--since <date>', 'only entries from this date (YYYY-MM-DD)')
    .option('--until <date>', 'only entries before this date (YYYY-MM-DD)')
    .option('-w, --window <duration>', "conversion window (default: the funnel's)")
    .option(
      '--dims <dims>',
      'dimensions to search, comma-separated (default browser,os,device,app_version,country,channel,variant)',
    )
    .addHelpText('after', '\nExample:\n  cxlens diagnose funnel checkout --since 2026-07-01')
    .action(async (funnel: string, opts: Record<string, string | undefined>, cmd: Command) => {
      const g = globalOptions(cmd);
      const steps = funnel.includes(',')
        ? funnel
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
      if (steps && steps.length < 2)
        throw new InputError('INPUT_BAD_STEPS', `diagnose: "${funnel}" has fewer than 2 steps`);
      const d = await withStore(g, (store) =>
        diagnoseFunnel(store, {
          ...(steps ? { steps } : { funnel }),
          ...(opts.since ? { since: opts.since } : {}),
          ...(opts.until ? { until: opts.until } : {}),
          ...(opts.window ? { window: opts.window } : {}),
          ...(opts.dims ? { dimensions: opts.dims.split(',').map((s) => s.trim()) } : {}),
        }),
      );
      if (g.json) return printJson({ ...d, series: undefined });
      const out: string[] = [
        `funnel ${d.funnel.name ?? ''} ${d.funnel.steps.join(' → ')} (window ${d.funnel.window}), ${d.period.from} – ${d.period.to}, ${d.period.days} days`,
      ];
      if (d.findings.length === 0) out.push('no significant change in any step conversion');
      for (const f of d.findings) {
        const rate = (s: typeof f.before) =>
          `${((s.rate ?? 0) * 100).toFixed(1)}% [${((s.low ?? 0) * 100).toFixed(1)}–${((s.high ?? 0) * 100).toFixed(1)}]`;
        out.push(
          '',
          `${f.day}  ${f.fromStep} → ${f.toStep}: ${f.direction} ${f.deltaPp > 0 ? '+' : ''}${f.deltaPp} pp (${rate(f.before)} → ${rate(f.after)}, p = ${f.pValue.toExponential(1)})`,
        );
        out.push(`  verdict: ${f.summary}`);
        for (const e of f.evidence) out.push(`   · ${e}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
