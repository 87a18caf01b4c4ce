import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../db.js';
import {
  orderIsPurchaseSql,
  orderLateSql,
  orderReturnedSql,
  ticketFirstAnswerSql,
} from './dated-facts.js';

describe('dated facts', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    // promised Jan 5 unless said otherwise
    await store.run(`INSERT INTO orders (source, source_id, placed_at, amount, promised_at, delivered_at, status, returned, returned_at) VALUES
      ('s', 'on-day', '2026-01-01', 1, '2026-01-05 09:00', '2026-01-05 20:00', 'delivered', NULL, NULL),
      ('s', 'next-day', '2026-01-01', 1, '2026-01-05 09:00', '2026-01-06 08:00', 'delivered', NULL, NULL),
      ('s', 'open-overdue', '2026-01-01', 1, '2026-01-05 09:00', NULL, 'shipped', NULL, NULL),
      ('s', 'open-due-today', '2026-01-08', 1, '2026-01-10 09:00', NULL, 'shipped', NULL, NULL),
      ('s', 'cancelled', '2026-01-01', 1, '2026-01-05 09:00', NULL, 'cancelled', NULL, NULL),
      ('s', 'no-promise', '2026-01-01', 1, NULL, '2026-01-09 09:00', 'delivered', NULL, NULL),
      ('s', 'returned-later', '2026-01-01', 1, '2026-01-05 09:00', '2026-01-04 09:00', 'returned', true, '2026-01-20 09:00'),
      ('s', 'returned-undated', '2026-01-01', 1, '2026-01-05 09:00', '2026-01-04 09:00', 'returned', NULL, NULL)`);
  });
  afterAll(() => store.close());

  const read = async (sql: string) =>
    Object.fromEntries(
      (
        await store.all<{ id: string; v: boolean | null }>(
          `SELECT source_id AS id, ${sql} AS v FROM orders o ORDER BY 1`,
        )
      ).map((r) => [r.id, r.v]),
    );

  it('orderLateSql: late by calendar day, or undelivered past the promised day; null when it cannot be judged', async () => {
    expect(await read(orderLateSql('o', "TIMESTAMP '2026-01-10 12:00'"))).toEqual({
      'on-day': false,
      'next-day': true,
      'open-overdue': true,
      'open-due-today': null,
      cancelled: null,
      'no-promise': null,
      'returned-later': false,
      'returned-undated': false,
    });
    // as of Jan 5 evening: the next-day delivery is not known yet, nor overdue
    const jan5 = await read(orderLateSql('o', "TIMESTAMP '2026-01-05 22:00'"));
    expect([jan5['on-day'], jan5['next-day'], jan5['open-overdue']]).toEqual([false, null, null]);
  });

  it('orderReturnedSql: a dated return only once known; an undated one by its flag or status', async () => {
    const known = (at: string) => `${at} <= TIMESTAMP '2026-01-10'`;
    const r = await read(orderReturnedSql('o', known));
    expect([r['returned-later'], r['returned-undated'], r['on-day']]).toEqual([false, true, false]);
    const ever = await read(orderReturnedSql('o'));
    expect(ever['returned-later']).toBe(true);
  });
});

describe('ticketFirstAnswerSql', () => {
  it('is the first response, or the resolution where that came first or no response was recorded', async () => {
    const store = await Store.open(':memory:');
    try {
      await store.run(`INSERT INTO tickets (source, source_id, opened_at, first_response_at, resolved_at) VALUES
        ('s', 'answered', '2026-01-01', '2026-01-01 02:00', '2026-01-03'),
        ('s', 'solved-first-contact', '2026-01-01', NULL, '2026-01-01 01:00'),
        ('s', 'response-logged-late', '2026-01-01', '2026-01-04', '2026-01-02'),
        ('s', 'waiting', '2026-01-01', NULL, NULL),
        ('s', 'solved-after-cutoff', '2026-01-01', NULL, '2026-01-20')`);
      const read = async (sql: string) =>
        Object.fromEntries(
          (
            await store.all<{ id: string; v: Date | null }>(
              `SELECT source_id AS id, ${sql} AS v FROM tickets t ORDER BY 1`,
            )
          ).map((r) => [r.id, r.v?.toISOString() ?? null]),
        );
      expect(await read(ticketFirstAnswerSql('t'))).toEqual({
        answered: '2026-01-01T02:00:00.000Z',
        'solved-first-contact': '2026-01-01T01:00:00.000Z',
        'response-logged-late': '2026-01-02T00:00:00.000Z',
        waiting: null,
        'solved-after-cutoff': '2026-01-20T00:00:00.000Z',
      });
      const byJan10 = await read(
        ticketFirstAnswerSql('t', (at) => `${at} <= TIMESTAMP '2026-01-10'`),
      );
      expect(byJan10['solved-after-cutoff']).toBeNull();
      expect(byJan10['solved-first-contact']).toBe('2026-01-01T01:00:00.000Z');
    } finally {
      store.close();
    }
  });
});

describe('orderIsPurchaseSql and refund rows', () => {
  it('a cancelled order and a refund row (negative amount) are not purchases; the refund row is a return', async () => {
    const store = await Store.open(':memory:');
    try {
      await store.run(`INSERT INTO orders (source, source_id, placed_at, amount, status) VALUES
        ('s', 'bought', '2026-01-01', 20, 'delivered'),
        ('s', 'free', '2026-01-01', 0, NULL),
        ('s', 'cancelled', '2026-01-01', 20, 'cancelled'),
        ('s', 'credit-note', '2026-01-03', -20, NULL)`);
      const rows = await store.all<{ id: string; buy: boolean; ret: boolean }>(
        `SELECT source_id AS id, ${orderIsPurchaseSql('o')} AS buy, ${orderReturnedSql('o')} AS ret FROM orders o ORDER BY 1`,
      );
      expect(rows).toEqual([
        { id: 'bought', buy: true, ret: false },
        { id: 'cancelled', buy: false, ret: false },
        { id: 'credit-note', buy: false, ret: true },
        { id: 'free', buy: true, ret: false },
      ]);
    } finally {
      store.close();
    }
  });
});
