// Ideas: duplicate clusters ranked by votes, voters and their value; requests from churned customers.
import type { FastifyPluginAsync } from 'fastify';
import type { ServerOptions } from '../server.js';
import { registerPending } from './pending.js';
import { requireReadKey } from './read-access.js';

export const ideaRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  app.addHook('onRequest', requireReadKey(options));
  registerPending(app, {
    url: '/api/ideas',
    tag: 'ideas',
    summary: 'Idea clusters ranked by votes and voter value',
    what: 'Ideas analysis',
    command: 'cxlens ideas',
  });
};
