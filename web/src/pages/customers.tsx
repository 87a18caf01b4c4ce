// Customers: search resolved persons, open one to see the 360° profile (golden record, linked
// source records, timeline) and why two of its records were joined (per-field Bayes factors).
import { useMemo, useState } from 'react';
import type { ProfileResponse } from '../../../src/api/routes/persons.js';
import type { CustomerPersonField } from '../../../src/schemas/index.js';
import type { Json } from '../api-client.js';
import { Chart } from '../charts/chart.js';
import { BAD, GOOD } from '../charts/echarts.js';
import { PagedTable } from '../components/paged-table.js';
import { Async, Card, Empty } from '../components/states.js';
import { directPair, partnerOf } from '../direct-link.js';
import { fmtDateTime, fmtDay, fmtNumber, fmtPct } from '../format.js';
import { labelOf } from '../labels.js';
import { requestReveal } from '../reveal.js';
import { useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';
import { CustomerExperience } from './customer-experience.js';

const LIMIT = 25;

function SearchResults() {
  const state = useUrlState();
  const q = state.get('q') ?? '';
  const offset = Number(state.get('offset') ?? 0) || 0;
  const [draft, setDraft] = useState(q);
  const list = useApi('/api/persons', { q, limit: LIMIT, offset });
  return (
    <Card wide title="Customers" subtitle="Resolved persons, most linked records first">
      <form
        className="search"
        aria-label="Search customers"
        onSubmit={(e) => {
          e.preventDefault();
          state.set({ q: draft.trim() || undefined, offset: undefined, person: undefined });
        }}
      >
        <input
          type="search"
          name="q"
          placeholder="Name, e-mail, phone, city, person id or record key (crm:C123)"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-label="Search customers"
        />
        <button type="submit" className="chip chip-on">
          Search
        </button>
      </form>
      <PagedTable
        state={list}
        testId="person-list"
        empty={<Empty title={`No customer matches “${q}”`} />}
        columns={[
          {
            head: 'Name',
            cell: (p) => (
              <a
                href={`?${new URLSearchParams({ ...Object.fromEntries(state.params), person: p.personId })}`}
                onClick={(e) => {
                  e.preventDefault();
                  requestReveal(PROFILE);
                  state.set({ person: p.personId, a: undefined, b: undefined });
                }}
              >
                {p.name ?? p.personId}
              </a>
            ),
          },
          { head: 'E-mail', cell: (p) => p.email ?? '—' },
          { head: 'City', cell: (p) => [p.city, p.country].filter(Boolean).join(', ') || '—' },
          { head: 'Records', isNumeric: true, cell: (p) => p.recordCount },
          { head: 'Sources', cell: (p) => p.sources.join(', ') },
          { head: 'First seen', cell: (p) => fmtDay(p.firstSeenAt) },
        ]}
        rowKey={(p) => p.personId}
        rowClass={(p) => (p.personId === state.get('person') ? 'selected' : undefined)}
        onOffset={(o) => state.set({ offset: String(o) })}
      />
    </Card>
  );
}

// The golden record's fields in reading order (the schema's are in table order). Typed against the
// schema, so a field added there fails to compile here until it is placed.
const GOLDEN_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'birth_date',
  'address',
  'postcode',
  'city',
  'country',
  'user_id',
] as const satisfies readonly CustomerPersonField[];
const EVERY_GOLDEN_FIELD: Exclude<CustomerPersonField, (typeof GOLDEN_FIELDS)[number]> extends never
  ? true
  : never = true;
void EVERY_GOLDEN_FIELD;

function recordKeyOf(r: Record<string, unknown>): string {
  return String(r.record_key ?? `${String(r.source)}:${String(r.source_id)}`);
}

/** The profile's first card, revealed when a name in the list is clicked. */
const PROFILE = 'profile';

/**
 * The records to explain: the URL's when valid, else a pair joined directly (directPair), and
 * after picking A alone, A's direct partner. Never A with itself.
 */
function pairOf(
  records: Json<ProfileResponse>['records'],
  urlA: string | undefined,
  urlB: string | undefined,
): { a?: string; b?: string } {
  const keys = records.map(recordKeyOf);
  const a = urlA && keys.includes(urlA) ? urlA : directPair(records, recordKeyOf)?.[0];
  if (!a) return {};
  const b = urlB && urlB !== a && keys.includes(urlB) ? urlB : partnerOf(records, recordKeyOf, a);
  return { a, b };
}

function Profile({ profile }: { profile: Json<ProfileResponse> }) {
  const state = useUrlState();
  const keys = profile.records.map(recordKeyOf);
  const { a, b } = pairOf(profile.records, state.get('a'), state.get('b'));
  const g = profile.golden;
  const name = [g.first_name, g.last_name].filter(Boolean).join(' ') || profile.personId;
  return (
    <>
      <Card
        wide
        title={String(name)}
        subtitle={`Person ${profile.personId} · golden record`}
        testId="golden-record"
        revealId={PROFILE}
      >
        <dl className="fields">
          {GOLDEN_FIELDS.map((f) => (
            <div key={f}>
              <dt>{labelOf(f)}</dt>
              <dd>
                {g[f] === null || g[f] === undefined
                  ? '—'
                  : f === 'birth_date'
                    ? fmtDay(String(g[f]))
                    : String(g[f])}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <CustomerExperience personId={profile.personId} />
      <Card
        wide
        title="Linked source records"
        subtitle="Each record, and the rule that joined it to this person; highlighted: the two explained below"
        testId="records"
      >
        <div className="scroll-x">
          <table className="table">
            <thead>
              <tr>
                <th>Record</th>
                <th>Name</th>
                <th>E-mail</th>
                <th>Rule</th>
                <th className="num">Match p</th>
              </tr>
            </thead>
            <tbody>
              {profile.records.map((r) => (
                <tr
                  key={recordKeyOf(r)}
                  className={recordKeyOf(r) === a || recordKeyOf(r) === b ? 'selected' : undefined}
                >
                  {/* Keys and rules are tokens: never broken mid-word ("support:SU000/219"). */}
                  <td className="nowrap">
                    <code>{recordKeyOf(r)}</code>
                  </td>
                  <td>{[r.first_name, r.last_name].filter(Boolean).join(' ') || '—'}</td>
                  <td>{r.email ? String(r.email) : '—'}</td>
                  <td className="nowrap">{typeof r.rule === 'string' ? labelOf(r.rule) : '—'}</td>
                  <td className="num">
                    {typeof r.match_probability === 'number' ? fmtPct(r.match_probability) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card
        wide
        title="Identity explanation"
        subtitle="Why two records are the same person: the prior plus each field's weight gives the match weight. It opens on two records joined directly (a shared e-mail, phone or user id, else the most fields in common)."
        testId="explain"
      >
        {keys.length < 2 || !a || !b ? (
          <Empty title="This person has a single source record">
            Nothing was joined, so there is nothing to explain.
          </Empty>
        ) : (
          <>
            <div className="pair-picker">
              <label>
                Record A
                <select
                  value={a}
                  onChange={(e) => state.set({ a: e.target.value, b: undefined }, true)}
                >
                  {keys.map((k) => (
                    <option key={k}>{k}</option>
                  ))}
                </select>
              </label>
              <label>
                Record B
                <select value={b} onChange={(e) => state.set({ b: e.target.value }, true)}>
                  {keys
                    .filter((k) => k !== a)
                    .map((k) => (
                      <option key={k}>{k}</option>
                    ))}
                </select>
              </label>
            </div>
            <Explanation a={a} b={b} />
          </>
        )}
      </Card>
      <Card
        wide
        title="Timeline"
        subtitle={profile.truncated ? 'Newest first (cut at 200 items)' : 'Newest first'}
        testId="timeline"
      >
        {profile.timeline.length === 0 ? (
          <Empty title="No activity linked to this person" />
        ) : (
          <ol className="timeline">
            {profile.timeline.map((t) => (
              <li key={`${t.kind}:${t.source}:${t.sourceId}`} className={`tl-${t.kind}`}>
                <time>{fmtDateTime(t.at)}</time>
                <span className="tag">{labelOf(t.kind)}</span>
                <span>{t.title}</span>
                <small className="muted">{t.source}</small>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}

function Explanation({ a, b }: { a: string; b: string }) {
  const result = useApi('/api/identity/explain', { a, b });
  return <Async state={result}>{(d) => <ExplanationChart data={d} />}</Async>;
}

function ExplanationChart({
  data,
}: {
  data: {
    priorLog2Odds: number;
    fields: {
      field: string;
      label: string;
      log2Weight: number;
      valueA: unknown;
      valueB: unknown;
      bayesFactor: number;
    }[];
    matchWeight: number;
    matchProbability: number;
  };
}) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 110, right: 24, top: 8, bottom: 28 },
      xAxis: { type: 'value', name: 'log₂ weight' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: ['prior', ...data.fields.map((f) => f.field)],
      },
      series: [
        {
          type: 'bar',
          data: [data.priorLog2Odds, ...data.fields.map((f) => f.log2Weight)].map((v) => ({
            value: Number(v.toFixed(2)),
            itemStyle: { color: v >= 0 ? GOOD : BAD },
          })),
        },
      ],
    }),
    [data],
  );
  return (
    <div className="explain">
      <p className="verdict" data-testid="match-probability">
        Match weight <strong>{data.matchWeight.toFixed(2)}</strong> → probability{' '}
        <strong>{fmtPct(data.matchProbability)}</strong>
      </p>
      <Chart
        option={option}
        height={40 + 26 * (data.fields.length + 1)}
        label="Match weight per field"
      />
      <table className="table">
        <thead>
          <tr>
            <th>Field</th>
            <th>A</th>
            <th>B</th>
            <th>Comparison</th>
            <th className="num">Bayes factor</th>
          </tr>
        </thead>
        <tbody>
          {data.fields.map((f) => (
            <tr key={f.field}>
              <td>{f.field}</td>
              <td>{f.valueA === null || f.valueA === undefined ? '—' : String(f.valueA)}</td>
              <td>{f.valueB === null || f.valueB === undefined ? '—' : String(f.valueB)}</td>
              <td>{f.label}</td>
              <td className="num">{fmtNumber(f.bayesFactor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CustomersPage() {
  const state = useUrlState();
  const person = state.get('person');
  const profile = useApi<'/api/persons/:ref'>(
    person ? `/api/persons/${encodeURIComponent(person)}` : undefined,
  );
  return (
    <div className="grid">
      <SearchResults />
      {person ? <Async state={profile}>{(d) => <Profile profile={d} />}</Async> : null}
    </div>
  );
}
