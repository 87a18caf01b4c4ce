// Experience and engagement scores per person, decomposed into their signals (explainScore in
// src/metrics/experience). The quadrants and their members are in segments.ts.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { explainScore, ScoreExplanation } from '../../metrics/experience/index.js';
import type { ServerOptions } from '../server.js';
import { requireComputed } from './analyses.js';
import { requireReadKey } from './read-access.js';

export { ScoreExplanation };
export type ScoreExplanationResponse = z.infer<typeof ScoreExplanation>;

export const scoreRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  app.addHook('onRequest', requireReadKey(options));
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/scores/:personId',
    {
      schema: {
        tags: ['segments'],
        summary: "A person's experience, engagement and voice scores and the signals behind them",
        security: [{ readKey: [] }],
        params: z.object({ personId: z.string().min(1) }),
        response: { 200: ScoreExplanation },
      },
    },
    async (request) => {
      await requireComputed(store, 'scores');
      return explainScore(store, request.params.personId);
    },
  );
};
