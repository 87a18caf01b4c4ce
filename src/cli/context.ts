// Shared by every command: global options and opening the store.
import type { Command } from 'commander';
import { readEnv } from '../lib/config.js';
import { Store } from '../store/index.js';

export interface GlobalOptions {
  db?: string;
  verbose?: boolean;
  json?: boolean;
  /** Set by program.ts for the commands that make data (import, demo …): only they may create a
   * store, so a mistyped --db fails instead of answering from a new, empty one. */
  createStore?: boolean;
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export function dbPath(opts: GlobalOptions): string {
  return opts.db ?? readEnv().CXLENS_DB;
}

/** Opens the store for one command and always closes it. */
export async function withStore<T>(
  opts: GlobalOptions,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await Store.open(dbPath(opts), { create: opts.createStore === true });
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
