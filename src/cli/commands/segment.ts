// `cxlens segment export <quadrant | saved segment | rule> --format csv|json`: guardrail lists.
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { InputError } from '../../lib/errors.js';
import { exportSegment } from '../../metrics/experience/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson } from '../output.js';

export function registerSegment(program: Command): void {
  const segment = program
    .command('segment')
    .description('segments of persons (quadrants, saved segments or rules)');
  segment
    .command('export')
    .description(
      'persons of a quadrant (e.g. silent_at_risk), a saved segment (saved:<name>, e.g. from churn save-cell) or a rule (e.g. "experience < 40 and voice = 0")',
    )
    .argument('<segment>', 'quadrant name, saved:<name> or rule')
    .option('--format <format>', 'csv or json', 'csv')
    .option(
      '--limit <n>',
      'at most this many persons',
      numberOption('limit', { integer: true, min: 1 }),
    )
    .action(async (seg: string, opts: { format: string; limit?: number }, cmd: Command) => {
      if (opts.format !== 'csv' && opts.format !== 'json') {
        throw new InputError(
          'INPUT_BAD_FORMAT',
          `--format "${opts.format}": expected csv or json`,
          { where: { field: 'format' } },
        );
      }
      const g = globalOptions(cmd);
      await withStore(g, async (store) => {
        const rows = await exportSegment(store, {
          segment: seg,
          limit: opts.limit,
        });
        if (opts.format === 'json' || g.json) return printJson(rows);
        const records = rows.map((r) => ({
          ...r,
          last_active_at: r.last_active_at?.toISOString() ?? '',
        }));
        process.stdout.write(
          stringify(records, {
            header: true,
            columns: Object.keys(records[0] ?? { person_id: '' }),
          }),
        );
      });
    });
}
