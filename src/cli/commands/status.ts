import type { Command } from 'commander';
import { countRows, latestImports } from '../../store/index.js';
import { globalOptions, withStore } from '../context.js';
import { printJson, printTable } from '../output.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('row counts per entity and source, and the latest imports')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withStore(g, async (store) => {
        const counts = await countRows(store);
        const imports = (await latestImports(store, 10)).map((r) => ({
          import: r.importId.slice(0, 8),
          entity: r.entity,
          source: r.source,
          finished_at: r.finishedAt,
          inserted: r.inserted,
          updated: r.updated,
          rejected: r.rejected,
        }));
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
