import type { Command } from 'commander';
import { getProfile } from '../../identity/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { formatCell, printJson, printTable } from '../output.js';

export function registerProfile(program: Command): void {
  program
    .command('profile')
    .description('360° view of a customer: golden record, source records and one timeline')
    .argument('<ref>', 'person id, e-mail, user id or source:source_id')
    .option(
      '--limit <n>',
      'timeline items (newest first)',
      numberOption('limit', { integer: true, min: 1 }),
      50,
    )
    .action(async (ref: string, opts: { limit: number }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withStore(g, async (store) => {
        const p = await getProfile(store, ref, { limit: opts.limit });
        if (g.json) return printJson(p);
        process.stdout.write(`person ${p.personId}\n\n`);
        printTable(
          Object.entries(p.golden)
            .filter(([, v]) => v !== null && v !== undefined)
            .map(([field, value]) => ({ field, value: formatCell(value) })),
        );
        process.stdout.write(`\nrecords (${p.records.length}):\n`);
        printTable(
          p.records.map((r) => ({
            source: r.source,
            source_id: r.source_id,
            email: r.email,
            phone: r.phone,
            first_name: r.first_name,
            last_name: r.last_name,
            rule: r.rule,
            probability: r.match_probability,
          })),
        );
        process.stdout.write(
          `\ntimeline (${p.timeline.length}${p.truncated ? ', truncated' : ''}):\n`,
        );
        printTable(
          p.timeline.map((t) => ({ at: t.at, kind: t.kind, source: t.source, title: t.title })),
        );
      });
    });
}
