// JSON config files, one way for every analysis (experience, churn, support, funnels): read
// (a missing file and bad JSON told apart), deep-merged over the checked-in defaults (objects key
// by key; arrays and scalars replaced) and validated with zod, a bad value failing with its file
// and JSON path.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError } from './errors.js';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge: objects key by key, everything else (arrays included) replaced. */
export function mergeConfig(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeConfig(base[k], v);
  return out;
}

/** The parsed JSON of a config file; `what` names the config in the error ("churn"). */
export function readConfigFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(
      missing ? 'CONFIG_NOT_FOUND' : 'CONFIG_UNREADABLE',
      `${path}: cannot read the ${what} config${missing ? ' (no such file)' : ''}`,
      { where: { file: path }, cause },
    );
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(
      'CONFIG_BAD_JSON',
      `${path}: not valid JSON (${(cause as Error).message})`,
      { where: { file: path }, cause },
    );
  }
}

/** Validates a config object with its schema; the first bad value names its JSON path. */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  value: unknown,
  file: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new ConfigError(
    'CONFIG_INVALID',
    `${file}: field "${path}": ${issue?.message ?? 'invalid'}`,
    {
      where: { file, path },
      cause: parsed.error,
    },
  );
}
