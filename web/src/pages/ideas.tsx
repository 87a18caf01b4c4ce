// Ideas: the co-creation forum's ideas with near-duplicates merged into clusters, ranked by unique
// voters (or votes, the value of the voters, churned voters, places asked for), with the status;
// a cluster opens (?idea=<cluster id>) to show its ideas and the posts and tickets asking for it.
// The ranking is paged like every list (?ioff=<offset>, reset when the ranking changes).
import { useMemo } from 'react';
import type { IdeaClusterResponse, TopIdeasResponse } from '../../../src/api/routes/ideas.js';
import type { Json } from '../api-client.js';
import { Chart } from '../charts/chart.js';
import { Pager } from '../components/pager.js';
import { PresetChips } from '../components/preset-chips.js';
import { Async, Card, Empty } from '../components/states.js';
import { fmtDay, fmtNumber, fmtPct } from '../format.js';
import { labelOf } from '../labels.js';
import { requestReveal } from '../reveal.js';
import { filtersOf, useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';

type Top = Json<TopIdeasResponse>;
type Detail = Json<IdeaClusterResponse>;

const LIMIT = 30;
/** The cluster card, revealed when a cluster is opened: it renders below the whole ranking. */
const DETAIL = 'idea-detail';

const RANKS = [
  ['voters', 'Unique voters'],
  ['votes', 'Votes'],
  ['value', 'Value of voters'],
  ['churned', 'Churned voters'],
  ['places', 'Places asked'],
] as const;

const PLACES = (c: Top['items'][number]) =>
  [c.ideas.length > 0 ? 'ideas' : '', c.posts > 0 ? 'posts' : '', c.tickets > 0 ? 'tickets' : '']
    .filter(Boolean)
    .join(', ');

function VotersChart({ top }: { top: Top }) {
  const option = useMemo(() => {
    const rows = top.items.slice(0, 10);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 220, right: 24, top: 30, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((c) => c.title),
        axisLabel: { width: 200, overflow: 'truncate' },
      },
      series: [
        { name: 'unique voters', type: 'bar', data: rows.map((c) => c.voters) },
        {
          name: 'churned voters',
          type: 'bar',
          data: rows.map((c) => c.churnedVoters ?? 0),
          itemStyle: { color: '#d64545' },
        },
      ],
    };
  }, [top]);
  return (
    <Chart
      option={option}
      height={60 + 30 * Math.min(10, top.items.length)}
      label="Unique voters of the top clusters"
    />
  );
}

function Ranking({ top, open }: { top: Top; open: (id: string) => void }) {
  const state = useUrlState();
  const chosen = state.get('idea');
  return (
    <table className="table" data-testid="idea-clusters">
      <thead>
        <tr>
          <th>#</th>
          <th>Idea</th>
          <th className="num">Duplicates</th>
          <th className="num">Votes</th>
          <th className="num">Unique voters</th>
          <th className="num">Value of voters</th>
          <th className="num">Churned voters</th>
          <th>Asked for in</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {top.items.map((c) => (
          <tr
            key={c.clusterId}
            data-cluster={c.clusterId}
            className={chosen === c.clusterId ? 'selected' : undefined}
          >
            <td>{c.rank}</td>
            <td>
              <a
                href={`?page=ideas&idea=${encodeURIComponent(c.clusterId)}`}
                onClick={(e) => {
                  e.preventDefault();
                  open(c.clusterId);
                }}
              >
                {c.title}
              </a>
            </td>
            <td className="num">{c.ideas.length}</td>
            <td className="num">{fmtNumber(c.votes)}</td>
            <td className="num">{fmtNumber(c.voters)}</td>
            <td
              className="num"
              title={`${c.votersValued} of ${c.voters} voters have a CLV (12 months)`}
            >
              {c.voterValue === null ? '—' : fmtNumber(c.voterValue, 'currency')}
            </td>
            <td className="num">
              {c.churnedVoters === null
                ? '—'
                : `${fmtNumber(c.churnedVoters)} (${fmtPct(c.churnedShare)})`}
            </td>
            <td title={PLACES(c)}>
              {c.places} {c.places === 1 ? 'place' : 'places'}
              <div className="muted">{PLACES(c)}</div>
            </td>
            <td>
              <span className="tag">{labelOf(c.status)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ClusterDetail({ detail }: { detail: Detail }) {
  const c = detail.cluster;
  return (
    <>
      <dl className="fields">
        <div>
          <dt>Unique voters</dt>
          <dd>{fmtNumber(c.voters)}</dd>
        </div>
        <div>
          <dt>Votes</dt>
          <dd>{fmtNumber(c.votes)}</dd>
        </div>
        <div>
          <dt>People asking</dt>
          <dd>{fmtNumber(c.people)}</dd>
        </div>
        <div>
          <dt>Posts / tickets</dt>
          <dd>
            {fmtNumber(c.posts)} / {fmtNumber(c.tickets)}
          </dd>
        </div>
        <div>
          <dt>First – last</dt>
          <dd>
            {fmtDay(c.firstAt)} – {fmtDay(c.lastAt)}
          </dd>
        </div>
        <div>
          <dt>Statuses</dt>
          <dd>
            {Object.entries(c.statuses)
              .map(([s, n]) => `${labelOf(s)} ${n}`)
              .join(', ')}
          </dd>
        </div>
      </dl>
      <h3 className="subhead">Ideas in this cluster</h3>
      <table className="table" data-testid="cluster-ideas">
        <thead>
          <tr>
            <th>Idea</th>
            <th>Title and text</th>
            <th className="num">Votes</th>
            <th className="num">Voters</th>
            <th>Status</th>
            <th>Posted</th>
          </tr>
        </thead>
        <tbody>
          {detail.ideas.map((i) => (
            <tr key={i.ideaId}>
              <td>
                <code>{i.ideaId}</code>
              </td>
              <td>
                <strong>{i.title}</strong>
                {i.body ? <div className="muted">{i.body}</div> : null}
              </td>
              <td className="num">{fmtNumber(i.votes)}</td>
              <td className="num">{fmtNumber(i.voters)}</td>
              <td>{labelOf(i.status)}</td>
              <td>{fmtDay(i.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="subhead">Posts and tickets asking for it</h3>
      {detail.requests.length === 0 ? (
        <Empty title="No post or ticket asks for it" />
      ) : (
        <ul className="examples requests" data-testid="cluster-requests">
          {detail.requests.slice(0, 30).map((r) => (
            <li key={`${r.kind}:${r.source}:${r.sourceId}`}>
              <span className="tag">{labelOf(r.kind)}</span>{' '}
              <small className="muted">{fmtDay(r.createdAt)}</small> “{r.text}”{' '}
              <small className="muted">similarity {fmtNumber(r.similarity)}</small>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function IdeasPage() {
  const state = useUrlState();
  const f = filtersOf(state);
  const rankBy = state.get('rank') ?? 'voters';
  const scope = state.get('scope') === 'period' ? 'period' : 'upto';
  const offset = Number(state.get('ioff') ?? 0) || 0;
  const top = useApi('/api/ideas', { from: f.from, to: f.to, rankBy, scope, limit: LIMIT, offset });
  const chosen = state.get('idea');
  const detail = useApi<'/api/ideas/:id'>(
    chosen ? `/api/ideas/${encodeURIComponent(chosen)}` : undefined,
  );
  const open = (id: string) => {
    requestReveal(DETAIL);
    state.set({ idea: id });
  };
  return (
    <div className="grid">
      <Card
        wide
        title="Ideas, duplicates merged"
        subtitle="Near-duplicate ideas (same words, or asked for by the same posts and tickets) count once; voters are distinct persons across the copies"
        testId="ideas"
      >
        <div className="controls">
          <PresetChips
            label="Rank by"
            presets={RANKS}
            value={rankBy}
            onPick={(value) =>
              state.set({ rank: value === 'voters' ? undefined : value, ioff: undefined }, true)
            }
          />
          <PresetChips
            label="Which ideas"
            presets={[
              [
                'upto',
                `All ideas up to ${f.to ?? 'now'}`,
                'Votes accumulate: every idea posted up to the end of the period',
              ],
              ['period', 'Posted in the period'],
            ]}
            value={scope}
            onPick={(value) =>
              state.set({ scope: value === 'upto' ? undefined : value, ioff: undefined }, true)
            }
          />
        </div>
        <Async state={top} isEmpty={(d) => d.total === 0} empty={<Empty title="No ideas" />}>
          {(d) => (
            <>
              <p className="muted">
                {fmtNumber(d.ideas)} ideas in {fmtNumber(d.clusters)} clusters · voter value:{' '}
                {d.valueBasis === 'clv' ? '12-month CLV' : 'not computed (run cxlens value)'} ·
                churn: {d.churnBasis === 'none' ? 'unknown' : 'by the churn definition'}
                {d.notes.length > 0 ? ` · ${d.notes.join(' ')}` : ''}
              </p>
              <VotersChart top={d} />
              <Ranking top={d} open={open} />
              <Pager
                total={d.total}
                limit={d.limit}
                offset={d.offset}
                onOffset={(o) => state.set({ ioff: o ? String(o) : undefined })}
              />
            </>
          )}
        </Async>
      </Card>
      {chosen ? (
        <Card
          wide
          title={
            detail.status === 'ready' ? `Cluster: ${detail.data.cluster.title}` : 'Idea cluster'
          }
          subtitle="Its ideas, and the posts and tickets that ask for the same thing"
          testId="idea-detail"
          ignoresPeriod
          revealId={DETAIL}
        >
          <p className="actions">
            <button type="button" className="chip" onClick={() => state.set({ idea: undefined })}>
              Close ✕
            </button>
          </p>
          <Async state={detail}>{(d) => <ClusterDetail detail={d} />}</Async>
        </Card>
      ) : null}
    </div>
  );
}
