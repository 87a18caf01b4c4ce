// The official Segment node SDK (@segment/analytics-node) against a local cxlens server: its
// calls arrive and are stored, and it retries after a 429 (Retry-After) and after a 500.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createServer } from '../../src/api/index.js';
import { type TrackingServerOptions, trackingServiceOf } from '../../src/api/routes/tracking.js';
import { createKey } from '../../src/ingest/tracking/index.js';
import { Store } from '../../src/store/index.js';

let dir: string;
let store: Store;
let app: App;
let base: string;
let writeKey: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cx-track-sdk-'));
  store = await Store.open(join(dir, 'x.duckdb'));
  writeKey = (await createKey(store, { scope: 'write', source: 'backend' })).key;
  // maxInFlight 1 lets the 429 test hold the only slot with a request that never ends.
  const options: TrackingServerOptions = {
    store,
    dataDir: dir,
    tracking: { loadIntervalMs: 0, maxInFlight: 1 },
  };
  app = await createServer(options);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function client(
  host: string,
  extra: Partial<ConstructorParameters<typeof Analytics>[0]> = {},
): Analytics {
  return new Analytics({ writeKey, host, flushAt: 2, flushInterval: 50, ...extra });
}

async function countWhere(where: string): Promise<number> {
  await trackingServiceOf(store)!.flushed();
  return (
    (await store.one<{ n: number }>(`SELECT count(*) AS n FROM events WHERE ${where}`))?.n ?? 0
  );
}

describe('Segment node SDK → cxlens', () => {
  it('delivers identify, track and page; flush sends the rest', async () => {
    const analytics = client(base);
    const errors: unknown[] = [];
    analytics.on('error', (e) => errors.push(e));
    analytics.identify({
      userId: 'sdk-u1',
      traits: { email: 'sdk@example.com', firstName: 'Sam', plan: 'pro' },
    });
    analytics.track({ userId: 'sdk-u1', event: 'Signed Up', properties: { method: 'email' } });
    analytics.page({ anonymousId: 'sdk-a1', name: 'Pricing', properties: { path: '/pricing' } });
    await analytics.flush();
    await analytics.closeAndFlush();
    expect(errors).toEqual([]);
    expect(await countWhere("source = 'backend' AND user_id = 'sdk-u1'")).toBe(2);
    const page = await store.one(
      "SELECT type, event, page_path FROM events WHERE anonymous_id = 'sdk-a1'",
    );
    expect(page).toEqual({ type: 'page', event: 'Pricing', page_path: '/pricing' });
    const customer = await store.one(
      "SELECT email, first_name FROM customers WHERE source = 'backend' AND source_id = 'sdk-u1'",
    );
    expect(customer).toEqual({ email: 'sdk@example.com', first_name: 'Sam' });
  });

  it('retries after a 429 with Retry-After and then delivers', async () => {
    const url = new URL(base);
    const held = http.request({
      host: url.hostname,
      port: url.port,
      path: '/v1/track',
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
      },
    });
    held.on('error', () => undefined);
    held.flushHeaders();
    held.write('{');
    // Wait until the server holds the slot with it.
    const service = trackingServiceOf(store)!;
    while (service.inFlightCount < 1) await new Promise((r) => setImmediate(r));
    const statuses: number[] = [];
    const analytics = client(base, { flushAt: 1, maxRetries: 3 });
    // The SDK reports each response; release the held slot once it has seen the 429.
    const sawBusy = new Promise<void>((resolve) => {
      analyticsOnResponse(analytics, (status) => {
        statuses.push(status);
        if (status === 429) resolve();
      });
    });
    const delivered = new Promise<unknown>((resolve) =>
      analytics.track(
        { userId: 'sdk-busy', event: 'After Busy', messageId: 'sdk-busy-1' },
        resolve,
      ),
    );
    await sawBusy;
    held.destroy();
    expect(await delivered).toBeFalsy();
    await analytics.closeAndFlush();
    expect(statuses[0]).toBe(429);
    expect(statuses.at(-1)).toBe(200);
    expect(await countWhere("source_id = 'sdk-busy-1'")).toBe(1);
  });

  it('retries after a 500 and stores the batch once', async () => {
    // A proxy answers the first request 500, then forwards to the server (the SDK sees a 500
    // exactly as from a failing server; cxlens itself answers 500 only on a failed fsync).
    let failuresLeft = 1;
    const target = new URL(base);
    const proxy = http.createServer((req, res) => {
      if (failuresLeft > 0) {
        failuresLeft--;
        req.resume();
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"error":{"code":"INTERNAL","message":"internal error"}}');
        return;
      }
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const address = proxy.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const analytics = client(`http://127.0.0.1:${port}`, { flushAt: 2, maxRetries: 3 });
      const statuses: number[] = [];
      analyticsOnResponse(analytics, (s) => statuses.push(s));
      const done = [1, 2].map(
        (i) =>
          new Promise<unknown>((resolve) =>
            analytics.track(
              { anonymousId: 'sdk-a500', event: 'Retried', messageId: `sdk-500-${i}` },
              resolve,
            ),
          ),
      );
      expect(await Promise.all(done)).toEqual([undefined, undefined]);
      await analytics.closeAndFlush();
      expect(statuses).toEqual([500, 200]);
      expect(await countWhere("source_id LIKE 'sdk-500-%'")).toBe(2);
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });
});

/** The SDK emits `http_response` with the status of each attempt. */
function analyticsOnResponse(analytics: Analytics, fn: (status: number) => void): void {
  (analytics as unknown as { on: (e: string, f: (r: { status: number }) => void) => void }).on(
    'http_response',
    (r) => fn(r.status),
  );
}
