import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../lib/errors.js';
import { numberOption } from './number-option.js';
import { errorLine, exitCodeFor } from './run-command.js';

describe('errorLine', () => {
  it('prints a bad option as one line without repeating the field, exit 2', () => {
    let error: unknown;
    try {
      numberOption('limit', { integer: true, min: 1 })('abc');
    } catch (e) {
      error = e;
    }
    expect(errorLine(error)).toBe(
      'cxlens: --limit "abc": expected a whole number ≥ 1 [INPUT_BAD_OPTION]',
    );
    expect(exitCodeFor(error)).toBe(2);
  });

  it('still prefixes the location when the message does not name it', () => {
    const e = new InputError('INPUT_BAD_NUMBER', '"12,5O" is not a number', {
      where: { file: 'o.csv', line: 3, column: 'Total' },
    });
    expect(errorLine(e)).toBe(
      'cxlens: o.csv:3 column "Total": "12,5O" is not a number [INPUT_BAD_NUMBER]',
    );
    const f = new InputError('INPUT_BAD_FORMAT', 'expected csv or json', {
      where: { field: 'format' },
    });
    expect(errorLine(f)).toBe('cxlens: field "format": expected csv or json [INPUT_BAD_FORMAT]');
  });

  it('turns a ZodError from a domain function into one INPUT_BAD_OPTION line, exit 2', () => {
    const Options = z.object({
      from: z.iso.date().optional(),
      window: z.object({ days: z.int() }),
    });
    let error: unknown;
    try {
      Options.parse({ from: 'abc', window: { days: 1 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(z.ZodError);
    expect(errorLine(error)).toBe('cxlens: from: Invalid ISO date [INPUT_BAD_OPTION]');
    expect(exitCodeFor(error)).toBe(2);
    const nested = Options.safeParse({ window: { days: 'x' } }).error;
    expect(errorLine(nested)).toMatch(/^cxlens: window\.days: [^\n]+ \[INPUT_BAD_OPTION\]$/);
    expect(exitCodeFor(nested)).toBe(2);
  });

  it('keeps any message to one line', () => {
    expect(errorLine(new Error('first\n  second'))).toBe('cxlens: first second');
  });
});
