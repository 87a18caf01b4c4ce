// Test helper: the real API server (createServer) on an ephemeral port, serving the built
// dashboard when webDir is given.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createServer } from '../../../src/api/index.js';
import { createKey } from '../../../src/ingest/tracking/index.js';
import type { Store } from '../../../src/store/index.js';

/** A fresh read key for the dashboard and API calls. */
export async function createReadKey(store: Store): Promise<string> {
  return (await createKey(store, { scope: 'read' })).key;
}

export interface RunningServer {
  app: App;
  url: string;
  close: () => Promise<void>;
}

export async function startServer(
  store: Store,
  options: { webDir?: string; dataDir?: string } = {},
): Promise<RunningServer> {
  const owned = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cx-data-'));
  // The tracking log directory must exist before createServer opens the tracking service.
  mkdirSync(join(dataDir, 'tracking'), { recursive: true });
  const app = await createServer({
    store,
    dataDir,
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url: address,
    close: async () => {
      await app.close();
      if (owned) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
