// useApi: fetches one endpoint for the current parameters and reports loading / ready / error.
// Answers are cached per URL for the session, so going back to a page is instant.
import { useEffect, useState } from 'react';
import { ApiError, getJson, type Path, type Query, type ResponseOf, urlOf } from './api-client.js';

export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError };

const cache = new Map<string, unknown>();

export function useApi<P extends Path>(
  path: P | string | undefined,
  query: Query = {},
): ApiState<ResponseOf<P>> {
  const url = path ? urlOf(path, query) : undefined;
  const [state, setState] = useState<{ url?: string; state: ApiState<ResponseOf<P>> }>(() =>
    url && cache.has(url)
      ? { url, state: { status: 'ready', data: cache.get(url) as ResponseOf<P> } }
      : { url, state: { status: 'loading' } },
  );
  useEffect(() => {
    if (!url) return;
    if (cache.has(url)) {
      setState({ url, state: { status: 'ready', data: cache.get(url) as ResponseOf<P> } });
      return;
    }
    setState({ url, state: { status: 'loading' } });
    const abort = new AbortController();
    getJson<P>(url, {}, abort.signal).then(
      (data) => {
        cache.set(url, data);
        setState({ url, state: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const e = error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error));
        setState({ url, state: { status: 'error', error: e } });
      },
    );
    return () => abort.abort();
  }, [url]);
  if (!path) return { status: 'loading' };
  return state.url === url ? state.state : { status: 'loading' };
}
