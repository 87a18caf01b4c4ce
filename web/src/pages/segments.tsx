// Segments: experience × engagement quadrants (scatter and sizes), the members of the chosen
// quadrant with their worst experience signals and the recommended action, and a CSV export.
import { useMemo } from 'react';
import type { QuadrantsResponse } from '../../../src/api/routes/segments.js';
import { type Json, readKey, urlOf } from '../api-client.js';
import { Chart } from '../charts/chart.js';
import { quadrantColour } from '../charts/quadrants.js';
import { CustomerCell } from '../components/customer-cell.js';
import { PagedTable } from '../components/paged-table.js';
import { Async, Card } from '../components/states.js';
import { fmtDay, fmtNumber, fmtPct } from '../format.js';
import { requestReveal } from '../reveal.js';
import { useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';

const LIMIT = 25;
/** The members card, revealed when a quadrant is picked: it renders below the scatter. */
const MEMBERS = 'members';

function label(q: string): string {
  return q.replaceAll('_', ' ');
}

function Scatter({ data, onPick }: { data: Json<QuadrantsResponse>; onPick: (q: string) => void }) {
  const option = useMemo(() => {
    const names = data.quadrants.map((q) => q.quadrant);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName: string; value: number[] }) =>
          `${label(p.seriesName)}<br/>experience ${p.value[0]}, engagement ${p.value[1]}`,
      },
      legend: { top: 0, formatter: label },
      grid: { left: 56, right: 24, top: 36, bottom: 44 },
      xAxis: {
        type: 'value',
        name: 'experience',
        nameLocation: 'middle',
        nameGap: 28,
        min: 0,
        max: 100,
      },
      yAxis: { type: 'value', name: 'engagement', min: 0, max: 100 },
      series: names.map((n, i) => ({
        name: n,
        type: 'scatter',
        symbolSize: 5,
        itemStyle: { color: quadrantColour(n, i), opacity: 0.6 },
        data: data.points.filter((p) => p.quadrant === n).map((p) => [p.experience, p.engagement]),
      })),
    };
  }, [data]);
  return (
    <Chart
      option={option}
      height={380}
      label="Persons by experience and engagement"
      onClick={(p) => p.seriesName && onPick(p.seriesName)}
    />
  );
}

function Members({ segment }: { segment: string }) {
  const state = useUrlState();
  const offset = Number(state.get('offset') ?? 0) || 0;
  const list = useApi<'/api/segments/:name'>(`/api/segments/${encodeURIComponent(segment)}`, {
    limit: LIMIT,
    offset,
  });
  const key = readKey();
  const exportHref = urlOf(`./api/segments/${encodeURIComponent(segment)}/export`, {
    format: 'csv',
    key,
  });
  return (
    <Card
      wide
      title={`Members: ${label(segment)}`}
      subtitle="Worst experience first; the action is a recovery contact, not a promotion, when experience is below 50"
      testId="members"
      revealId={MEMBERS}
    >
      <p>
        <a className="chip" href={exportHref} download data-testid="export">
          Export CSV ↓
        </a>
      </p>
      <PagedTable
        state={list}
        columns={[
          {
            head: 'Customer',
            cell: (m) => <CustomerCell person={m} />,
          },
          { head: 'Experience', isNumeric: true, cell: (m) => fmtNumber(m.experience) },
          { head: 'Engagement', isNumeric: true, cell: (m) => fmtNumber(m.engagement) },
          { head: 'Voice', isNumeric: true, cell: (m) => m.voice },
          { head: 'Last active', cell: (m) => fmtDay(m.lastActiveAt) },
          { head: 'Worst signals', cell: (m) => m.reasons || '—' },
          {
            head: 'Action',
            cell: (m) => (
              <span
                className={
                  m.action === 'recovery_contact' ? 'badge badge-product' : 'badge badge-service'
                }
              >
                {m.action.replace('_', ' ')}
              </span>
            ),
          },
        ]}
        rowKey={(m) => m.personId}
        onOffset={(o) => state.set({ offset: String(o) })}
      />
    </Card>
  );
}

export function SegmentsPage() {
  const state = useUrlState();
  const quadrants = useApi('/api/quadrants');
  const chosen = state.get('seg') ?? 'silent_at_risk';
  const pick = (q: string) => {
    requestReveal(MEMBERS);
    state.set({ seg: q, offset: undefined });
  };
  return (
    <div className="grid">
      <Card
        wide
        title="Experience × engagement"
        subtitle="Each dot a customer (a sample when there are more than 5000); click a quadrant to list it"
        testId="quadrants"
      >
        <Async state={quadrants} isEmpty={(d) => d.quadrants.length === 0}>
          {(d) => (
            <>
              <Scatter data={d} onPick={pick} />
              <table className="table">
                <thead>
                  <tr>
                    <th>Quadrant</th>
                    <th className="num">Persons</th>
                    <th className="num">Share</th>
                    <th className="num">Mean experience</th>
                    <th className="num">Mean engagement</th>
                  </tr>
                </thead>
                <tbody>
                  {d.quadrants.map((q) => (
                    <tr
                      key={q.quadrant}
                      className={q.quadrant === chosen ? 'selected' : undefined}
                      data-quadrant={q.quadrant}
                    >
                      <td>
                        <a
                          href={`?page=segments&seg=${q.quadrant}`}
                          onClick={(e) => {
                            e.preventDefault();
                            pick(q.quadrant);
                          }}
                        >
                          {label(q.quadrant)}
                        </a>
                      </td>
                      <td className="num">{fmtNumber(q.persons)}</td>
                      <td className="num">{fmtPct(q.share)}</td>
                      <td className="num">{fmtNumber(q.meanExperience)}</td>
                      <td className="num">{fmtNumber(q.meanEngagement)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Async>
      </Card>
      {quadrants.status === 'ready' && quadrants.data.quadrants.length > 0 ? (
        <Members segment={chosen} />
      ) : null}
    </div>
  );
}
