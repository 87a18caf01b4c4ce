// Number and date formatting shared by the pages (en-US, UTC).
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});

export function fmtNumber(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (unit === 'currency') return money.format(v);
  if (unit === 'share') return `${one.format(v * 100)} %`;
  if (unit === 'hours') return `${one.format(v)} h`;
  if (Math.abs(v) >= 100 || Number.isInteger(v)) return int.format(v);
  return one.format(v);
}

export function fmtPct(v: number | null | undefined): string {
  return fmtNumber(v, 'share');
}

/**
 * Relative change from `previous` to `value`, or undefined when there is no base: no previous
 * period (null) or a previous value of 0 — callers that must tell those apart check `previous`.
 */
export function change(value: number, previous: number | null): number | undefined {
  if (previous === null || previous === 0) return undefined;
  return (value - previous) / Math.abs(previous);
}

export function fmtDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.slice(0, 10);
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
