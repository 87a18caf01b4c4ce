// API keys: write keys belong to one source (the Segment write key, sent as the HTTP Basic
// username); read keys open the read API. A key is shown once at creation; the store keeps only
// its SHA-256, and its key_id (the first 12 hex digits of that hash) names it afterwards.
import { createHash, randomBytes } from 'node:crypto';
import { InputError, NotFoundError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';

export const KEY_SCOPES = ['write', 'read'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export interface ApiKey {
  key_id: string;
  source: string | null;
  scope: KeyScope;
  created_at: Date;
  revoked_at: Date | null;
}

const SOURCE_RE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates a key and returns it with its secret (the only time the secret is shown). */
export async function createKey(
  store: Store,
  options: { scope: KeyScope; source?: string | undefined },
): Promise<ApiKey & { key: string }> {
  const { scope, source } = options;
  if (scope === 'write' && !source) {
    throw new InputError(
      'INPUT_MISSING_SOURCE',
      '--source: a write key needs the source it writes (e.g. --source web)',
      {
        where: { field: 'source' },
      },
    );
  }
  if (scope === 'read' && source !== undefined) {
    throw new InputError(
      'INPUT_BAD_OPTION',
      '--source: a read key reads every source (a source belongs to write keys: drop --source or use --scope write)',
      { where: { field: 'source' } },
    );
  }
  if (source !== undefined && !SOURCE_RE.test(source)) {
    throw new InputError(
      'INPUT_BAD_SOURCE',
      `--source: "${source}" is not a source name (expected lower-case letters, digits, _ . -)`,
      { where: { field: 'source' } },
    );
  }
  const key = `${scope === 'write' ? 'cxw' : 'cxr'}_${randomBytes(24).toString('base64url')}`;
  const hash = hashKey(key);
  const created_at = new Date();
  await store.run('INSERT INTO write_keys VALUES (?, ?, ?, ?, ?, NULL)', [
    hash.slice(0, 12),
    hash,
    source ?? null,
    scope,
    created_at,
  ]);
  return {
    key,
    key_id: hash.slice(0, 12),
    source: source ?? null,
    scope,
    created_at,
    revoked_at: null,
  };
}

export async function listKeys(store: Store, options: { all?: boolean } = {}): Promise<ApiKey[]> {
  return store.all<ApiKey & Record<string, unknown>>(
    `SELECT key_id, source, scope, created_at, revoked_at FROM write_keys ${options.all ? '' : 'WHERE revoked_at IS NULL'} ORDER BY created_at`,
  );
}

/** Revokes by key_id (or its first characters, if unambiguous) or by the key itself. */
export async function revokeKey(store: Store, idOrKey: string): Promise<ApiKey> {
  const byHash = /^cx[wr]_/.test(idOrKey);
  if (!byHash && idOrKey.length < 4) {
    throw new InputError(
      'INPUT_KEY_ID_TOO_SHORT',
      `key "${idOrKey}": give at least 4 characters of the key id`,
    );
  }
  const rows = await store.all<ApiKey & Record<string, unknown>>(
    byHash
      ? 'SELECT key_id, source, scope, created_at, revoked_at FROM write_keys WHERE key_hash = ?'
      : 'SELECT key_id, source, scope, created_at, revoked_at FROM write_keys WHERE starts_with(key_id, ?)',
    [byHash ? hashKey(idOrKey) : idOrKey.toLowerCase()],
  );
  const row = rows[0];
  if (!row || idOrKey.length < 4)
    throw new NotFoundError('KEY_NOT_FOUND', `key "${idOrKey.slice(0, 16)}": no such key`);
  if (rows.length > 1) {
    throw new InputError(
      'INPUT_AMBIGUOUS_KEY',
      `key "${idOrKey}": matches ${rows.length} keys (give more characters)`,
    );
  }
  await store.run(
    'UPDATE write_keys SET revoked_at = now() WHERE key_id = ? AND revoked_at IS NULL',
    [row.key_id],
  );
  return { ...row, revoked_at: row.revoked_at ?? new Date() };
}

/** The active key with this secret, or undefined. */
export async function findKey(store: Store, key: string): Promise<ApiKey | undefined> {
  return store.one<ApiKey & Record<string, unknown>>(
    'SELECT key_id, source, scope, created_at, revoked_at FROM write_keys WHERE key_hash = ? AND revoked_at IS NULL',
    [hashKey(key)],
  );
}
