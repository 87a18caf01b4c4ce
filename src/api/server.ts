// Builds the Fastify app: one logger, one error envelope, zod schemas for every route (also the
// OpenAPI document at /docs). Route groups register themselves as plugins in ./routes.

import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { log } from '../lib/log.js';
import type { Store } from '../store/index.js';
import { registerErrorHandler } from './error-handler.js';
import { ROUTE_PLUGINS } from './routes/index.js';
import { requireOrderedPeriod } from './routes/read-query.js';

export interface ServerOptions {
  store: Store;
  /** Directory with the built dashboard (web/dist); served at / when present. */
  webDir?: string;
  /** Data directory for durable logs (tracking). */
  dataDir: string;
}

export type App = FastifyInstance;

export async function createServer(options: ServerOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: log.child({ module: 'api' }) as FastifyBaseLogger,
    // Per-request logs would dominate the tracking hot path; errors are logged by the handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
  }) as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'cxlens API',
        version: '0.1.0',
        description: 'Customer experience and engagement analytics.',
      },
      components: {
        securitySchemes: {
          readKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'a read key from `cxlens keys create --scope read`',
          },
          writeKey: {
            type: 'http',
            scheme: 'basic',
            description: 'a source write key as the Basic username (Segment spec)',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  // Every route taking a period refuses one that ends before it starts (after validation, so
  // from and to are calendar days), instead of answering it with empty data.
  app.addHook('preHandler', async (request) => {
    requireOrderedPeriod((request.query ?? {}) as { from?: string; to?: string });
  });
  for (const plugin of ROUTE_PLUGINS) await app.register(plugin, options);
  return app;
}
