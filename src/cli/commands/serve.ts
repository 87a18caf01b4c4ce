// `cxlens serve`: the HTTP API (Segment tracking API, read API, dashboard) on one port. Prints
// `listening on http://host:port` on stdout once it accepts requests (after replaying any
// tracking log a previous run left unloaded); SIGINT/SIGTERM drain the queue and exit cleanly.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createServer } from '../../api/index.js';
import { readEnv } from '../../lib/config.js';
import { InputError } from '../../lib/errors.js';
import { Store } from '../../store/index.js';
import { dbPath, globalOptions } from '../context.js';

const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

interface ServeOptions {
  port?: string;
  host?: string;
  dataDir?: string;
}

export interface ListenOptions {
  port: number;
  host: string;
  dataDir: string;
}

/** Serves the API (and the dashboard when built) until SIGINT/SIGTERM, then closes cleanly. */
export async function serveUntilSignal(
  store: Store,
  options: ListenOptions,
  onListening: (address: string) => void,
): Promise<void> {
  const app = await createServer({
    store,
    dataDir: options.dataDir,
    ...(existsSync(WEB_DIST) ? { webDir: WEB_DIST } : {}),
  });
  const address = await app.listen({ port: options.port, host: options.host });
  onListening(address);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await app.close();
}

export function parsePort(value: string | undefined, fallback: number): number {
  const port = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError('INPUT_BAD_PORT', `--port: "${value}" is not a port (expected 0–65535)`, {
      where: { field: 'port' },
    });
  }
  return port;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API: Segment-compatible tracking (/v1/*), read API and dashboard')
    .option('--port <n>', 'port, 0 for any free one (env CXLENS_PORT, default 4600)')
    .option('--host <host>', 'address to listen on (env CXLENS_HOST, default 127.0.0.1)')
    .option('--data-dir <dir>', 'directory for the durable tracking log (env CXLENS_DATA_DIR)')
    .action(async (opts: ServeOptions, cmd: Command) => {
      const env = readEnv();
      const port = parsePort(opts.port, env.CXLENS_PORT);
      const store = await Store.open(dbPath(globalOptions(cmd)));
      try {
        await serveUntilSignal(
          store,
          {
            port,
            host: opts.host ?? env.CXLENS_HOST,
            dataDir: opts.dataDir ?? env.CXLENS_DATA_DIR,
          },
          (address) => process.stdout.write(`listening on ${address}\n`),
        );
      } finally {
        store.close();
      }
    });
}
