import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { attachPersonSql, getProfile, resolveIdentities } from './index.js';

let store: Store;

beforeEach(async () => {
  store = await Store.open(':memory:');
});
afterEach(() => store.close());

type Order = [string, string, string | null, string | null, string];

async function addOrders(rows: Order[]): Promise<void> {
  for (const r of rows) {
    await store.run(
      'INSERT INTO orders (source, source_id, customer_id, customer_email, placed_at, amount) VALUES (?, ?, ?, ?, ?::TIMESTAMP, 10)',
      r,
    );
  }
}

async function addCustomer(
  source: string,
  id: string,
  email: string | null,
  first: string,
  last: string,
  created: string,
): Promise<void> {
  await store.run(
    'INSERT INTO customers (source, source_id, email, first_name, last_name, created_at) VALUES (?, ?, ?, ?, ?, ?::TIMESTAMP)',
    [source, id, email, first, last, created],
  );
}

async function personOfKey(kind: string, key: string): Promise<string | null> {
  const row = await store.one<{ person_id: string }>(
    'SELECT person_id FROM person_keys WHERE key_kind = ? AND key = ?',
    [kind, key],
  );
  return row?.person_id ?? null;
}

async function orderPersons(): Promise<Map<string, string | null>> {
  const ref = attachPersonSql('activity', 'o');
  const rows = await store.all<{ source_id: string; person_id: string | null }>(
    `SELECT o.source_id, ${ref.personId} AS person_id FROM orders o ${ref.joins}`,
  );
  return new Map(rows.map((r) => [r.source_id, r.person_id]));
}

async function duplicateKeys(): Promise<number> {
  const row = await store.one<{ n: number }>(
    'SELECT count(*)::INTEGER AS n FROM (SELECT record_key FROM identity_records GROUP BY 1 HAVING count(*) > 1)',
  );
  return row?.n ?? -1;
}

const ORDERS: Order[] = [
  ['shop', 'O1', 'C1', 'old@x.com', '2026-01-01'],
  ['shop', 'O2', 'C2', null, '2026-01-02'],
  ['shop', 'O3', 'C1', ' A@X.com ', '2026-01-03'],
  ['shop', 'O4', null, 'guest@y.com', '2026-01-04'],
  ['shop', 'O5', '', 'Guest@Y.com', '2026-01-05'],
];

describe('customers known only from activity', () => {
  it('gives an orders-only store persons, keys and golden records', async () => {
    await addOrders(ORDERS);
    const r = await resolveIdentities(store);
    expect(r.records).toBe(3);
    expect(r.activityRecords).toBe(3);
    expect(r.persons).toBe(3);
    const records = await store.all<{ record_key: string; email: string | null }>(
      'SELECT record_key, email FROM identity_records ORDER BY record_key',
    );
    // C1: the e-mail seen last; the guest's two rows (one with a blank id) make one record.
    expect(records).toEqual([
      { record_key: 'shop:C1', email: 'a@x.com' },
      { record_key: 'shop:C2', email: null },
      { record_key: 'shop:email:guest@y.com', email: 'guest@y.com' },
    ]);
    const byOrder = await orderPersons();
    expect(byOrder.get('O1')).toBe(byOrder.get('O3'));
    expect(new Set(byOrder.values()).size).toBe(3);
    expect([...byOrder.values()].every((p) => p !== null)).toBe(true);
    expect(byOrder.get('O4')).toBe(byOrder.get('O5'));
    expect(await personOfKey('record', 'shop:C2')).toBe(byOrder.get('O2'));

    const golden = await store.one(
      'SELECT email, first_name, record_count AS n, first_seen_at::VARCHAR AS seen FROM persons WHERE person_id = ?',
      [byOrder.get('O1') as string],
    );
    expect(golden).toMatchObject({
      email: 'a@x.com',
      first_name: null,
      n: 1,
      seen: '2026-01-01 00:00:00',
    });
    const profile = await getProfile(store, 'shop:C1');
    expect(profile.records).toHaveLength(1);
    expect(profile.records[0]).toMatchObject({
      source: 'shop',
      source_id: 'C1',
      email: 'a@x.com',
      activity_only: true,
    });
    expect(profile.timeline.map((t) => t.sourceId)).toEqual(['O3', 'O1']);
  });

  it('joins an activity key to the customer record with the same e-mail; an e-mail-only row adds no record', async () => {
    await addCustomer('crm', 'K1', 'Ann.Lee@Example.com', 'Ann', 'Lee', '2025-06-01');
    await addOrders([
      ['shop', 'O1', 'S9', 'ann.lee@example.com', '2026-01-01'],
      ['shop', 'O2', null, 'ANN.LEE@example.com', '2026-01-02'],
    ]);
    const r = await resolveIdentities(store);
    expect(r.records).toBe(2);
    expect(r.activityRecords).toBe(1);
    expect(r.persons).toBe(1);
    const person = await personOfKey('record', 'crm:K1');
    expect(await personOfKey('record', 'shop:S9')).toBe(person);
    const byOrder = await orderPersons();
    expect(byOrder.get('O1')).toBe(person);
    expect(byOrder.get('O2')).toBe(person);
    // The customer record wins the golden fields.
    const golden = await store.one('SELECT * FROM persons WHERE person_id = ?', [person]);
    expect(golden).toMatchObject({
      email: 'ann.lee@example.com',
      first_name: 'Ann',
      record_count: 2,
      sources: ['crm', 'shop'],
    });
  });

  it('adds only new keys incrementally, and lets a later customer row replace its activity record', async () => {
    await addOrders(ORDERS);
    await resolveIdentities(store);
    const c1 = await personOfKey('record', 'shop:C1');
    const c2 = await personOfKey('record', 'shop:C2');

    await addOrders([
      ['shop', 'O6', 'C1', 'a@x.com', '2026-02-01'],
      ['shop', 'O7', 'C3', null, '2026-02-02'],
      ['web', 'O8', null, 'new@z.com', '2026-02-03'],
    ]);
    const inc = await resolveIdentities(store, { incremental: true });
    expect(inc.mode).toBe('incremental');
    expect(inc.newRecords).toBe(2);
    expect(inc.records).toBe(5);
    expect(await personOfKey('record', 'shop:C1')).toBe(c1);
    expect(await personOfKey('record', 'shop:C3')).not.toBeNull();
    expect(await personOfKey('email', 'new@z.com')).not.toBeNull();

    // The real customer record for shop:C2 arrives: it replaces the activity record, keeps the
    // person, and its e-mail pulls in the guest's person.
    await addCustomer('shop', 'C2', 'guest@y.com', 'Bea', 'Stone', '2025-12-01');
    const guest = await personOfKey('email', 'guest@y.com');
    const again = await resolveIdentities(store, { incremental: true });
    expect(again.mode).toBe('incremental');
    expect(again.newRecords).toBe(1);
    expect(again.records).toBe(5);
    expect(again.activityRecords).toBe(4);
    expect(await duplicateKeys()).toBe(0);
    const rec = await store.one<{ first_name: string; email: string }>(
      "SELECT first_name, email FROM identity_records WHERE record_key = 'shop:C2'",
    );
    expect(rec).toEqual({ first_name: 'bea', email: 'guest@y.com' });
    const merged = await personOfKey('record', 'shop:C2');
    expect([c2, guest]).toContain(merged);
    expect(await personOfKey('email', 'guest@y.com')).toBe(merged);
    const golden = await store.one('SELECT * FROM persons WHERE person_id = ?', [merged]);
    expect(golden).toMatchObject({ first_name: 'Bea', email: 'guest@y.com', record_count: 2 });

    // A second incremental run changes nothing; a full run drops the now redundant e-mail record.
    const idle = await resolveIdentities(store, { incremental: true });
    expect(idle.newRecords).toBe(0);
    const full = await resolveIdentities(store);
    expect(full.records).toBe(4);
    expect(full.activityRecords).toBe(3);
    expect(await duplicateKeys()).toBe(0);
    expect(await personOfKey('record', 'shop:C2')).toBe(merged);
    expect(await personOfKey('record', 'shop:C1')).toBe(c1);
    const byOrder = await orderPersons();
    expect([...byOrder.values()].every((p) => p !== null)).toBe(true);
    expect(byOrder.get('O4')).toBe(merged);
  });
});
