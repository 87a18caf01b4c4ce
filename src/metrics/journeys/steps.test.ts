import { describe, expect, it } from 'vitest';
import { resolveSteps, stepKey, windowMs } from './steps.js';

describe('stepKey', () => {
  it.each([
    ['Order Completed', 'order_completed'],
    ['Product Viewed', 'view_product'],
    ['Product Added', 'add_to_cart'],
    ['Checkout Started', 'checkoutStarted'],
    ['Payment Submitted', 'payment_submitted'],
    ['Order Completed', 'purchase'],
  ])('%s ~ %s', (a, b) => expect(stepKey(a)).toBe(stepKey(b)));
  it('keeps different events apart', () => {
    expect(stepKey('Payment Failed')).not.toBe(stepKey('Payment Submitted'));
    expect(stepKey('Product Added')).not.toBe(stepKey('Product Viewed'));
  });
});

describe('resolveSteps', () => {
  const names = ['Product Viewed', 'Product Added', 'Order Completed', 'order_completed'];
  it('prefers an exact name and collects every forgiving match otherwise', () => {
    expect(resolveSteps(['Order Completed'], names)[0]?.matches).toEqual(['Order Completed']);
    expect(resolveSteps(['order completed'], names)[0]?.matches).toEqual([
      'Order Completed',
      'order_completed',
    ]);
  });
  it('reads page steps, exact or prefix', () => {
    expect(resolveSteps(['page:/checkout', 'page:/checkout*'], names)).toMatchObject([
      { kind: 'page', matches: ['/checkout'], prefix: false },
      { kind: 'page', matches: ['/checkout'], prefix: true },
    ]);
    expect(() => resolveSteps(['page:checkout'], names)).toThrow(/page:\/checkout/);
  });
});

describe('windowMs', () => {
  it('parses units and rejects junk', () => {
    expect(windowMs('1d')).toBe(86_400_000);
    expect(windowMs('90m')).toBe(5_400_000);
    expect(windowMs('2w')).toBe(1_209_600_000);
    expect(() => windowMs('soon')).toThrow(expect.objectContaining({ code: 'INPUT_BAD_WINDOW' }));
  });
});
