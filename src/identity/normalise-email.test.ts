import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { normaliseEmail } from './normalise-email.js';

const CASES: [string | null, string | null][] = [
  ['  John.Smith@Example.COM ', 'john.smith@example.com'],
  ['J.O.H.N+news@GoogleMail.com', 'john@gmail.com'],
  ['john.smith+a+b@gmail.com', 'johnsmith@gmail.com'],
  ['anna+shop@outlook.com', 'anna@outlook.com'],
  ['anna+shop@example.org', 'anna+shop@example.org'],
  ['first.last@company.co.uk', 'first.last@company.co.uk'],
  ['\t\u00a0Zoë@Example.com\n', 'zoë@example.com'],
  ['+tag@gmail.com', null],
  ['not-an-email', null],
  ['a@b', null],
  ['two@at@example.com', null],
  ['spaced name@example.com', null],
  ['', null],
  ['   ', null],
  [null, null],
];

describe('normaliseEmail', () => {
  it.each(CASES)('%j → %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });
});

describe('cx_norm_email SQL macro', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
  });
  afterAll(() => store.close());

  it('agrees with the TypeScript normaliser on every tricky case', async () => {
    for (const [raw] of CASES) {
      const row = await store.one<{ e: string | null }>('SELECT cx_norm_email(?::VARCHAR) AS e', [
        raw,
      ]);
      expect(row?.e ?? null, JSON.stringify(raw)).toBe(normaliseEmail(raw));
    }
  });
});
