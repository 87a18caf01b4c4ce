import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { computePaths } from './paths.js';
import { insertEvents, type TestEvent } from './testing.js';

const T0 = Date.parse('2024-03-04T10:00:00Z');
const MIN = 60_000;
const seq = (user: string, names: string[]): TestEvent[] =>
  names.map((event, i) => ({ user, event, at: T0 + i * MIN }));

describe('computePaths', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
    await insertEvents(store, [
      ...seq('u1', ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed']),
      ...seq('u2', ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed']),
      ...seq('u3', ['Product Viewed', 'Product Added', 'Products Searched']),
      ...seq('u4', ['Product Viewed', 'Products Searched', 'Product Viewed']),
      { user: 'u4', type: 'page', event: 'Help', at: T0 + 10 * MIN },
    ]);
  });
  afterEach(() => store.close());

  it('counts the most common paths after a step, per actor', async () => {
    const r = await computePaths(store, { step: 'product_viewed', depth: 2 });
    expect(r.actors).toBe(4);
    expect(r.paths[0]).toEqual({
      path: ['Product Added', 'Checkout Started'],
      actors: 2,
      share: 0.5,
    });
    expect(r.paths.map((p) => p.path.join('>'))).toContain('Products Searched>Product Viewed');
    expect(r.next[0]).toEqual({ label: 'Product Added', actors: 3, share: 0.75 });
  });

  it('counts paths into a step', async () => {
    const r = await computePaths(store, {
      step: 'Checkout Started',
      direction: 'before',
      depth: 2,
    });
    expect(r.paths).toEqual([{ path: ['Product Viewed', 'Product Added'], actors: 2, share: 1 }]);
  });

  it('shows what drop-offs did instead of the next step', async () => {
    const r = await computePaths(store, {
      funnel: { steps: ['Product Viewed', 'Product Added', 'Checkout Started'] },
      dropOffAt: 2,
      depth: 1,
    });
    expect(r.anchor).toBe('Product Added without Checkout Started');
    expect(r.actors).toBe(1);
    expect(r.next).toEqual([{ label: 'Products Searched', actors: 1, share: 1 }]);
  });

  it('labels page views and reports an empty path when nothing follows', async () => {
    const r = await computePaths(store, { step: 'Order Completed', depth: 1 });
    expect(r.paths).toEqual([{ path: [], actors: 2, share: 1 }]);
    const help = await computePaths(store, { step: 'Products Searched', depth: 3 });
    expect(help.paths.map((p) => p.path.join('>'))).toContain('Product Viewed>page:Help');
  });
});
