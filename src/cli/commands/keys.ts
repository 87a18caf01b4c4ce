// `cxlens keys create|list|revoke`: write keys per source (the Segment write key) and read keys.
// The key is printed once, at creation; the store keeps only its hash.
import type { Command } from 'commander';
import {
  createKey,
  KEY_SCOPES,
  type KeyScope,
  listKeys,
  revokeKey,
} from '../../ingest/tracking/index.js';
import { InputError } from '../../lib/errors.js';
import { globalOptions, withStore } from '../context.js';
import { printJson, printTable } from '../output.js';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys: write keys per source, read keys');
  keys
    .command('create')
    .description('create a key and print it (shown only once)')
    .option('--source <name>', 'source the write key sends as (web, app …)')
    .option(
      '--scope <scope>',
      `${KEY_SCOPES.join(' or ')} (default: write with --source, else read)`,
    )
    .action(async (opts: { source?: string; scope?: string }, cmd: Command) => {
      const scope = opts.scope ?? (opts.source ? 'write' : 'read');
      if (!(KEY_SCOPES as readonly string[]).includes(scope)) {
        throw new InputError(
          'INPUT_BAD_SCOPE',
          `--scope: "${scope}" is not a scope (expected ${KEY_SCOPES.join(' or ')})`,
          {
            where: { field: 'scope' },
          },
        );
      }
      const g = globalOptions(cmd);
      const created = await withStore(g, (store) =>
        createKey(store, { scope: scope as KeyScope, source: opts.source }),
      );
      if (g.json) return printJson(created);
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(
        `${created.scope} key ${created.key_id}${created.source ? ` for source ${created.source}` : ''}: store it now, it is not shown again\n`,
      );
    });
  keys
    .command('list')
    .description('list keys (never their secrets)')
    .option('--all', 'include revoked keys')
    .action(async (opts: { all?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      const rows = await withStore(g, (store) => listKeys(store, { all: opts.all === true }));
      if (g.json) return printJson(rows);
      printTable(rows as unknown as Record<string, unknown>[]);
    });
  keys
    .command('revoke')
    .description('revoke a key by its key id (or the key itself)')
    .argument('<key>', 'key id from `keys list`, or the key')
    .action(async (idOrKey: string, _opts: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      const revoked = await withStore(g, (store) => revokeKey(store, idOrKey));
      if (g.json) return printJson(revoked);
      process.stdout.write(`revoked ${revoked.scope} key ${revoked.key_id}\n`);
    });
}
