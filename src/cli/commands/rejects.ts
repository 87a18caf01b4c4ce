import type { Command } from 'commander';
import { listDeadLetters } from '../../ingest/tracking/index.js';
import { globalOptions, withStore } from '../context.js';
import { printJson, printTable } from '../output.js';

export function registerRejects(program: Command): void {
  program
    .command('rejects')
    .description('list rejected rows (of the latest import, or of the import id given)')
    .argument('[import]', 'import id or its first characters')
    .option('--all', 'rejects of every import')
    .option('--limit <n>', 'rows to show', '100')
    .option('--dead-letters', 'messages the tracking API could not accept (newest first)')
    .option('--source <name>', 'with --dead-letters: only this source')
    .action(
      async (
        importId: string | undefined,
        opts: { all?: boolean; limit: string; deadLetters?: boolean; source?: string },
        cmd: Command,
      ) => {
        const g = globalOptions(cmd);
        await withStore(g, async (store) => {
          if (opts.deadLetters) {
            const dead = await listDeadLetters(store, {
              source: opts.source,
              limit: Number(opts.limit),
            });
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
          const filter = opts.all
            ? 'true'
            : importId
              ? 'starts_with(r.import_id, ?)'
              : 'r.import_id = (SELECT import_id FROM import_runs WHERE rows_rejected > 0 ORDER BY started_at DESC LIMIT 1)';
          const params = !opts.all && importId ? [importId] : [];
          const rows = await store.all(
            `SELECT left(r.import_id, 8) AS import, r.entity, r.file, r.line, r."column", r.value, r.code, r.reason FROM rejects r WHERE ${filter} ORDER BY r.rejected_at, r.file, r.line LIMIT ${Math.max(1, Number(opts.limit) || 100)}`,
            params,
          );
          if (g.json) return printJson(rows);
          printTable(rows);
        });
      },
    );
}
