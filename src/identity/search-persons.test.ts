import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { searchPersons } from './search-persons.js';

describe('searchPersons', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    await store.run(
      `INSERT INTO persons (person_id, email, phone, first_name, last_name, city, country,
         record_count, sources, first_seen_at, updated_at) VALUES
       ('p1', 'ann@x.test', '+441234', 'Ann', 'Lee', 'Leeds', 'GB', 3, ['crm', 'shop'], TIMESTAMP '2026-01-02 10:00', now()),
       ('p2', 'bo@x.test', NULL, 'Bo', 'Ash', 'Paris', 'FR', 1, ['shop'], NULL, now()),
       ('p3', NULL, NULL, NULL, NULL, NULL, NULL, 1, ['web'], NULL, now()),
       ('p4', 'cy%@x.test', NULL, 'Cy', 'Ash', 'Leeds', 'GB', 1, ['crm'], NULL, now())`,
    );
    await store.run(
      `INSERT INTO identity_links VALUES ('web', 'anon-7', 'web:anon-7', 'p3', 'singleton', NULL, now())`,
    );
  });
  afterAll(() => store.close());

  const ids = async (q: string | undefined, limit = 50, offset = 0) =>
    (await searchPersons(store, { q, limit, offset })).items.map((p) => p.personId);

  it('lists everyone for no q or blank q, most records first, then last name, first name, id', async () => {
    expect(await ids(undefined)).toEqual(['p1', 'p2', 'p4', 'p3']);
    expect(await ids('   ')).toEqual(['p1', 'p2', 'p4', 'p3']);
  });

  it('matches any part of name, e-mail, phone or city case-insensitively, a person id or a record key', async () => {
    expect(await ids('  LEEDS ')).toEqual(['p1', 'p4']);
    expect(await ids('ash')).toEqual(['p2', 'p4']);
    expect(await ids('+4412')).toEqual(['p1']);
    expect(await ids('p3')).toEqual(['p3']);
    expect(await ids('web:anon-7')).toEqual(['p3']);
    expect(await ids('nobody')).toEqual([]);
  });

  it('binds the search text: quotes are just characters', async () => {
    expect(await ids("' OR 1=1 --")).toEqual([]);
    expect(await ids('cy%@')).toEqual(['p4']);
  });

  it('pages the matches and counts all of them', async () => {
    const page = await searchPersons(store, { q: 'leeds', limit: 1, offset: 1 });
    expect(page.total).toBe(2);
    expect(page.items).toEqual([
      {
        personId: 'p4',
        name: 'Cy Ash',
        email: 'cy%@x.test',
        city: 'Leeds',
        country: 'GB',
        recordCount: 1,
        sources: ['crm'],
        firstSeenAt: null,
      },
    ]);
    const first = await searchPersons(store, { q: undefined, limit: 1, offset: 0 });
    expect(first.total).toBe(4);
    expect(first.items[0]).toMatchObject({
      personId: 'p1',
      name: 'Ann Lee',
      sources: ['crm', 'shop'],
      firstSeenAt: '2026-01-02T10:00:00.000Z',
    });
    const nameless = await searchPersons(store, { q: 'p3', limit: 1, offset: 0 });
    expect(nameless.items[0]?.name).toBeNull();
  });
});
