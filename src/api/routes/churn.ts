// Churn and value (src/metrics/churn): monthly churn rate with 95% intervals and its trend, the
// cohort retention matrix (customers, NRR, GRR), Kaplan–Meier survival by quadrant / partner /
// plan / channel / saved segment with the log-rank test, the churn-risk list with each person's
// drivers and CLV, the customer value table, and saving a retention cell as a segment. The churn
// analyses rebuild per-connection temp tables, so they run one at a time (the shared Serial) and
// are cached per data version; risk and value list the tables `cxlens churn risk` and
// `cxlens value` wrote (listChurnRisk, listCustomerValue).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import {
  ChurnRates,
  ChurnRiskItem,
  ChurnRiskRun,
  CohortRetention,
  CustomerValueItem,
  CustomerValueList,
  churnRates,
  cohortRetention,
  listChurnRisk,
  listCustomerValue,
  loadChurnConfig,
  SavedSegment,
  SEGMENT_KINDS,
  SurvivalBySegment,
  saveRetentionCell,
  survivalBySegment,
} from '../../metrics/churn/index.js';
import type { ServerOptions } from '../server.js';
import { requireComputed } from './analyses.js';
import { requireReadKey } from './read-access.js';
import { churnSerial, tablesVersion, VersionedCache } from './read-cache.js';
import { PageQuery, pageOf, ReadFilters } from './read-query.js';

export const ChurnOverview = z.object({ rates: ChurnRates, cohorts: CohortRetention });
export type ChurnOverviewResponse = z.infer<typeof ChurnOverview>;
export type SurvivalResponse = z.infer<typeof SurvivalBySegment>;

export const RiskList = pageOf(ChurnRiskItem).extend(ChurnRiskRun.shape);
export type RiskListResponse = z.infer<typeof RiskList>;

export const ValueList = pageOf(CustomerValueItem).extend({
  summary: CustomerValueList.shape.summary,
});
export type ValueListResponse = z.infer<typeof ValueList>;

export const SaveCellBody = z.object({
  cohort: z.string().regex(/^\d{4}-\d{2}$/, 'expected a month such as 2026-07'),
  monthsSince: z.number().int().min(0).max(240),
  which: z.enum(['retained', 'lost']).default('retained'),
  name: z.string().min(1).max(100).optional(),
  replace: z
    .boolean()
    .default(false)
    .describe('overwrite a saved segment of that name that holds another cell (else 400)'),
});
export { SavedSegment };
export type SavedSegmentResponse = z.infer<typeof SavedSegment>;

const TABLES = ['orders', 'events', 'person_keys', 'subscriptions', 'person_scores'];

function checkFilters(q: ReadFilters): void {
  if (q.source || q.segment) {
    throw new InputError(
      'INPUT_UNSUPPORTED_FILTER',
      `${q.source ? 'source' : 'segment'}: churn cannot be filtered by it (expected from, to)`,
      { where: { field: q.source ? 'source' : 'segment' } },
    );
  }
}

export const churnRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  const serial = churnSerial(store);
  const overviews = new VersionedCache<ChurnOverviewResponse>(16);
  const survivals = new VersionedCache<SurvivalResponse>(16);
  app.addHook('onRequest', requireReadKey(options));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/churn',
    {
      schema: {
        tags: ['churn'],
        summary:
          'Monthly churn rate with 95% intervals and trend, and the cohort retention matrix (customers, NRR, GRR)',
        description:
          'from/to bound the months of the churn rate; the retention matrix covers every cohort.',
        security: [{ readKey: [] }],
        querystring: ReadFilters,
        response: { 200: ChurnOverview },
      },
    },
    async (request) => {
      const q = request.query;
      checkFilters(q);
      const cfg = loadChurnConfig();
      const opts = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
      return overviews.get(JSON.stringify(opts), await tablesVersion(store, TABLES), () =>
        serial.run(async () => ({
          rates: await churnRates(store, cfg, opts),
          cohorts: await cohortRetention(store, cfg),
        })),
      );
    },
  );

  r.get(
    '/api/churn/survival',
    {
      schema: {
        tags: ['churn'],
        summary: 'Kaplan–Meier survival curves per segment, with the log-rank test',
        security: [{ readKey: [] }],
        querystring: z.object({
          // Checked by survivalBySegment, as for the CLI: its INPUT_BAD_SEGMENT names the choices.
          by: z
            .string()
            .min(1)
            .max(200)
            .default('quadrant')
            .describe(
              `${SEGMENT_KINDS.join(', ')}, or saved:<name> (a saved segment against everyone else)`,
            ),
        }),
        response: { 200: SurvivalBySegment },
      },
    },
    async (request) => {
      const by = request.query.by;
      if (by === 'quadrant') await requireComputed(store, 'scores');
      const cfg = loadChurnConfig();
      // A replaced segment can keep its member count; its save time tells the versions apart.
      const saved = await store.one<{ at: Date | null }>(
        'SELECT max(created_at) AS at FROM segments',
      );
      const version = `${await tablesVersion(store, TABLES)}|${saved?.at?.getTime() ?? ''}`;
      return survivals.get(by, version, () => serial.run(() => survivalBySegment(store, cfg, by)));
    },
  );

  r.get(
    '/api/churn/risk',
    {
      schema: {
        tags: ['churn'],
        summary: 'Customers by churn risk (latest run), with the drivers of each and their CLV',
        security: [{ readKey: [] }],
        querystring: PageQuery,
        response: { 200: RiskList },
      },
    },
    async (request) => {
      await requireComputed(store, 'churn');
      const { limit, offset } = request.query;
      return { ...(await listChurnRisk(store, { limit, offset })), limit, offset };
    },
  );

  r.get(
    '/api/churn/value',
    {
      schema: {
        tags: ['churn'],
        summary:
          'Customer value (BG/NBD + Gamma-Gamma CLV) per person, most valuable first, with the fitted model',
        security: [{ readKey: [] }],
        querystring: PageQuery,
        response: { 200: ValueList },
      },
    },
    async (request) => {
      await requireComputed(store, 'value');
      const { limit, offset } = request.query;
      return { ...(await listCustomerValue(store, { limit, offset })), limit, offset };
    },
  );

  r.post(
    '/api/churn/cohort-cells',
    {
      schema: {
        tags: ['churn'],
        summary:
          'Save a cell of the retention matrix (cohort, months since) as a segment of its retained or lost customers',
        description:
          'The segment can then be compared in survival (GET /api/churn/survival?by=saved:<name>, `cxlens churn survival --by saved:<name>`) and listed or exported (GET /api/segments/saved:<name>, `cxlens segment export saved:<name>`). A cohort without customers is refused; a name already saved for another cell is refused unless replace is true.',
        security: [{ readKey: [] }],
        body: SaveCellBody,
        response: { 200: SavedSegment },
      },
    },
    async (request) => {
      const cfg = loadChurnConfig();
      const { replace, ...cell } = request.body;
      return serial.run(() => saveRetentionCell(store, cfg, cell, { replace }));
    },
  );
};
