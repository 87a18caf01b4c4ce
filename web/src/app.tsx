// The dashboard shell: navigation, the shared filters and the current page, all from the URL.
// When the URL names no period, the API's default (last 90 days of data) is written into it.
import { type ReactNode, useEffect } from 'react';
import { FilterBar } from './components/filter-bar.js';
import { ErrorState, Loading } from './components/states.js';
import { ChurnPage } from './pages/churn.js';
import { CustomersPage } from './pages/customers.js';
import { DataPage } from './pages/data.js';
import { ExperiencePage } from './pages/experience.js';
import { IdeasPage } from './pages/ideas.js';
import { JourneysPage } from './pages/journeys.js';
import { OverviewPage } from './pages/overview.js';
import { SegmentsPage } from './pages/segments.js';
import { SupportPage } from './pages/support.js';
import { VoicePage } from './pages/voice.js';
import { hrefWith, type PageName, pageOf, useUrlState } from './url-state.js';
import { useApi } from './use-api.js';

const NAV: { page: PageName; label: string; hint: string }[] = [
  { page: 'overview', label: 'Overview', hint: 'KPIs and trends' },
  { page: 'experience', label: 'Experience', hint: 'surveys, touchpoints, partners' },
  { page: 'journeys', label: 'Journeys', hint: 'funnels and diagnosis' },
  { page: 'voice', label: 'Voice', hint: 'sentiment and storms' },
  { page: 'support', label: 'Support', hint: 'tickets and issues' },
  { page: 'ideas', label: 'Ideas', hint: 'co-creation forum' },
  { page: 'churn', label: 'Churn & value', hint: 'retention, survival, CLV' },
  { page: 'customers', label: 'Customers', hint: '360° profiles' },
  { page: 'segments', label: 'Segments', hint: 'quadrants and export' },
  { page: 'data', label: 'Data', hint: 'imports, rejects, identity' },
];

const PAGES: Record<PageName, () => ReactNode> = {
  overview: () => <OverviewPage />,
  experience: () => <ExperiencePage />,
  journeys: () => <JourneysPage />,
  voice: () => <VoicePage />,
  support: () => <SupportPage />,
  ideas: () => <IdeasPage />,
  churn: () => <ChurnPage />,
  customers: () => <CustomersPage />,
  segments: () => <SegmentsPage />,
  data: () => <DataPage />,
};

export function App() {
  const state = useUrlState();
  const page = pageOf(state.get('page'));
  const meta = useApi('/api/meta');
  const hasPeriod = Boolean(state.get('from') || state.get('to'));
  const defaultPeriod = meta.status === 'ready' ? meta.data.defaultPeriod : null;

  useEffect(() => {
    if (!hasPeriod && defaultPeriod)
      state.set({ from: defaultPeriod.from, to: defaultPeriod.to }, true);
  }, [hasPeriod, defaultPeriod, state.set]);

  const current = NAV.find((n) => n.page === page);
  useEffect(() => {
    document.title = `${current?.label ?? 'Overview'} · cxlens`;
  }, [current]);

  return (
    <div className="shell">
      <nav className="nav" aria-label="Pages">
        <a className="brand" href={hrefWith({ page: undefined })}>
          cxlens
        </a>
        <ul>
          {NAV.map((n) => (
            <li key={n.page}>
              <a
                href={hrefWith({
                  page: n.page === 'overview' ? undefined : n.page,
                  ...resetPageParams,
                })}
                aria-current={n.page === page ? 'page' : undefined}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                  e.preventDefault();
                  state.set({
                    page: n.page === 'overview' ? undefined : n.page,
                    ...resetPageParams,
                  });
                }}
              >
                <span>{n.label}</span>
                <small>{n.hint}</small>
              </a>
            </li>
          ))}
        </ul>
        <a className="docs-link" href="./docs" target="_blank" rel="noreferrer">
          API docs
        </a>
      </nav>
      <div className="content">
        <header className="topbar">
          <h1>{current?.label}</h1>
          <FilterBar meta={meta.status === 'ready' ? meta.data : undefined} page={page} />
        </header>
        <main data-page={page}>
          {meta.status === 'error' ? (
            <ErrorState error={meta.error} />
          ) : meta.status === 'loading' || (!hasPeriod && defaultPeriod) ? (
            <Loading />
          ) : (
            PAGES[page]()
          )}
        </main>
      </div>
    </div>
  );
}

/** Page-specific parameters dropped when moving to another page (the filters stay). */
const resetPageParams = {
  person: undefined,
  q: undefined,
  offset: undefined,
  a: undefined,
  b: undefined,
  tab: undefined,
  drill: undefined,
  dlabel: undefined,
  toff: undefined,
  vol: undefined,
  idea: undefined,
  rank: undefined,
  scope: undefined,
  metric: undefined,
  cell: undefined,
  surv: undefined,
  roff: undefined,
  voff: undefined,
  seg: undefined,
  skind: undefined,
  sby: undefined,
  sunit: undefined,
  swaves: undefined,
  imp: undefined,
  imoff: undefined,
  rjoff: undefined,
};
