import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { computeFunnel } from './funnel.js';
import { insertEvents, type TestEvent } from './testing.js';

const STEPS = [
  'view_product',
  'add_to_cart',
  'checkout_started',
  'payment_submitted',
  'order_completed',
];
const T0 = Date.parse('2024-03-04T10:00:00Z'); // a Monday
const MIN = 60_000;
const DAY = 86_400_000;

function walk(
  who: Partial<TestEvent>,
  names: string[],
  gapsMin: number[],
  start = T0,
): TestEvent[] {
  let t = start;
  return names.map((event, i) => {
    t += (gapsMin[i] ?? 0) * MIN;
    return { ...who, event, at: t };
  });
}

const EVENTS: TestEvent[] = [
  // u1 converts fully on Chrome: 1, 4, 5, 1 minutes between steps.
  ...walk(
    { user: 'u1', browser: 'Chrome' },
    ['Product Viewed', 'Product Added', 'Checkout Started', 'Payment Submitted', 'Order Completed'],
    [0, 1, 4, 5, 1],
  ),
  // u2 (Safari) adds to cart, then starts checkout two days later: outside the 1-day window.
  ...walk({ user: 'u2', browser: 'Safari' }, ['Product Viewed', 'Product Added'], [0, 2]),
  { user: 'u2', browser: 'Safari', event: 'Checkout Started', at: T0 + 2 * DAY },
  // u3 never views a product: not in the funnel.
  { user: 'u3', browser: 'Chrome', event: 'Product Added', at: T0 },
  // u4 skips Add before Checkout: reaches step 2 only (order matters).
  ...walk(
    { user: 'u4', browser: 'Firefox' },
    ['Product Viewed', 'Checkout Started', 'Product Added'],
    [0, 3, 3],
  ),
  // a5 views anonymously, identifies as u5, adds to cart as u5: one actor, reaches step 2.
  { anon: 'a5', event: 'Product Viewed', at: T0 + MIN, browser: 'Safari' },
  { anon: 'a5', user: 'u5', type: 'identify', at: T0 + 2 * MIN },
  { user: 'u5', event: 'Product Added', at: T0 + 3 * MIN, browser: 'Safari' },
];

describe('computeFunnel', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
    await insertEvents(store, EVENTS);
  });
  afterEach(() => store.close());

  it('counts ordered steps within the window, stitching anonymous visits', async () => {
    const r = await computeFunnel(store, { steps: STEPS, window: '1d' });
    expect(r.steps.map((s) => s.label)).toEqual([
      'Product Viewed',
      'Product Added',
      'Checkout Started',
      'Payment Submitted',
      'Order Completed',
    ]);
    expect(r.total.entered).toBe(4);
    expect(r.total.steps.map((s) => s.count)).toEqual([4, 4, 1, 1, 1]);
    expect(r.total.steps[2]?.fromPrevious.rate).toBeCloseTo(0.25, 10);
    expect(r.total.steps[2]?.fromPrevious.low).toBeCloseTo(0.0456, 3); // Wilson 1/4
    expect(r.total.steps[1]?.timeToConvert?.p50Ms).toBe(2 * MIN); // u1 1m, u2 2m, u4 6m, a5 2m
    expect(r.total.steps[3]?.timeToConvert?.histogram.find((h) => h.label === '5–30m')?.count).toBe(
      1,
    );
  });

  it('a longer window lets u2 through', async () => {
    const r = await computeFunnel(store, { steps: STEPS, window: '3d' });
    expect(r.total.steps.map((s) => s.count)).toEqual([4, 4, 2, 1, 1]);
  });

  it('breaks down by browser from the first step, unknown kept', async () => {
    await insertEvents(store, [{ user: 'u9', event: 'Product Viewed', at: T0 }]);
    const r = await computeFunnel(store, { steps: STEPS, by: ['browser'] });
    const byBrowser = Object.fromEntries(
      r.groups.map((g) => [g.key.browser, g.steps.map((s) => s.count)]),
    );
    expect(byBrowser).toEqual({
      Safari: [2, 2, 0, 0, 0],
      Chrome: [1, 1, 1, 1, 1],
      Firefox: [1, 1, 0, 0, 0],
      unknown: [1, 0, 0, 0, 0],
    });
  });

  it('takes the breakdown from a named step: actors who never reached it are unknown', async () => {
    const r = await computeFunnel(store, {
      steps: STEPS,
      by: ['browser'],
      byStep: 'Checkout Started',
    });
    const entered = Object.fromEntries(r.groups.map((g) => [g.key.browser, g.entered]));
    expect(entered).toEqual({ Chrome: 1, unknown: 3 });
  });

  it('strict order rejects other funnel steps in between', async () => {
    await insertEvents(
      store,
      walk(
        { user: 'u7' },
        ['Product Viewed', 'Product Added', 'Product Viewed', 'Checkout Started'],
        [0, 1, 1, 1],
      ),
    );
    const loose = await computeFunnel(store, { steps: STEPS, order: 'sequential' });
    const strict = await computeFunnel(store, { steps: STEPS, order: 'strict' });
    expect(loose.total.steps[2]?.count).toBe(2);
    expect(strict.total.steps[2]?.count).toBe(1);
  });

  it('splits entries by day and filters the period', async () => {
    await insertEvents(
      store,
      walk({ user: 'u1' }, ['Product Viewed', 'Product Added'], [0, 1], T0 + DAY),
    );
    const r = await computeFunnel(store, { steps: STEPS.slice(0, 2), interval: 'day' });
    expect(r.series.map((p) => [p.bucket, p.entered, p.steps[1]?.count])).toEqual([
      ['2024-03-04', 4, 4],
      ['2024-03-05', 1, 1],
    ]);
    const week = await computeFunnel(store, { steps: STEPS.slice(0, 2), interval: 'week' });
    // One entry per actor and week: u1's second day is part of the same entry.
    expect(week.series.map((p) => [p.bucket, p.entered])).toEqual([['2024-03-04', 4]]);
    const later = await computeFunnel(store, { steps: STEPS.slice(0, 2), from: '2024-03-05' });
    expect(later.total.entered).toBe(1);
  });

  it('matches page steps and reports unknown steps with suggestions', async () => {
    await insertEvents(store, [
      { user: 'u1', type: 'page', event: 'Checkout', path: '/checkout', at: T0 + 2 * MIN },
    ]);
    const r = await computeFunnel(store, {
      steps: ['Product Viewed', 'page:/checkout', 'Order Completed'],
    });
    expect(r.total.steps.map((s) => s.count)).toEqual([4, 1, 1]);
    await expect(
      computeFunnel(store, { steps: ['Product Viewd', 'Order Complete'] }),
    ).rejects.toMatchObject({ code: 'INPUT_UNKNOWN_STEP' });
    await expect(computeFunnel(store, { steps: STEPS, by: ['shoe_size'] })).rejects.toMatchObject({
      code: 'INPUT_UNKNOWN_DIMENSION',
    });
  });

  it('counts persons when identity resolution has run', async () => {
    await store.run(
      "INSERT INTO person_keys VALUES ('user_id', 'u2', 'P1'), ('user_id', 'u4', 'P1'), ('user_id', 'u1', 'P2')",
    );
    const r = await computeFunnel(store, { steps: STEPS });
    expect(r.actor).toBe('person');
    // u2 and u4 are one person: entered once, from the earlier of their first views.
    expect(r.total.entered).toBe(3);
  });

  it('returns zeros on an empty store window', async () => {
    const r = await computeFunnel(store, { steps: STEPS, from: '2030-01-01' });
    expect(r.total.entered).toBe(0);
    expect(r.total.steps[1]?.fromPrevious.rate).toBeNull();
  });
});
