// Runtime configuration from the environment, validated once.
import { z } from 'zod';
import { ConfigError } from './errors.js';

const Env = z.object({
  CXLENS_DB: z.string().min(1).default('cxlens.duckdb'),
  CXLENS_PORT: z.coerce.number().int().min(0).max(65535).default(4600),
  CXLENS_HOST: z.string().default('127.0.0.1'),
  CXLENS_DATA_DIR: z.string().default('cxlens-data'),
  /** Tracking API: bound on queued, not yet durable, bytes (429 beyond). */
  CXLENS_TRACKING_MAX_QUEUE_BYTES: z.coerce.number().int().min(1024).optional(),
  /** Tracking API: bound on requests in flight (429 beyond). */
  CXLENS_TRACKING_MAX_IN_FLIGHT: z.coerce.number().int().min(1).optional(),
  /** Tracking API: pause between loads of the durable log into the store. */
  CXLENS_TRACKING_LOAD_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
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
