// Dead letters of the tracking API: messages it could not accept, with the located reason.
import type { Store } from '../../store/index.js';

export interface DeadLetter {
  received_at: Date;
  source: string;
  message_index: number | null;
  message_id: string | null;
  code: string;
  reason: string;
  payload: string | null;
}

export async function listDeadLetters(
  store: Store,
  options: { source?: string | undefined; limit: number },
): Promise<DeadLetter[]> {
  const limit = Math.max(1, Math.trunc(options.limit) || 100);
  return store.all<DeadLetter & Record<string, unknown>>(
    `SELECT received_at, source, message_index, message_id, code, reason, CAST(payload AS VARCHAR) AS payload
     FROM dead_letters WHERE (? IS NULL OR source = ?) ORDER BY received_at DESC, message_index LIMIT ?`,
    [options.source ?? null, options.source ?? null, limit],
  );
}
