// Known answers on a five-ticket fixture (computed by hand in the comments).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { parseSupportConfig } from './config.js';
import { supportReport } from './report.js';
import { supportTickets } from './tickets.js';

const cfg = parseSupportConfig({});
let store: Store;

// id, customer, category, channel, opened, first response (h), resolution (h), reopens, handle, csat
const TICKETS: [
  string,
  string,
  string,
  string,
  string,
  number,
  number | null,
  number,
  number,
  number | null,
][] = [
  ['T1', 'c1', 'account', 'email', '2026-01-05 10:00:00', 1, 10, 0, 10, 5],
  ['T2', 'c1', 'account', 'chat', '2026-01-08 10:00:00', 2, 80, 1, 20, 2], // repeat (3 days), resolution breach
  ['T3', 'c2', 'order', 'email', '2026-01-06 09:00:00', 3, 5, 0, 5, null],
  ['T4', 'c3', 'order', 'email', '2026-01-07 00:00:00', 30, 40, 0, 15, 4], // first-response breach
  ['T5', 'c2', 'order', 'phone', '2026-01-20 12:00:00', 4, null, 0, 0, null], // open at the end
];

beforeAll(async () => {
  store = await Store.open(':memory:');
  for (const [id, cust, cat, chan, opened, fr, res, reopen, handle, csat] of TICKETS) {
    await store.run(
      `INSERT INTO tickets (source, source_id, customer_id, category, channel, priority, subject, body,
         opened_at, first_response_at, resolved_at, reopened_count, agent, handle_minutes, csat)
       VALUES ('support', $1, $2, $3, $4, 'normal', 'subject', 'body', CAST($5 AS TIMESTAMP),
         CAST($5 AS TIMESTAMP) + to_seconds(CAST($6 * 3600 AS BIGINT)),
         CASE WHEN $7 IS NULL THEN NULL ELSE CAST($5 AS TIMESTAMP) + to_seconds(CAST($7 * 3600 AS BIGINT)) END,
         $8, 'ann', $9, $10)`,
      [id, cust, cat, chan, opened, fr, res, reopen, handle, csat],
    );
  }
});
afterAll(() => store.close());

describe('supportReport', () => {
  it('computes percentiles, rates and unique customers', async () => {
    const r = await supportReport(store, {}, cfg);
    expect(r.period).toEqual({ from: '2026-01-05', to: '2026-01-20' });
    expect(r.personBasis).toBe('source_record');
    expect(r.tickets).toBe(5);
    expect(r.customers).toBe(3); // c1 twice (one reopened), c2 twice
    // first response [1, 2, 3, 4, 30]: p50 = 3; p90 at position 3.6 → 4 + 0.6·26
    expect(r.firstResponseHours.p50).toBeCloseTo(3, 9);
    expect(r.firstResponseHours.p90).toBeCloseTo(19.6, 9);
    expect(r.firstResponseHours.p95).toBeCloseTo(24.8, 9);
    // resolution [5, 10, 40, 80]: p50 = 25; T5 unresolved
    expect(r.resolutionHours.n).toBe(4);
    expect(r.resolutionHours.p50).toBeCloseTo(25, 9);
    expect(r.firstResponseBreach.count).toBe(1);
    expect(r.resolutionBreach.count).toBe(1);
    expect(r.reopen).toMatchObject({ count: 1, of: 5, rate: 0.2 });
    expect(r.repeatContact.count).toBe(1);
    expect(r.repeatCustomers).toMatchObject({ count: 2, of: 3 });
    expect(r.csat.n).toBe(3);
    expect(r.csat.mean).toBeCloseTo(11 / 3, 9);
    expect(r.csat.satisfiedShare).toBeCloseTo(2 / 3, 9);
    expect(r.backlog.open).toBe(1);
    expect(r.handleMinutes).toBe(50);
    const account = r.byCategory.find((c) => c.key === 'account');
    const order = r.byCategory.find((c) => c.key === 'order');
    expect(order).toMatchObject({ tickets: 3, customers: 2, handleMinutes: 20 });
    expect(account).toMatchObject({ tickets: 2, customers: 1, handleMinutes: 30 });
    expect(account?.handleShare).toBeCloseTo(0.6, 9);
    expect(account?.csatMean).toBeCloseTo(3.5, 9);
  });

  it('filters by category and period', async () => {
    const r = await supportReport(store, { category: 'order', to: '2026-01-10' }, cfg);
    expect(r.tickets).toBe(2);
    expect(r.customers).toBe(2);
    // T4 is open at the end of 2026-01-10? No: resolved 40 h after 01-07 00:00.
    expect(r.backlog.open).toBe(0);
  });

  it('reads the SLA per priority when configured', async () => {
    const strict = parseSupportConfig({
      sla: { by_priority: { normal: { first_response_hours: 2.5 } } },
    });
    const r = await supportReport(store, {}, strict);
    expect(r.firstResponseBreach.count).toBe(3); // 3, 30 and 4 hours > 2.5
  });
});

describe('supportTickets (drill-down)', () => {
  it('lists the tickets behind each figure', async () => {
    const r = await supportReport(store, {}, cfg);
    const ids = async (filter: object) =>
      (await supportTickets(store, { filter, limit: 100 }, cfg)).rows
        .map((t) => t.ticket_id)
        .sort();
    expect(await ids(r.firstResponseBreach.filter)).toEqual(['T4']);
    expect(await ids(r.resolutionBreach.filter)).toEqual(['T2']);
    expect(await ids(r.repeatContact.filter)).toEqual(['T2']);
    expect(await ids(r.reopen.filter)).toEqual(['T2']);
    expect(await ids(r.backlog.filter)).toEqual(['T5']);
    const order = r.byCategory.find((c) => c.key === 'order');
    const page = await supportTickets(store, { filter: order?.filter ?? {}, limit: 2 }, cfg);
    expect(page.total).toBe(3);
    expect(page.customers).toBe(2);
    expect(page.rows.map((t) => t.ticket_id)).toEqual(['T5', 'T4']); // newest first
    const t2 = (await supportTickets(store, { filter: { ticketIds: ['T2'] } }, cfg)).rows[0];
    expect(t2).toMatchObject({
      person_id: 'support:c1',
      reopened_count: 1,
      csat: 2,
      repeat_contact: true,
      resolution_breached: true,
      first_response_breached: false,
      is_open: false,
    });
    expect(t2?.resolution_hours).toBeCloseTo(80, 9);
  });

  it('a ticket solved on first contact, with no first response recorded, had its answer at the resolution', async () => {
    const solo = await Store.open(':memory:');
    try {
      await solo.run(`INSERT INTO tickets (source, source_id, customer_id, priority, opened_at, first_response_at, resolved_at)
        VALUES ('support', 'S1', 'c9', 'normal', '2026-01-05 09:00', NULL, '2026-01-05 14:00'),
               ('support', 'S2', 'c9', 'normal', '2026-01-05 09:00', NULL, NULL),
               ('support', 'S3', 'c9', 'normal', '2026-01-09 09:00', NULL, '2026-01-09 10:00')`);
      const rows = (await supportTickets(solo, { limit: 10 }, cfg)).rows;
      const s1 = rows.find((t) => t.ticket_id === 'S1');
      expect(s1).toMatchObject({ first_response_at: null, first_response_breached: false });
      expect(s1?.first_response_hours).toBeCloseTo(5, 9);
      // still waiting at the period end (Jan 9, 10:00): breached, no hours yet
      expect(rows.find((t) => t.ticket_id === 'S2')).toMatchObject({
        first_response_breached: true,
        first_response_hours: null,
      });
    } finally {
      solo.close();
    }
  });

  it('is empty on an empty store', async () => {
    const empty = await Store.open(':memory:');
    expect(await supportTickets(empty, {}, cfg)).toEqual({ total: 0, customers: 0, rows: [] });
    const r = await supportReport(empty, {}, cfg);
    expect(r.tickets).toBe(0);
    empty.close();
  });
});
