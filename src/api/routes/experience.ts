// Experience by touchpoint and by ecosystem partner (so a poor partner shows up), and the
// quadrants over time with each quadrant's later churn. Both read what the scoring runs stored
// (person_scores, partner_scores, quadrant_trend). Domain functions from src/metrics/experience.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PartnerRow,
  partnerReport,
  QuadrantTrendRow,
  readQuadrantTrend,
  TouchpointRow,
  touchpointReport,
} from '../../metrics/experience/index.js';
import type { ServerOptions } from '../server.js';
import { requireComputed } from './analyses.js';
import { requireReadKey } from './read-access.js';
import { notComputed } from './read-query.js';

export const TouchpointsResponse = z.object({
  minN: z.number().int(),
  touchpoints: z.array(TouchpointRow),
  partners: z.array(PartnerRow),
});
export type TouchpointsResponse = z.infer<typeof TouchpointsResponse>;

export const QuadrantTrendResponse = z.object({
  rows: z.array(QuadrantTrendRow.extend({ asOf: z.string().describe('YYYY-MM-DD') })),
});
export type QuadrantTrendResponse = z.infer<typeof QuadrantTrendResponse>;

export const experienceRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  app.addHook('onRequest', requireReadKey(options));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/touchpoints',
    {
      schema: {
        tags: ['experience'],
        summary:
          'Experience and engagement by touchpoint and by partner (late deliveries tested against the other partners)',
        security: [{ readKey: [] }],
        querystring: z.object({ minN: z.coerce.number().int().min(1).max(100_000).default(30) }),
        response: { 200: TouchpointsResponse },
      },
    },
    async (request) => {
      await requireComputed(store, 'scores');
      const { minN } = request.query;
      return {
        minN,
        touchpoints: await touchpointReport(store, { minN }),
        partners: await partnerReport(store, { minN }),
      };
    },
  );

  r.get(
    '/api/quadrants/trend',
    {
      schema: {
        tags: ['segments'],
        summary: 'Quadrant sizes at past dates and the share of each that churned afterwards',
        security: [{ readKey: [] }],
        response: { 200: QuadrantTrendResponse },
      },
    },
    async () => {
      const rows = await readQuadrantTrend(store);
      if (rows.length === 0) throw notComputed('Quadrant trend', 'cxlens score trend');
      return { rows: rows.map((t) => ({ ...t, asOf: t.asOf.toISOString().slice(0, 10) })) };
    },
  );
};
