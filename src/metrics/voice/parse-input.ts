// Parse a voice function's input at the boundary: a zod failure becomes one located InputError.
import type { z } from 'zod';
import { InputError } from '../../lib/errors.js';

export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fn: string,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new InputError(
    'INPUT_BAD_OPTION',
    `${fn} option "${field}": ${issue?.message ?? 'invalid'} (see the ${fn} input schema)`,
    { where: { field }, cause: parsed.error },
  );
}
