// Test helper: the real API (createServer) over an in-memory store, called in-process with
// app.inject and a read key — for route tests that need no port. `seed` fills the store first.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey } from '../ingest/tracking/index.js';
import { Store } from '../store/index.js';
import { type App, createServer } from './server.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in assertions
export type JsonBody = Record<string, any>;

export interface TestApp {
  store: Store;
  app: App;
  /** The read key the requests carry. */
  key: string;
  /** A request with the read key; the body parsed as JSON (text when it is not JSON). */
  call: (
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ) => Promise<{ status: number; body: JsonBody; text: string; headers: Record<string, unknown> }>;
  get: (url: string) => ReturnType<TestApp['call']>;
  close: () => Promise<void>;
}

export async function openTestApp(
  seed?: (store: Store) => Promise<void>,
  store?: Store,
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'cx-api-test-'));
  mkdirSync(join(dir, 'tracking'));
  const db = store ?? (await Store.open(':memory:'));
  if (seed) await seed(db);
  const key = (await createKey(db, { scope: 'read' })).key;
  const app = await createServer({ store: db, dataDir: dir });
  const call: TestApp['call'] = async (method, url, payload) => {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload ? { payload } : {}),
    });
    let body: JsonBody = {};
    try {
      body = res.json() as JsonBody;
    } catch {
      // CSV and other text answers: read res.text
    }
    return { status: res.statusCode, body, text: res.body, headers: res.headers };
  };
  return {
    store: db,
    app,
    key,
    call,
    get: (url) => call('GET', url),
    close: async () => {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
