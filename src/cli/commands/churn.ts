// `cxlens churn …`: churn rate trend, cohort retention, survival by segment, risk, and saving a
// retention cell as a segment. Thin: parse options, call src/metrics/churn, render.
import { type Command, Option } from 'commander';
import {
  type ChurnConfig,
  churnRates,
  churnRisk,
  cohortRetention,
  loadChurnConfig,
  SEGMENT_KINDS,
  saveRetentionCell,
  survivalBySegment,
  topChurnRisk,
} from '../../metrics/churn/index.js';
import { type GlobalOptions, globalOptions, withStore } from '../context.js';
import { numberArgument, numberOption } from '../number-option.js';
import { printJson, printTable } from '../output.js';
import { createBar } from '../progress-bar.js';

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '' : `${(v * 100).toFixed(1)}%`;

function config(opts: { config?: string }): ChurnConfig {
  return loadChurnConfig(opts.config);
}

type Action = (g: GlobalOptions, opts: Record<string, unknown>, args: unknown[]) => Promise<void>;
const run =
  (fn: Action) =>
  async (...args: unknown[]) => {
    const cmd = args.at(-1) as Command;
    const opts = args.at(-2) as Record<string, unknown>;
    await fn(globalOptions(cmd), opts, args.slice(0, -2));
  };

export function registerChurn(program: Command): void {
  const churn = program
    .command('churn')
    .description('churn rate, cohort retention, survival by segment and churn risk')
    .option('-c, --config <file>', 'churn config merged over config/churn.json');
  const cfgOf = (cmd: Command) => config(cmd.optsWithGlobals<{ config?: string }>());

  churn
    .command('rate')
    .description(
      'monthly churn rate with 95% Wilson intervals and its trend (Mann–Kendall, Sen slope)',
    )
    .option('--from <date>', 'first month (YYYY-MM-DD)')
    .option('--to <date>', 'last month (YYYY-MM-DD)')
    .action(async (opts: { from?: string; to?: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      const r = await withStore(g, (store) =>
        churnRates(store, cfgOf(cmd), {
          ...(opts.from ? { from: opts.from } : {}),
          ...(opts.to ? { to: opts.to } : {}),
        }),
      );
      if (g.json) return printJson(r);
      process.stdout.write(`churn: ${r.definition}; data end ${r.end}\n\n`);
      printTable(
        r.months.map((m) => ({
          month: m.month,
          active: m.activeAtStart,
          churned: m.churned,
          acquired: m.acquired,
          rate: pct(m.rate),
          '95% CI': m.rate === null ? '' : `${pct(m.low)} – ${pct(m.high)}`,
          complete: m.complete ? 'yes' : 'no (window open)',
        })),
      );
      const t = r.trend;
      process.stdout.write(
        t
          ? `\ntrend over ${t.n} complete months: ${t.direction} (Sen slope ${pct(t.slope)}/month, 95% CI ${pct(t.slopeLow)} – ${pct(t.slopeHigh)}; Mann–Kendall p = ${t.pValue.toFixed(3)})\n`
          : '\ntrend: needs at least 3 complete months\n',
      );
    });

  churn
    .command('cohorts')
    .description('cohort retention matrix: acquisition month × months since (customers, NRR, GRR)')
    .addOption(
      new Option('--metric <metric>', 'what the matrix shows')
        .choices(['customers', 'nrr', 'grr'])
        .default('customers'),
    )
    .action(async (opts: { metric: 'customers' | 'nrr' | 'grr' }, cmd: Command) => {
      const g = globalOptions(cmd);
      const r = await withStore(g, (store) => cohortRetention(store, cfgOf(cmd)));
      if (g.json) return printJson(r);
      process.stdout.write(
        `churn: ${r.definition}; data end ${r.end}; ${opts.metric} retention (* = month not complete)\n\n`,
      );
      const maxK = Math.max(0, ...r.cells.map((c) => c.monthsSince));
      const rows = r.cohorts.map((c) => {
        const row: Record<string, unknown> = { cohort: c.cohort, size: c.size };
        for (const cell of r.cells.filter((x) => x.cohort === c.cohort)) {
          const v =
            opts.metric === 'customers'
              ? cell.retention
              : opts.metric === 'nrr'
                ? cell.netRevenueRetention
                : cell.grossRevenueRetention;
          row[`m${cell.monthsSince}`] = `${pct(v)}${cell.complete ? '' : '*'}`;
        }
        return row;
      });
      printTable(rows, ['cohort', 'size', ...Array.from({ length: maxK + 1 }, (_, k) => `m${k}`)]);
    });

  churn
    .command('survival')
    .description('Kaplan–Meier survival curves by segment, with a log-rank test')
    .option('--by <segment>', `${SEGMENT_KINDS.join(' | ')} | saved:<name>`, 'quadrant')
    .action(async (opts: { by: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      const r = await withStore(g, (store) => survivalBySegment(store, cfgOf(cmd), opts.by));
      if (g.json) return printJson(r);
      process.stdout.write(
        `survival by ${r.segment}; churn: ${r.definition}; data end ${r.end}\n\n`,
      );
      printTable(
        r.groups.map((x) => ({
          [r.segment]: x.group,
          customers: x.n,
          churned: x.churned,
          'median days': x.medianDays ?? '',
          'S(30)': pct(x.at['30']),
          'S(90)': pct(x.at['90']),
          'S(180)': pct(x.at['180']),
          'S(365)': pct(x.at['365']),
        })),
      );
      const lr = r.logRank;
      process.stdout.write(
        lr
          ? `\nlog-rank: χ² = ${lr.chiSquare.toFixed(2)}, df = ${lr.degreesOfFreedom}, p = ${lr.pValue.toPrecision(3)}\n`
          : '\nlog-rank: needs two groups and at least one churn\n',
      );
    });

  churn
    .command('risk')
    .description('fit the churn-risk model (time-based validation) and list the riskiest customers')
    .option('--as-of <date>', 'score as of this day (default: the data end)')
    .option(
      '--top <n>',
      'how many customers to list',
      numberOption('top', { integer: true, min: 0 }),
      20,
    )
    .option('--no-fit', 'list the latest stored scores without refitting')
    .action(async (opts: { asOf?: string; top: number; fit: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withStore(g, async (store) => {
        let summary: Awaited<ReturnType<typeof churnRisk>> | undefined;
        if (opts.fit) {
          const bar = createBar('churn risk');
          try {
            summary = await churnRisk(
              store,
              cfgOf(cmd),
              opts.asOf ? { asOf: opts.asOf } : {},
              (f, stage) => bar.update(f, stage),
            );
          } finally {
            bar.stop();
          }
        }
        const rows = await topChurnRisk(store, opts.top, opts.asOf);
        if (g.json) return printJson({ summary: summary ?? null, top: rows });
        if (summary) {
          const h = summary.holdout;
          process.stdout.write(
            `model ${summary.model}: trained on ${summary.train.persons} customer snapshots (${summary.train.churned} churned) at ${summary.train.snapshots.join(', ')}; horizon ${summary.horizonDays} days\nholdout AUC ${h.auc === null ? 'n/a' : h.auc.toFixed(3)} on ${h.persons} customers (${h.method})\nscored ${summary.scored} customers as of ${summary.asOf}; mean risk ${pct(summary.meanRisk)}\n`,
          );
          for (const e of summary.excluded)
            process.stdout.write(`left out ${e.feature}: ${e.reason}\n`);
          process.stdout.write('\n');
        }
        printTable(
          rows.map((r) => ({
            person: r.person_id,
            risk: pct(r.risk),
            drivers: r.drivers
              .map((d) => `${d.feature}=${d.value ?? '∅'} (+${d.contribution.toFixed(2)})`)
              .join(', '),
          })),
        );
      });
    });

  churn
    .command('save-cell')
    .description('save a cell of the cohort retention matrix as a segment')
    .argument('<cohort>', 'acquisition month, YYYY-MM')
    .argument(
      '<month>',
      'months since acquisition (0 = the acquisition month)',
      numberArgument('month', { integer: true, min: 0 }),
    )
    .addOption(
      new Option('--which <which>', 'members to save')
        .choices(['retained', 'lost'])
        .default('retained'),
    )
    .option('--name <name>', 'segment name (default cohort-<cohort>-m<month>-<which>)')
    .option('--replace', 'overwrite a saved segment of that name that holds another cell')
    .action(
      run(async (g, opts, [cohort, month]) => {
        const saved = await withStore(g, (store) =>
          saveRetentionCell(
            store,
            loadChurnConfig((opts.config as string | undefined) ?? undefined),
            {
              cohort: String(cohort),
              monthsSince: month as number,
              which: opts.which as 'retained' | 'lost',
              ...(opts.name ? { name: String(opts.name) } : {}),
            },
            { replace: opts.replace === true },
          ),
        );
        if (g.json) return printJson(saved);
        process.stdout.write(`saved segment "${saved.name}" with ${saved.size} customers\n`);
      }),
    );
}
