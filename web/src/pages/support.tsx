// Support: KPI tiles (volume, unique customers, first response p50/p90, SLA breach, reopen and
// repeat-contact rates with 95% intervals), weekly volume by category or channel, where agent
// time goes, CSAT by category and agent, recurring issues with their new / rising mark, and the
// drill-down: any figure lists its tickets (paged, exportable as CSV). The drill-down lives in
// the URL (?drill=breach%3Dfirst_response&dlabel=…&toff=…).
import { useMemo } from 'react';
import type {
  RecurringIssuesResponse,
  SupportReportResponse,
} from '../../../src/api/routes/support.js';
import { type Json, readKey, urlOf } from '../api-client.js';
import { Chart } from '../charts/chart.js';
import { customerHref } from '../components/customer-cell.js';
import { PagedTable } from '../components/paged-table.js';
import { PresetChips } from '../components/preset-chips.js';
import { ciText, Stat } from '../components/stat.js';
import { Async, Card, Empty } from '../components/states.js';
import { fmtDateTime, fmtNumber, fmtPct } from '../format.js';
import { requestReveal } from '../reveal.js';
import { filtersOf, type UrlState, useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';

type Report = Json<SupportReportResponse>;
type Issues = Json<RecurringIssuesResponse>;
type Filter = Report['reopen']['filter'];

const LIMIT = 25;
const DRILL_KEYS = [
  'from',
  'to',
  'category',
  'channel',
  'priority',
  'agent',
  'breach',
  'reopened',
  'repeat',
  'open',
  'person',
  'issue',
] as const;

/** A figure's filter as the drill parameter (the period is the page's unless it differs). */
function drillOf(filter: Filter | Record<string, unknown>, base: { from?: string; to?: string }) {
  const p = new URLSearchParams();
  const f = filter as Record<string, unknown>;
  for (const k of DRILL_KEYS) {
    const v = k === 'person' ? f.personId : f[k];
    if (v === undefined || v === null) continue;
    if ((k === 'from' || k === 'to') && v === base[k]) continue;
    p.set(k, String(v));
  }
  return p.toString();
}

/** The tickets card, revealed on every drill: it opens above the figure that was clicked. */
const TICKETS = 'tickets';

function useDrill(state: UrlState) {
  const base = filtersOf(state);
  return (filter: Filter | Record<string, unknown>, label: string) => {
    requestReveal(TICKETS);
    state.set({ drill: drillOf(filter, base) || 'all', dlabel: label, toff: undefined });
  };
}

const hours = (v: number | null | undefined) => fmtNumber(v, 'hours');

function Kpis({ r, drill }: { r: Report; drill: ReturnType<typeof useDrill> }) {
  const rate = (x: Report['reopen']) => ciText(x.low, x.high, fmtPct);
  return (
    <div className="kpis" data-testid="support-kpis">
      <Stat
        testId="tickets"
        label="Tickets"
        value={fmtNumber(r.tickets)}
        sub={`${fmtNumber(r.ticketsPerCustomer)} per customer`}
        onClick={() => drill({}, 'All tickets')}
      />
      <Stat
        testId="customers"
        label="Unique customers"
        value={fmtNumber(r.customers)}
        sub={r.personBasis === 'identity' ? 'resolved persons' : 'by ticket customer id'}
      />
      <Stat
        testId="first-response"
        label="First response p50 / p90"
        value={`${hours(r.firstResponseHours.p50)} / ${hours(r.firstResponseHours.p90)}`}
        sub={`${fmtNumber(r.firstResponseHours.n)} answered`}
      />
      <Stat
        testId="resolution"
        label="Resolution p50 / p90"
        value={`${hours(r.resolutionHours.p50)} / ${hours(r.resolutionHours.p90)}`}
        sub={`${fmtNumber(r.resolutionHours.n)} resolved`}
      />
      <Stat
        testId="sla-breach"
        label={`SLA breach (first response > ${r.sla.firstResponseHours} h)`}
        value={fmtPct(r.firstResponseBreach.rate)}
        sub={rate(r.firstResponseBreach)}
        onClick={() => drill(r.firstResponseBreach.filter, 'First-response SLA breached')}
      />
      <Stat
        testId="resolution-breach"
        label={`Resolution SLA breach (> ${r.sla.resolutionHours} h)`}
        value={fmtPct(r.resolutionBreach.rate)}
        sub={rate(r.resolutionBreach)}
        onClick={() => drill(r.resolutionBreach.filter, 'Resolution SLA breached')}
      />
      <Stat
        testId="reopen"
        label="Reopen rate"
        value={fmtPct(r.reopen.rate)}
        sub={rate(r.reopen)}
        onClick={() => drill(r.reopen.filter, 'Reopened tickets')}
      />
      <Stat
        testId="repeat"
        label={`Repeat contacts (within ${r.sla.repeatContactDays} days)`}
        value={fmtPct(r.repeatContact.rate)}
        sub={rate(r.repeatContact)}
        onClick={() => drill(r.repeatContact.filter, 'Repeat contacts')}
      />
      <Stat
        testId="csat"
        label="CSAT (1–5)"
        value={fmtNumber(r.csat.mean)}
        sub={`${fmtPct(r.csat.satisfiedShare)} satisfied · n=${fmtNumber(r.csat.n)}`}
      />
      <Stat
        testId="backlog"
        label="Open at period end"
        value={fmtNumber(r.backlog.open)}
        sub={
          r.backlog.oldestOpenHours === null
            ? 'none open'
            : `oldest ${fmtNumber(r.backlog.oldestOpenHours / 24)} days`
        }
        onClick={() => drill(r.backlog.filter, 'Open at the end of the period')}
      />
    </div>
  );
}

function VolumeChart({
  r,
  dimension,
  drill,
}: {
  r: Report;
  dimension: 'category' | 'channel';
  drill: ReturnType<typeof useDrill>;
}) {
  const rows = r.volume.filter((v) => v.dimension === dimension);
  const option = useMemo(() => {
    const weeks = [...new Set(rows.map((v) => v.week))].sort();
    const totals = new Map<string, number>();
    for (const v of rows) totals.set(v.key, (totals.get(v.key) ?? 0) + v.tickets);
    const keys = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0));
    const at = new Map(rows.map((v) => [`${v.key}|${v.week}`, v.tickets]));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: weeks, name: 'week of' },
      yAxis: { type: 'value', name: 'tickets' },
      series: keys.map((k) => ({
        name: k,
        type: 'bar',
        stack: 'v',
        data: weeks.map((w) => at.get(`${k}|${w}`) ?? 0),
      })),
    };
  }, [rows]);
  if (rows.length === 0) return <Empty title="No tickets in this period" />;
  return (
    <Chart
      option={option}
      height={300}
      label={`Tickets per week by ${dimension}`}
      onClick={(p) => {
        if (!p.seriesName || !p.name) return;
        const to = new Date(Date.parse(`${p.name}T00:00:00Z`) + 6 * 86_400_000)
          .toISOString()
          .slice(0, 10);
        drill(
          { [dimension]: p.seriesName, from: p.name, to },
          `${dimension} ${p.seriesName}, week of ${p.name}`,
        );
      }}
    />
  );
}

function AgentTime({ r }: { r: Report }) {
  const option = useMemo(() => {
    const rows = [...r.byCategory].sort((a, b) => b.handleMinutes - a.handleMinutes);
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => `${fmtNumber(v)} h`,
      },
      grid: { left: 110, right: 60, top: 8, bottom: 24 },
      xAxis: { type: 'value', name: 'hours' },
      yAxis: { type: 'category', inverse: true, data: rows.map((x) => x.key) },
      series: [
        {
          type: 'bar',
          data: rows.map((x) => Number((x.handleMinutes / 60).toFixed(1))),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => fmtPct(rows[p.dataIndex]?.handleShare),
          },
        },
      ],
    };
  }, [r]);
  return (
    <Chart option={option} height={50 + 28 * r.byCategory.length} label="Agent time by category" />
  );
}

function BreakdownTable({
  rows,
  what,
  drill,
}: {
  rows: Report['byCategory'];
  what: string;
  drill: ReturnType<typeof useDrill>;
}) {
  return (
    <table className="table" data-testid={`by-${what}`}>
      <thead>
        <tr>
          <th>{what}</th>
          <th className="num">Tickets</th>
          <th className="num">Customers</th>
          <th className="num">Min / ticket</th>
          <th className="num">1st resp. p50</th>
          <th className="num">SLA breach</th>
          <th className="num">Reopen</th>
          <th className="num">CSAT</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={b.key}>
            <td>
              <a
                href="?"
                onClick={(e) => {
                  e.preventDefault();
                  drill(b.filter, `${what} ${b.key}`);
                }}
              >
                {b.key}
              </a>
            </td>
            <td className="num">{fmtNumber(b.tickets)}</td>
            <td className="num">{fmtNumber(b.customers)}</td>
            <td className="num">{fmtNumber(b.handleMinutesPerTicket)}</td>
            <td className="num">{hours(b.firstResponseP50Hours)}</td>
            <td className="num">{fmtPct(b.firstResponseBreachRate)}</td>
            <td className="num">{fmtPct(b.reopenRate)}</td>
            <td className="num" title={`n=${b.csatN}`}>
              {fmtNumber(b.csatMean)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Weekly({ values }: { values: number[] }) {
  const max = Math.max(1, ...values);
  return (
    <svg className="bars" viewBox={`0 0 ${values.length * 6} 24`} aria-hidden="true">
      {values.map((v, i) => (
        <rect
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed weekly bins
          key={i}
          x={i * 6}
          y={24 - (v / max) * 24}
          width={5}
          height={(v / max) * 24}
        />
      ))}
    </svg>
  );
}

/**
 * An issue's title from its terms: phrases first (more telling than their words), then words no
 * phrase holds, three at most ("password reset · email · link"). One ticket's subject would make
 * different issues look alike ("Question about order NW-…").
 */
function issueTitle(terms: readonly string[]): string {
  const phrases = terms.filter((t) => t.includes(' '));
  const picked = phrases.slice(0, 3);
  for (const t of terms) {
    if (picked.length >= 3) break;
    if (!picked.some((p) => p.split(' ').includes(t) || p === t)) picked.push(t);
  }
  return picked.join(' · ');
}

/** A sample subject without its identifiers (order and ticket numbers), which tell nothing here. */
function sampleOf(subject: string): string {
  return subject.replace(/#?\b[\w-]*\d[\w-]*\b/g, (id) => (/\d{3}/.test(id) ? '…' : id));
}

function IssueList({ issues, drill }: { issues: Issues; drill: ReturnType<typeof useDrill> }) {
  if (issues.issues.length === 0) {
    return <Empty title="No recurring issues in this period">{issues.notes.join(' ')}</Empty>;
  }
  return (
    <>
      <p className="muted">
        {fmtNumber(issues.tickets)} tickets in {fmtNumber(issues.clusters)} issues; recent window:
        the last {issues.recentWeeks} weeks (from {issues.recentFrom}) against the weeks before.
      </p>
      <table className="table" data-testid="issues">
        <thead>
          <tr>
            <th>#</th>
            <th>Issue</th>
            <th>Status</th>
            <th className="num">Tickets</th>
            <th className="num">Recent / before</th>
            <th className="num">Share ×</th>
            <th>Category</th>
            <th>Per week</th>
          </tr>
        </thead>
        <tbody>
          {issues.issues.slice(0, 15).map((i) => {
            const title = issueTitle(i.terms) || i.label;
            return (
              <tr key={i.rank} data-status={i.status} data-issue={i.label}>
                <td>{i.rank}</td>
                <td>
                  <a
                    href="?"
                    onClick={(e) => {
                      e.preventDefault();
                      drill({ issue: i.rank }, `Issue: ${title}`);
                    }}
                  >
                    {title}
                  </a>
                  {i.example ? (
                    <div className="muted" title="one ticket's subject">
                      e.g. “{sampleOf(i.example)}”
                    </div>
                  ) : null}
                </td>
                <td>
                  <span className={`badge badge-issue-${i.status}`}>{i.status}</span>
                </td>
                <td className="num">
                  {fmtNumber(i.tickets)}
                  <div className="muted">{fmtNumber(i.customers)} customers</div>
                </td>
                <td className="num">
                  {fmtNumber(i.recentTickets)} / {fmtNumber(i.baselineTickets)}
                </td>
                <td
                  className="num"
                  title={`95% CI ${fmtNumber(i.ratioLow)} – ${fmtNumber(i.ratioHigh)}; trend z ${fmtNumber(i.trendZ)}, q ${i.qValue.toExponential(1)}`}
                >
                  {i.shareRatio === null ? '—' : `×${fmtNumber(i.shareRatio)}`}
                </td>
                <td>{i.topCategory ?? '—'}</td>
                <td>
                  <Weekly values={i.weekly} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function Tickets({ drill }: { drill: string }) {
  const state = useUrlState();
  const offset = Number(state.get('toff') ?? 0) || 0;
  const base = filtersOf(state);
  const params = Object.fromEntries(new URLSearchParams(drill === 'all' ? '' : drill));
  const query = { from: base.from, to: base.to, ...params };
  const list = useApi('/api/support/tickets', { ...query, limit: LIMIT, offset });
  const exportHref = urlOf('./api/support/tickets', { ...query, format: 'csv', key: readKey() });
  return (
    <Card
      wide
      title={`Tickets: ${state.get('dlabel') ?? 'selection'}`}
      subtitle="Newest first; the export holds every matching ticket"
      testId="tickets"
      revealId={TICKETS}
    >
      <p className="actions">
        <a className="chip" href={exportHref} download data-testid="tickets-export">
          Export CSV ↓
        </a>
        <button
          type="button"
          className="chip"
          onClick={() => state.set({ drill: undefined, dlabel: undefined, toff: undefined })}
        >
          Close ✕
        </button>
      </p>
      <PagedTable
        state={list}
        shouldScroll
        intro={(d) => (
          <p className="muted">
            {fmtNumber(d.total)} tickets from {fmtNumber(d.customers)} customers
          </p>
        )}
        columns={[
          {
            head: 'Ticket',
            cell: (t) =>
              t.person_id ? <a href={customerHref(t.person_id)}>{t.ticket_id}</a> : t.ticket_id,
          },
          { head: 'Opened', cell: (t) => fmtDateTime(t.opened_at) },
          { head: 'Subject', cell: (t) => t.subject ?? '—' },
          { head: 'Category', cell: (t) => t.category ?? '—' },
          { head: 'Channel', cell: (t) => t.channel ?? '—' },
          { head: 'Agent', cell: (t) => t.agent ?? '—' },
          {
            head: '1st resp. h',
            isNumeric: true,
            isBad: (t) => Boolean(t.first_response_breached),
            cell: (t) => fmtNumber(t.first_response_hours),
          },
          {
            head: 'Resolved h',
            isNumeric: true,
            isBad: (t) => Boolean(t.resolution_breached),
            cell: (t) => (t.is_open ? 'open' : fmtNumber(t.resolution_hours)),
          },
          { head: 'Reopened', isNumeric: true, cell: (t) => t.reopened_count },
          { head: 'CSAT', isNumeric: true, cell: (t) => fmtNumber(t.csat) },
        ]}
        rowKey={(t) => `${t.source}:${t.ticket_id}`}
        onOffset={(o) => state.set({ toff: String(o) })}
      />
    </Card>
  );
}

export function SupportPage() {
  const state = useUrlState();
  const f = filtersOf(state);
  const query = { from: f.from, to: f.to };
  const report = useApi('/api/support', query);
  const issues = useApi('/api/support/issues', query);
  const drill = useDrill(state);
  const dimension = state.get('vol') === 'channel' ? 'channel' : 'category';
  const drilled = state.get('drill');
  return (
    <div className="grid">
      <Card
        wide
        title="Support KPIs"
        subtitle="Tickets opened in the period; rates with 95% Wilson intervals — click a figure to list its tickets"
      >
        <Async state={report} isEmpty={(d) => d.tickets === 0}>
          {(d) => (
            <>
              <Kpis r={d} drill={drill} />
              {d.notes.length > 0 ? <p className="muted">{d.notes.join(' ')}</p> : null}
            </>
          )}
        </Async>
      </Card>
      {drilled ? <Tickets drill={drilled} /> : null}
      <Card
        wide
        title="Recurring issues"
        subtitle="Tickets clustered by what they are about; rising: a growing share over the recent weeks (trend test, BH q ≤ 5%); new: not seen before"
        testId="recurring-issues"
      >
        <Async state={issues}>{(d) => <IssueList issues={d} drill={drill} />}</Async>
      </Card>
      <Card
        wide
        title="Volume over time"
        subtitle="Tickets per week; click a bar to list its tickets"
        testId="support-volume"
      >
        <PresetChips
          label="Volume by"
          presets={(['category', 'channel'] as const).map((v) => [v, `by ${v}`] as const)}
          value={dimension}
          onPick={(v) => state.set({ vol: v === 'category' ? undefined : v }, true)}
        />
        <Async state={report}>
          {(d) => <VolumeChart r={d} dimension={dimension} drill={drill} />}
        </Async>
      </Card>
      <Card
        wide
        title="Agent time by category"
        subtitle="Handle hours; labels: share of all agent time"
      >
        <Async state={report} isEmpty={(d) => d.byCategory.length === 0}>
          {(d) => <AgentTime r={d} />}
        </Async>
      </Card>
      <Card wide title="By channel" subtitle="Volume, speed, reopen rate and CSAT per channel">
        <Async state={report} isEmpty={(d) => d.byChannel.length === 0}>
          {(d) => <BreakdownTable rows={d.byChannel} what="channel" drill={drill} />}
        </Async>
      </Card>
      <Card wide title="By category" subtitle="CSAT and service level per category">
        <Async state={report} isEmpty={(d) => d.byCategory.length === 0}>
          {(d) => <BreakdownTable rows={d.byCategory} what="category" drill={drill} />}
        </Async>
      </Card>
      <Card wide title="By agent" subtitle="CSAT and service level per agent">
        <Async state={report} isEmpty={(d) => d.byAgent.length === 0}>
          {(d) => <BreakdownTable rows={d.byAgent} what="agent" drill={drill} />}
        </Async>
      </Card>
      <Card
        wide
        title="Spikes"
        subtitle="Days with far more tickets than the same weekday usually has"
      >
        <Async state={report}>
          {(d) =>
            d.spikes.length === 0 ? (
              <Empty title="No volume spikes in this period" />
            ) : (
              <ul className="spikes">
                {d.spikes.map((s) => (
                  <li key={s.from}>
                    <a
                      href="?"
                      onClick={(e) => {
                        e.preventDefault();
                        drill(s.filter, `Spike ${s.from} – ${s.to}`);
                      }}
                    >
                      {s.from === s.to ? s.from : `${s.from} – ${s.to}`}
                    </a>
                    : {fmtNumber(s.tickets)} tickets (expected {fmtNumber(s.expected)}, z{' '}
                    {fmtNumber(s.z)}){s.topCategory ? `, mostly ${s.topCategory}` : ''}
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
      </Card>
    </div>
  );
}
