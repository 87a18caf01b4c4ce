import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../schemas/index.js';
import { parseSetArgs } from './constant-columns.js';
import { importFixture } from './import-fixture.test-helper.js';
import { importFiles } from './index.js';

const fx = importFixture('cx-set-');
const file = fx.file;

// an NPS export with no id, survey or kind column
const NPS = 'email,date,score,comment\na@x.com,2026-01-01,9,great\nb@x.com,2026-01-02,3,bad\n';

const importNps = (path: string, extra: Partial<Parameters<typeof importFiles>[1]> = {}) =>
  importFiles(fx.store, {
    entity: ENTITIES.survey_response,
    files: [path],
    source: 'qualtrics',
    set: { survey: 'relationship', kind: 'nps' },
    rowId: true,
    ...extra,
  });

describe('--set and --row-id', () => {
  it('fill the fields a file lacks; re-importing the same rows updates them, adds nothing', async () => {
    const p = file('nps.csv', NPS);
    const first = await importNps(p);
    expect(first.totals).toMatchObject({ inserted: 2, rejected: 0 });
    const rows = await fx.store.all<{ id: string; survey: string; kind: string; score: number }>(
      'SELECT source_id AS id, survey, kind, score FROM survey_responses ORDER BY score',
    );
    expect(rows.map((r) => [r.survey, r.kind, r.score])).toEqual([
      ['relationship', 'nps', 3],
      ['relationship', 'nps', 9],
    ]);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{32}$/);
    // the same rows in another order, plus one new row: ids follow the values, not the position
    const again = file(
      'nps2.csv',
      'email,date,score,comment\nc@x.com,2026-01-03,10,\nb@x.com,2026-01-02,3,bad\na@x.com,2026-01-01,9,great\n',
    );
    const second = await importNps(again);
    expect(second.totals).toMatchObject({ inserted: 1, unchanged: 2 });
    // the option columns are not remembered as the source's mapping
    const saved = await fx.store.one<{ mapping: string }>(
      "SELECT mapping FROM source_mappings WHERE source = 'qualtrics'",
    );
    expect(saved?.mapping).not.toContain('--');
  });

  it('keeps identical rows apart (two equal answers are two rows) with stable ids', async () => {
    const twice = file('twice.csv', `${NPS}a@x.com,2026-01-01,9,great\n`);
    expect((await importNps(twice)).totals).toMatchObject({ inserted: 3, rejected: 0 });
    const ids = await fx.store.all<{ id: string }>(
      'SELECT source_id AS id FROM survey_responses ORDER BY id',
    );
    expect(ids.filter((r) => r.id.endsWith('-2'))).toHaveLength(1);
    expect((await importNps(twice)).totals).toMatchObject({ inserted: 0, unchanged: 3 });
  });

  it('rejects a bad --set value per row, naming the option as the column', async () => {
    const s = await importNps(file('nps.csv', NPS), { set: { survey: 's', kind: 'promoter' } });
    expect(s.totals.rejected).toBe(2);
    expect(s.rejects[0]).toMatchObject({ line: 2, column: '--set kind', value: 'promoter' });
  });

  it('refuses an unknown field, a field --map fills too, and a malformed pair', async () => {
    const p = file('nps.csv', NPS);
    await expect(importNps(p, { set: { kinds: 'nps' } })).rejects.toMatchObject({
      code: 'INPUT_UNKNOWN_FIELD',
    });
    await expect(importNps(p, { map: { comment: 'survey' } })).rejects.toMatchObject({
      code: 'INPUT_BAD_SET',
    });
    await expect(importNps(p, { map: { email: 'source_id' } })).rejects.toMatchObject({
      code: 'INPUT_BAD_SET',
    });
    expect(() => parseSetArgs(['kind'])).toThrow(/expected field=value/);
    expect(() => parseSetArgs(['kind=nps', 'kind=csat'])).toThrow(/one value per field/);
    expect(parseSetArgs(['survey=a=b'])).toEqual({ survey: 'a=b' });
  });

  it('without them, the missing fields are named with both ways to fill them', async () => {
    await expect(importNps(file('nps.csv', NPS), { set: {}, rowId: false })).rejects.toThrow(
      /--set field=value \(an id made from each row: --row-id\)/,
    );
  });
});
