// Buffered CSV (RFC 4180) and NDJSON writers. Lines are joined into ~1 MB chunks and written to a
// file stream, waiting for 'drain' so memory stays flat at any size.
import { createWriteStream, type WriteStream } from 'node:fs';
import { InputError } from '../lib/errors.js';

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: quoted (with doubled quotes) only when it has to be. */
export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(cells: readonly string[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) out += ',';
    out += csvCell(cells[i] ?? '');
  }
  return `${out}\n`;
}

const CHUNK_CHARS = 1 << 20;

export class LineWriter {
  readonly path: string;
  rows = 0;
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;
  private failure: Error | undefined;

  constructor(path: string) {
    this.path = path;
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (e) => {
      this.failure = e;
    });
  }

  /** Appends raw text (a full line with its newline). */
  async write(line: string): Promise<void> {
    this.parts.push(line);
    this.size += line.length;
    if (this.size >= CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.wrap(this.failure);
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (e: Error) => reject(this.wrap(e));
        this.stream.once('error', onError);
        this.stream.once('drain', () => {
          this.stream.off('error', onError);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((e?: Error | null) => (e ? reject(this.wrap(e)) : resolve()));
    });
    if (this.failure) throw this.wrap(this.failure);
  }

  private wrap(e: Error): InputError {
    return new InputError(
      'DEMO_WRITE_FAILED',
      `${this.path}: cannot write demo file — ${e.message}`,
      {
        where: { file: this.path },
        cause: e,
      },
    );
  }
}

export class CsvWriter extends LineWriter {
  static async open(path: string, header: readonly string[]): Promise<CsvWriter> {
    const w = new CsvWriter(path);
    await w.write(csvLine(header));
    return w;
  }

  async row(cells: readonly string[]): Promise<void> {
    this.rows++;
    await this.write(csvLine(cells));
  }
}

export class NdjsonWriter extends LineWriter {
  async lines(lines: readonly string[]): Promise<void> {
    for (const line of lines) {
      this.rows++;
      await this.write(`${line}\n`);
    }
  }
}

/** Writes a whole table and returns its row count. */
export async function writeCsv(
  path: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<number> {
  const w = await CsvWriter.open(path, header);
  for (const r of rows) await w.row(r);
  await w.close();
  return w.rows;
}
