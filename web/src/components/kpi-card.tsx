// A KPI: value for the period, change against the previous period (green when it is good news)
// and a sparkline of the daily values.
import type { Kpi } from '../../../src/api/routes/overview.js';
import { change, fmtNumber, fmtPct } from '../format.js';

/** Daily values as a line; a day with nothing to measure (null) leaves a gap. */
function Sparkline({ values }: { values: (number | null)[] }) {
  const known = values.filter((v): v is number => v !== null);
  if (values.length < 2 || known.length === 0) return null;
  const w = 160;
  const h = 36;
  const max = Math.max(...known);
  const min = Math.min(...known);
  const span = max - min || 1;
  const runs: string[][] = [[]];
  values.forEach((v, i) => {
    if (v === null) {
      if ((runs.at(-1) ?? []).length > 0) runs.push([]);
      return;
    }
    runs
      .at(-1)
      ?.push(
        `${((i / (values.length - 1)) * w).toFixed(1)},${(h - 2 - ((v - min) / span) * (h - 4)).toFixed(1)}`,
      );
  });
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${w} ${h}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      {runs
        .filter((r) => r.length > 0)
        .map((r) => (
          <polyline
            key={r[0]}
            points={r.length === 1 ? `${r[0]} ${r[0]}` : r.join(' ')}
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
          />
        ))}
    </svg>
  );
}

/** The line under the value: change against the previous period, or why there is none. */
function deltaOf(kpi: Kpi): { text: string; good: boolean | undefined } {
  if (kpi.value === null) return { text: 'nothing to measure in this period', good: undefined };
  if (kpi.previous === null) return { text: 'no previous period', good: undefined };
  const up = kpi.value > kpi.previous;
  const good = kpi.value === kpi.previous ? undefined : up === kpi.higherIsBetter;
  // A relative change from 0 is undefined, but the previous period exists: say what it was.
  if (kpi.previous === 0) {
    const was = `${fmtNumber(0, kpi.unit)} in the previous period`;
    return { text: kpi.value === 0 ? `■ also ${was}` : `new · ${was}`, good };
  }
  const delta = change(kpi.value, kpi.previous) ?? 0;
  const mark = delta > 0 ? '▲' : delta < 0 ? '▼' : '■';
  return { text: `${mark} ${fmtPct(Math.abs(delta))} vs previous`, good };
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
  const delta = deltaOf(kpi);
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
        className={
          delta.good === undefined ? 'kpi-delta' : delta.good ? 'kpi-delta good' : 'kpi-delta bad'
        }
      >
        {delta.text}
      </span>
      <Sparkline values={kpi.series.map((s) => s.value)} />
    </button>
  );
}
