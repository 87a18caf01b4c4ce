// Test fixtures for the churn analyses: a few hand-checkable orders and a config.
import type { Store } from '../../store/index.js';
import { type ChurnConfig, parseChurnConfig } from './config.js';

export interface FixtureOrder {
  customer: string;
  at: string;
  amount: number;
  partner?: string;
  channel?: string;
}

/** Six customers (A–F) in shop; data end 2026-05-31. */
export const SMALL_ORDERS: FixtureOrder[] = [
  { customer: 'A', at: '2026-01-05', amount: 10, partner: 'P1', channel: 'web' },
  { customer: 'A', at: '2026-02-10', amount: 20 },
  { customer: 'A', at: '2026-04-20', amount: 30 },
  { customer: 'B', at: '2026-01-10', amount: 50, partner: 'P2', channel: 'app' },
  { customer: 'C', at: '2026-01-20', amount: 20, partner: 'P2', channel: 'app' },
  { customer: 'C', at: '2026-02-15', amount: 40 },
  { customer: 'D', at: '2026-02-03', amount: 15, partner: 'P1', channel: 'web' },
  { customer: 'D', at: '2026-03-25', amount: 25 },
  { customer: 'E', at: '2026-03-02', amount: 10, partner: 'P1', channel: 'web' },
  { customer: 'E', at: '2026-05-30', amount: 60 },
  { customer: 'F', at: '2026-05-31', amount: 5, partner: 'P2', channel: 'app' },
];

export function testConfig(overrides: Record<string, unknown> = {}): ChurnConfig {
  return parseChurnConfig({
    definition: { kind: 'inactivity', days: 30 },
    activity: ['orders'],
    horizon_days: 30,
    ...overrides,
  });
}

export async function insertOrders(store: Store, orders: readonly FixtureOrder[]): Promise<void> {
  let i = 0;
  for (const o of orders) {
    i++;
    await store.run(
      `INSERT INTO orders (source, source_id, customer_id, placed_at, amount, partner_id, channel)
       VALUES ('shop', ?, ?, CAST(? AS TIMESTAMP) + INTERVAL 12 HOUR, ?, ?, ?)`,
      [`O${i}`, o.customer, o.at, o.amount, o.partner ?? null, o.channel ?? null],
    );
  }
}

/**
 * Synthetic shop for the risk and value tests (seeded): `customers` people ordering from
 * 2026-01-01 for 240 days; each order is late with probability 0.5 for "unlucky" customers
 * (else 0.05) and every late delivery raises the daily churn hazard. Returns the orders.
 */
export async function insertSyntheticShop(
  store: Store,
  customers: number,
  seed = 1,
): Promise<FixtureOrder[]> {
  const { mulberry32 } = await import('../../models/index.js');
  const rng = mulberry32(seed);
  const start = Date.UTC(2026, 0, 1);
  const orders: FixtureOrder[] = [];
  const rows: string[] = [];
  for (let c = 0; c < customers; c++) {
    const unlucky = rng() < 0.3;
    const rate = 0.03 + rng() * 0.06;
    let late = 0;
    for (let day = Math.floor(rng() * 60); day < 240; day++) {
      if (rng() < 0.0015 * (1 + 2 * late)) break;
      if (rng() >= rate) continue;
      const at = new Date(start + day * 86_400_000 + 36_000_000).toISOString();
      const amount = Math.round((20 + rng() * 80) * 100) / 100;
      const isLate = rng() < (unlucky ? 0.5 : 0.05);
      if (isLate) late++;
      const promised = new Date(start + (day + 3) * 86_400_000).toISOString();
      const delivered = new Date(start + (day + (isLate ? 6 : 2)) * 86_400_000).toISOString();
      orders.push({ customer: `C${c}`, at: at.slice(0, 10), amount });
      rows.push(
        `('shop','O${orders.length}','C${c}','${at}',${amount},'${promised}','${delivered}')`,
      );
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await store.run(
      `INSERT INTO orders (source, source_id, customer_id, placed_at, amount, promised_at, delivered_at) VALUES ${rows.slice(i, i + 1000).join(',')}`,
    );
  }
  return orders;
}
