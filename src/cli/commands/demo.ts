import { resolve } from 'node:path';
import type { Command } from 'commander';
import { analyse, loadDemo } from '../../pipeline/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson, printTable } from '../output.js';
import { createBar } from '../progress-bar.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('generate a realistic demo company with planted truths, import it and analyse it')
    .option(
      '--customers <n>',
      'number of customers',
      numberOption('customers', { integer: true, min: 1 }),
      3000,
    )
    .option('--days <n>', 'days of history', numberOption('days', { integer: true, min: 1 }), 180)
    .option(
      '--seed <n>',
      'random seed (same seed, same files)',
      numberOption('seed', { integer: true }),
      42,
    )
    .option('--out <dir>', 'where to write the files and truth.json', 'cxlens-data/demo')
    .option('--no-analyse', 'only generate and import')
    .action(
      async (
        opts: { customers: number; days: number; seed: number; out: string; analyse: boolean },
        cmd: Command,
      ) => {
        const g = globalOptions(cmd);
        await withStore(g, async (store) => {
          const bar = createBar('demo');
          const loaded = await loadDemo(
            store,
            {
              customers: opts.customers,
              days: opts.days,
              seed: opts.seed,
              outDir: resolve(opts.out),
            },
            (stage, f) => bar.update(f, stage),
          ).finally(() => bar.stop());
          const steps = opts.analyse ? await runAnalyses(store) : [];
          const files = loaded.imports.map((i) => ({
            entity: i.entity,
            source: i.source,
            rows: i.totals.inserted,
            rejected: i.totals.rejected,
          }));
          if (g.json)
            return printJson({
              outDir: resolve(opts.out),
              truth: loaded.demo.truthPath,
              files,
              steps,
            });
          printTable(files);
          const rows = loaded.imports.reduce((n, i) => n + i.totals.rowsRead, 0);
          process.stdout.write(
            `\ngenerated ${rows.toLocaleString('en-US')} rows in ${(loaded.generateMs / 1000).toFixed(1)} s, imported in ${(loaded.importMs / 1000).toFixed(1)} s\nfiles and truth.json: ${resolve(opts.out)}\n`,
          );
          for (const s of steps)
            process.stdout.write(
              s.skipped
                ? `${s.name}: skipped, ${s.skipped}\n`
                : `${s.name}: ${s.detail ?? 'done'} (${(s.ms / 1000).toFixed(1)} s)\n`,
            );
        });
      },
    );
}

export async function runAnalyses(store: Parameters<typeof analyse>[0]) {
  const bar = createBar('analyse');
  try {
    return await analyse(store, (stage, f) => bar.update(f, stage));
  } finally {
    bar.stop();
  }
}
