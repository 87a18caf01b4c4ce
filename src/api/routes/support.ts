// Support: volume, first response, resolution, reopen and repeat-contact rates, recurring issues.
import type { FastifyPluginAsync } from 'fastify';
import type { ServerOptions } from '../server.js';
import { registerPending } from './pending.js';
import { requireReadKey } from './read-access.js';

export const supportRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  app.addHook('onRequest', requireReadKey(options));
  registerPending(app, {
    url: '/api/support',
    tag: 'support',
    summary: 'Support KPIs, trend and recurring issues',
    what: 'Support analysis',
    command: 'cxlens support',
  });
};
