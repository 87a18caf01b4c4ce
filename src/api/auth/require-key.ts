// API key checks for every route group: `requireKey(store, scope)` is a Fastify hook
// (onRequest / preHandler) that accepts a key of that scope and records it for the handler
// (`keyOf(request)`). Write keys come as the HTTP Basic username (Segment spec); read keys as
// `Authorization: Bearer <key>` or the Basic username. Lookups are cached for a few seconds.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ApiKey, findKey, type KeyScope } from '../../ingest/tracking/index.js';
import { AuthError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';

const CACHE_MS = 5000;
const CACHE_MAX = 10_000;

interface Cached {
  key: ApiKey | undefined;
  until: number;
}

const caches = new WeakMap<Store, Map<string, Cached>>();
/** One DuckDB connection runs one statement at a time: lookups of a store queue behind each other. */
const queues = new WeakMap<Store, Promise<unknown>>();
const keys = new WeakMap<FastifyRequest, ApiKey>();

/** The key a request was authenticated with (after requireKey ran). */
export function keyOf(request: FastifyRequest): ApiKey | undefined {
  return keys.get(request);
}

/** The secret from `Authorization: Basic base64(key:)` or `Authorization: Bearer key`. */
export function keyFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === 'bearer') return value || undefined;
  if (scheme !== 'basic') return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return (colon < 0 ? decoded : decoded.slice(0, colon)) || undefined;
}

/** Looks a key up (cached), without checking its scope. */
export async function lookupKey(store: Store, secret: string): Promise<ApiKey | undefined> {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  const now = Date.now();
  const hit = cache.get(secret);
  if (hit && hit.until > now) return hit.key;
  const lookup = (queues.get(store) ?? Promise.resolve()).then(async () => {
    const again = cache.get(secret);
    if (again && again.until > Date.now()) return again.key;
    const key = await findKey(store, secret);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(secret, { key, until: Date.now() + CACHE_MS });
    return key;
  });
  queues.set(
    store,
    lookup.catch(() => undefined),
  );
  return lookup;
}

/** Forget cached lookups (after creating or revoking a key in-process). */
export function clearKeyCache(store: Store): void {
  caches.get(store)?.clear();
}

export function requireKey(store: Store, scope: KeyScope) {
  return async function checkKey(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const secret = keyFromHeader(request.headers.authorization) ?? bodyWriteKey(request, scope);
    if (!secret) {
      throw new AuthError(
        'AUTH_MISSING_KEY',
        scope === 'write'
          ? 'no write key (send it as the HTTP Basic username: Authorization: Basic base64(key + ":"))'
          : 'no read key (send Authorization: Bearer <key>)',
      );
    }
    const key = await lookupKey(store, secret);
    if (!key) throw new AuthError('AUTH_BAD_KEY', 'unknown or revoked key');
    if (key.scope !== scope) {
      throw new AuthError(
        'AUTH_FORBIDDEN',
        `this is a ${key.scope} key; this route needs a ${scope} key`,
      );
    }
    keys.set(request, key);
  };
}

/** Browser SDKs (analytics.js) send the write key in the body instead of a header. */
function bodyWriteKey(request: FastifyRequest, scope: KeyScope): string | undefined {
  if (scope !== 'write') return undefined;
  const body = request.body as { writeKey?: unknown } | undefined;
  return body && typeof body === 'object' && typeof body.writeKey === 'string'
    ? body.writeKey
    : undefined;
}
