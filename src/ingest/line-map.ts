// Maps staging record ordinals back to the lines of the source file, for reject reports. Only
// runs for rows that were rejected, so the common path never reads the file in JS.
import { parse } from 'csv-parse';
import { openText } from '../sources/index.js';

/** Counts physical lines (a last line without a newline counts). */
export async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of openText(file)) {
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
 * k + 1 + headerLines (k + 2 below a header row), shifted down by every reader-rejected line at
 * or before it.
 */
export function linesFromOrdinals(
  ordinals: readonly number[],
  rejectedLines: readonly number[],
  headerLines = 1,
): Map<number, number> {
  const rejected = [...new Set(rejectedLines)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  for (const k of [...ordinals].sort((a, b) => a - b)) {
    let line = k + 1 + headerLines;
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
  headerLines = 1,
): Promise<Map<number, number>> {
  const wanted = new Set(ordinals);
  const rejected = new Set(rejectedLines);
  const out = new Map<number, number>();
  const parser = openText(file).pipe(
    parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      raw: true,
      from_line: 1 + headerLines,
    }),
  );
  let k = 0;
  let nextLine = 1 + headerLines;
  // A record spans one line per '\n' inside it, plus one. info.lines would count a CRLF inside
  // quotes as two lines; raw is counted instead, less its own terminator (csv-parse leaves the
  // '\n' of a CRLF terminator out of raw, so '\r\n', '\n' and a lone '\r' are all dropped).
  for await (const record of parser as AsyncIterable<{ raw: string }>) {
    const startLine = nextLine;
    nextLine = startLine + countNewlines(record.raw.replace(/\r?\n?$/, '')) + 1;
    if (rejected.has(startLine)) continue;
    if (wanted.has(k)) out.set(k, startLine);
    k++;
    if (out.size === wanted.size) break;
  }
  return out;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
