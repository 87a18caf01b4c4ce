// Time helpers for the demo: the simulation runs on whole days (day 0 = first day of the period)
// and writes ISO 8601 UTC timestamps without milliseconds.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** `2026-05-03T14:22:05Z` */
export function isoTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `2026-05-03` */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Day of week 0 = Sunday … 6 = Saturday. */
export function weekday(ms: number): number {
  return new Date(ms).getUTCDay();
}

/** Relative web traffic per weekday (Sunday evening is the peak for home goods). */
export const TRAFFIC_BY_WEEKDAY = [1.2, 1.05, 1.0, 0.97, 0.95, 0.85, 0.9] as const;
/** Relative social posting per weekday. */
export const POSTS_BY_WEEKDAY = [1.25, 0.9, 0.95, 0.95, 1.0, 1.1, 1.2] as const;
/** Relative session starts per hour of day (UTC). */
export const SESSION_HOURS = [
  0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.1, 1.2, 1.2, 1.3, 1.5, 1.4, 1.2, 1.2, 1.3, 1.5, 1.8,
  2.1, 2.3, 2.0, 1.4, 0.7,
] as const;
export const HOUR_INDEX: readonly number[] = SESSION_HOURS.map((_, i) => i);
