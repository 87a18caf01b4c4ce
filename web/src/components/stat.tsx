// A figure tile: label, value, a line under it (interval, n …); a button when it drills down.
import type { ReactNode } from 'react';

export function Stat({
  label,
  value,
  sub,
  onClick,
  testId,
  selected,
}: {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  onClick?: () => void;
  testId?: string;
  selected?: boolean;
}) {
  const body = (
    <>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      {sub ? <span className="kpi-delta">{sub}</span> : null}
    </>
  );
  if (!onClick) {
    return (
      <div className="kpi stat" data-stat={testId}>
        {body}
      </div>
    );
  }
  return (
    <button
      type="button"
      className={selected ? 'kpi stat kpi-selected' : 'kpi stat'}
      onClick={onClick}
      data-stat={testId}
      title="List these tickets"
      aria-pressed={selected}
    >
      {body}
    </button>
  );
}

/** A 95% interval as "95% CI a – b" (shares). */
export function ciText(
  low: number | null | undefined,
  high: number | null | undefined,
  fmt: (v: number | null | undefined) => string,
): string {
  if (low === null || low === undefined || high === null || high === undefined) return 'no data';
  return `95% CI ${fmt(low)} – ${fmt(high)}`;
}
