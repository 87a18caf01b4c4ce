// The dashboard's state lives in the query string (?page=voice&from=…&to=…&person=…), so every
// view can be bookmarked, shared and reloaded. `useUrlState` re-renders on back/forward too.
import { useCallback, useSyncExternalStore } from 'react';

export const PAGES = [
  'overview',
  'experience',
  'journeys',
  'voice',
  'support',
  'ideas',
  'churn',
  'customers',
  'segments',
  'data',
] as const;
export type PageName = (typeof PAGES)[number];

const CHANGE = 'cxlens:urlchange';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => window.location.search;

/** Replaces some parameters (undefined or '' removes one) and notifies every subscriber. */
export function setParams(changes: Record<string, string | undefined>, replace = false): void {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  const search = params.toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(CHANGE));
}

export interface UrlState {
  params: URLSearchParams;
  get: (name: string) => string | undefined;
  set: (changes: Record<string, string | undefined>, replace?: boolean) => void;
}

export function useUrlState(): UrlState {
  const search = useSyncExternalStore(subscribe, snapshot);
  const params = new URLSearchParams(search);
  const set = useCallback(
    (changes: Record<string, string | undefined>, replace?: boolean) => setParams(changes, replace),
    [],
  );
  return { params, get: (name) => params.get(name) ?? undefined, set };
}

export function pageOf(value: string | undefined): PageName {
  return (PAGES as readonly string[]).includes(value ?? '') ? (value as PageName) : 'overview';
}

/** The shared filters every page passes to the API. */
export interface Filters {
  from?: string;
  to?: string;
  source?: string;
  segment?: string;
}

export function filtersOf(state: UrlState): Filters {
  const out: Filters = {};
  for (const k of ['from', 'to', 'source', 'segment'] as const) {
    const v = state.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** Builds an in-app link that keeps the shared filters and sets the given parameters. */
export function hrefWith(changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  return `?${params.toString()}`;
}
