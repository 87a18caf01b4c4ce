import type { Command } from 'commander';
import { addOverride, explainPair, resolveIdentities, splitRecord } from '../../identity/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson, printTable } from '../output.js';
import { createBar } from '../progress-bar.js';

export function registerIdentity(program: Command): void {
  const identity = program
    .command('identity')
    .description('resolve customer records into persons, explain and correct links');

  identity
    .command('resolve')
    .description('link records across sources into persons (deterministic rules + Fellegi–Sunter)')
    .option('--incremental', 'resolve only records without a person yet, against existing persons')
    .option(
      '--threshold <p>',
      'match probability that links two records (default 0.9)',
      numberOption('threshold', { above: 0, below: 1 }),
    )
    .option('--deterministic-only', 'link on e-mail, phone and ids only')
    .action(
      async (
        opts: { incremental?: boolean; threshold?: number; deterministicOnly?: boolean },
        cmd: Command,
      ) => {
        const g = globalOptions(cmd);
        await withStore(g, async (store) => {
          const bar = createBar('identity');
          const r = await resolveIdentities(
            store,
            {
              ...(opts.incremental ? { incremental: true } : {}),
              ...(opts.threshold ? { threshold: opts.threshold } : {}),
              ...(opts.deterministicOnly ? { deterministicOnly: true } : {}),
            },
            (step, i, n) => bar.update(i / n, step),
          ).finally(() => bar.stop());
          if (g.json) return printJson(r);
          printTable([
            {
              mode: r.mode,
              records: r.records,
              new_records: r.newRecords,
              persons: r.persons,
              rule_links: r.deterministicEdges,
              candidate_pairs: r.candidatePairs,
              probabilistic_links: r.probabilisticLinks,
              merges: r.merges,
              splits: r.splits,
            },
          ]);
          if (r.activityRecords > 0) {
            process.stdout.write(
              `\n${r.activityRecords} of the records are customers seen only in activity (orders, tickets …; no customer row)\n`,
            );
          }
        });
      },
    );

  identity
    .command('explain')
    .description('show why two records match or not: per-field level, Bayes factor and weight')
    .argument('<recordA>', 'a record as source:source_id (e.g. crm:C000123)')
    .argument('<recordB>', 'another record')
    .action(async (a: string, b: string, _opts: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withStore(g, async (store) => {
        const e = await explainPair(store, a, b);
        if (g.json) return printJson(e);
        printTable(
          e.fields.map((f) => ({
            field: f.field,
            a: f.valueA,
            b: f.valueB,
            level: f.label,
            m: f.m,
            u: f.termFrequency ?? f.u,
            bayes_factor: f.bayesFactor,
            log2_weight: f.log2Weight,
          })),
        );
        process.stdout.write(
          `\nprior log2 odds ${e.priorLog2Odds.toFixed(2)} + fields = match weight ${e.matchWeight.toFixed(2)} → probability ${e.matchProbability.toFixed(4)}\npersons now: ${e.personA ?? '-'} / ${e.personB ?? '-'}\n`,
        );
      });
    });

  identity
    .command('split')
    .description('move a record out of its person (undo a wrong merge); later runs keep it apart')
    .argument('<record>', 'record as source:source_id')
    .action(async (record: string, _opts: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withStore(g, async (store) => {
        const r = await splitRecord(store, record);
        if (g.json) return printJson(r);
        process.stdout.write(`${r.recordKey}: moved from ${r.fromPersonId} to ${r.personId}\n`);
      });
    });

  for (const [name, kind, what] of [
    ['link', 'must_link', 'always put two records in the same person'],
    ['unlink', 'cannot_link', 'never put two records in the same person'],
  ] as const) {
    identity
      .command(name)
      .description(`${what} (a persistent override that later runs respect)`)
      .argument('<recordA>', 'record as source:source_id')
      .argument('<recordB>', 'record as source:source_id')
      .option('--note <text>', 'why')
      .action(async (a: string, b: string, opts: { note?: string }, cmd: Command) => {
        const g = globalOptions(cmd);
        const saved = await withStore(g, (store) => addOverride(store, kind, a, b, opts.note));
        if (g.json) return printJson(saved);
        process.stdout.write(
          `${kind} ${a} ${b} saved; run \`cxlens identity resolve\` to apply it\n`,
        );
      });
  }
}
