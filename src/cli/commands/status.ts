import type { Command } from 'commander';
import { ENTITIES } from '../../schemas/index.js';
import type { Store } from '../../store/index.js';
import { globalOptions, withStore } from '../context.js';
import { printJson, printTable } from '../output.js';

export async function countsBySource(
  store: Store,
): Promise<{ entity: string; source: string; rows: number }[]> {
  const parts = Object.values(ENTITIES).map(
    (e) => `SELECT '${e.name}' AS entity, source, count(*) AS rows FROM ${e.table} GROUP BY source`,
  );
  return store.all(`${parts.join(' UNION ALL ')} ORDER BY entity, source`);
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('row counts per entity and source, and the latest imports')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withStore(g, async (store) => {
        const counts = await countsBySource(store);
        const imports = await store.all(
          'SELECT left(import_id, 8) AS import, entity, source, finished_at, rows_inserted AS inserted, rows_updated AS updated, rows_rejected AS rejected FROM import_runs ORDER BY started_at DESC LIMIT 10',
        );
        if (g.json) return printJson({ store: store.path, counts, imports });
        process.stdout.write(`store: ${store.path}\n\n`);
        printTable(counts);
        if (imports.length) {
          process.stdout.write('\nlatest imports:\n');
          printTable(imports);
        }
      });
    });
}
