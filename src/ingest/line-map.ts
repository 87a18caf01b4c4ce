// Maps staging record ordinals back to the lines of the source file, for reject reports. Only
// runs for rows that were rejected, so the common path never reads the file in JS.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/** Counts physical lines (a last line without a newline counts). */
export async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file)) {
    const buf = chunk as Buffer;
    let i = buf.indexOf(10);
    while (i !== -1) {
      lines++;
      i = buf.indexOf(10, i + 1);
    }
    if (buf.length > 0) last = buf[buf.length - 1] ?? 10;
  }
  return last === 10 ? lines : lines + 1;
}

/**
 * For a CSV with one line per record: record k (0-based among accepted records) sits on line
 * k + 2, shifted down by every reader-rejected line at or before it.
 */
export function linesFromOrdinals(
  ordinals: readonly number[],
  rejectedLines: readonly number[],
): Map<number, number> {
  const rejected = [...new Set(rejectedLines)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  for (const k of [...ordinals].sort((a, b) => a - b)) {
    let line = k + 2;
    for (const r of rejected) if (r <= line) line++;
    out.set(k, line);
  }
  return out;
}

/** General case (values spanning lines): parse the file in JS to find each record's first line. */
export async function linesByParsing(
  file: string,
  delimiter: string,
  ordinals: readonly number[],
  rejectedLines: readonly number[],
): Promise<Map<number, number>> {
  const wanted = new Set(ordinals);
  const rejected = new Set(rejectedLines);
  const out = new Map<number, number>();
  const parser = createReadStream(file).pipe(
    parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      info: true,
      from_line: 2,
    }),
  );
  let k = 0;
  let nextLine = 2;
  for await (const record of parser as AsyncIterable<{ info: { lines: number } }>) {
    const startLine = nextLine;
    nextLine = record.info.lines + 1;
    if (rejected.has(startLine)) continue;
    if (wanted.has(k)) out.set(k, startLine);
    k++;
    if (out.size === wanted.size) break;
  }
  return out;
}
