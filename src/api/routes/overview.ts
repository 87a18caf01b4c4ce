// GET /api/overview: KPIs with their trend and the previous period, the span of the data, row
// counts per entity and source, the latest imports, and which analyses have been computed.
// GET /api/status: counts and imports only (what `cxlens status` prints).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import { countRows, latestImports } from '../../store/index.js';
import type { ServerOptions } from '../server.js';
import { analysisStatus } from './analyses.js';
import { dataSpan, KPI_DEFS, kpi } from './overview-queries.js';
import { requireReadKey } from './read-access.js';
import { defaultPeriod, periodOf, ReadFilters, spanOf } from './read-query.js';
import { requireSegment, segmentNames } from './segments-filter.js';

export const SourceCount = z.object({
  entity: z.string(),
  source: z.string(),
  rows: z.number().int(),
});
export const ImportRun = z.object({
  importId: z.string(),
  entity: z.string(),
  source: z.string(),
  finishedAt: z.string().nullable(),
  inserted: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  status: z.string(),
});
export const AnalysisState = z.object({
  name: z.string(),
  label: z.string(),
  ready: z.boolean(),
  command: z.string().describe('the CLI command that computes it'),
  computedAt: z
    .string()
    .nullable()
    .describe(
      'when it last ran (ISO 8601 UTC); null when not computed (or computed before run logs were kept)',
    ),
});
export type AnalysisState = z.infer<typeof AnalysisState>;

export const Kpi = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  higherIsBetter: z.boolean(),
  value: z.number().nullable().describe('null for a rate with nothing to measure in the period'),
  previous: z.number().nullable().describe('the value over the equally long period just before'),
  series: z.array(z.object({ day: z.string(), value: z.number().nullable() })),
});
export type Kpi = z.infer<typeof Kpi>;

const Span = z.object({ from: z.string(), to: z.string() });

export const StatusResponse = z.object({
  store: z.string(),
  counts: z.array(SourceCount),
  imports: z.array(ImportRun),
  analyses: z.array(AnalysisState),
});
export type StatusResponse = z.infer<typeof StatusResponse>;

export const MetaResponse = z.object({
  data: Span.nullable().describe('first and last day with any data; null for an empty store'),
  defaultPeriod: Span.nullable().describe('the period used when a request names none'),
  sources: z.array(z.string()),
  segments: z.array(z.string()).describe('segment names accepted by ?segment'),
  analyses: z.array(AnalysisState),
});
export type MetaResponse = z.infer<typeof MetaResponse>;

export const OverviewResponse = z.object({
  period: Span.describe('the period the KPIs cover (inclusive days)'),
  data: Span.nullable().describe('first and last day with any data; null for an empty store'),
  sources: z.array(z.string()),
  kpis: z.array(Kpi),
  counts: z.array(SourceCount),
  imports: z.array(ImportRun),
  analyses: z.array(AnalysisState),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;

/** The sources rows came from, sorted. */
const sourceNames = (counts: readonly { source: string }[]) =>
  [...new Set(counts.map((c) => c.source))].sort();

export const overviewRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  app.addHook('onRequest', requireReadKey(options));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/status',
    {
      schema: {
        tags: ['overview'],
        summary: 'Row counts per entity and source, latest imports, computed analyses',
        security: [{ readKey: [] }],
        response: { 200: StatusResponse },
      },
    },
    async () => ({
      store: store.path,
      counts: await countRows(store),
      imports: await latestImports(store, 20),
      analyses: await analysisStatus(store),
    }),
  );

  r.get(
    '/api/meta',
    {
      schema: {
        tags: ['overview'],
        summary: 'Span of the data, sources, segments and computed analyses (for the filters)',
        security: [{ readKey: [] }],
        response: { 200: MetaResponse },
      },
    },
    async () => {
      const span = await dataSpan(store);
      const counts = await countRows(store);
      const period = span ? defaultPeriod(span) : undefined;
      return {
        data: span ? spanOf(span) : null,
        defaultPeriod: period ? spanOf(period) : null,
        sources: sourceNames(counts),
        segments: await segmentNames(store),
        analyses: await analysisStatus(store),
      };
    },
  );

  r.get(
    '/api/overview',
    {
      schema: {
        tags: ['overview'],
        summary: 'KPIs with daily trend and previous period, data span, counts, imports',
        security: [{ readKey: [] }],
        querystring: ReadFilters,
        response: { 200: OverviewResponse },
      },
    },
    async (request) => {
      const filters = request.query;
      if (filters.segment) {
        await requireSegment(store, filters.segment);
        throw new InputError(
          'INPUT_UNSUPPORTED_FILTER',
          'segment: the overview KPIs cover everyone (open the segment on the Segments page)',
          {
            where: { field: 'segment' },
          },
        );
      }
      const counts = await countRows(store);
      const sources = sourceNames(counts);
      if (filters.source && !sources.includes(filters.source)) {
        // a mistyped source would otherwise read as a store full of zeros
        throw new InputError(
          'INPUT_UNKNOWN_SOURCE',
          `source "${filters.source}": no rows come from it (sources: ${sources.join(', ') || 'none yet'})`,
          { where: { field: 'source' } },
        );
      }
      const span = await dataSpan(store);
      const period = periodOf(filters, defaultPeriod(span));
      const kpis = [];
      for (const def of KPI_DEFS) kpis.push(await kpi(store, def, period, span, filters.source));
      return {
        period: spanOf(period),
        data: span ? spanOf(span) : null,
        sources,
        kpis,
        counts: filters.source ? counts.filter((c) => c.source === filters.source) : counts,
        imports: await latestImports(store, 10),
        analyses: await analysisStatus(store),
      };
    },
  );
};
