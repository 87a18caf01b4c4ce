// The Segment tracking API over raw HTTP: what a good message becomes in the store, and the
// located 400 / 401 / 415 / 429 each bad input gets.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createServer } from '../../src/api/index.js';
import { type TrackingServerOptions, trackingServiceOf } from '../../src/api/routes/tracking.js';
import { createKey } from '../../src/ingest/tracking/index.js';
import { Store } from '../../src/store/index.js';

const UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

let dir: string;
let store: Store;
let app: App;
let base: string;
let writeKey: string;
let readKey: string;

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in assertions
type Json = Record<string, any>;

function auth(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth(writeKey), ...headers },
    body:
      typeof body === 'string' || body instanceof Uint8Array
        ? (body as BodyInit)
        : JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    json: (await res.json()) as Json,
  };
}

async function flushed(): Promise<void> {
  await trackingServiceOf(store)!.flushed();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cx-track-http-'));
  store = await Store.open(join(dir, 'x.duckdb'));
  writeKey = (await createKey(store, { scope: 'write', source: 'web' })).key;
  readKey = (await createKey(store, { scope: 'read' })).key;
  const options: TrackingServerOptions = { store, dataDir: dir, tracking: { loadIntervalMs: 0 } };
  app = await createServer(options);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tracking API: accepted messages', () => {
  it('stores a track call with context flattened and the timestamp corrected by sentAt', async () => {
    // The device clock runs one hour fast: timestamp and sentAt both carry the skew.
    const skewMs = 3600_000;
    const now = Date.now();
    const res = await post('/v1/track', {
      messageId: 'm-track-1',
      anonymousId: 'anon-1',
      userId: 'u-1',
      event: 'Order Completed',
      timestamp: new Date(now + skewMs - 60_000).toISOString(),
      sentAt: new Date(now + skewMs).toISOString(),
      properties: { revenue: 42, variant: 'B' },
      context: {
        userAgent: UA,
        page: {
          url: 'https://shop.example/checkout?x=1',
          path: '/checkout',
          referrer: 'https://google.com/',
        },
        campaign: { source: 'newsletter', medium: 'email', name: 'spring' },
        app: { version: '3.2.1' },
        locale: 'de-DE',
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ success: true, accepted: 1, rejected: [] });
    await flushed();
    const row = await store.one<Json>("SELECT * FROM events WHERE source_id = 'm-track-1'");
    expect(row).toMatchObject({
      source: 'web',
      type: 'track',
      event: 'Order Completed',
      user_id: 'u-1',
      anonymous_id: 'anon-1',
      browser: 'Safari',
      os: 'iOS',
      device_type: 'mobile',
      page_url: 'https://shop.example/checkout?x=1',
      page_path: '/checkout',
      referrer: 'https://google.com/',
      campaign_source: 'newsletter',
      campaign_medium: 'email',
      campaign_name: 'spring',
      app_version: '3.2.1',
      locale: 'de-DE',
      variant: 'B',
      user_agent: UA,
    });
    const ts = (row!.timestamp as Date).getTime();
    const received = (row!.received_at as Date).getTime();
    expect(received - ts).toBeGreaterThan(59_000); // one minute before it was received
    expect(received - ts).toBeLessThan(61_000 + 2000);
    expect(JSON.parse(row!.properties as string)).toEqual({ revenue: 42, variant: 'B' });
  });

  it('stores a retried message once (messageId dedupe), across and within batches', async () => {
    const batch = {
      batch: [
        { type: 'page', messageId: 'm-dup-1', anonymousId: 'a', name: 'Home' },
        { type: 'page', messageId: 'm-dup-1', anonymousId: 'a', name: 'Home' },
        { type: 'screen', messageId: 'm-dup-2', anonymousId: 'a', name: 'Cart' },
      ],
      sentAt: new Date().toISOString(),
    };
    expect((await post('/v1/batch', batch)).status).toBe(200);
    expect((await post('/v1/b', batch)).status).toBe(200);
    await flushed();
    const rows = await store.all<{ source_id: string; n: number }>(
      "SELECT source_id, count(*) AS n FROM events WHERE source_id LIKE 'm-dup-%' GROUP BY 1 ORDER BY 1",
    );
    expect(rows).toEqual([
      { source_id: 'm-dup-1', n: 1 },
      { source_id: 'm-dup-2', n: 1 },
    ]);
  });

  it('accepts gzip bodies and text/plain (analytics.js) with the write key in the body', async () => {
    const body = gzipSync(
      JSON.stringify({
        batch: [{ type: 'track', event: 'Zipped', messageId: 'm-gz', userId: 'u-2' }],
      }),
    );
    expect((await post('/v1/batch', body, { 'content-encoding': 'gzip' })).status).toBe(200);
    const res = await fetch(`${base}/v1/t`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({
        event: 'Beacon',
        messageId: 'm-beacon',
        anonymousId: 'a-3',
        writeKey,
      }),
    });
    expect(res.status).toBe(200);
    await flushed();
    const rows = await store.all(
      "SELECT source_id, event FROM events WHERE source_id IN ('m-gz', 'm-beacon') ORDER BY 1",
    );
    expect(rows).toEqual([
      { source_id: 'm-beacon', event: 'Beacon' },
      { source_id: 'm-gz', event: 'Zipped' },
    ]);
  });

  it('turns identify traits into a customer of the key source, merged over calls; alias is stored', async () => {
    await post('/v1/identify', {
      messageId: 'm-id-1',
      anonymousId: 'anon-7',
      userId: 'u-7',
      traits: {
        email: 'Ann@Example.com',
        firstName: 'Ann',
        plan: 'pro',
        address: { city: 'Leeds', postalCode: 'LS1' },
      },
    });
    await post('/v1/identify', {
      messageId: 'm-id-2',
      userId: 'u-7',
      traits: { lastName: 'Lee', phone: '+44 7700 900123', plan: 'team' },
    });
    // A retry of the first identify must not roll the newer traits back.
    await post('/v1/identify', { messageId: 'm-id-1', userId: 'u-7', traits: { plan: 'free' } });
    await post('/v1/alias', { messageId: 'm-alias-1', userId: 'u-7', previousId: 'old-7' });
    await flushed();
    const customers = await store.all<Json>(
      "SELECT * FROM customers WHERE source = 'web' AND source_id = 'u-7'",
    );
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({
      user_id: 'u-7',
      email: 'Ann@Example.com',
      first_name: 'Ann',
      last_name: 'Lee',
      phone: '+44 7700 900123',
      city: 'Leeds',
      postcode: 'LS1',
    });
    expect(JSON.parse(customers[0]!.attributes as string)).toEqual({ plan: 'team' });
    const alias = await store.one(
      "SELECT user_id, previous_id FROM events WHERE source_id = 'm-alias-1'",
    );
    expect(alias).toEqual({ user_id: 'u-7', previous_id: 'old-7' });
  });

  it('stores the valid messages of a batch and dead-letters the invalid ones with their reason', async () => {
    const res = await post('/v1/batch', {
      batch: [
        { type: 'track', event: 'Good', messageId: 'm-good-1', userId: 'u' },
        { type: 'track', event: 'No id', messageId: 'm-bad-1' },
        { type: 'explode', messageId: 'm-bad-2', userId: 'u' },
        {
          type: 'track',
          event: 'Bad time',
          messageId: 'm-bad-3',
          userId: 'u',
          timestamp: 'yesterday',
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(1);
    expect(
      res.json.rejected.map((r: { index: number; code: string }) => [r.index, r.code]),
    ).toEqual([
      [1, 'INPUT_MISSING_ID'],
      [2, 'INPUT_UNKNOWN_TYPE'],
      [3, 'INPUT_BAD_TIMESTAMP'],
    ]);
    await flushed();
    expect(
      await store.one("SELECT count(*) AS n FROM events WHERE source_id = 'm-good-1'"),
    ).toEqual({ n: 1 });
    const dead = await store.all<Json>(
      "SELECT message_index, message_id, code, reason, source FROM dead_letters WHERE message_id LIKE 'm-bad-%' ORDER BY message_index",
    );
    expect(dead.map((d) => [d.message_index, d.message_id, d.code, d.source])).toEqual([
      [1, 'm-bad-1', 'INPUT_MISSING_ID', 'web'],
      [2, 'm-bad-2', 'INPUT_UNKNOWN_TYPE', 'web'],
      [3, 'm-bad-3', 'INPUT_BAD_TIMESTAMP', 'web'],
    ]);
    expect(dead[2]!.reason).toContain('message 3 field "timestamp"');
  });
});

describe('tracking API: bad input', () => {
  it('invalid JSON → 400 INPUT_BAD_JSON', async () => {
    const res = await post('/v1/batch', '{"batch": [');
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('INPUT_BAD_JSON');
  });

  it('wrong content type → 415', async () => {
    const res = await post('/v1/track', 'event=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect(res.json.error.code).toBe('INPUT_BAD_CONTENT_TYPE');
  });

  it('oversize message → 400 naming the message index and the field', async () => {
    const res = await post('/v1/track', {
      event: 'Big',
      userId: 'u',
      properties: { blob: 'x'.repeat(40_000) },
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: 'INPUT_MESSAGE_TOO_LARGE',
      where: { index: 0, field: 'properties' },
    });
    expect(res.json.error.message).toContain('32768');
  });

  it('oversize batch → 400 INPUT_BATCH_TOO_LARGE, nothing stored', async () => {
    const batch = Array.from({ length: 30 }, (_, i) => ({
      type: 'track',
      event: 'Filler',
      messageId: `m-big-${i}`,
      userId: 'u',
      properties: { blob: 'y'.repeat(20_000) },
    }));
    const res = await post('/v1/batch', { batch });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: 'INPUT_BATCH_TOO_LARGE',
      where: { field: 'body' },
    });
    await flushed();
    expect(
      await store.one("SELECT count(*) AS n FROM events WHERE source_id LIKE 'm-big-%'"),
    ).toEqual({ n: 0 });
  });

  it('neither userId nor anonymousId → 400 INPUT_MISSING_ID at field userId', async () => {
    const res = await post('/v1/page', { name: 'Home', messageId: 'm-noid' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: 'INPUT_MISSING_ID',
      where: { index: 0, field: 'userId' },
    });
  });

  it('bad timestamp → 400 INPUT_BAD_TIMESTAMP', async () => {
    const res = await post('/v1/track', {
      event: 'x',
      userId: 'u',
      timestamp: '2024-13-45T99:00:00Z',
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: 'INPUT_BAD_TIMESTAMP',
      where: { index: 0, field: 'timestamp' },
    });
  });

  it('unknown type → 400 INPUT_UNKNOWN_TYPE with the message index', async () => {
    const res = await post('/v1/batch', { batch: [{ type: 'purchase', userId: 'u' }] });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: 'INPUT_UNKNOWN_TYPE',
      where: { index: 0, field: 'type' },
    });
  });

  it('a batch that is not a batch → 400 INPUT_BAD_BATCH', async () => {
    const res = await post('/v1/batch', { batch: { type: 'track' } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('INPUT_BAD_BATCH');
  });

  it('wrong, missing or read-scoped key → 401 / 403', async () => {
    const msg = { event: 'x', userId: 'u' };
    const wrong = await post('/v1/track', msg, { authorization: auth('cxw_not-a-key') });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('AUTH_BAD_KEY');
    const missing = await fetch(`${base}/v1/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(msg),
    });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as Json).error.code).toBe('AUTH_MISSING_KEY');
    const read = await post('/v1/track', msg, { authorization: `Bearer ${readKey}` });
    expect(read.status).toBe(403);
  });
});

describe('tracking API: back-pressure', () => {
  it('answers 429 with Retry-After when the in-flight bound is reached', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'cx-track-busy-'));
    const store2 = await Store.open(join(dir2, 'x.duckdb'));
    const key = (await createKey(store2, { scope: 'write', source: 'web' })).key;
    const options: TrackingServerOptions = {
      store: store2,
      dataDir: dir2,
      tracking: { maxInFlight: 1 },
    };
    const app2 = await createServer(options);
    const url = new URL(await app2.listen({ port: 0, host: '127.0.0.1' }));
    try {
      // Hold the only slot: a request whose body never ends.
      const held = http.request({
        host: url.hostname,
        port: url.port,
        path: '/v1/track',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', authorization: auth(key) },
      });
      held.on('error', () => undefined);
      held.write('{"event":"held",');
      held.flushHeaders();
      const service = trackingServiceOf(store2)!;
      while (service.inFlightCount < 1) await new Promise((r) => setImmediate(r));
      const res = await fetch(`${url.origin}/v1/track`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth(key) },
        body: JSON.stringify({ event: 'x', userId: 'u' }),
      });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as Json).error.code).toBe('BUSY');
      held.destroy();
    } finally {
      await app2.close();
      store2.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  });
});
