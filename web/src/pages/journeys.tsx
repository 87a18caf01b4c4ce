// Journeys: the checkout funnel (conversion per step with 95% intervals), its breakdown by a
// dimension with the weakest step per group highlighted, conversion over time per group, and
// the diagnosis card (when the drop started, where it concentrates, technology or design).
import { useMemo } from 'react';
import type { DiagnosisResponse, FunnelResponse } from '../../../src/api/routes/journeys.js';
import type { Json } from '../api-client.js';
import { Chart } from '../charts/chart.js';
import { PresetChips } from '../components/preset-chips.js';
import { ciText } from '../components/stat.js';
import { Async, Card, Empty } from '../components/states.js';
import { fmtNumber, fmtPct } from '../format.js';
import { filtersOf, useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';

type Funnel = Json<FunnelResponse>;
type Diagnosis = Json<DiagnosisResponse>;
type Finding = Diagnosis['findings'][number];

const DIMENSIONS = [
  ['browser', 'Browser'],
  ['os', 'OS'],
  ['device', 'Device'],
  ['app_version', 'App version'],
  ['country', 'Country'],
  ['variant', 'Variant'],
  ['campaign', 'Campaign'],
] as const;

type Step = Funnel['total']['steps'][number];

/** A rate with its 95% interval: "45.2 % (95% CI 43.1 % – 47.3 %)". */
const rateCi = (r: Step['fromStart']) => `${fmtPct(r.rate)} (${ciText(r.low, r.high, fmtPct)})`;

/** What a step's bar means: how many reached it, the step's conversion and the rate from the start. */
function stepText(s: Step, i: number, sep: string): string {
  const reached = `${s.label}: ${fmtNumber(s.count)} reached`;
  if (i === 0) return reached;
  return [
    reached,
    `from the previous step ${rateCi(s.fromPrevious)}`,
    `from the start ${rateCi(s.fromStart)}`,
  ].join(sep);
}

function FunnelChart({ funnel }: { funnel: Funnel }) {
  const steps = funnel.total.steps;
  const option = useMemo(() => {
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const i = ps[0]?.dataIndex ?? 0;
          const s = steps[i];
          return s ? stepText(s, i, '<br/>') : '';
        },
      },
      grid: { left: 56, right: 16, top: 24, bottom: 40 },
      xAxis: { type: 'category', data: steps.map((s) => s.label), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: 'reached' },
      series: [
        {
          type: 'bar',
          barWidth: '55%',
          data: steps.map((s) => s.count),
          label: {
            show: true,
            position: 'top',
            formatter: (p: { dataIndex: number }) => {
              const s = steps[p.dataIndex];
              return s && p.dataIndex > 0 ? fmtPct(s.fromPrevious.rate) : '';
            },
          },
        },
      ],
    };
  }, [steps]);
  // The accessible name carries what the tooltip shows, intervals included.
  const label = `Funnel: customers reaching each step. ${steps.map((s, i) => stepText(s, i, ', ')).join('; ')}`;
  return <Chart option={option} label={label} />;
}

function keyLabel(key: Record<string, string>): string {
  return Object.values(key).join(' · ') || 'all';
}

function BreakdownTable({ funnel }: { funnel: Funnel }) {
  const groups = funnel.groups.slice(0, 12);
  const stepCount = funnel.total.steps.length;
  // The worst group per step transition (lowest conversion from the previous step).
  const worst = new Map<number, string>();
  for (let i = 1; i < stepCount; i++) {
    let min = Number.POSITIVE_INFINITY;
    for (const g of groups) {
      const r = g.steps[i]?.fromPrevious.rate;
      if (r !== null && r !== undefined && r < min) {
        min = r;
        worst.set(i, keyLabel(g.key));
      }
    }
  }
  // Many steps make a wide table: it scrolls sideways in its card instead of being cut off.
  return (
    <div className="scroll-x">
      <table className="table" data-testid="breakdown">
        <thead>
          <tr>
            <th>{funnel.by.join(' · ')}</th>
            <th className="num">Entered</th>
            {funnel.total.steps.slice(1).map((s) => (
              <th
                key={s.step}
                className="num"
                title={`conversion from the previous step to ${s.label}`}
              >
                → {s.label}
              </th>
            ))}
            <th className="num">Overall</th>
          </tr>
        </thead>
        <tbody>
          {[{ ...funnel.total, key: { all: 'All' } }, ...groups].map((g) => {
            const label = keyLabel(g.key);
            return (
              <tr key={label} data-group={label}>
                <td>{label}</td>
                <td className="num">{fmtNumber(g.entered)}</td>
                {g.steps.slice(1).map((s, i) => (
                  <td
                    key={s.step}
                    className={worst.get(i + 1) === label && g !== funnel.total ? 'num bad' : 'num'}
                    title={`95% interval ${fmtPct(s.fromPrevious.low)} – ${fmtPct(s.fromPrevious.high)}`}
                  >
                    {fmtPct(s.fromPrevious.rate)}
                  </td>
                ))}
                <td className="num">{fmtPct(g.steps[g.steps.length - 1]?.fromStart.rate)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SeriesChart({ funnel }: { funnel: Funnel }) {
  const option = useMemo(() => {
    const buckets = [...new Set(funnel.series.map((p) => p.bucket))].sort();
    const top = funnel.groups.slice(0, 6).map((g) => keyLabel(g.key));
    const byGroup = new Map<string, Map<string, number | null>>();
    for (const p of funnel.series) {
      const label = Object.keys(p.key).length === 0 ? 'All' : keyLabel(p.key);
      if (label !== 'All' && !top.includes(label)) continue;
      const m = byGroup.get(label) ?? new Map<string, number | null>();
      m.set(p.bucket, p.steps[p.steps.length - 1]?.fromStart.rate ?? null);
      byGroup.set(label, m);
    }
    const names = ['All', ...top].filter((n) => byGroup.has(n));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtPct(v) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 56 },
      dataZoom: [{ type: 'slider', height: 18, bottom: 8 }],
      xAxis: { type: 'category', data: buckets },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
      series: names.map((n) => ({
        name: n,
        type: 'line',
        showSymbol: false,
        connectNulls: false,
        lineStyle: n === 'All' ? { width: 3 } : { width: 1.5 },
        data: buckets.map((b) => byGroup.get(n)?.get(b) ?? null),
      })),
    };
  }, [funnel]);
  return <Chart option={option} height={300} label="End-to-end conversion per week and group" />;
}

const pp = (v: number | null | undefined) =>
  v === null || v === undefined
    ? '—'
    : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)} pp`;

function FindingItem({ f }: { f: Finding }) {
  const side = (s: Finding['before']) =>
    `${fmtPct(s.rate)} (95% CI ${fmtPct(s.low)} – ${fmtPct(s.high)}; ${fmtNumber(s.x)} of ${fmtNumber(s.n)}, ${s.from} – ${s.to})`;
  const c = f.concentration;
  return (
    <li data-verdict={f.verdict} data-day={f.day} data-step={f.toStep} className="finding">
      <div className="storm-head">
        <span
          className={`badge ${f.verdict === 'technology' ? 'badge-tech' : f.verdict === 'design' ? 'badge-design' : ''}`}
        >
          {f.verdict}
        </span>
        <strong>
          {f.day}: {f.fromStep} → {f.toStep} {f.direction} {pp(f.deltaPp)}
        </strong>
        <span className="muted">p = {f.pValue.toExponential(1)}</span>
      </div>
      <p>{f.summary}</p>
      <dl className="fields compact">
        <div>
          <dt>Before</dt>
          <dd>{side(f.before)}</dd>
        </div>
        <div>
          <dt>After</dt>
          <dd>{side(f.after)}</dd>
        </div>
        {c ? (
          <div>
            <dt>Concentrated in</dt>
            <dd data-testid="concentration">
              {c.dimension} = <strong>{c.value}</strong>: {pp(c.deltaPp)} there vs{' '}
              {pp(c.othersDeltaPp)} elsewhere; explains {fmtPct(c.shareExplained)} of the change
              with {fmtPct(c.trafficShare)} of the traffic
            </dd>
          </div>
        ) : null}
        {f.errors.length > 0 ? (
          <div>
            <dt>Errors</dt>
            <dd>
              {f.errors
                .slice(0, 3)
                .map(
                  (e) =>
                    `${e.event}${e.code ? ` ${e.code}` : ''} (${e.segment}): ${fmtNumber(e.before)} → ${fmtNumber(e.after)}${e.ratio === null ? (e.before === 0 ? ', none before' : '') : `, ×${fmtNumber(e.ratio)} per entrant`}`,
                )
                .join('; ')}
            </dd>
          </div>
        ) : null}
        {f.designChanges.length > 0 ? (
          <div>
            <dt>Changes then</dt>
            <dd>
              {f.designChanges
                .slice(0, 4)
                .map(
                  (d) =>
                    `${d.kind.replace('_', ' ')} “${d.name}” ${d.day}${d.offsetDays === 0 ? ' (same day)' : ` (${d.offsetDays > 0 ? '+' : ''}${d.offsetDays} d)`}`,
                )
                .join('; ')}
            </dd>
          </div>
        ) : null}
      </dl>
      {f.evidence.length > 0 ? (
        <ul className="examples">
          {f.evidence.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function DiagnosisList({ d }: { d: Diagnosis }) {
  if (d.findings.length === 0) {
    return (
      <Empty title="No significant change in any step's conversion">
        {d.funnel.steps.join(' → ')}, {d.period.from} – {d.period.to} ({d.period.days} days)
      </Empty>
    );
  }
  return (
    <>
      <p className="muted">
        Funnel {d.funnel.name ?? ''}: {d.funnel.steps.join(' → ')} (window {d.funnel.window}),{' '}
        {d.period.from} – {d.period.to}. Same analysis as{' '}
        <code>cxlens diagnose funnel {d.funnel.name ?? 'checkout'}</code>.
      </p>
      <ol className="storms findings">
        {d.findings.map((f) => (
          <FindingItem key={`${f.step}:${f.day}`} f={f} />
        ))}
      </ol>
    </>
  );
}

export function JourneysPage() {
  const state = useUrlState();
  const filters = filtersOf(state);
  const by = state.get('by') ?? 'browser';
  const funnel = useApi('/api/funnels', {
    from: filters.from,
    to: filters.to,
    by,
    interval: 'week',
  });
  const diagnosis = useApi('/api/funnels/diagnosis', { from: filters.from, to: filters.to });
  return (
    <div className="grid">
      <Card
        wide
        title="Checkout funnel"
        subtitle="Customers reaching each step within one day; labels give the conversion from the previous step (hover for its 95% interval and the rate from the start)"
        testId="funnel"
      >
        <Async state={funnel} isEmpty={(d) => d.total.entered === 0}>
          {(d) => <FunnelChart funnel={d} />}
        </Async>
      </Card>
      <Card
        wide
        title="Breakdown"
        subtitle="Conversion from the previous step per group; the weakest group per step in red (hover for the 95% interval)"
      >
        <PresetChips
          label="Breakdown by"
          presets={DIMENSIONS}
          value={by}
          onPick={(value) => state.set({ by: value }, true)}
        />
        <Async state={funnel} isEmpty={(d) => d.groups.length === 0}>
          {(d) => (
            <>
              <BreakdownTable funnel={d} />
              <h3 className="subhead">End-to-end conversion per week</h3>
              <SeriesChart funnel={d} />
            </>
          )}
        </Async>
      </Card>
      <Card
        wide
        title="Diagnosis"
        subtitle="When each conversion change started, where it concentrates, and whether it is technology (one browser, errors) or design (every group, a release)"
        testId="diagnosis"
      >
        <Async state={diagnosis}>{(d) => <DiagnosisList d={d} />}</Async>
      </Card>
    </div>
  );
}
