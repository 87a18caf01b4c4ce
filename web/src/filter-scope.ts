// Which shared filters each page applies, read off the querystring schemas of the routes it calls
// (src/api/routes/*.ts): only /api/overview takes ?source (the others answer 400
// INPUT_UNSUPPORTED_FILTER), and Customers (/api/persons) and Segments (/api/quadrants,
// /api/segments/:name) take no period at all. The filter bar shows and enables only what the page
// applies; a card that ignores the period on a page that applies it says so (<Card ignoresPeriod>).
import type { PageName } from './url-state.js';

export interface FilterScope {
  source: boolean;
  period: boolean;
  /** Why the period does not apply (the filter bar's note and tooltip). */
  why?: string;
}

export const FILTER_SCOPE: Record<PageName, FilterScope> = {
  overview: { source: true, period: true },
  experience: { source: false, period: true },
  journeys: { source: false, period: true },
  voice: { source: false, period: true },
  support: { source: false, period: true },
  ideas: { source: false, period: true },
  churn: { source: false, period: true },
  customers: {
    source: false,
    period: false,
    why: 'Customer search and profiles cover all data: the period does not apply here',
  },
  segments: {
    source: false,
    period: false,
    why: 'Segments are the latest scores of every customer: the period does not apply here',
  },
  data: {
    source: false,
    period: false,
    why: 'The Data page shows everything loaded and computed: the period does not apply here',
  },
};

/** The note on a card that shows all data on a page whose other cards follow the period. */
export const ALL_DATA = 'All data, not the period above';
