// The filters the pages share: a date range (with presets relative to the last day of data),
// and a source. All of it lives in the URL. (Segments are chosen on the Segments page.) Only what
// the current page applies is offered (FILTER_SCOPE): the source select shows where the API takes
// it, and the period is disabled, with the reason, where the page covers all data.
import type { MetaResponse } from '../../../src/api/routes/overview.js';
import type { Json } from '../api-client.js';
import { FILTER_SCOPE } from '../filter-scope.js';
import { type PageName, type UrlState, useUrlState } from '../url-state.js';

const DAY_MS = 86_400_000;

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function presetRange(
  meta: Json<MetaResponse>,
  days: number | 'all',
): { from?: string; to?: string } {
  if (!meta.data) return {};
  if (days === 'all') return { from: meta.data.from, to: meta.data.to };
  const from = shift(meta.data.to, -(days - 1));
  const first = meta.data.from;
  return { from: from.localeCompare(first) < 0 ? first : from, to: meta.data.to };
}

function activePreset(state: UrlState, meta: Json<MetaResponse>): string {
  const from = state.get('from');
  const to = state.get('to');
  if (!from && !to) return 'default';
  for (const d of [30, 90] as const) {
    const r = presetRange(meta, d);
    if (r.from === from && r.to === to) return String(d);
  }
  const all = presetRange(meta, 'all');
  return all.from === from && all.to === to ? 'all' : 'custom';
}

export function FilterBar({
  meta,
  page,
}: {
  meta: Json<MetaResponse> | undefined;
  page: PageName;
}) {
  const state = useUrlState();
  const scope = FILTER_SCOPE[page];
  const from = state.get('from') ?? '';
  const to = state.get('to') ?? '';
  const preset = meta ? activePreset(state, meta) : 'default';
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {/* Disabled rather than hidden: the period stays in the URL for the pages that use it. */}
      <fieldset
        className="period"
        disabled={!scope.period}
        title={scope.why}
        aria-describedby={scope.period ? undefined : 'period-note'}
      >
        <fieldset className="presets">
          {(['30', '90', 'all'] as const).map((p) => (
            <button
              key={p}
              type="button"
              className={preset === p ? 'chip chip-on' : 'chip'}
              disabled={!meta?.data}
              onClick={() => meta && state.set(presetRange(meta, p === 'all' ? 'all' : Number(p)))}
            >
              {p === 'all' ? 'All data' : `Last ${p} days`}
            </button>
          ))}
        </fieldset>
        <label>
          From
          <input
            type="date"
            name="from"
            value={from}
            min={meta?.data?.from}
            max={meta?.data?.to}
            onChange={(e) => state.set({ from: e.target.value })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            name="to"
            value={to}
            min={meta?.data?.from}
            max={meta?.data?.to}
            onChange={(e) => state.set({ to: e.target.value })}
          />
        </label>
      </fieldset>
      {scope.period ? null : (
        <p id="period-note" className="filter-note" data-testid="period-note">
          {scope.why}
        </p>
      )}
      {scope.source ? (
        <label>
          Source
          <select
            name="source"
            value={state.get('source') ?? ''}
            onChange={(e) => state.set({ source: e.target.value })}
          >
            <option value="">all sources</option>
            {meta?.sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </form>
  );
}
