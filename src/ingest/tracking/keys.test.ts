import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { createKey, findKey } from './keys.js';

describe('createKey', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
  });
  afterAll(() => store.close());

  it('creates a read key for every source and a write key for one, found again by its secret', async () => {
    const read = await createKey(store, { scope: 'read' });
    expect(read.key).toMatch(/^cxr_/);
    const write = await createKey(store, { scope: 'write', source: 'web' });
    expect(write.key).toMatch(/^cxw_/);
    expect(await findKey(store, write.key)).toMatchObject({ scope: 'write', source: 'web' });
    expect(await findKey(store, 'cxw_nope')).toBeUndefined();
  });

  it('refuses a write key without a source and a read key with one', async () => {
    await expect(createKey(store, { scope: 'write' })).rejects.toMatchObject({
      code: 'INPUT_MISSING_SOURCE',
    });
    await expect(createKey(store, { scope: 'read', source: 'web' })).rejects.toMatchObject({
      code: 'INPUT_BAD_OPTION',
      where: { field: 'source' },
    });
  });
});
