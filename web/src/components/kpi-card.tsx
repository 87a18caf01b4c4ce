// A KPI: value for the period, change against the previous period (green when it is good news)
// and a sparkline of the daily values.
import type { Kpi } from '../../../src/api/routes/overview.js';
import { change, fmtNumber, fmtPct } from '../format.js';

function Sparkline({ values }: { values: number[] }) {
  if (values.length < 2) return null;
  const w = 160;
  const h = 36;
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const points = values
    .map(
      (v, i) =>
        `${((i / (values.length - 1)) * w).toFixed(1)},${(h - 2 - ((v - min) / span) * (h - 4)).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${w} ${h}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

export function KpiCard({
  kpi,
  selected,
  onSelect,
}: {
  kpi: Kpi;
  selected?: boolean;
  onSelect?: () => void;
}) {
  const delta = change(kpi.value, kpi.previous);
  const good = delta === undefined || delta === 0 ? undefined : delta > 0 === kpi.higherIsBetter;
  return (
    <button
      type="button"
      className={selected ? 'kpi kpi-selected' : 'kpi'}
      onClick={onSelect}
      data-kpi={kpi.key}
      aria-pressed={selected}
    >
      <span className="kpi-label">{kpi.label}</span>
      <span className="kpi-value">{fmtNumber(kpi.value, kpi.unit)}</span>
      <span
        className={good === undefined ? 'kpi-delta' : good ? 'kpi-delta good' : 'kpi-delta bad'}
      >
        {delta === undefined
          ? 'no previous period'
          : `${delta > 0 ? '▲' : delta < 0 ? '▼' : '■'} ${fmtPct(Math.abs(delta))} vs previous`}
      </span>
      <Sparkline values={kpi.series.map((s) => s.value)} />
    </button>
  );
}
