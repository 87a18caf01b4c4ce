// Churn and value: churn-rate trend, cohort retention, survival curves, per-customer risk and CLV (src/models).
import type { FastifyPluginAsync } from 'fastify';
import type { ServerOptions } from '../server.js';
import { registerPending } from './pending.js';
import { requireReadKey } from './read-access.js';

export const churnRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  app.addHook('onRequest', requireReadKey(options));
  registerPending(app, {
    url: '/api/churn',
    tag: 'churn',
    summary: 'Churn rate trend, cohort retention and Kaplan–Meier survival by segment',
    what: 'Churn analysis',
    command: 'cxlens churn',
  });
  registerPending(app, {
    url: '/api/churn/risk',
    tag: 'churn',
    summary: 'Customers by churn risk, with drivers and CLV',
    what: 'Churn risk model',
    command: 'cxlens churn',
  });
};
