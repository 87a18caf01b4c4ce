import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../schemas/index.js';
import { whitespaceToTsv } from '../sources/index.js';
import { importFixture } from './import-fixture.test-helper.js';
import { importFiles } from './index.js';

const fx = importFixture('cx-ws-');

// columns aligned with runs of spaces, CRLF line ends, a leading space (as CDNOW's raw file)
const ALIGNED =
  ' customer_id  placed_at number_of_cds  amount\r\n 00001 19970101  1   11.77\r\n 00002 19970112  1   x\r\n\r\n 00002 19970112  2   12.00\r\n';

const importAligned = (path: string) =>
  importFiles(fx.store, {
    entity: ENTITIES.order,
    files: [path],
    source: 'cd',
    format: 'csv',
    delimiter: 'whitespace',
    rowId: true,
  });

describe('--delimiter whitespace', () => {
  it('reads columns aligned with runs of spaces, with rejects on the file’s own lines', async () => {
    const p = join(fx.dir, 'cd.txt');
    writeFileSync(p, ALIGNED);
    const s = await importAligned(p);
    expect(s.totals).toMatchObject({ rowsRead: 3, inserted: 2, rejected: 1 });
    expect(s.rejects[0]).toMatchObject({ file: p, line: 3, column: 'amount', value: 'x' });
    const rows = await fx.store.all<{ c: string; a: number }>(
      'SELECT customer_id AS c, amount AS a FROM orders ORDER BY a',
    );
    expect(rows).toEqual([
      { c: '00001', a: 11.77 },
      { c: '00002', a: 12 },
    ]);
  });

  it('reads a gzip file the same way and leaves no copy behind', async () => {
    const p = join(fx.dir, 'cd.txt.gz');
    writeFileSync(p, gzipSync(ALIGNED));
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('cxlens-ws-')).length;
    expect((await importAligned(p)).totals).toMatchObject({ inserted: 2, rejected: 1 });
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('cxlens-ws-'))).toHaveLength(before);
  });

  it('whitespaceToTsv keeps every line, blank ones too', async () => {
    const p = join(fx.dir, 'cd.txt');
    writeFileSync(p, ALIGNED);
    const copy = await whitespaceToTsv(p);
    expect(readFileSync(copy.path, 'utf8').split('\n')).toEqual([
      'customer_id\tplaced_at\tnumber_of_cds\tamount',
      '00001\t19970101\t1\t11.77',
      '00002\t19970112\t1\tx',
      '',
      '00002\t19970112\t2\t12.00',
      '',
    ]);
    copy.remove();
    expect(existsSync(copy.path)).toBe(false);
  });
});
