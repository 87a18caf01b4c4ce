// Overview: KPIs with their change against the previous period and a daily trend, what each
// analysis has computed, and what the store holds (rows per source, latest imports).
import { useMemo } from 'react';
import type { ResponseOf } from '../api-client.js';
import { Chart } from '../charts/chart.js';
import { AnalysisChecklist } from '../components/analysis-checklist.js';
import { KpiCard } from '../components/kpi-card.js';
import { SourceRowsTable } from '../components/source-rows-table.js';
import { Async, Card } from '../components/states.js';
import { fmtDateTime, fmtNumber } from '../format.js';
import { filtersOf, hrefWith, useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';

type Overview = ResponseOf<'/api/overview'>;

function TrendChart({ data, kpiKey }: { data: Overview; kpiKey: string }) {
  const kpi = data.kpis.find((k) => k.key === kpiKey) ?? data.kpis[0];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 56, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: kpi?.series.map((s) => s.day) ?? [] },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmtNumber(v, kpi?.unit) } },
      series: [
        {
          name: kpi?.label,
          type: 'line',
          smooth: true,
          showSymbol: false,
          areaStyle: { opacity: 0.12 },
          data: kpi?.series.map((s) => s.value) ?? [],
        },
      ],
    }),
    [kpi],
  );
  return <Chart option={option} label={`${kpi?.label ?? ''} per day`} />;
}

export function OverviewPage() {
  const state = useUrlState();
  const filters = filtersOf(state);
  const overview = useApi('/api/overview', { ...filters });
  const selected = state.get('kpi') ?? 'orders';
  return (
    <Async
      state={overview}
      isEmpty={(d) => d.data === null}
      empty={
        <Card title="No data yet">
          <p>
            This store is empty. Load the demo with <code>cxlens demo</code> or import your files
            with <code>cxlens import</code>.
          </p>
        </Card>
      }
    >
      {(d) => (
        <div className="grid">
          <div className="kpis card-wide" data-testid="kpis">
            {d.kpis.map((k) => (
              <KpiCard
                key={k.key}
                kpi={k}
                selected={k.key === selected}
                onSelect={() => state.set({ kpi: k.key }, true)}
              />
            ))}
          </div>
          <Card
            wide
            title={`${d.kpis.find((k) => k.key === selected)?.label ?? ''} per day`}
            subtitle={`${d.period.from} – ${d.period.to}; click a KPI above to chart it`}
          >
            <TrendChart data={d} kpiKey={selected} />
          </Card>
          <Card title="Analyses" subtitle="What has been computed on this store">
            <AnalysisChecklist analyses={d.analyses} />
          </Card>
          <Card
            title="Data by source"
            subtitle={`Data from ${d.data?.from ?? '—'} to ${d.data?.to ?? '—'}`}
            ignoresPeriod
          >
            <SourceRowsTable counts={d.counts} />
          </Card>
          <Card
            wide
            title="Latest imports"
            subtitle={
              <>
                Every import, with the rows it rejected and why, is on the{' '}
                <a
                  href={hrefWith({ page: 'data' })}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    state.set({ page: 'data' });
                  }}
                >
                  Data page
                </a>
              </>
            }
          >
            <table className="table">
              <thead>
                <tr>
                  <th>Finished</th>
                  <th>Entity</th>
                  <th>Source</th>
                  <th className="num">Inserted</th>
                  <th className="num">Updated</th>
                  <th className="num">Rejected</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {d.imports.map((i) => (
                  <tr key={i.importId}>
                    <td>{fmtDateTime(i.finishedAt)}</td>
                    <td>{i.entity}</td>
                    <td>{i.source}</td>
                    <td className="num">{fmtNumber(i.inserted)}</td>
                    <td className="num">{fmtNumber(i.updated)}</td>
                    <td className={i.rejected > 0 ? 'num bad' : 'num'}>{fmtNumber(i.rejected)}</td>
                    <td>{i.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      )}
    </Async>
  );
}
