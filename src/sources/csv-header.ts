// Reads and parses the header row of a delimited file (BOM-aware), and guesses the delimiter when
// none is given. The data rows are read by DuckDB; only the header is parsed in JS.
import { parse } from 'csv-parse/sync';
import { InputError } from '../lib/errors.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

export interface CsvHeader {
  columns: string[];
  delimiter: string;
}

export function firstLine(head: Buffer): string {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const nl = text.search(/\r?\n/);
  return nl === -1 ? text : text.slice(0, nl);
}

/** The delimiter that splits the header into the most fields (ties prefer comma). */
export function guessDelimiter(line: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const d of CANDIDATES) {
    const count = line.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export function parseCsvHeader(file: string, head: Buffer, delimiter?: string): CsvHeader {
  const line = firstLine(head);
  if (line.trim() === '') {
    throw new InputError('INPUT_EMPTY_FILE', `${file}: the file is empty (expected a header row)`, {
      where: { file, line: 1 },
    });
  }
  const delim = delimiter ?? guessDelimiter(line);
  let columns: string[];
  try {
    const rows = parse(line, { delimiter: delim, relax_quotes: false }) as string[][];
    columns = (rows[0] ?? []).map((c) => c.trim());
  } catch (cause) {
    throw new InputError(
      'INPUT_BAD_HEADER',
      `${file}:1: the header row cannot be parsed — ${(cause as Error).message}`,
      {
        where: { file, line: 1 },
        cause,
      },
    );
  }
  const seen = new Set<string>();
  for (const [i, c] of columns.entries()) {
    if (c === '') {
      throw new InputError(
        'INPUT_BAD_HEADER',
        `${file}:1: header column ${i + 1} is empty (every column needs a name)`,
        {
          where: { file, line: 1 },
        },
      );
    }
    if (seen.has(c)) {
      throw new InputError(
        'INPUT_BAD_HEADER',
        `${file}:1 column "${c}": appears twice in the header`,
        {
          where: { file, line: 1, column: c },
        },
      );
    }
    seen.add(c);
  }
  return { columns, delimiter: delim };
}

/**
 * For a file with no header row: checks the names given for its columns (non-empty, distinct)
 * against its first record, and guesses the delimiter from that record when none is given.
 */
export function headerlessColumns(
  file: string,
  head: Buffer,
  names: readonly string[],
  delimiter?: string,
): CsvHeader {
  const columns = names.map((n) => n.trim());
  const bad = columns.findIndex((c, i) => c === '' || columns.indexOf(c) !== i);
  if (bad !== -1) {
    throw new InputError(
      'INPUT_BAD_COLUMNS',
      `--columns: name ${bad + 1} is ${columns[bad] === '' ? 'empty' : `"${columns[bad]}" a second time`} (every column needs its own name)`,
      { where: { field: 'columns' } },
    );
  }
  const line = firstLine(head);
  if (line.trim() === '') {
    throw new InputError('INPUT_EMPTY_FILE', `${file}: the file is empty`, {
      where: { file, line: 1 },
    });
  }
  const delim = delimiter ?? guessDelimiter(line);
  let fields: number;
  try {
    fields = ((parse(line, { delimiter: delim, relax_quotes: false }) as string[][])[0] ?? [])
      .length;
  } catch (cause) {
    throw new InputError(
      'INPUT_BAD_ROW',
      `${file}:1: the first record cannot be parsed — ${(cause as Error).message}`,
      { where: { file, line: 1 }, cause },
    );
  }
  if (fields !== columns.length) {
    throw new InputError(
      'INPUT_BAD_COLUMNS',
      `${file}:1: the first record has ${fields} field${fields === 1 ? '' : 's'} but --columns names ${columns.length} (is the delimiter right? use --delimiter)`,
      { where: { file, line: 1 } },
    );
  }
  return { columns, delimiter: delim };
}
