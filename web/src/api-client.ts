// Typed client of the read API. Response types come from the route schemas in src/api/routes
// (`import type` only: no server code is bundled); Json<T> is what JSON.parse gives back for T
// (dates as ISO strings). The read key comes from the URL (#key=… or ?key=…, then removed from
// the address bar) or localStorage, and is sent as a Bearer token.
import type { Paged } from '../../src/api/routes/read-query.js';
import type { Endpoints } from './endpoints.js';

export type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

export type { Paged };
export type Path = keyof Endpoints;
export type ResponseOf<P extends Path> = Json<Endpoints[P]>;
export type Query = Record<string, string | number | undefined>;

const KEY_STORAGE = 'cxlens.readKey';

/** Takes a key from the URL into localStorage and strips it from the address bar. */
export function captureKey(): void {
  const url = new URL(window.location.href);
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  const key = hash.get('key') ?? url.searchParams.get('key');
  if (!key) return;
  try {
    window.localStorage.setItem(KEY_STORAGE, key);
  } catch {
    sessionKey = key;
  }
  hash.delete('key');
  url.searchParams.delete('key');
  const rest = hash.toString();
  window.history.replaceState(null, '', `${url.pathname}${url.search}${rest ? `#${rest}` : ''}`);
}

let sessionKey: string | undefined;

export function readKey(): string | undefined {
  try {
    return window.localStorage.getItem(KEY_STORAGE) ?? sessionKey;
  } catch {
    return sessionKey;
  }
}

export function setReadKey(key: string): void {
  sessionKey = key;
  try {
    window.localStorage.setItem(KEY_STORAGE, key);
  } catch {
    // private mode: the session copy is enough
  }
}

/** An error answered by the API ({ error: { code, message, where } }) or a network failure. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly where: Record<string, unknown> | undefined;
  constructor(status: number, code: string, message: string, where?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.where = where;
  }
  get isNotComputed(): boolean {
    return this.code === 'NOT_COMPUTED';
  }
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export function urlOf(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `${path}${qs ? `?${qs}` : ''}`;
}

/** GET a read endpoint; `path` may carry :params already filled in via `pathWith`. */
export async function getJson<P extends Path>(
  path: P | string,
  query: Query = {},
  signal?: AbortSignal,
): Promise<ResponseOf<P>> {
  return request<ResponseOf<P>>('GET', path, query, undefined, signal);
}

/** POST a JSON body (e.g. saving a retention cell as a segment); answers like getJson. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>('POST', path, {}, body);
}

async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  query: Query,
  body: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const key = readKey();
  let res: Response;
  try {
    res = await fetch(urlOf(path, query), {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'NETWORK', `cannot reach the cxlens API (${String(cause)})`);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(
      res.status,
      'BAD_RESPONSE',
      `${path}: the API answered ${res.status} with non-JSON`,
    );
  }
  if (!res.ok) {
    const err = (
      parsed as { error?: { code?: string; message?: string; where?: Record<string, unknown> } }
    )?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? res.statusText,
      err?.where,
    );
  }
  return parsed as T;
}

/** Fills `:name` segments of a route path, URI-encoded. */
export function pathWith(path: string, values: Record<string, string>): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}
