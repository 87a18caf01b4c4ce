// Every route group of the API, registered in order by createServer. A new group adds one line.
import type { FastifyPluginAsync } from 'fastify';
import type { ServerOptions } from '../server.js';
import { healthRoutes } from './health.js';

export const ROUTE_PLUGINS: FastifyPluginAsync<ServerOptions>[] = [healthRoutes];
