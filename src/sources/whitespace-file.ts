// Files whose columns are aligned with runs of spaces (fixed-width-looking text exports, such as
// CDNOW's raw data). DuckDB's CSV reader takes one delimiter character, so such a file is
// rewritten once, line for line, as TSV in a temporary folder and read from there: line k of the
// copy is line k of the file, so reject line numbers stay the file's own.
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { openText } from './file-format.js';

/** The --delimiter value for runs of spaces and tabs. */
export const WHITESPACE_DELIMITER = 'whitespace';

export interface WhitespaceCopy {
  /** The TSV copy (same lines, fields joined by tabs). */
  path: string;
  /** Removes the copy. */
  remove(): void;
}

/** Writes the TSV copy of a whitespace-aligned file (gzip is read as is). */
export async function whitespaceToTsv(file: string): Promise<WhitespaceCopy> {
  const dir = mkdtempSync(join(tmpdir(), 'cxlens-ws-'));
  const path = join(dir, `${basename(file).replace(/\.gz$/i, '')}.tsv`);
  const out = await open(path, 'w');
  try {
    const lines = createInterface({ input: openText(file), crlfDelay: Number.POSITIVE_INFINITY });
    let buffer = '';
    for await (const line of lines) {
      const trimmed = line.trim();
      buffer += `${trimmed === '' ? '' : trimmed.split(/[ \t]+/).join('\t')}\n`;
      if (buffer.length > 1 << 20) {
        await out.write(buffer);
        buffer = '';
      }
    }
    await out.write(buffer);
  } catch (error) {
    await out.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  await out.close();
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
