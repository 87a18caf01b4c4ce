// Loaders for ../shared/datasets/reviews-sentiment (read in place, never copied).
// Alexa: TSV with BOM and CRLF, quoted fields; empty reviews are skipped.
// UCI amazon_cells / yelp: "sentence<TAB>label" per line, split on the last tab.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../src/lib/errors.js';

export interface StarText {
  text: string;
  stars: number;
}

export interface BinaryText {
  text: string;
  /** 1 positive, 0 negative. */
  label: 0 | 1;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SENTIMENT_DATA_DIR = path.resolve(REPO_ROOT, '../shared/datasets/reviews-sentiment');

export function loadAlexa(dir = SENTIMENT_DATA_DIR): StarText[] {
  const file = path.join(dir, 'amazon_alexa.tsv');
  const rows = parse(readFileSync(file, 'utf8'), {
    bom: true,
    delimiter: '\t',
    columns: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  const out: StarText[] = [];
  rows.forEach((row, i) => {
    const stars = Number(row.rating);
    if (!Number.isInteger(stars) || stars < 1 || stars > 5) {
      throw new InputError(
        'INPUT_BAD_NUMBER',
        `${file}:${i + 2} column "rating": "${row.rating}" is not a star rating (expected 1 to 5)`,
        { where: { file, line: i + 2, column: 'rating' } },
      );
    }
    const text = (row.verified_reviews ?? '').trim();
    if (text.length > 0) out.push({ text, stars });
  });
  return out;
}

export function loadUci(name: 'amazon_cells' | 'yelp', dir = SENTIMENT_DATA_DIR): BinaryText[] {
  const file = path.join(dir, `${name}_labelled.txt`);
  const out: BinaryText[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const tab = line.lastIndexOf('\t');
      const label = line.slice(tab + 1).trim();
      if (tab < 0 || (label !== '0' && label !== '1')) {
        throw new InputError(
          'INPUT_BAD_LABEL',
          `${file}:${i + 1}: "${label}" is not a label (expected sentence<TAB>0 or 1)`,
          { where: { file, line: i + 1 } },
        );
      }
      out.push({ text: line.slice(0, tab), label: label === '1' ? 1 : 0 });
    });
  return out;
}
