// Reject line numbers: a record spans as many physical lines as it has newlines, whatever the
// line endings (a CRLF inside a quoted value is one line break, not two).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTITIES } from '../schemas/index.js';
import { Store } from '../store/index.js';
import { importFiles } from './index.js';
import { countLines, linesByParsing } from './line-map.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cx-linemap-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

// Lines: 1 header, 2-3 O1 (CRLF inside quotes), 4 O2, 5-7 O3 (two CRLFs inside), 8 O4.
const CRLF_ORDERS = [
  'Order ID,Customer ID,Order Date,Total,Note',
  'O1,C1,2026-01-01,10,"first\r\nsecond"',
  'O2,C2,2026-01-02,20,plain',
  'O3,C3,2026-01-03,30,"a\r\n\r\nb"',
  'O4,C4,2026-01-04,bad,plain',
  '',
].join('\r\n');

describe('linesByParsing', () => {
  it('counts a CRLF inside a quoted value as one line, with CRLF line endings', async () => {
    const p = file('o.csv', CRLF_ORDERS);
    const map = await linesByParsing(p, ',', [0, 1, 2, 3], []);
    expect([...map.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 2],
      [1, 4],
      [2, 5],
      [3, 8],
    ]);
  });

  it('counts LF files, blank lines and a last line without newline', async () => {
    const p = file('o.csv', 'a,b\n1,"x\ny"\n2,z\n3,"p\n\nq"\n4,w');
    const map = await linesByParsing(p, ',', [0, 1, 2, 3], []);
    expect(map.get(1)).toBe(4);
    expect(map.get(2)).toBe(5);
    expect(map.get(3)).toBe(8);
    expect(await countLines(p)).toBe(8);
  });

  it('reads a gzip file decompressed', async () => {
    const p = file('o.csv.gz', gzipSync(CRLF_ORDERS));
    expect(await countLines(p)).toBe(8);
    expect((await linesByParsing(p, ',', [3], [])).get(3)).toBe(8);
  });
});

describe('importFiles — reject lines after quoted CRLFs', () => {
  it('points a bad row after quoted CRLF values at its own line', async () => {
    const store = await Store.open(':memory:');
    try {
      const p = file('o.csv', CRLF_ORDERS);
      const s = await importFiles(store, {
        entity: ENTITIES.order,
        files: [p],
        source: 'shop',
      });
      expect(s.totals.inserted).toBe(3);
      expect(s.rejects.map((r) => [r.line, r.column, r.code])).toEqual([
        [8, 'Total', 'INPUT_BAD_NUMBER'],
      ]);
    } finally {
      store.close();
    }
  });
});
