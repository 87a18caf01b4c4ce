import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { InputError } from '../lib/errors.js';
import { describeRule, numberArgument, numberOption } from './number-option.js';

function failure(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected the parser to throw');
}

describe('numberOption', () => {
  const limit = numberOption('limit', { integer: true, min: 1 });
  const discount = numberOption('discount', { above: -1, below: 1 });

  it('parses good values', () => {
    expect(limit('1')).toBe(1);
    expect(limit(' 250 ')).toBe(250);
    expect(limit('1e3')).toBe(1000);
    expect(discount('0.01')).toBe(0.01);
    expect(discount('-0.5')).toBe(-0.5);
    expect(discount('.5')).toBe(0.5);
    expect(numberOption('seed', { integer: true })('-7')).toBe(-7);
    expect(numberOption('top', { integer: true, min: 0 })('0')).toBe(0);
  });

  it('rejects text that is not a plain decimal number', () => {
    for (const bad of ['abc', '', ' ', '12abc', '0x10', 'Infinity', 'NaN', '1,000', '1..2']) {
      expect(failure(() => limit(bad)).code).toBe('INPUT_BAD_OPTION');
    }
  });

  it('rejects values outside the range, bounds inclusive or strict as asked', () => {
    expect(failure(() => limit('0')).message).toBe('--limit "0": expected a whole number ≥ 1');
    const ideas = numberOption('limit', { integer: true, min: 1, max: 1000 });
    expect(ideas('1000')).toBe(1000);
    expect(failure(() => ideas('1001')).message).toBe(
      '--limit "1001": expected a whole number ≥ 1 and ≤ 1000',
    );
    expect(failure(() => discount('1')).message).toBe(
      '--discount "1": expected a number > -1 and < 1',
    );
    expect(() => discount('-1')).toThrow(InputError);
    const z = numberOption('z', { above: 0 });
    expect(z('2.5')).toBe(2.5);
    expect(() => z('0')).toThrow(InputError);
  });

  it('rejects a fraction where a whole number is required', () => {
    const e = failure(() => limit('2.5'));
    expect(e.message).toBe('--limit "2.5": expected a whole number ≥ 1');
    expect(() => limit('99999999999999999999')).toThrow(InputError);
  });

  it('names the option, the value and what was expected, on one line', () => {
    const e = failure(() => numberOption('min-count', { integer: true, min: 1 })('lots'));
    expect(e.code).toBe('INPUT_BAD_OPTION');
    expect(e.where).toEqual({ field: 'min-count' });
    expect(e.message).toContain('--min-count');
    expect(e.message).toContain('"lots"');
    expect(e.message).toContain('expected a whole number ≥ 1');
    expect(e.message).not.toContain('\n');
    expect(failure(() => numberArgument('month', { integer: true, min: 0 })('-1')).message).toBe(
      '<month> "-1": expected a whole number ≥ 0',
    );
  });

  it('describes rules in words', () => {
    expect(describeRule({})).toBe('a number');
    expect(describeRule({ integer: true })).toBe('a whole number');
    expect(describeRule({ above: 0, below: 1 })).toBe('a number > 0 and < 1');
  });

  it('works as a commander parser: actions get numbers, defaults stay, errors propagate', () => {
    const seen: unknown[] = [];
    const program = () =>
      new Command()
        .exitOverride()
        .option('--limit <n>', 'rows', numberOption('limit', { integer: true, min: 1 }), 100)
        .action((o: { limit: number }) => {
          seen.push(o.limit);
        });
    program().parse(['--limit', '7'], { from: 'user' });
    program().parse([], { from: 'user' });
    expect(seen).toEqual([7, 100]);
    expect(() => program().parse(['--limit', 'abc'], { from: 'user' })).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_OPTION', where: { field: 'limit' } }),
    );
    const help = program().helpInformation();
    expect(help).toContain('(default: 100)');
  });
});
