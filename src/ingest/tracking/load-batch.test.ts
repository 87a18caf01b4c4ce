// The loader flattens log lines in DuckDB (flatten.ts: lineColumnsSql); flattenMessage is the same
// SEGMENT_PATHS mapping in JS. Every column of every stored row must equal the JS reading, on
// messages that probe the edges (empty strings, numbers and booleans, objects where text is
// expected, fallback paths, JSON columns holding scalars, unicode), and dead letters and torn
// lines must be handled as before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { AgentCache, EVENT_COLUMNS, flattenMessage } from './flatten.js';
import { BatchLoader } from './load-batch.js';
import { prepareBody } from './prepare.js';

const UA_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const UA_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

const MESSAGES: Record<string, unknown>[] = [
  {
    type: 'track',
    event: 'Order Completed',
    messageId: 'f-1',
    userId: 'u-1',
    anonymousId: 'a-1',
    timestamp: '2026-05-01T12:00:00.000Z',
    properties: { revenue: 42.5, variant: 'B', nested: { k: [1, 2, { z: null }] } },
    context: {
      userAgent: UA_IPHONE,
      page: { url: 'https://shop.example/c?x=1', path: '/c', referrer: 'https://google.com/' },
      campaign: { source: 'news', medium: 'email', name: 'spring' },
      app: { version: '3.2.1' },
      locale: 'de-DE',
      location: { country: 'DE' },
      sessionId: 'sess-1',
    },
  },
  // Fallback paths: event from name, page fields from properties, variant from the experiment,
  // session from properties, numbers and booleans where text is expected, '' skipped.
  {
    type: 'page',
    name: 'Pricing',
    messageId: 'f-2',
    anonymousId: 12345,
    properties: { url: 'https://x.example/p', path: '/p', referrer: '', session_id: 77 },
    context: {
      page: { url: '', path: null },
      experiment: { variant: true },
      app: { version: 2.5 },
      os: { name: 'Android', version: 14 },
      device: { type: 'tablet' },
      userAgent: UA_CHROME,
    },
  },
  // Objects where text is expected, a page that is not an object, properties.name as event,
  // unicode, no user agent.
  {
    type: 'screen',
    messageId: 'f-3',
    userId: 'ü-3 ✓',
    properties: { name: 'Écran', variant: { arm: 'x' } },
    context: { page: 'not an object', locale: '', campaign: { source: ['a', 'b'] } },
  },
  // Traits from context.traits when there are none at the top; '' user agent.
  {
    type: 'identify',
    messageId: 'f-4',
    userId: 'u-4',
    traits: null,
    context: { traits: { email: 'x@example.com', plan: 'pro' }, userAgent: '' },
  },
  { type: 'alias', messageId: 'f-5', userId: 'u-5', previousId: 'old-5' },
  // A JSON column's path holding a scalar or an array.
  {
    type: 'group',
    messageId: 'f-6',
    anonymousId: 'a-6',
    groupId: 'g-6',
    context: { traits: 'scalar' },
  },
  { type: 'track', event: 'Arr', messageId: 'f-6b', userId: 'u', context: { traits: [1, 'x'] } },
  // A message id of its own is made for a message without one.
  { type: 'track', event: 'No Id', userId: 'u-7', context: { userAgent: UA_IPHONE } },
];

let dir: string;
let store: Store;
let loader: BatchLoader;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cx-load-batch-'));
  store = await Store.open(join(dir, 'x.duckdb'));
  loader = await BatchLoader.create(await store.connect(), new AgentCache());
});

afterAll(() => {
  loader?.conn.closeSync();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('BatchLoader: SQL flattening equals flattenMessage', () => {
  it('stores every column as the JS reading of SEGMENT_PATHS, dead letters, and skips torn lines', async () => {
    const prepared = prepareBody(
      {
        batch: [...MESSAGES, { type: 'explode', messageId: 'f-dead', userId: 'u' }],
        sentAt: '2026-05-01T12:00:01.000Z',
      },
      'batch',
      'web',
      Date.parse('2026-05-01T12:00:05.000Z'),
    );
    if ('code' in prepared) throw new Error(prepared.message);
    expect(prepared.accepted).toBe(MESSAGES.length);
    // A torn line (a crashed run's tail) is counted, not loaded.
    const text = `${prepared.lines.join('')}{"source":"web","message":{"type":"tr`;
    const result = await loader.load(text, { logDir: dir, seq: 1, offset: 1 });
    expect(result).toMatchObject({
      inserted: MESSAGES.length,
      duplicates: 0,
      deadLetters: 1,
      unreadable: 1,
      customers: 1,
    });
    // JSON columns: a scalar is no value, an array is kept.
    expect(
      await store.all("SELECT traits FROM events WHERE source_id IN ('f-6', 'f-6b') ORDER BY 1"),
    ).toEqual([{ traits: '[1,"x"]' }, { traits: null }]);

    const agents = new AgentCache();
    const expected = prepared.lines
      .map((l) => JSON.parse(l) as { source: string; message?: Record<string, unknown> })
      .filter((r) => r.message)
      .map((r) => flattenMessage(r.source, r.message, agents));
    const rows = await store.all<Record<string, unknown>>(
      `SELECT ${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM events ORDER BY rowid`,
    );
    expect(rows).toHaveLength(expected.length);
    for (const [i, want] of expected.entries()) {
      const got = rows[i]!;
      for (const col of EVENT_COLUMNS) {
        const g = got[col];
        const w = want[col];
        const where = `${want.source_id} ${col}`;
        if (col === 'timestamp' || col === 'received_at')
          expect([where, (g as Date).getTime()]).toEqual([where, Date.parse(w!)]);
        else if (col === 'properties' || col === 'traits' || col === 'context')
          expect([where, g === null ? null : JSON.parse(g as string)]).toEqual([
            where,
            w === null ? null : JSON.parse(w),
          ]);
        else expect([where, g]).toEqual([where, w]);
      }
    }
    // Spot checks of what the edges mean, independent of the reference.
    expect(expected[1]).toMatchObject({
      event: 'Pricing',
      anonymous_id: '12345',
      page_url: 'https://x.example/p',
      page_path: '/p',
      referrer: null,
      session_id: '77',
      variant: 'true',
      app_version: '2.5',
      os_version: '14',
      device_type: 'tablet',
      browser: 'Chrome',
    });
    expect(expected[2]).toMatchObject({
      event: 'Écran',
      user_id: 'ü-3 ✓',
      variant: '{"arm":"x"}',
      campaign_source: '["a","b"]',
      page_url: null,
      locale: null,
    });
    expect(expected[3]).toMatchObject({ properties: null, user_agent: null, browser: null });
    expect(JSON.parse(expected[3]!.traits!)).toEqual({ email: 'x@example.com', plan: 'pro' });

    const dead = await store.all(
      'SELECT message_index, message_id, code, source, CAST(payload AS VARCHAR) AS payload FROM dead_letters',
    );
    expect(dead).toEqual([
      {
        message_index: MESSAGES.length,
        message_id: 'f-dead',
        code: 'INPUT_UNKNOWN_TYPE',
        source: 'web',
        payload: '{"type":"explode","messageId":"f-dead","userId":"u"}',
      },
    ]);
    const customer = await store.one(
      "SELECT email, attributes FROM customers WHERE source = 'web' AND source_id = 'u-4'",
    );
    expect(customer).toEqual({ email: 'x@example.com', attributes: '{"plan":"pro"}' });

    // The keys of the inserted events are logged for the next score run, with their earliest
    // (stored, clock-corrected) time.
    const changes = await store.all<{ key_kind: string; key: string; event_at: Date }>(
      'SELECT key_kind, key, event_at FROM activity_changes ORDER BY key_kind, key',
    );
    expect(changes.map((c) => `${c.key_kind}:${c.key}`)).toEqual(
      expect.arrayContaining([
        'user_id:u-1',
        'anonymous_id:12345',
        'user_id:u-7',
        'anonymous_id:a-6',
      ]),
    );
    const u1 = await store.one<{ t: Date }>(
      "SELECT min(timestamp) AS t FROM events WHERE user_id = 'u-1'",
    );
    expect(changes.find((c) => c.key === 'u-1')?.event_at).toEqual(u1?.t);

    // The same lines again (a replay): nothing stored twice.
    const again = await loader.load(prepared.lines.join(''), { logDir: dir, seq: 1, offset: 2 });
    expect(again).toMatchObject({ inserted: 0, duplicates: MESSAGES.length });
    expect(await store.one('SELECT count(*) AS n FROM events')).toEqual({ n: MESSAGES.length });
  });
});
