// Brings a drill-down's card into view: a click that opens a card (the tickets of a figure, a
// customer's profile, an idea cluster) calls requestReveal(id); the card with that revealId
// scrolls to the top of the window and focuses its heading the next time it renders, once.
// Otherwise the card can open far above or below the viewport and the click seems to do nothing.
// Only on the user's action: a page loaded from a bookmarked URL keeps its scroll position.
import { useEffect, useRef } from 'react';

/** A request older than this (e.g. its card failed to load) is dropped, not acted on later. */
const PENDING_MS = 30_000;

let pending: { id: string; atMs: number } | undefined;

export function requestReveal(id: string): void {
  pending = { id, atMs: Date.now() };
}

/** A ref for the card element; reveals it when a request for `id` is pending. */
export function useReveal<T extends HTMLElement>(id: string | undefined) {
  const ref = useRef<T>(null);
  // No dependency list: the card may render several times before it exists with content, and
  // the pending request, not React state, says whether to act.
  useEffect(() => {
    const el = ref.current;
    if (!id || !el || pending?.id !== id) return;
    // Wait for the card's data (<Loading> is a role=status): scroll on the final layout, or a
    // card at the end of the page cannot come up to the top.
    if (el.querySelector('[role="status"]')) return;
    const isFresh = Date.now() - pending.atMs <= PENDING_MS;
    pending = undefined;
    if (!isFresh) return;
    el.scrollIntoView({ block: 'start' });
    el.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  });
  return ref;
}
