// Test helpers: insert hand-written events into a store (tests only; not exported from index.ts).
import type { Store } from '../../store/index.js';

export interface TestEvent {
  user?: string;
  anon?: string;
  event?: string;
  type?: 'track' | 'page' | 'identify';
  at: string | number;
  browser?: string;
  os?: string;
  path?: string;
  variant?: string;
  properties?: Record<string, unknown>;
}

let seq = 0;

export async function insertEvents(store: Store, events: readonly TestEvent[]): Promise<void> {
  await store.transaction(async () => {
    for (const e of events) {
      seq++;
      const at = typeof e.at === 'number' ? new Date(e.at) : new Date(e.at);
      await store.run(
        `INSERT INTO events (source, source_id, type, event, user_id, anonymous_id, timestamp, browser, os, page_path, variant, properties)
         VALUES ('test', ?, ?, ?, ?, ?, make_timestamp(?::BIGINT * 1000), ?, ?, ?, ?, ?)`,
        [
          `m${seq}`,
          e.type ?? 'track',
          e.event ?? null,
          e.user ?? null,
          e.anon ?? null,
          at.getTime(),
          e.browser ?? null,
          e.os ?? null,
          e.path ?? null,
          e.variant ?? null,
          e.properties ? JSON.stringify(e.properties) : null,
        ],
      );
    }
  });
}
