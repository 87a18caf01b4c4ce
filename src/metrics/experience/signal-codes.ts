// The signals and their codes (person_signals.signal, xp_sig.code), and the recency decay every
// signal's decayed count uses: the vocabulary the signal SQL (signals.ts, event-keys.ts) and its
// readers share.
import { ENGAGEMENT_SIGNALS, EXPERIENCE_SIGNALS } from './config.js';

/** Negative experience signals: what "a bad interaction" means for no_return_after_bad. */
export const BAD_SIGNALS = [
  'checkout_abandoned',
  'payment_failed',
  'error_event',
  'slow_page',
  'late_delivery',
  'return_refund',
  'slow_first_response',
  'slow_resolution',
  'reopened_ticket',
  'repeat_contact',
] as const;

/** Every signal kept per person (person_signals.signal is its 1-based position here). */
export const SIGNALS = [...EXPERIENCE_SIGNALS, ...ENGAGEMENT_SIGNALS, 'complaint_ticket'] as const;
export type Signal = (typeof SIGNALS)[number];

/** Code of a signal in xp_sig and person_signals: its 1-based position in SIGNALS (0 = activity). */
export const signalCode = (s: Signal): number => SIGNALS.indexOf(s) + 1;
/** Signal of a code (undefined for 0, the activity row, or an unknown code). */
export const signalOfCode = (code: number): Signal | undefined => SIGNALS[code - 1];

/** Signals read from track/page events. */
export const EVENT_SIGNALS = [
  'payment_failed',
  'error_event',
  'login',
  'like',
  'vote',
  'referral',
  'review',
  'slow_page',
] as const satisfies readonly Signal[];
/** Code of an event signal in xp_ev_names (its signal code). */
export const eventCode = (s: (typeof EVENT_SIGNALS)[number]) => signalCode(s);

/** Signals whose latest occurrence counts as the person being active. */
export const ACTIVITY_SIGNALS = ['purchase', 'survey_answer', 'post', 'review', 'idea'] as const;

/**
 * SQL: recency weight of timestamp `at` (0.5 per half-life before xp_p.as_of); `p` is how the
 * row of xp_p is reached ('p.' by default, '' where as_us and decay_per_us are plain columns).
 */
export const DECAY_SQL = (at: string, p = 'p.') =>
  `exp(least(0, epoch_us(${at}) - ${p}as_us) * ${p}decay_per_us)`;
