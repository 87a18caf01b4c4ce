// scoreTextFile: sentiment for any file of texts, streamed row by row (constant memory). Every
// input row is written back unchanged with three more columns: sentiment_score (−1..1, 4
// decimals; empty when unscored), sentiment_label (negative | neutral | positive; empty when
// unscored) and language (ISO 639-1; texts in another language than English are marked, not
// scored). CSV in → CSV out (csv-parse / csv-stringify, header kept), NDJSON in → NDJSON out.
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { InputError } from '../../lib/errors.js';
import { type SentimentResult, scoreSentiment } from '../../text/index.js';

export interface SentimentFileOptions {
  format: 'csv' | 'ndjson';
  textColumn: string;
  /** Name used in error messages (default "stdin"). */
  fileName?: string;
}

export interface SentimentFileSummary {
  rows: number;
  scored: number;
  unscored: number;
  byLabel: Record<string, number>;
  byLanguage: Record<string, number>;
}

export const SENTIMENT_COLUMNS = ['sentiment_score', 'sentiment_label', 'language'] as const;

function tally(summary: SentimentFileSummary, s: SentimentResult): void {
  summary.rows++;
  if (s.scored) {
    summary.scored++;
    summary.byLabel[s.label] = (summary.byLabel[s.label] ?? 0) + 1;
  } else summary.unscored++;
  summary.byLanguage[s.language] = (summary.byLanguage[s.language] ?? 0) + 1;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function missingColumn(file: string, column: string, line: number, have: string[]): InputError {
  return new InputError(
    'INPUT_MISSING_COLUMN',
    `${file}:${line} column "${column}": not found (expected one of ${have.map((h) => `"${h}"`).join(', ') || 'a header row'}; choose it with --text-column)`,
    { where: { file, line, column } },
  );
}

async function scoreCsv(
  input: Readable,
  output: Writable,
  opts: SentimentFileOptions,
  summary: SentimentFileSummary,
): Promise<void> {
  const file = opts.fileName ?? 'stdin';
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  async function* score(records: AsyncIterable<string[]>): AsyncGenerator<string[]> {
    let textIndex = -1;
    for await (const record of records) {
      if (textIndex < 0) {
        textIndex = record.indexOf(opts.textColumn);
        if (textIndex < 0) throw missingColumn(file, opts.textColumn, 1, record);
        yield [...record, ...SENTIMENT_COLUMNS];
        continue;
      }
      const s = scoreSentiment(record[textIndex] ?? '');
      tally(summary, s);
      yield [
        ...record,
        s.scored ? String(round4(s.score)) : '',
        s.scored ? s.label : '',
        s.language,
      ];
    }
    if (textIndex < 0) throw missingColumn(file, opts.textColumn, 1, []);
  }
  try {
    await pipeline(input, parser, score, stringify(), output, { end: false });
  } catch (error) {
    if (error instanceof InputError) throw error;
    const e = error as { code?: string; lines?: number; message?: string };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw new InputError(
        'INPUT_BAD_CSV',
        `${file}:${e.lines ?? '?'}: ${e.message ?? 'unreadable CSV'} (expected RFC 4180 CSV with a header row)`,
        { where: { file, ...(e.lines === undefined ? {} : { line: e.lines }) }, cause: error },
      );
    }
    throw error;
  }
}

async function scoreNdjson(
  input: Readable,
  output: Writable,
  opts: SentimentFileOptions,
  summary: SentimentFileSummary,
): Promise<void> {
  const file = opts.fileName ?? 'stdin';
  async function* lines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
    let rest = '';
    let line = 0;
    const one = (raw: string): string | undefined => {
      line++;
      if (raw.trim() === '') return undefined;
      let row: unknown;
      try {
        row = JSON.parse(raw);
      } catch (cause) {
        throw new InputError(
          'INPUT_BAD_JSON',
          `${file}:${line}: not valid JSON (expected one JSON object per line)`,
          {
            where: { file, line },
            cause,
          },
        );
      }
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        throw new InputError(
          'INPUT_BAD_JSON',
          `${file}:${line}: not a JSON object (expected one JSON object per line)`,
          {
            where: { file, line },
          },
        );
      }
      const obj = row as Record<string, unknown>;
      if (!(opts.textColumn in obj))
        throw missingColumn(file, opts.textColumn, line, Object.keys(obj));
      const value = obj[opts.textColumn];
      const s = scoreSentiment(
        typeof value === 'string' ? value : value == null ? '' : String(value),
      );
      tally(summary, s);
      return `${JSON.stringify({
        ...obj,
        sentiment_score: s.scored ? round4(s.score) : null,
        sentiment_label: s.scored ? s.label : null,
        language: s.language,
      })}\n`;
    };
    for await (const chunk of chunks) {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const raw of parts) {
        const out = one(raw);
        if (out !== undefined) yield out;
      }
    }
    const out = one(rest);
    if (out !== undefined) yield out;
  }
  input.setEncoding('utf8');
  await pipeline(input, lines, output, { end: false });
}

/** Stream `input` to `output` with sentiment_score, sentiment_label and language added per row. */
export async function scoreTextFile(
  input: Readable,
  output: Writable,
  opts: SentimentFileOptions,
): Promise<SentimentFileSummary> {
  const summary: SentimentFileSummary = {
    rows: 0,
    scored: 0,
    unscored: 0,
    byLabel: {},
    byLanguage: {},
  };
  if (opts.format === 'csv') await scoreCsv(input, output, opts, summary);
  else await scoreNdjson(input, output, opts, summary);
  return summary;
}
