import { describe, expect, it } from 'vitest';
import { resolveEntityName } from './entity-registry.js';

describe('resolveEntityName', () => {
  it('takes the entity name, its table name (plural), dashes and case, and survey words', () => {
    expect(resolveEntityName('order')).toBe('order');
    expect(resolveEntityName('orders')).toBe('order');
    expect(resolveEntityName('Customers')).toBe('customer');
    expect(resolveEntityName('survey-responses')).toBe('survey_response');
    expect(resolveEntityName('surveys')).toBe('survey_response');
    expect(resolveEntityName('reviews')).toBe('post');
  });

  it('is undefined for a word that names no entity', () => {
    expect(resolveEntityName('invoices')).toBeUndefined();
    expect(resolveEntityName('')).toBeUndefined();
  });
});
