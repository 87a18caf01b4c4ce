// Which reader a file needs, and a cheap check that the file is what its format says, so that
// "--format parquet" on a CSV fails with a clear reason instead of a reader's stack trace.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { InputError } from '../lib/errors.js';

export const FileFormat = z.enum(['csv', 'tsv', 'json', 'ndjson', 'parquet']);
export type FileFormat = z.infer<typeof FileFormat>;

const BY_EXTENSION: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.parquet': 'parquet',
  '.pq': 'parquet',
};

export function formatFromName(file: string): FileFormat | undefined {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  return BY_EXTENSION[extname(name)];
}

/** Reads up to `bytes` from the start of a file; errors say which file and why. */
export function readHead(file: string, bytes = 65536): Buffer {
  let fd: number;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      throw new InputError('INPUT_NOT_A_FILE', `${file}: is a directory, not a file`, {
        where: { file },
      });
    fd = openSync(file, 'r');
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(cause);
    throw new InputError('INPUT_FILE_NOT_FOUND', `${file}: ${why}`, { where: { file }, cause });
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes as a stream, decompressed when it is gzip (DuckDB reads .gz itself; so must we). */
export function openText(file: string): Readable {
  const stream = createReadStream(file);
  return isGzip(readHead(file, 2)) ? stream.pipe(createGunzip()) : stream;
}

/** The bytes start with the gzip magic number (1f 8b). */
export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Up to `bytes` of the file's text: readHead, or for a gzip file the start of its decompressed
 * content (streamed, stopping once enough is out, so a large file is not inflated in full).
 */
export async function readTextHead(file: string, bytes = 65536): Promise<Buffer> {
  const head = readHead(file, bytes);
  if (!isGzip(head)) return head;
  const chunks: Buffer[] = [];
  let size = 0;
  const gunzip = createReadStream(file).pipe(createGunzip());
  try {
    for await (const chunk of gunzip) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= bytes) break;
    }
  } catch (cause) {
    throw new InputError(
      'INPUT_WRONG_FORMAT',
      `${file}: starts like gzip but cannot be decompressed — ${(cause as Error).message}`,
      { where: { file }, cause },
    );
  } finally {
    gunzip.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}

/** Throws when the bytes of a file contradict its declared format. */
export function checkFormat(file: string, format: FileFormat, head: Buffer): void {
  const isParquet = head.length >= 4 && head.subarray(0, 4).toString('latin1') === 'PAR1';
  const fail = (what: string) => {
    throw new InputError('INPUT_WRONG_FORMAT', `${file}: is not ${format} — ${what}`, {
      where: { file },
    });
  };
  if (format === 'parquet') {
    if (!isParquet) fail('a Parquet file starts with "PAR1" (use --format csv|tsv|json|ndjson)');
    return;
  }
  if (isParquet) fail('it is a Parquet file (use --format parquet)');
  if (isGzip(head)) return; // DuckDB reads gzip-compressed text itself; content is checked by the reader.
  if (head.length === 0) return; // empty files are reported by the importer
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.includes(0)) fail('it contains NUL bytes (a binary file?)');
  if (
    (format === 'json' || format === 'ndjson') &&
    !text.startsWith('{') &&
    !text.startsWith('[')
  ) {
    fail('JSON must start with "{" or "["');
  }
  if ((format === 'csv' || format === 'tsv') && (text.startsWith('{') || text.startsWith('['))) {
    fail('it looks like JSON (use --format ndjson or json)');
  }
}
