// `cxlens value`: fit BG/NBD + Gamma-Gamma on the store's orders and list customers by lifetime
// value. Thin: parse options, call src/metrics/churn customerValue, render.
import type { Command } from 'commander';
import { customerValue, topCustomerValue } from '../../metrics/churn/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson, printTable } from '../output.js';
import { createBar } from '../progress-bar.js';

export function registerValue(program: Command): void {
  program
    .command('value')
    .description(
      'customer lifetime value: BG/NBD + Gamma-Gamma by maximum likelihood, per customer',
    )
    .option(
      '--top <n>',
      'how many customers to list',
      numberOption('top', { integer: true, min: 0 }),
      20,
    )
    .option(
      '--months <n>',
      'CLV horizon in months',
      numberOption('months', { integer: true, min: 1 }),
      12,
    )
    .option('--calibration-end <date>', 'last day of history to fit on (default: the last order)')
    .option(
      '--discount <rate>',
      'monthly discount rate',
      numberOption('discount', { above: -1, below: 1 }),
      0.01,
    )
    .addHelpText('after', '\nExamples:\n  cxlens value --top 50\n  cxlens value --months 24 --json')
    .action(
      async (
        opts: { top: number; months: number; calibrationEnd?: string; discount: number },
        cmd: Command,
      ) => {
        const g = globalOptions(cmd);
        await withStore(g, async (store) => {
          const bar = createBar('customer value');
          let summary: Awaited<ReturnType<typeof customerValue>>;
          try {
            summary = await customerValue(
              store,
              {
                horizonMonths: opts.months,
                monthlyDiscountRate: opts.discount,
                ...(opts.calibrationEnd ? { calibrationEnd: opts.calibrationEnd } : {}),
              },
              (f, stage) => bar.update(f, stage),
            );
          } finally {
            bar.stop();
          }
          const rows = await topCustomerValue(store, opts.top);
          if (g.json) return printJson({ summary, top: rows });
          const s = summary;
          const gg = s.gammaGamma;
          process.stdout.write(
            `${s.customers} customers with orders (${s.repeatCustomers} repeat) up to ${s.calibrationEnd}\nBG/NBD r=${s.bgNbd.r.toFixed(3)} α=${s.bgNbd.alpha.toFixed(3)} a=${s.bgNbd.a.toFixed(3)} b=${s.bgNbd.b.toFixed(3)}${gg ? `; Gamma-Gamma p=${gg.p.toFixed(3)} q=${gg.q.toFixed(3)} γ=${gg.gamma.toFixed(3)}` : ''}\n${s.horizonMonths}-month CLV: total ${s.totalClv.toFixed(0)}, mean ${s.meanClv.toFixed(2)}, median ${s.medianClv.toFixed(2)}; mean P(alive) ${(s.meanProbabilityAlive * 100).toFixed(1)}%; expected purchases ${s.expectedPurchases.toFixed(0)}\n\n`,
          );
          printTable(rows);
        });
      },
    );
}
