// Versioned migrations: src/store/migrations/NNN_intent.sql applied in order, each in its own
// transaction, recorded in schema_migrations. Files are never edited once released.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Store } from './db.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(`${MIGRATIONS_DIR}${file}`, 'utf8'),
    }));
}

export async function migrate(store: Store): Promise<number[]> {
  await store.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
  );
  const done = new Set(
    (await store.all<{ version: number }>('SELECT version FROM schema_migrations')).map(
      (r) => r.version,
    ),
  );
  const applied: number[] = [];
  for (const m of listMigrations()) {
    if (done.has(m.version)) continue;
    await store.transaction(async () => {
      await store.run(m.sql);
      await store.run('INSERT INTO schema_migrations VALUES (?, ?, now())', [m.version, m.name]);
    });
    applied.push(m.version);
  }
  return applied;
}
