// One wrapper maps every failure to one line on stderr and an exit code: 2 for bad input or
// usage, 1 for everything else. --verbose adds the stack.
import { z } from 'zod';
import { ConfigError, CxError, formatWhere, InputError } from '../lib/errors.js';

/**
 * Domain functions validate their options with zod `.parse()`; a ZodError that reaches the CLI is
 * bad input, so it becomes the same one-line InputError a command would have thrown.
 */
export function fromZodError(error: unknown): unknown {
  if (!(error instanceof z.core.$ZodError)) return error;
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'options';
  return new InputError('INPUT_BAD_OPTION', `${field}: ${issue?.message ?? 'invalid'}`, {
    cause: error,
  });
}

export function exitCodeFor(error: unknown): number {
  const e = fromZodError(error);
  return e instanceof InputError || e instanceof ConfigError ? 2 : 1;
}

export function errorLine(error: unknown): string {
  const e = fromZodError(error);
  if (e instanceof CxError) {
    const where = formatWhere(e.where);
    const field = e.where?.field;
    // A message that already names its option (`--limit "abc": …`, `record "x": …`) needs no
    // `field "limit"` prefix.
    const named =
      field !== undefined &&
      where === formatWhere({ field }) &&
      (e.message.includes(`--${field}`) ||
        e.message.includes(`<${field}>`) ||
        e.message.startsWith(`${field} "`));
    const msg =
      where && !named && !e.message.includes(where.split(' ')[0] ?? '')
        ? `${where}: ${e.message}`
        : e.message;
    return `cxlens: ${oneLine(msg)} [${e.code}]`;
  }
  return `cxlens: ${oneLine(e instanceof Error ? e.message : String(e))}`;
}

// Stderr gets one line per failure, whatever the message (DuckDB and zod messages span several).
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

export function reportAndExit(error: unknown, verbose: boolean): never {
  process.stderr.write(`${errorLine(error)}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(exitCodeFor(error));
}
