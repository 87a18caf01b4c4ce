// Surveys: NPS, CSAT and CES per survey and touchpoint with intervals and trend (src/metrics/experience).
import type { FastifyPluginAsync } from 'fastify';
import type { ServerOptions } from '../server.js';
import { registerPending } from './pending.js';
import { requireReadKey } from './read-access.js';

export const surveyRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  app.addHook('onRequest', requireReadKey(options));
  registerPending(app, {
    url: '/api/surveys',
    tag: 'experience',
    summary: 'NPS, CSAT and CES per survey and touchpoint, with intervals',
    what: 'Survey scores',
    command: 'cxlens surveys metrics',
  });
};
