// A gzip file's header is read from its decompressed text, not from the compressed bytes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsvHeader } from './csv-header.js';
import { isGzip, readHead, readTextHead } from './file-format.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cx-sources-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readTextHead', () => {
  it('decompresses a gzip file before the header is parsed and the delimiter guessed', async () => {
    const p = join(dir, 'cust.csv.gz');
    writeFileSync(p, gzipSync('customer_id;email\nC1;a@x.com\n'));
    expect(isGzip(readHead(p))).toBe(true);
    const head = await readTextHead(p);
    expect(parseCsvHeader(p, head)).toEqual({ columns: ['customer_id', 'email'], delimiter: ';' });
  });

  it('stops after the bytes asked for, and reads plain files as they are', async () => {
    const big = join(dir, 'big.csv.gz');
    writeFileSync(big, gzipSync(`a,b\n${'1,2\n'.repeat(100_000)}`));
    expect((await readTextHead(big, 1000)).length).toBe(1000);
    const plain = join(dir, 'p.csv');
    writeFileSync(plain, 'a,b\n1,2\n');
    expect((await readTextHead(plain)).toString()).toBe('a,b\n1,2\n');
  });

  it('a file that starts like gzip but is not is INPUT_WRONG_FORMAT', async () => {
    const p = join(dir, 'x.csv.gz');
    writeFileSync(p, Buffer.from([0x1f, 0x8b, 1, 2, 3, 4]));
    await expect(readTextHead(p)).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT' });
  });
});
