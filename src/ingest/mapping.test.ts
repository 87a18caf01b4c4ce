// Header → field matching: camelCase, entity-prefixed names, forgiving --map columns, and the
// errors/hints when a mapping cannot be made.
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../schemas/index.js';
import { normaliseName, parseMapArgs, resolveMapping } from './mapping.js';

const fieldsOf = (m: ReturnType<typeof resolveMapping>) => Object.fromEntries(m.fields);

describe('normaliseName', () => {
  it('splits camelCase', () => {
    expect(normaliseName('customerID')).toBe('customer_id');
    expect(normaliseName('CustomerID')).toBe('customer_id');
    expect(normaliseName('InvoiceNo')).toBe('invoice_no');
    expect(normaliseName('InvoiceDate')).toBe('invoice_date');
    expect(normaliseName('UnitPrice')).toBe('unit_price');
    expect(normaliseName('Order ID')).toBe('order_id');
    expect(normaliseName('E-Mail')).toBe('e_mail');
  });
});

describe('resolveMapping', () => {
  it('maps camelCase headers', () => {
    const m = resolveMapping(ENTITIES.order, ['OrderID', 'customerID', 'OrderDate', 'Total']);
    expect(fieldsOf(m)).toMatchObject({
      source_id: 'OrderID',
      customer_id: 'customerID',
      placed_at: 'OrderDate',
      amount: 'Total',
    });
    // The unsplit spelling still matches an alias (DoB → dob, not do_b).
    const c = resolveMapping(ENTITIES.customer, ['CustomerID', 'UserID', 'DoB']);
    expect(fieldsOf(c)).toMatchObject({
      source_id: 'CustomerID',
      user_id: 'UserID',
      birth_date: 'DoB',
    });
  });

  it('retries a header without the entity prefix, never stealing an exact match', () => {
    const o = resolveMapping(ENTITIES.order, [
      'order_id',
      'customer_id',
      'customer_email',
      'order_status',
      'order_purchase_timestamp',
      'order_total',
    ]);
    expect(fieldsOf(o)).toMatchObject({
      source_id: 'order_id',
      customer_id: 'customer_id',
      customer_email: 'customer_email',
      status: 'order_status',
      placed_at: 'order_purchase_timestamp',
      amount: 'order_total',
    });
    const c = resolveMapping(ENTITIES.customer, ['customer_id', 'customer_city', 'customer_email']);
    expect(fieldsOf(c)).toMatchObject({
      source_id: 'customer_id',
      city: 'customer_city',
      email: 'customer_email',
    });
    const t = resolveMapping(ENTITIES.ticket, ['ticket_id', 'ticket_opened', 'TicketPriority']);
    expect(fieldsOf(t)).toMatchObject({
      source_id: 'ticket_id',
      opened_at: 'ticket_opened',
      priority: 'TicketPriority',
    });
    // A prefixed header does not displace a column that names the field exactly.
    const both = resolveMapping(ENTITIES.order, [
      'order_id',
      'placed_at',
      'order_placed_at',
      'amount',
    ]);
    expect(fieldsOf(both).placed_at).toBe('placed_at');
    expect(both.ignored).toEqual(['order_placed_at']);
  });

  it('two --map columns for one field is INPUT_BAD_MAP naming both', () => {
    const cols = ['order_id', 'placed_at', 'subtotal', 'total'];
    const map = parseMapArgs(['subtotal=amount', 'total=amount']);
    expect(() => resolveMapping(ENTITIES.order, cols, map)).toThrow(
      expect.objectContaining({
        code: 'INPUT_BAD_MAP',
        message: expect.stringMatching(/"subtotal" and "total"/),
      }),
    );
  });

  it('--map matches columns case- and spacing-insensitively, exact first', () => {
    const cols = ['order_id', 'placed_at', 'Subtotal', 'Grand Total'];
    const m = resolveMapping(
      ENTITIES.order,
      cols,
      parseMapArgs(['subtotal=amount', 'grand_total=-']),
    );
    expect(fieldsOf(m).amount).toBe('Subtotal');
    expect(m.ignored).toContain('Grand Total');
    const exact = resolveMapping(
      ENTITIES.order,
      ['order_id', 'placed_at', 'total', 'Total'],
      parseMapArgs(['Total=amount']),
    );
    expect(fieldsOf(exact).amount).toBe('Total');
    expect(() => resolveMapping(ENTITIES.order, cols, parseMapArgs(['nope=amount']))).toThrow(
      expect.objectContaining({ code: 'INPUT_UNKNOWN_COLUMN' }),
    );
  });

  it('hints at the delimiter when the one header cell has runs of spaces', () => {
    expect(() =>
      resolveMapping(ENTITIES.order, ['customer_id  date number_of_cds  dollar_value']),
    ).toThrow(
      expect.objectContaining({
        code: 'INPUT_MISSING_COLUMN',
        message: expect.stringMatching(/delimiter/),
      }),
    );
    expect(() => resolveMapping(ENTITIES.order, ['foo bar'])).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/--map column=field/) }),
    );
  });
});
