// One wrapper maps every failure to one line on stderr and an exit code: 2 for bad input or
// usage, 1 for everything else. --verbose adds the stack.
import { ConfigError, CxError, formatWhere, InputError } from '../lib/errors.js';

export function exitCodeFor(error: unknown): number {
  return error instanceof InputError || error instanceof ConfigError ? 2 : 1;
}

export function errorLine(error: unknown): string {
  if (error instanceof CxError) {
    const where = formatWhere(error.where);
    const field = error.where?.field;
    // A message that already names its option (`--limit "abc": …`) needs no `field "limit"` prefix.
    const named =
      field !== undefined &&
      where === formatWhere({ field }) &&
      (error.message.includes(`--${field}`) || error.message.includes(`<${field}>`));
    const msg =
      where && !named && !error.message.includes(where.split(' ')[0] ?? '')
        ? `${where}: ${error.message}`
        : error.message;
    return `cxlens: ${msg} [${error.code}]`;
  }
  return `cxlens: ${error instanceof Error ? error.message : String(error)}`;
}

export function reportAndExit(error: unknown, verbose: boolean): never {
  process.stderr.write(`${errorLine(error)}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(exitCodeFor(error));
}
