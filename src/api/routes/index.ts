// Every route group of the API, registered in order by createServer. A new group adds one line.
import type { FastifyPluginAsync } from 'fastify';
import type { ServerOptions } from '../server.js';
import { churnRoutes } from './churn.js';
import { dataRoutes } from './data.js';
import { experienceRoutes } from './experience.js';
import { healthRoutes } from './health.js';
import { ideaRoutes } from './ideas.js';
import { journeyRoutes } from './journeys.js';
import { overviewRoutes } from './overview.js';
import { personRoutes } from './persons.js';
import { scoreRoutes } from './scores.js';
import { segmentRoutes } from './segments.js';
import { supportRoutes } from './support.js';
import { surveyRoutes } from './surveys.js';
import { trackingRoutes } from './tracking.js';
import { voiceRoutes } from './voice.js';
import { webRoutes } from './web.js';

export const ROUTE_PLUGINS: FastifyPluginAsync<ServerOptions>[] = [
  healthRoutes,
  trackingRoutes,
  overviewRoutes,
  dataRoutes,
  personRoutes,
  journeyRoutes,
  voiceRoutes,
  supportRoutes,
  ideaRoutes,
  churnRoutes,
  surveyRoutes,
  experienceRoutes,
  scoreRoutes,
  segmentRoutes,
  webRoutes,
];
