import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../lib/errors.js';
import { ENTITIES, type EntityDef } from '../schemas/index.js';
import { entityColumns, Store } from '../store/index.js';
import { checkDateFormat, rejectRules } from './casts.js';
import { importFixture } from './import-fixture.test-helper.js';
import { importFiles } from './index.js';
import { resolveMapping } from './mapping.js';

describe('checkDateFormat', () => {
  it('accepts strptime formats DuckDB knows', async () => {
    for (const f of ['%d/%m/%Y', '%Y-%m-%d %H:%M:%S', '%-d.%-m.%Y', '100%% %Y'])
      await expect(checkDateFormat(f)).resolves.toBeUndefined();
  });

  it('refuses an unknown directive, a trailing %, or no directive at all, as INPUT_BAD_OPTION', async () => {
    for (const f of ['%Q', '%d/%m/%', 'dd/mm/yyyy', '', '%%']) {
      const check = checkDateFormat(f);
      await expect(check, f).rejects.toBeInstanceOf(InputError);
      await expect(check, f).rejects.toMatchObject({
        code: 'INPUT_BAD_OPTION',
        message: `--date-format "${f}": not a strptime format (e.g. %d/%m/%Y)`,
        where: { field: 'date-format' },
      });
    }
  });
});

describe('enum casts', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cx-casts-enum-'));
    store = await Store.open(':memory:');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function load(entity: EntityDef, csv: string) {
    const p = join(dir, 'in.csv');
    writeFileSync(p, csv);
    return importFiles(store, { entity, files: [p], source: 'src' });
  }

  it('maps order-status synonyms to the canonical value, ignoring case, spaces and underscores', async () => {
    const words = [
      ['canceled', 'cancelled'],
      ['Processing', 'placed'],
      ['invoiced', 'placed'],
      ['approved', 'placed'],
      ['created', 'placed'],
      ['PENDING', 'placed'],
      ['unavailable', 'cancelled'],
      ['In Transit', 'shipped'],
      ['in_transit', 'shipped'],
      ['dispatched', 'shipped'],
      ['Completed', 'delivered'],
      ['complete', 'delivered'],
      ['fulfilled', 'delivered'],
      ['refunded', 'returned'],
      ['Shipped', 'shipped'],
      [' delivered', 'delivered'],
    ] as const;
    const s = await load(
      ENTITIES.order,
      `order_id,placed_at,amount,status\n${words.map(([w], i) => `O${String(i).padStart(2, '0')},2024-01-01,1,${w}`).join('\n')}\n`,
    );
    expect(s.totals).toMatchObject({ inserted: words.length, rejected: 0 });
    const rows = await store.all<{ status: string }>(
      'SELECT status FROM orders ORDER BY source_id',
    );
    expect(rows.map((r) => r.status)).toEqual(words.map(([, canonical]) => canonical));
  });

  it('maps ticket priorities Medium and Critical to normal and urgent', async () => {
    const s = await load(
      ENTITIES.ticket,
      'ticket_id,opened_at,priority\nT1,2024-01-01,Medium\nT2,2024-01-01,Critical\nT3,2024-01-01,HIGH\n',
    );
    expect(s.totals).toMatchObject({ inserted: 3, rejected: 0 });
    const rows = await store.all<{ priority: string }>(
      'SELECT priority FROM tickets ORDER BY source_id',
    );
    expect(rows.map((r) => r.priority)).toEqual(['normal', 'urgent', 'high']);
  });

  it('still rejects an unknown value, with a reason that names every allowed value in full', async () => {
    const s = await load(
      ENTITIES.order,
      'order_id,placed_at,amount,status\nO1,2024-01-01,1,lost\n',
    );
    expect(s.totals.rejected).toBe(1);
    expect(s.rejects[0]).toMatchObject({
      code: 'INPUT_BAD_VALUE',
      reason: 'expected placed/shipped/delivered/cancelled/returned',
    });
    // The import summary's table cuts cells at 60 characters: every enum's reason fits whole.
    for (const entity of Object.values(ENTITIES)) {
      for (const spec of entityColumns(entity).filter((c) => c.meta.kind === 'enum')) {
        const rule = rejectRules(spec, 'v').find((r) => r.code === 'INPUT_BAD_VALUE');
        const reason = (await store.one<{ r: string }>(`SELECT ${rule?.reason} AS r`))?.r ?? '';
        expect(reason.length, `${entity.name}.${spec.name}`).toBeLessThanOrEqual(60);
        for (const value of spec.meta.values ?? []) expect(reason).toContain(value);
      }
    }
  });
});

describe('entity aliases', () => {
  it('maps review_id to SurveyResponse.source_id', () => {
    const { fields } = resolveMapping(ENTITIES.survey_response, ['review_id', 'survey', 'kind']);
    expect(fields.get('source_id')).toBe('review_id');
  });

  it('maps customer_email to Customer.email, and keeps it the customer reference elsewhere', () => {
    expect(resolveMapping(ENTITIES.customer, ['id', 'customer_email']).fields.get('email')).toBe(
      'customer_email',
    );
    const order = resolveMapping(ENTITIES.order, [
      'order_id',
      'placed_at',
      'amount',
      'customer_email',
    ]);
    expect(order.fields.get('customer_email')).toBe('customer_email');
  });
});

describe('identifier fields', () => {
  const fx = importFixture('cx-ids-');

  it('read a whole number written as a float ("17850.0") as the number; other ids as written', async () => {
    const p = fx.file(
      'o.csv',
      'order_id,customer_id,placed_at,amount,partner_id\n536365.0,17850.0,2026-01-01,1.0,P.0\nA-1.0,00042.00,2026-01-02,2,\nX7,1.5,2026-01-03,3,\n',
    );
    await importFiles(fx.store, { entity: ENTITIES.order, files: [p], source: 'shop' });
    const rows = await fx.store.all<{ id: string; c: string; p: string | null; a: number }>(
      'SELECT source_id AS id, customer_id AS c, partner_id AS p, amount AS a FROM orders ORDER BY placed_at',
    );
    expect(rows).toEqual([
      { id: '536365', c: '17850', p: 'P.0', a: 1 },
      { id: 'A-1.0', c: '00042', p: null, a: 2 },
      { id: 'X7', c: '1.5', p: null, a: 3 },
    ]);
  });
});
