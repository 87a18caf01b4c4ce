import type { Command } from 'commander';
import { listRejects } from '../../ingest/index.js';
import { listDeadLetters } from '../../ingest/tracking/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson, printTable } from '../output.js';

export function registerRejects(program: Command): void {
  program
    .command('rejects')
    .description('list rejected rows (of the latest import, or of the import id given)')
    .argument('[import]', 'import id or its first characters')
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
          const rows = await listRejects(store, { importId, all: opts.all, limit: opts.limit });
          if (g.json) return printJson(rows);
          printTable(rows);
        });
      },
    );
}
