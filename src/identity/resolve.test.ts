import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import {
  activityPersonIdSql,
  addOverride,
  attachPersonSql,
  explainPair,
  getProfile,
  pairwiseMetrics,
  resolveIdentities,
  splitRecord,
} from './index.js';
import { generateCustomers } from './synthetic-customers.js';

const CUSTOMER_COLS =
  'source, source_id, user_id, email, phone, first_name, last_name, birth_date, country, created_at';
type C = [
  string,
  string,
  string | null,
  string | null,
  string | null,
  string,
  string,
  string | null,
  string,
  string,
];

async function addCustomers(store: Store, rows: C[]): Promise<void> {
  for (const r of rows) {
    await store.run(
      `INSERT INTO customers (${CUSTOMER_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?::DATE, ?, ?::TIMESTAMP)`,
      r,
    );
  }
}

async function personOf(store: Store, key: string): Promise<string> {
  const row = await store.one<{ person_id: string }>(
    'SELECT person_id FROM identity_links WHERE record_key = ?',
    [key],
  );
  return row?.person_id ?? 'none';
}

describe('resolveIdentities end to end', () => {
  let store: Store;
  let truth: Map<string, string>;

  beforeAll(async () => {
    store = await Store.open(':memory:');
    truth = await generateCustomers(store, { persons: 1500, seed: 7 });
    await addCustomers(store, [
      [
        'crm',
        'H1',
        null,
        'Rob.Smithers@gmail.com',
        null,
        'Robert',
        'Smithers',
        '1970-01-02',
        'GB',
        '2020-01-01',
      ],
      [
        'shop',
        'H2',
        null,
        'robsmithers+shop@googlemail.com',
        null,
        'Bob',
        'Smithers',
        null,
        'GB',
        '2021-01-01',
      ],
      ['support', 'H3', null, null, '07700 900123', 'Ann', 'Quill', null, 'GB', '2020-01-01'],
      ['forum', 'H4', null, null, '+44 7700 900123', 'Anne', 'Quil', null, 'GB', '2020-06-01'],
      ['crm', 'H5', 'old-login', null, null, 'Zed', 'Xylo', null, 'GB', '2020-01-01'],
      ['shop', 'H6', 'new-login', null, null, 'Zed', 'Xylophone', null, 'GB', '2022-01-01'],
    ]);
    await store.run(`INSERT INTO events (source, source_id, type, user_id, anonymous_id, previous_id, timestamp) VALUES
      ('web', 'e1', 'alias', 'new-login', NULL, 'old-login', '2022-01-02'),
      ('web', 'e2', 'identify', 'new-login', 'anon-1', NULL, '2022-01-03'),
      ('web', 'e3', 'track', NULL, 'anon-1', NULL, '2022-01-04')`);
  });
  afterAll(() => store.close());

  it('links the planted duplicates with pairwise F1 above 0.95', async () => {
    const result = await resolveIdentities(store);
    expect(result.mode).toBe('full');
    expect(result.candidatePairs).toBeGreaterThan(0);
    const links = await store.all<{ record_key: string; person_id: string }>(
      'SELECT record_key, person_id FROM identity_links',
    );
    const byKey = new Map(links.map((l) => [l.record_key, l.person_id]));
    const keys = [...truth.keys()];
    const m = pairwiseMetrics(
      keys.map((k) => byKey.get(k) ?? k),
      keys.map((k) => truth.get(k) as string),
    );
    expect(m.f1).toBeGreaterThan(0.95);
    expect(m.precision).toBeGreaterThan(0.97);
  });

  it('links deterministically on e-mail, phone and aliased user ids', async () => {
    expect(await personOf(store, 'crm:H1')).toBe(await personOf(store, 'shop:H2'));
    expect(await personOf(store, 'support:H3')).toBe(await personOf(store, 'forum:H4'));
    expect(await personOf(store, 'crm:H5')).toBe(await personOf(store, 'shop:H6'));
    expect(await personOf(store, 'crm:H1')).not.toBe(await personOf(store, 'support:H3'));
    const rules = await store.all<{ record_key: string; rule: string }>(
      "SELECT record_key, rule FROM identity_links WHERE record_key IN ('shop:H2', 'forum:H4', 'shop:H6') ORDER BY record_key",
    );
    expect(rules.map((r) => r.rule)).toEqual(['phone', 'email', 'user_id']);
    const anon = await store.one<{ person_id: string }>(
      "SELECT person_id FROM person_keys WHERE key_kind = 'anonymous_id' AND key = 'anon-1'",
    );
    expect(anon?.person_id).toBe(await personOf(store, 'shop:H6'));
  });

  it('derives person ids from the smallest record key and keeps them on a re-run', async () => {
    const before = await store.all(
      'SELECT record_key, person_id FROM identity_links ORDER BY record_key',
    );
    const digest = await store.one<{ id: string }>("SELECT 'p_' || left(md5('crm:H1'), 16) AS id");
    expect(await personOf(store, 'crm:H1')).toBe(digest?.id);
    await resolveIdentities(store);
    const after = await store.all(
      'SELECT record_key, person_id FROM identity_links ORDER BY record_key',
    );
    expect(after).toEqual(before);
  });

  it('writes a golden record by survivorship', async () => {
    const p = await store.one<{
      first_name: string;
      email: string;
      record_count: number;
      sources: string[];
    }>('SELECT * FROM persons WHERE person_id = ?', [await personOf(store, 'crm:H1')]);
    // Most recent record (shop, 2021) wins for the e-mail; both sources listed.
    expect(p?.email).toBe('robsmithers+shop@googlemail.com');
    expect(p?.record_count).toBe(2);
    expect(p?.sources).toEqual(['crm', 'shop']);
  });

  it('explains a pair: field weights add up to the match weight', async () => {
    const dupKey = [...truth.keys()].find((k) => k.split(':')[1]?.startsWith('d')) as string;
    const origKey = [...truth.keys()].find(
      (k) => truth.get(k) === truth.get(dupKey) && k !== dupKey,
    ) as string;
    const e = await explainPair(store, origKey, dupKey);
    const sum = e.priorLog2Odds + e.fields.reduce((s, f) => s + f.log2Weight, 0);
    expect(e.matchWeight).toBeCloseTo(sum, 9);
    expect(e.matchProbability).toBeCloseTo(1 / (1 + 2 ** -e.matchWeight), 12);
    expect(e.fields.find((f) => f.field === 'city')?.label).toBe('exact');
    const far = await explainPair(store, 'crm:H1', 'support:H3');
    expect(far.matchProbability).toBeLessThan(0.01);
    await expect(explainPair(store, 'crm:H1', 'crm:nope')).rejects.toMatchObject({
      code: 'IDENTITY_RECORD_NOT_FOUND',
    });
  });

  it('incrementally joins new records to existing persons and logs merges', async () => {
    const h1 = await personOf(store, 'crm:H1');
    const h3 = await personOf(store, 'support:H3');
    const persons = (await store.one<{ n: number }>('SELECT count(*) AS n FROM persons'))?.n ?? 0;
    await addCustomers(store, [
      [
        'web',
        'N1',
        null,
        'ROB.SMITHERS@gmail.com',
        null,
        'Robert',
        'Smithers',
        null,
        'GB',
        '2023-01-01',
      ],
      [
        'web',
        'N2',
        null,
        'nobody.else@example.org',
        null,
        'Quentin',
        'Nobody',
        null,
        'GB',
        '2023-01-01',
      ],
    ]);
    const inc = await resolveIdentities(store, { incremental: true });
    expect(inc.mode).toBe('incremental');
    expect(inc.newRecords).toBe(2);
    expect(await personOf(store, 'web:N1')).toBe(h1);
    expect((await store.one<{ n: number }>('SELECT count(*) AS n FROM persons'))?.n).toBe(
      persons + 1,
    );

    // A record carrying H1's e-mail and H3's phone merges the two persons; H1's (bigger) id stays.
    await addCustomers(store, [
      [
        'web',
        'N3',
        null,
        'rob.smithers@gmail.com',
        '07700900123',
        'Robert',
        'Smithers',
        null,
        'GB',
        '2023-02-01',
      ],
    ]);
    const merged = await resolveIdentities(store, { incremental: true });
    expect(merged.merges).toBe(1);
    expect(await personOf(store, 'support:H3')).toBe(h1);
    const logRow = await store.one<{ person_id: string; related: string[] }>(
      "SELECT person_id, related FROM identity_log WHERE action = 'merge' AND run_id = ?",
      [merged.runId],
    );
    expect(logRow?.person_id).toBe(h1);
    expect(logRow?.related).toContain(h3);
  });

  it('splits a record out and keeps it apart in later runs', async () => {
    const from = await personOf(store, 'shop:H2');
    const split = await splitRecord(store, 'shop:H2');
    expect(split.fromPersonId).toBe(from);
    expect(await personOf(store, 'shop:H2')).toBe(split.personId);
    expect(split.personId).not.toBe(from);
    await resolveIdentities(store);
    expect(await personOf(store, 'shop:H2')).not.toBe(await personOf(store, 'crm:H1'));
    expect(await personOf(store, 'crm:H1')).toBe(from);
  });

  it('honours must_link overrides', async () => {
    await addOverride(store, 'must_link', 'crm:H5', 'support:H3');
    await resolveIdentities(store);
    expect(await personOf(store, 'crm:H5')).toBe(await personOf(store, 'support:H3'));
    const rule = await store.one<{ rule: string }>(
      "SELECT rule FROM identity_links WHERE record_key = 'crm:H5'",
    );
    expect(rule?.rule).toBe('must_link');
  });

  it('builds the 360° profile with one bounded timeline, newest first', async () => {
    await store.run(`INSERT INTO orders (source, source_id, customer_id, customer_email, placed_at, amount) VALUES
      ('crm', 'o1', 'H1', NULL, '2023-03-01', 10), ('crm', 'o2', NULL, 'rob.smithers+x@gmail.com', '2023-04-01', 20),
      ('crm', 'o3', 'H999', NULL, '2023-05-01', 30)`);
    await store.run(`INSERT INTO tickets (source, source_id, customer_id, subject, opened_at) VALUES
      ('crm', 't1', 'H1', 'Where is my parcel?', '2023-03-15')`);
    const profile = await getProfile(store, 'Rob.Smithers@gmail.com');
    expect(profile.personId).toBe(await personOf(store, 'crm:H1'));
    expect(profile.records.map((r) => r.record_key)).toContain('crm:H1');
    // H1's person also holds H3 (merged by N3) and H5 (must_link), whose user id has events.
    expect(profile.timeline.map((t) => `${t.kind}:${t.sourceId}`)).toEqual([
      'order:o2',
      'ticket:t1',
      'order:o1',
      'event:e3',
      'event:e2',
      'event:e1',
    ]);
    const limited = await getProfile(store, 'crm:H1', { limit: 2 });
    expect(limited.timeline).toHaveLength(2);
    expect(limited.truncated).toBe(true);
    const byUser = await getProfile(store, 'new-login');
    expect(byUser.personId).toBe(profile.personId);
    await expect(getProfile(store, 'nobody@nowhere.org')).rejects.toMatchObject({
      code: 'IDENTITY_PERSON_NOT_FOUND',
    });
  });

  it('attaches person ids to activity rows in SQL (record key, then e-mail)', async () => {
    const h1 = await personOf(store, 'crm:H1');
    const scalar = await store.all<{ id: string; p: string | null }>(
      `SELECT o.source_id AS id, ${activityPersonIdSql('o')} AS p FROM orders o ORDER BY 1`,
    );
    expect(scalar).toEqual([
      { id: 'o1', p: h1 },
      { id: 'o2', p: h1 },
      { id: 'o3', p: null },
    ]);
    const ref = attachPersonSql('activity', 'o');
    const joined = await store.all<{ id: string; p: string | null }>(
      `SELECT o.source_id AS id, ${ref.personId} AS p FROM orders o ${ref.joins} ORDER BY 1`,
    );
    expect(joined).toEqual(scalar);
    expect(() => activityPersonIdSql('o; DROP TABLE x')).toThrow(/plain SQL identifier/);
  });
});
