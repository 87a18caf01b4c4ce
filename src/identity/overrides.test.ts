import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../lib/errors.js';
import { Store } from '../store/index.js';
import { addOverride } from './overrides.js';

let store: Store;

beforeEach(async () => {
  store = await Store.open(':memory:');
  await store.run(
    "INSERT INTO customers (source, source_id, email) VALUES ('crm', 'C1', 'a@x.com'), ('shop', 'S1', 'a@x.com')",
  );
});
afterEach(() => {
  store.close();
});

const saved = () =>
  store.all('SELECT kind, record_a, record_b, note FROM identity_overrides ORDER BY record_a');

describe('addOverride', () => {
  it('saves a decision between two customer records, ordered, and returns it', async () => {
    expect(await addOverride(store, 'must_link', 'shop:S1', 'crm:C1', 'same person')).toEqual({
      kind: 'must_link',
      recordA: 'shop:S1',
      recordB: 'crm:C1',
      note: 'same person',
    });
    // The newest decision about a pair replaces the earlier one.
    await addOverride(store, 'cannot_link', 'crm:C1', 'shop:S1');
    expect(await saved()).toEqual([
      { kind: 'cannot_link', record_a: 'crm:C1', record_b: 'shop:S1', note: null },
    ]);
  });

  it('refuses a key that names no customer record, and saves nothing', async () => {
    for (const [a, b] of [
      ['crm:nope', 'shop:nope2'],
      ['crm:C1', 'shop:nope2'],
      ['crm:S1', 'shop:S1'],
    ] as const) {
      const attempt = addOverride(store, 'must_link', a, b);
      await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
      await expect(attempt).rejects.toMatchObject({ code: 'IDENTITY_RECORD_NOT_FOUND' });
    }
    await expect(addOverride(store, 'must_link', 'crm:C1', 'shop:nope2')).rejects.toThrow(
      /record "shop:nope2"/,
    );
    expect(await saved()).toEqual([]);
  });

  it('still refuses a malformed key first', async () => {
    await expect(addOverride(store, 'must_link', 'nocolon', 'crm:C1')).rejects.toMatchObject({
      code: 'INPUT_BAD_RECORD_KEY',
    });
  });
});
