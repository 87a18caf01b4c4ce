// Runtime configuration from the environment, validated once.
import { z } from 'zod';
import { ConfigError } from './errors.js';

const Env = z.object({
  CXLENS_DB: z.string().min(1).default('cxlens.duckdb'),
  CXLENS_PORT: z.coerce.number().int().min(0).max(65535).default(4600),
  CXLENS_HOST: z.string().default('127.0.0.1'),
  CXLENS_DATA_DIR: z.string().default('cxlens-data'),
});
export type Env = z.infer<typeof Env>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError('CONFIG_BAD_ENV', `${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
