import type { Command } from 'commander';
import { listRejects } from '../../ingest/index.js';
import { listDeadLetters } from '../../ingest/tracking/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson, printTable } from '../output.js';

export function registerRejects(program: Command): void {
  program
    .command('rejects')
    .description(
      'list rejected rows of the latest import (even if it rejected none), or of the import given',
    )
    .argument('[import]', 'import id or its first characters (ids: cxlens status)')
    .option('--all', 'rejects of every import')
    .option('--limit <n>', 'rows to show', numberOption('limit', { integer: true, min: 1 }), 100)
    .option('--dead-letters', 'messages the tracking API could not accept (newest first)')
    .option('--source <name>', 'with --dead-letters: only this source')
    .action(
      async (
        importId: string | undefined,
        opts: { all?: boolean; limit: number; deadLetters?: boolean; source?: string },
        cmd: Command,
      ) => {
        const g = globalOptions(cmd);
        await withStore(g, async (store) => {
          if (opts.deadLetters) {
            const dead = await listDeadLetters(store, { source: opts.source, limit: opts.limit });
            if (g.json) return printJson(dead);
            return printTable(dead as unknown as Record<string, unknown>[], [
              'received_at',
              'source',
              'message_index',
              'message_id',
              'code',
              'reason',
            ]);
          }
          const { run, rows } = await listRejects(store, {
            importId,
            all: opts.all,
            limit: opts.limit,
          });
          if (g.json) return printJson(rows);
          if (!opts.all && !run) {
            process.stdout.write('no imports yet\n');
            return;
          }
          if (run && rows.length === 0) {
            // Rejects beyond the stored limit are counted but not kept.
            const what =
              run.rejected === 0
                ? 'no rejected rows'
                : `${run.rejected} rejected rows, none stored`;
            process.stdout.write(
              `import ${run.importId.slice(0, 8)} (${run.entity}, ${run.source}): ${what}\n`,
            );
            return;
          }
          printTable(rows);
        });
      },
    );
}
