// Churn and value (src/metrics/churn): monthly churn rate with 95% intervals and its trend, the
// cohort retention matrix (customers, NRR, GRR), Kaplan–Meier survival by quadrant / partner /
// plan / channel with the log-rank test, the churn-risk list with each person's drivers and CLV,
// the customer value table, and saving a retention cell as a segment. The churn analyses rebuild
// per-connection temp tables, so they run one at a time (the shared Serial) and are cached per
// data version; risk and value read the tables `cxlens churn risk` and `cxlens value` wrote.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import {
  ChurnRates,
  CohortRetention,
  CustomerValueResult,
  churnRates,
  cohortRetention,
  loadChurnConfig,
  RiskDriver,
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

export const RiskItem = z.object({
  personId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  risk: z.number(),
  drivers: z.array(RiskDriver),
  /** 12-month CLV and probability alive (null until `cxlens value` has run). */
  clv: z.number().nullable(),
  pAlive: z.number().nullable(),
});
export const RiskList = pageOf(RiskItem).extend({
  asOf: z.string().nullable(),
  horizonDays: z.number().int().nullable(),
  model: z.string().nullable(),
  holdoutAuc: z.number().nullable(),
  meanRisk: z.number().nullable(),
});
export type RiskListResponse = z.infer<typeof RiskList>;

export const ValueItem = z.object({
  personId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  frequency: z.number(),
  recency: z.number(),
  T: z.number(),
  monetary: z.number(),
  pAlive: z.number(),
  expectedPurchases: z.number(),
  clv: z.number(),
  risk: z.number().nullable(),
});
export const ValueList = pageOf(ValueItem).extend({ summary: CustomerValueResult.nullable() });
export type ValueListResponse = z.infer<typeof ValueList>;

export const SaveCellBody = z.object({
  cohort: z.string().regex(/^\d{4}-\d{2}$/, 'expected a month such as 2026-07'),
  monthsSince: z.number().int().min(0).max(240),
  which: z.enum(['retained', 'lost']).default('retained'),
  name: z.string().min(1).max(100).optional(),
});
export { SavedSegment };
export type SavedSegmentResponse = z.infer<typeof SavedSegment>;

const TABLES = ['orders', 'events', 'person_keys', 'subscriptions', 'person_scores'];

function noSourceOrSegment(q: ReadFilters): void {
  if (q.source || q.segment) {
    throw new InputError(
      'INPUT_UNSUPPORTED_FILTER',
      `${q.source ? 'source' : 'segment'}: churn cannot be filtered by it (expected from, to)`,
      { where: { field: q.source ? 'source' : 'segment' } },
    );
  }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const NAME = `nullif(trim(concat_ws(' ', p.first_name, p.last_name)), '')`;

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
      noSourceOrSegment(q);
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
          by: z
            .enum(SEGMENT_KINDS)
            .default('quadrant')
            .describe('quadrant, partner, plan, channel'),
        }),
        response: { 200: SurvivalBySegment },
      },
    },
    async (request) => {
      const by = request.query.by;
      if (by === 'quadrant') await requireComputed(store, 'scores');
      const cfg = loadChurnConfig();
      return survivals.get(by, await tablesVersion(store, TABLES), () =>
        serial.run(() => survivalBySegment(store, cfg, by)),
      );
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
      const run = await store.one<Record<string, unknown>>(
        `SELECT CAST(as_of AS DATE) AS as_of, horizon_days, model, holdout_auc,
           CAST(json_extract(summary, '$.meanRisk') AS DOUBLE) AS mean_risk,
           (SELECT count(*) FROM churn_risk WHERE as_of = (SELECT max(as_of) FROM churn_risk)) AS total
         FROM churn_risk_runs ORDER BY computed_at DESC LIMIT 1`,
      );
      const rows = await store.all<Record<string, unknown>>(
        `SELECT r.person_id, r.risk, CAST(r.drivers AS VARCHAR) AS drivers, ${NAME} AS name,
           p.email, v.clv, v.p_alive
         FROM churn_risk r
         LEFT JOIN persons p ON p.person_id = r.person_id
         LEFT JOIN customer_value v ON v.person_id = r.person_id
         WHERE r.as_of = (SELECT max(as_of) FROM churn_risk)
         ORDER BY r.risk DESC, r.person_id LIMIT ? OFFSET ?`,
        [limit, offset],
      );
      const asOf = run?.as_of;
      return {
        items: rows.map((x) => ({
          personId: String(x.person_id),
          name: str(x.name),
          email: str(x.email),
          risk: Number(x.risk),
          drivers: RiskDriver.array().parse(JSON.parse(String(x.drivers ?? '[]'))),
          clv: num(x.clv),
          pAlive: num(x.p_alive),
        })),
        total: Number(run?.total ?? 0),
        limit,
        offset,
        asOf: asOf instanceof Date ? asOf.toISOString().slice(0, 10) : str(asOf),
        horizonDays: num(run?.horizon_days),
        model: str(run?.model),
        holdoutAuc: num(run?.holdout_auc),
        meanRisk: num(run?.mean_risk),
      };
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
      const run = await store.one<{ summary: string; total: number }>(
        `SELECT CAST(summary AS VARCHAR) AS summary, (SELECT count(*) FROM customer_value) AS total
         FROM customer_value_runs ORDER BY computed_at DESC LIMIT 1`,
      );
      const rows = await store.all<Record<string, unknown>>(
        `SELECT v.*, ${NAME} AS name, p.email, r.risk
         FROM customer_value v
         LEFT JOIN persons p ON p.person_id = v.person_id
         LEFT JOIN churn_risk r ON r.person_id = v.person_id
           AND r.as_of = (SELECT max(as_of) FROM churn_risk)
         ORDER BY v.clv DESC, v.person_id LIMIT ? OFFSET ?`,
        [limit, offset],
      );
      const summary = run ? CustomerValueResult.safeParse(JSON.parse(run.summary)) : undefined;
      return {
        items: rows.map((x) => ({
          personId: String(x.person_id),
          name: str(x.name),
          email: str(x.email),
          frequency: Number(x.frequency),
          recency: Number(x.recency),
          T: Number(x.T),
          monetary: Number(x.monetary),
          pAlive: Number(x.p_alive),
          expectedPurchases: Number(x.expected_purchases),
          clv: Number(x.clv),
          risk: num(x.risk),
        })),
        total: Number(run?.total ?? 0),
        limit,
        offset,
        summary: summary?.success ? summary.data : null,
      };
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
          'The segment can then be compared in survival (saved:<name>) and exported with cxlens segment export.',
        security: [{ readKey: [] }],
        body: SaveCellBody,
        response: { 200: SavedSegment },
      },
    },
    async (request) => {
      const cfg = loadChurnConfig();
      return serial.run(() => saveRetentionCell(store, cfg, request.body));
    },
  );
};
