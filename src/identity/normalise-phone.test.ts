import { describe, expect, it } from 'vitest';
import { normalisePhone } from './normalise-phone.js';

describe('normalisePhone', () => {
  it.each([
    ['(020) 7946 0958', 'GB', '+442079460958'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['0044 20 7946 0958', undefined, '+442079460958'],
    ['555-123-4567', 'US', '+15551234567'],
    ['(02) 9876 5432', 'au', '+61298765432'],
    ['+61 2 9876 5432', 'US', '+61298765432'],
  ])('%s (%s) → %s', (raw, country, expected) => {
    expect(normalisePhone(raw, { defaultCountry: country })).toBe(expected);
  });

  it('returns null for text that is not a possible number', () => {
    expect(normalisePhone('12', { defaultCountry: 'GB' })).toBeNull();
    expect(normalisePhone('call me', { defaultCountry: 'GB' })).toBeNull();
    expect(normalisePhone('', { defaultCountry: 'GB' })).toBeNull();
    expect(normalisePhone(null)).toBeNull();
  });

  it('needs a country for national numbers', () => {
    expect(normalisePhone('020 7946 0958')).toBeNull();
  });
});
