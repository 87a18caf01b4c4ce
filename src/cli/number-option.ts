// Numeric command-line values, parsed once by a rule. Use as commander's argument parser so an
// action only ever sees numbers:
//   .option('--limit <n>', 'rows to show', numberOption('limit', { integer: true, min: 1 }), 100)
// A bad value fails with one InputError (INPUT_BAD_OPTION, where.field = the option name) whose
// message names the option, the value given and what was expected:
//   --limit "abc": expected a whole number ≥ 1
import { InputError } from '../lib/errors.js';

export interface NumberRule {
  /** Only whole numbers (safe integers). */
  integer?: boolean;
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Largest accepted value (inclusive). */
  max?: number;
  /** Values must be strictly greater than this. */
  above?: number;
  /** Values must be strictly less than this. */
  below?: number;
}

// Plain decimal notation, optionally signed, with an optional exponent: no hex, no "Infinity",
// no thousands separators, no trailing text ("12abc").
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** What a rule accepts, in words: "a whole number ≥ 1", "a number > -1 and < 1". */
export function describeRule(rule: NumberRule): string {
  const bounds = [
    rule.min === undefined ? '' : `≥ ${rule.min}`,
    rule.above === undefined ? '' : `> ${rule.above}`,
    rule.max === undefined ? '' : `≤ ${rule.max}`,
    rule.below === undefined ? '' : `< ${rule.below}`,
  ].filter(Boolean);
  const noun = rule.integer ? 'a whole number' : 'a number';
  return bounds.length ? `${noun} ${bounds.join(' and ')}` : noun;
}

function accepts(n: number, rule: NumberRule): boolean {
  if (!Number.isFinite(n)) return false;
  if (rule.integer && !Number.isSafeInteger(n)) return false;
  if (rule.min !== undefined && n < rule.min) return false;
  if (rule.max !== undefined && n > rule.max) return false;
  if (rule.above !== undefined && n <= rule.above) return false;
  if (rule.below !== undefined && n >= rule.below) return false;
  return true;
}

/**
 * Parses `value` by `rule`. `label` is how the user wrote the value's name (`--limit`, `<month>`)
 * and `field` the name reported in `where.field`.
 */
export function parseNumber(value: string, rule: NumberRule, label: string, field: string): number {
  const text = value.trim();
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!accepts(n, rule)) {
    throw new InputError(
      'INPUT_BAD_OPTION',
      `${label} "${value}": expected ${describeRule(rule)}`,
      {
        where: { field },
      },
    );
  }
  return n;
}

/** A commander option parser: `numberOption('limit', { integer: true, min: 1 })` for `--limit`. */
export function numberOption(name: string, rule: NumberRule): (value: string) => number {
  return (value) => parseNumber(value, rule, `--${name}`, name);
}

/** A commander argument parser: `numberArgument('month', { integer: true, min: 0 })`. */
export function numberArgument(name: string, rule: NumberRule): (value: string) => number {
  return (value) => parseNumber(value, rule, `<${name}>`, name);
}
