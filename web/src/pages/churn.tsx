// Churn & value: the monthly churn rate with 95% intervals and its trend; the cohort retention
// heat map (customers, NRR or GRR) whose cells can be saved as a segment; Kaplan–Meier survival
// curves by quadrant / partner / plan / channel (or a saved segment, surv=saved:<name>) with the
// log-rank p; the churn-risk list with each person's drivers; and the customer value (CLV) table.
// State in the URL: ?metric=&surv=&roff=&voff=.
import { useMemo, useState } from 'react';
import type {
  ChurnOverviewResponse,
  SavedSegmentResponse,
  SurvivalResponse,
} from '../../../src/api/routes/churn.js';
import { type ApiError, type Json, postJson } from '../api-client.js';
import { Chart } from '../charts/chart.js';
import { PALETTE } from '../charts/echarts.js';
import { intervalBand } from '../charts/interval-band.js';
import { quadrantColour } from '../charts/quadrants.js';
import { CustomerCell, customerHref } from '../components/customer-cell.js';
import { PagedTable } from '../components/paged-table.js';
import { PresetChips } from '../components/preset-chips.js';
import { ciText } from '../components/stat.js';
import { Async, Card, ErrorState } from '../components/states.js';
import { fmtNumber, fmtPct } from '../format.js';
import { filtersOf, useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';

type Overview = Json<ChurnOverviewResponse>;
type Survival = Json<SurvivalResponse>;

const LIMIT = 20;
const METRICS = [
  ['retention', 'Customers retained'],
  ['nrr', 'Net revenue retention'],
  ['grr', 'Gross revenue retention'],
] as const;
type Metric = (typeof METRICS)[number][0];
const SEGMENTS = ['quadrant', 'partner', 'plan', 'channel'] as const;
const SAVED = 'saved:';

function RateChart({ rates }: { rates: Overview['rates'] }) {
  const option = useMemo(() => {
    const months = rates.months;
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const m = months[ps[0]?.dataIndex ?? 0];
          if (!m) return '';
          return `${m.month}${m.complete ? '' : ' (not complete yet)'}<br/>churn ${fmtPct(m.rate)} (95% CI ${fmtPct(m.low)} – ${fmtPct(m.high)})<br/>${m.churned} of ${m.activeAtStart} active; ${m.acquired} acquired`;
        },
      },
      grid: { left: 56, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmtPct(v) } },
      series: [
        ...intervalBand(months),
        {
          name: 'churn rate',
          type: 'line',
          symbolSize: 7,
          lineStyle: { width: 2 },
          data: months.map((m) => ({
            value: m.rate,
            itemStyle: m.complete ? {} : { color: '#fff', borderColor: '#2f5bea', borderWidth: 2 },
          })),
        },
      ],
    };
  }, [rates]);
  return <Chart option={option} height={240} label="Monthly churn rate with 95% intervals" />;
}

function cellValue(c: Overview['cohorts']['cells'][number], metric: Metric): number | null {
  if (metric === 'nrr') return c.netRevenueRetention;
  if (metric === 'grr') return c.grossRevenueRetention;
  return c.retention;
}

function HeatMap({
  cohorts,
  metric,
  onPick,
}: {
  cohorts: Overview['cohorts'];
  metric: Metric;
  onPick: (cohort: string, k: number) => void;
}) {
  const option = useMemo(() => {
    const names = cohorts.cohorts.map((c) => c.cohort);
    const maxK = Math.max(0, ...cohorts.cells.map((c) => c.monthsSince));
    const cells = cohorts.cells
      .filter((c) => cellValue(c, metric) !== null)
      .map((c) => ({
        value: [
          c.monthsSince,
          names.indexOf(c.cohort),
          Number((cellValue(c, metric) ?? 0).toFixed(3)),
        ],
        itemStyle: c.complete ? {} : { opacity: 0.55 },
      }));
    const values = cells.map((c) => c.value[2] ?? 0);
    return {
      tooltip: {
        formatter: (p: { value: number[] }) => {
          const [k, i] = p.value;
          const c = cohorts.cells.find((x) => x.monthsSince === k && x.cohort === names[i ?? -1]);
          if (!c) return '';
          return `cohort ${c.cohort}, month ${c.monthsSince}${c.complete ? '' : ' (not complete)'}<br/>${c.retained} of ${c.size} retained (${fmtPct(c.retention)})<br/>NRR ${fmtPct(c.netRevenueRetention)} · GRR ${fmtPct(c.grossRevenueRetention)}<br/>click to save as a segment`;
        },
      },
      grid: { left: 72, right: 24, top: 10, bottom: 70 },
      xAxis: {
        type: 'category',
        name: 'months since acquisition',
        nameLocation: 'middle',
        nameGap: 26,
        data: Array.from({ length: maxK + 1 }, (_, k) => String(k)),
        splitArea: { show: true },
      },
      yAxis: { type: 'category', data: names, inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: Math.max(1, ...values),
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 160,
        inRange: { color: ['#fde2e2', '#fff7d6', '#d6f0e5', '#16a37f'] },
        formatter: (v: number) => `${Math.round(v * 100)} %`,
      },
      series: [
        {
          type: 'heatmap',
          data: cells,
          label: {
            show: true,
            fontSize: 11,
            formatter: (p: { value: number[] }) => `${Math.round((p.value[2] ?? 0) * 100)}`,
          },
        },
      ],
    };
  }, [cohorts, metric]);
  return (
    <Chart
      option={option}
      height={110 + 30 * cohorts.cohorts.length}
      label="Cohort retention heat map"
      onClick={(p) => {
        const v = (p.data as { value?: number[] } | undefined)?.value;
        const name = cohorts.cohorts[v?.[1] ?? -1]?.cohort;
        if (v && name && v[0] !== undefined) onPick(name, v[0]);
      }}
    />
  );
}

/** Quotes a command-line argument for a POSIX shell when it holds more than safe characters. */
function shellArg(text: string): string {
  return /^[\w:.@%+=,/-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

function SaveCell({ cohort, k, onClose }: { cohort: string; k: number; onClose: () => void }) {
  const state = useUrlState();
  const [saved, setSaved] = useState<Json<SavedSegmentResponse> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = (which: 'retained' | 'lost') => {
    setBusy(true);
    setError(null);
    postJson<Json<SavedSegmentResponse>>('/api/churn/cohort-cells', {
      cohort,
      monthsSince: k,
      which,
    }).then(
      (s) => {
        setSaved(s);
        setBusy(false);
      },
      (e: ApiError) => {
        setError(e);
        setBusy(false);
      },
    );
  };
  return (
    <div className="cell-save" data-testid="cell-save">
      <strong>
        Cohort {cohort}, month {k}:
      </strong>{' '}
      save as a segment of its
      <button type="button" className="chip" disabled={busy} onClick={() => save('retained')}>
        retained customers
      </button>
      <button type="button" className="chip" disabled={busy} onClick={() => save('lost')}>
        lost customers
      </button>
      <button type="button" className="chip" onClick={onClose}>
        ✕
      </button>
      {saved ? (
        <p className="good" data-testid="cell-saved">
          Saved segment <code>{saved.name}</code> with {fmtNumber(saved.size)} customers —{' '}
          <a
            href={`?page=churn&surv=${encodeURIComponent(`${SAVED}${saved.name}`)}`}
            onClick={(e) => {
              e.preventDefault();
              state.set({ surv: `${SAVED}${saved.name}` });
            }}
            data-testid="compare-saved"
          >
            compare its survival with everyone else
          </a>{' '}
          (<code>cxlens churn survival --by {shellArg(`${SAVED}${saved.name}`)}</code>), or{' '}
          <a href={`?page=segments&seg=${encodeURIComponent(`${SAVED}${saved.name}`)}`}>
            list and export its members
          </a>{' '}
          (<code>cxlens segment export {shellArg(`${SAVED}${saved.name}`)}</code>).
        </p>
      ) : null}
      {error ? <ErrorState error={error} /> : null}
    </div>
  );
}

type Group = Survival['groups'][number];

/** A group's curve as [days, value] points from day 0 (S = 1), `value` reading one field. */
function pointsOf(g: Group, value: (p: Group['curve'][number]) => number | null) {
  return [
    [0, 1],
    ...g.curve.map((p) => {
      const v = value(p);
      return [p.days, v === null ? null : Number(v.toFixed(4))];
    }),
  ];
}

/**
 * Kaplan–Meier step curves with their 95% band: per group an invisible lower bound and the band
 * (upper − lower) stacked on it, under the group's name too, so the legend hides curve and band
 * together. Quadrants take the shared quadrant colours.
 */
function SurvivalChart({ s }: { s: Survival }) {
  const option = useMemo(() => {
    const groups = s.groups.slice(0, 8);
    const colour = (g: Group, i: number) =>
      s.segment === 'quadrant' ? quadrantColour(g.group, i) : PALETTE[i % PALETTE.length];
    const nameOf = (g: Group) => `${g.group} (n=${g.n})`;
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (
          ps: { seriesId: string; marker: string; seriesName: string; dataIndex: number }[],
        ) => {
          const lines = ps
            .filter((p) => p.seriesId.endsWith('|curve'))
            .map((p) => {
              const g = groups.find((x) => nameOf(x) === p.seriesName);
              const point = p.dataIndex === 0 ? undefined : g?.curve[p.dataIndex - 1];
              if (!point) return `${p.marker} ${p.seriesName}: 100 %`;
              return `${p.marker} ${p.seriesName}: ${fmtPct(point.survival)} (${ciText(point.lower, point.upper, fmtPct)})`;
            });
          const day = (ps[0] as { axisValue?: number } | undefined)?.axisValue;
          return [`day ${fmtNumber(day)}`, ...lines].join('<br/>');
        },
      },
      legend: { top: 0, type: 'scroll', icon: 'roundRect', data: groups.map(nameOf) },
      grid: { left: 56, right: 24, top: 36, bottom: 40 },
      xAxis: { type: 'value', name: 'days since acquisition', nameLocation: 'middle', nameGap: 26 },
      yAxis: {
        type: 'value',
        min: (v: { min: number }) => Math.max(0, Math.floor(v.min * 10) / 10),
        max: 1,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` },
      },
      series: groups.flatMap((g, i) => {
        const base = { name: nameOf(g), type: 'line', step: 'end', showSymbol: false };
        const color = colour(g, i);
        return [
          {
            ...base,
            id: `${g.group}|low`,
            stack: `band-${i}`,
            silent: true,
            symbol: 'none',
            lineStyle: { opacity: 0 },
            itemStyle: { color },
            data: pointsOf(g, (p) => p.lower),
          },
          {
            ...base,
            id: `${g.group}|band`,
            stack: `band-${i}`,
            silent: true,
            symbol: 'none',
            lineStyle: { opacity: 0 },
            itemStyle: { color },
            areaStyle: { color, opacity: 0.14 },
            data: pointsOf(g, (p) =>
              p.lower === null || p.upper === null ? null : p.upper - p.lower,
            ).map(([d, v], k) => [d, k === 0 ? 0 : v]),
          },
          {
            ...base,
            id: `${g.group}|curve`,
            itemStyle: { color },
            lineStyle: { color, width: 2 },
            data: pointsOf(g, (p) => p.survival),
          },
        ];
      }),
    };
  }, [s]);
  return (
    <Chart
      option={option}
      height={320}
      label={`Survival by ${s.segment}, with 95% confidence bands`}
    />
  );
}

function SurvivalCard() {
  const state = useUrlState();
  const surv = state.get('surv') ?? '';
  const isSaved = surv.startsWith(SAVED) && surv.length > SAVED.length;
  const by = isSaved || (SEGMENTS as readonly string[]).includes(surv) ? surv : 'quadrant';
  const survival = useApi('/api/churn/survival', { by });
  return (
    <Card
      wide
      title="Survival by segment"
      subtitle="Kaplan–Meier: the share of customers not yet churned, by days since acquisition; shaded: 95% confidence band"
      testId="survival"
      ignoresPeriod
    >
      <PresetChips
        label="Survival by"
        presets={[...SEGMENTS, ...(isSaved ? [by] : [])].map((s) => [s, s] as const)}
        value={by}
        onPick={(s) => state.set({ surv: s === 'quadrant' ? undefined : s }, true)}
      />
      <Async state={survival} isEmpty={(d) => d.groups.length === 0}>
        {(d) => (
          <>
            <p className="verdict" data-testid="logrank">
              {d.logRank
                ? `Log-rank test: χ² = ${fmtNumber(d.logRank.chiSquare)} (${d.logRank.degreesOfFreedom} df), p = ${d.logRank.pValue < 0.001 ? d.logRank.pValue.toExponential(1) : d.logRank.pValue.toFixed(3)} — ${d.logRank.pValue < 0.05 ? 'the curves differ' : 'no significant difference'}`
                : 'Log-rank test: not enough groups'}
            </p>
            <SurvivalChart s={d} />
            <table className="table">
              <thead>
                <tr>
                  <th>{d.segment}</th>
                  <th className="num">Customers</th>
                  <th className="num">Churned</th>
                  <th className="num">Median days</th>
                  {Object.keys(d.groups[0]?.at ?? {}).map((k) => (
                    <th key={k} className="num">
                      S({k} d)
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.groups.map((g) => (
                  <tr key={g.group}>
                    <td>{g.group}</td>
                    <td className="num">{fmtNumber(g.n)}</td>
                    <td className="num">{fmtNumber(g.churned)}</td>
                    <td className="num">{g.medianDays === null ? '—' : fmtNumber(g.medianDays)}</td>
                    {Object.values(g.at).map((v, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: fixed checkpoints
                      <td key={i} className="num">
                        {fmtPct(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Async>
    </Card>
  );
}

function driverText(d: { feature: string; value: unknown; contribution: number }): string {
  const v =
    typeof d.value === 'number' ? fmtNumber(d.value) : d.value === null ? '—' : String(d.value);
  return `${d.feature.replaceAll('_', ' ')} ${v} (${d.contribution >= 0 ? '+' : ''}${d.contribution.toFixed(2)})`;
}

function RiskCard() {
  const state = useUrlState();
  const offset = Number(state.get('roff') ?? 0) || 0;
  const risk = useApi('/api/churn/risk', { limit: LIMIT, offset });
  return (
    <Card
      wide
      title="Churn risk"
      subtitle="Customers most likely to churn in the horizon, with what drives each score (log-odds contributions) and their value"
      testId="risk"
      ignoresPeriod
    >
      <PagedTable
        state={risk}
        testId="risk-list"
        intro={(d) => (
          <p className="muted">
            As of {d.asOf ?? '—'} · {d.model ?? '—'} model · horizon {d.horizonDays ?? '—'} days ·
            holdout AUC {d.holdoutAuc === null ? '—' : d.holdoutAuc.toFixed(3)} · mean risk{' '}
            {fmtPct(d.meanRisk)} · {fmtNumber(d.total)} customers scored
          </p>
        )}
        columns={[
          {
            head: 'Customer',
            cell: (p) => <CustomerCell person={p} />,
          },
          {
            head: 'Risk',
            isNumeric: true,
            isBad: (p) => p.risk >= 0.5,
            cell: (p) => fmtPct(p.risk),
          },
          { head: 'Drivers', cell: (p) => p.drivers.map(driverText).join(' · ') },
          { head: 'CLV (12 m)', isNumeric: true, cell: (p) => fmtNumber(p.clv, 'currency') },
          { head: 'P(alive)', isNumeric: true, cell: (p) => fmtPct(p.pAlive) },
        ]}
        rowKey={(p) => p.personId}
        onOffset={(o) => state.set({ roff: String(o) })}
      />
    </Card>
  );
}

function ValueCard() {
  const state = useUrlState();
  const offset = Number(state.get('voff') ?? 0) || 0;
  const value = useApi('/api/churn/value', { limit: LIMIT, offset });
  return (
    <Card
      wide
      title="Customer value"
      subtitle="12-month CLV (BG/NBD purchases × Gamma-Gamma spend, discounted), most valuable first"
      testId="value"
      ignoresPeriod
    >
      <PagedTable
        state={value}
        testId="value-list"
        intro={(d) =>
          d.summary ? (
            <p className="muted">
              {fmtNumber(d.summary.customers)} customers · total CLV{' '}
              {fmtNumber(d.summary.totalClv, 'currency')} · mean{' '}
              {fmtNumber(d.summary.meanClv, 'currency')} · median{' '}
              {fmtNumber(d.summary.medianClv, 'currency')} · mean P(alive){' '}
              {fmtPct(d.summary.meanProbabilityAlive)} · calibrated to {d.summary.calibrationEnd}
            </p>
          ) : null
        }
        columns={[
          {
            head: 'Customer',
            cell: (p) => <a href={customerHref(p.personId)}>{p.name ?? p.personId}</a>,
          },
          { head: 'CLV', isNumeric: true, cell: (p) => fmtNumber(p.clv, 'currency') },
          { head: 'Repeat purchases', isNumeric: true, cell: (p) => fmtNumber(p.frequency) },
          { head: 'Mean spend', isNumeric: true, cell: (p) => fmtNumber(p.monetary, 'currency') },
          { head: 'P(alive)', isNumeric: true, cell: (p) => fmtPct(p.pAlive) },
          {
            head: 'Expected purchases',
            isNumeric: true,
            cell: (p) => fmtNumber(p.expectedPurchases),
          },
          {
            head: 'Churn risk',
            isNumeric: true,
            isBad: (p) => (p.risk ?? 0) >= 0.5,
            cell: (p) => fmtPct(p.risk),
          },
        ]}
        rowKey={(p) => p.personId}
        onOffset={(o) => state.set({ voff: String(o) })}
      />
    </Card>
  );
}

export function ChurnPage() {
  const state = useUrlState();
  const f = filtersOf(state);
  const overview = useApi('/api/churn', { from: f.from, to: f.to });
  const metric = (METRICS.find(([m]) => m === state.get('metric'))?.[0] ?? 'retention') as Metric;
  const cell = state.get('cell');
  const [cellCohort, cellK] = (cell ?? '').split(':');
  return (
    <div className="grid">
      <Card
        title="Churn rate per month"
        subtitle="Churned in the month ÷ active at its start, 95% Wilson interval; hollow: month not complete yet"
        testId="churn-rate"
      >
        <Async state={overview} isEmpty={(d) => d.rates.months.length === 0}>
          {(d) => (
            <>
              <p className="muted">Churned means: {d.rates.definition}.</p>
              <RateChart rates={d.rates} />
              <p className="verdict" data-testid="churn-trend">
                {d.rates.trend
                  ? `Trend over ${d.rates.trend.n} complete months: ${d.rates.trend.direction} (Mann–Kendall p = ${d.rates.trend.pValue.toFixed(3)}, Sen's slope ${fmtPct(d.rates.trend.slope)} per month)`
                  : 'Trend: fewer than 3 complete months — not tested'}
              </p>
            </>
          )}
        </Async>
      </Card>
      <Card
        title="Cohort retention"
        subtitle="Per acquisition month, the share still a customer (or revenue kept) k months later; faded: not complete; click a cell to save it as a segment"
        testId="retention"
        ignoresPeriod="Every cohort, not only the period above"
      >
        <PresetChips
          label="Retention metric"
          presets={METRICS}
          value={metric}
          onPick={(m) => state.set({ metric: m === 'retention' ? undefined : m }, true)}
        />
        <Async state={overview} isEmpty={(d) => d.cohorts.cells.length === 0}>
          {(d) => (
            <HeatMap
              cohorts={d.cohorts}
              metric={metric}
              onPick={(c, k) => state.set({ cell: `${c}:${k}` }, true)}
            />
          )}
        </Async>
        {cellCohort && cellK !== undefined ? (
          <SaveCell
            key={cell}
            cohort={cellCohort}
            k={Number(cellK)}
            onClose={() => state.set({ cell: undefined }, true)}
          />
        ) : null}
      </Card>
      <SurvivalCard />
      <RiskCard />
      <ValueCard />
    </div>
  );
}
