// Facts that happen after a row was written — an order's return, a ticket's reopens — read as
// they were known at a given time. Rows with the date (orders.returned_at, tickets.reopened_at)
// count only once it has passed; rows without it keep their final state (the source had no date,
// so an analysis as of an earlier date may see a return or a reopen before it happened). `o` and
// `t` are the row aliases; `known` turns the date column into the SQL condition "known by then"
// (e.g. x => `${x} <= p.as_of`), built from columns and bound parameters, never a user's text.

export type KnownBy = (at: string) => string;

/**
 * SQL: order row `o` was returned or refunded, as known when `known` says (ever, if omitted). A
 * row with a negative amount is a refund itself (a credit note, as shop exports write a
 * cancellation invoice), known from the day it was written.
 */
export function orderReturnedSql(o: string, known?: KnownBy): string {
  const dated = known ? known(`${o}.returned_at`) : 'true';
  return `CASE WHEN ${o}.returned_at IS NOT NULL THEN ${dated} ELSE coalesce(${o}.returned, false) OR coalesce(${o}.status, '') = 'returned' OR coalesce(${o}.amount, 0) < 0 END`;
}

/**
 * SQL: order row `o` is a purchase: not cancelled, and not a refund row (a negative amount).
 * What purchases, purchase days and CLV transactions count.
 */
export function orderIsPurchaseSql(o: string): string {
  return `(coalesce(${o}.status, '') <> 'cancelled' AND coalesce(${o}.amount, 0) >= 0)`;
}

/**
 * SQL: how often ticket row `t` was reopened, as known when `known` says (ever, if omitted). A
 * dated ticket whose last reopen is not known yet counts none: its earlier reopens have no dates.
 */
export function ticketReopensSql(t: string, known?: KnownBy): string {
  const count = `greatest(coalesce(${t}.reopened_count, 0), CASE WHEN ${t}.reopened_at IS NOT NULL THEN 1 ELSE 0 END)`;
  if (!known) return count;
  return `CASE WHEN ${t}.reopened_at IS NULL OR ${known(`${t}.reopened_at`)} THEN ${count} ELSE 0 END`;
}

/**
 * SQL: when ticket row `t` first got an answer, as known when `known` says (ever, if omitted): its
 * first response, or its resolution where that came first or no response was recorded (a ticket
 * solved on first contact had its answer; it did not wait). NULL while neither is known.
 */
export function ticketFirstAnswerSql(t: string, known?: KnownBy): string {
  const at = (c: string) =>
    known ? `CASE WHEN ${known(`${t}.${c}`)} THEN ${t}.${c} END` : `${t}.${c}`;
  // least() skips NULLs: NULL only when neither is known
  return `least(${at('first_response_at')}, ${at('resolved_at')})`;
}

/** SQL: the latest order fact (a placement or a delivery), what "still undelivered" is judged at. */
export const ORDERS_END_SQL = '(SELECT max(coalesce(delivered_at, placed_at)) FROM orders)';

/**
 * SQL: order row `o` was late as known at `at` — delivered on a later calendar day than promised,
 * or not delivered by `at` although its promised day has passed. NULL where it cannot be judged:
 * no promise, cancelled, or neither delivered nor due yet (so avg() of it is the late share of
 * the orders that can be). The experience score's late_delivery signal takes the same reading
 * with its configurable grace (src/metrics/experience/signals.ts).
 */
export function orderLateSql(o: string, at: string): string {
  return `CASE WHEN ${o}.promised_at IS NULL OR coalesce(${o}.status, '') = 'cancelled' THEN NULL
    WHEN ${o}.delivered_at <= ${at} THEN CAST(${o}.delivered_at AS DATE) > CAST(${o}.promised_at AS DATE)
    WHEN CAST(${at} AS DATE) > CAST(${o}.promised_at AS DATE) THEN true END`;
}
