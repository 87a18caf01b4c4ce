import { describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { getFunnel, listFunnels, loadFunnelConfig, saveFunnel } from './saved.js';
import { breadthOf, type Counts, compareSegments, concentrationIn } from './segments.js';
import { decideVerdict } from './verdict.js';

const c = (xBefore: number, nBefore: number, xAfter: number, nAfter: number): Counts => ({
  xBefore,
  nBefore,
  xAfter,
  nAfter,
});
const sum = (m: Map<string, Counts>): Counts =>
  [...m.values()].reduce(
    (a, b) =>
      c(a.xBefore + b.xBefore, a.nBefore + b.nBefore, a.xAfter + b.xAfter, a.nAfter + b.nAfter),
    c(0, 0, 0, 0),
  );

describe('segment decomposition', () => {
  // Safari breaks (90% → 20%), the others hold at 90%: by hand, total 90% → 69%, Safari's rate
  // effect 0.3 × −0.7 = −0.21 = the whole change.
  const browser = new Map([
    ['Safari', c(270, 300, 60, 300)],
    ['Chrome', c(540, 600, 540, 600)],
    ['Edge', c(90, 100, 90, 100)],
  ]);
  const segs = compareSegments(new Map([['browser', browser]]), sum(browser), 0.05);

  it('attributes the change to the segment that moved', () => {
    const safari = segs.find((s) => s.value === 'Safari');
    expect(safari?.deltaPp).toBe(-70);
    expect(safari?.shareExplained).toBeCloseTo(1, 10);
    expect(safari?.significant).toBe(true);
    expect(segs.find((s) => s.value === 'Chrome')?.significant).toBe(false);
  });

  it('calls it concentrated, and a broad change not', () => {
    expect(concentrationIn('browser', segs, browser)).toMatchObject({
      value: 'Safari',
      deltaPp: -70,
      othersDeltaPp: 0,
    });
    const broad = new Map([
      ['Safari', c(225, 300, 150, 300)],
      ['Chrome', c(450, 600, 300, 600)],
      ['Edge', c(75, 100, 50, 100)],
    ]);
    const s2 = compareSegments(new Map([['browser', broad]]), sum(broad), 0.05);
    expect(concentrationIn('browser', s2, broad)).toBeNull();
    expect(breadthOf('browser', s2, -25)).toMatchObject({
      values: 3,
      sameDirection: 3,
      opposite: 0,
    });
  });
});

describe('decideVerdict', () => {
  const breadth = [
    {
      dimension: 'browser',
      values: 3,
      sameDirection: 3,
      minDeltaPp: -26,
      maxDeltaPp: -24,
      deltas: [],
      opposite: 0,
    },
  ];
  const release = {
    kind: 'release' as const,
    name: 'Checkout redesign',
    day: '2026-08-21',
    offsetDays: 0,
  };

  it('technology when a browser concentrates the drop', () => {
    const v = decideVerdict({
      direction: 'drop',
      deltaPp: -21,
      concentrations: [
        {
          dimension: 'browser',
          value: 'Safari',
          shareExplained: 0.98,
          trafficShare: 0.3,
          deltaPp: -70,
          othersDeltaPp: -0.5,
          othersPValue: 0.8,
        },
      ],
      breadth: [],
      errors: [
        {
          event: 'Payment Failed',
          code: 'PSP_TIMEOUT',
          segment: 'browser=Safari',
          before: 2,
          after: 40,
          ratio: 20,
          newSinceChange: false,
          pValue: 1e-9,
        },
      ],
      designChanges: [release],
    });
    expect(v.verdict).toBe('technology');
    expect(v.summary).toMatch(/Safari −70\.0 pp vs −0\.5 pp.*98%.*PSP_TIMEOUT\) ×20\.0/);
  });

  it('design when broad and coinciding with a release; unclear without one', () => {
    const input = {
      direction: 'drop' as const,
      deltaPp: -25,
      concentrations: [],
      breadth,
      errors: [],
      designChanges: [release],
    };
    expect(decideVerdict(input).verdict).toBe('design');
    expect(decideVerdict(input).summary).toMatch(/Checkout redesign/);
    expect(decideVerdict({ ...input, designChanges: [] }).verdict).toBe('unclear');
  });
});

describe('saved funnels', () => {
  it('reads the checked-in config and saves user funnels over it', async () => {
    expect(loadFunnelConfig().map((f) => f.name)).toContain('checkout');
    const store = await Store.open(':memory:');
    try {
      await saveFunnel(store, {
        name: 'signup',
        steps: ['Signed Up', 'Order Completed'],
        window: '7d',
        order: 'sequential',
        by: [],
      });
      await saveFunnel(store, {
        name: 'signup',
        steps: ['Signed In', 'Order Completed'],
        window: '7d',
        order: 'sequential',
        by: [],
      });
      expect((await getFunnel(store, 'signup')).steps[0]).toBe('Signed In');
      expect((await listFunnels(store)).map((f) => f.name)).toEqual(['checkout', 'signup']);
      await expect(getFunnel(store, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND_FUNNEL' });
    } finally {
      store.close();
    }
  });
});
