// Known answer on a hand-made store: a 10-day Safari payment break inside 90 days of a stable
// funnel must come out as two changes — technology, browser Safari, on the right days — with the
// new error flagged (no infinite ratio); and a change on the first day of `since` is still found,
// its "before" side taken from the history before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { diagnoseFunnel } from './diagnose.js';
import { insertEvents, type TestEvent } from './testing.js';

const DAY = 86_400_000;
const T0 = Date.parse('2024-03-04T09:00:00Z'); // a Monday
const BREAK = { from: 60, to: 70 };
const iso = (d: number) => new Date(T0 + d * DAY).toISOString().slice(0, 10);

let store: Store;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  store = await Store.open(':memory:');
  const r = rng(7);
  const events: TestEvent[] = [];
  const browsers = ['Chrome', 'Safari', 'Firefox'];
  for (let d = 0; d < 90; d++) {
    for (let u = 0; u < 24; u++) {
      const user = `u${d}-${u}`;
      const browser = browsers[u % 3] as string;
      const at = T0 + d * DAY + u * 60_000;
      events.push({ user, browser, event: 'view_product', at });
      if (r() > 0.7) continue;
      events.push({ user, browser, event: 'payment_submitted', at: at + 10 * 60_000 });
      const broken = browser === 'Safari' && d >= BREAK.from && d < BREAK.to;
      if (r() < (broken ? 0.85 : 0.02)) {
        events.push({
          user,
          browser,
          event: 'Payment Failed',
          at: at + 11 * 60_000,
          properties: { error_code: broken ? 'PSP_TIMEOUT' : 'CARD_DECLINED' },
        });
      } else events.push({ user, browser, event: 'order_completed', at: at + 12 * 60_000 });
    }
  }
  await insertEvents(store, events);
});
afterAll(() => store?.close());

const steps = ['view_product', 'payment_submitted', 'order_completed'];

describe('diagnoseFunnel on a short payment break', () => {
  it('finds its start and end, names Safari, flags the new error', async () => {
    const d = await diagnoseFunnel(store, { steps, dimensions: ['browser'] });
    const found = d.findings.map((f) => [f.day, f.direction, f.verdict]);
    expect(found).toEqual([
      [iso(BREAK.from), 'drop', 'technology'],
      [iso(BREAK.to), 'rise', 'technology'],
    ]);
    const drop = d.findings[0];
    expect(drop?.concentration).toMatchObject({ dimension: 'browser', value: 'Safari' });
    const psp = drop?.errors.find(
      (e) => e.code === 'PSP_TIMEOUT' && e.segment === 'browser=Safari',
    );
    expect(psp).toMatchObject({ before: 0, ratio: null, newSinceChange: true });
    expect(drop?.summary).toMatch(/PSP_TIMEOUT\) new on Safari/);
    // What the API serves must survive JSON unchanged.
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('uses the history before `since`, so a change on its first day is still found', async () => {
    const d = await diagnoseFunnel(store, { steps, dimensions: ['browser'], since: iso(60) });
    expect(d.period.from).toBe(iso(60));
    expect(d.series[0]?.day).toBe(iso(60));
    expect(d.findings.map((f) => f.day)).toEqual([iso(60), iso(70)]);
    expect((d.findings[0]?.before.from ?? iso(60)) < iso(60)).toBe(true);
    const blind = await diagnoseFunnel(store, {
      steps,
      dimensions: ['browser'],
      since: iso(60),
      historyDays: 0,
    });
    expect(blind.findings.map((f) => f.day)).not.toContain(iso(60));
  });
});
