import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLine } from '../../cli/run-command.js';
import { Store } from '../../store/index.js';
import { computeFunnel } from './funnel.js';
import { FunnelDefinition, WindowText } from './schemas.js';
import { insertEvents } from './testing.js';

describe('WindowText', () => {
  it('accepts positive durations', () => {
    for (const ok of ['1d', '12h', '30m', '90s', '2w', '0.5h', '1 d']) {
      expect(WindowText.safeParse(ok).success, ok).toBe(true);
    }
  });

  it('refuses a zero window (and one that rounds to 0 ms) with a clear message', () => {
    for (const zero of ['0d', '0s', '0.0h', '00w', '0.0001s']) {
      const r = WindowText.safeParse(zero);
      expect(r.success, zero).toBe(false);
      expect(r.error?.issues[0]?.message, zero).toBe(
        'expected a duration above zero such as 1d, 12h, 30m or 2w',
      );
    }
    // A malformed one keeps its own message (and is not measured).
    expect(WindowText.safeParse('soon').error?.issues.map((i) => i.message)).toEqual([
      'expected a duration such as 1d, 12h, 30m or 2w',
    ]);
    expect(
      FunnelDefinition.safeParse({ name: 'checkout', steps: ['a', 'b'], window: '0d' }).success,
    ).toBe(false);
  });
});

describe('computeFunnel with a zero window', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    const t0 = Date.parse('2024-03-04T10:00:00Z');
    await insertEvents(store, [
      { user: 'u1', event: 'view_product', at: t0 },
      { user: 'u1', event: 'add_to_cart', at: t0 + 60_000 },
    ]);
  });
  afterAll(() => store.close());

  it('is refused instead of reporting 0% conversion', async () => {
    const steps = ['view_product', 'add_to_cart'];
    expect((await computeFunnel(store, { steps, window: '1d' })).total.steps[1]?.count).toBe(1);
    const error = await computeFunnel(store, { steps, window: '0d' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    // What `cxlens funnel … --window 0d` prints.
    expect(errorLine(error)).toBe(
      'cxlens: window: expected a duration above zero such as 1d, 12h, 30m or 2w [INPUT_BAD_OPTION]',
    );
  });
});
