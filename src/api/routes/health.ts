import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerOptions } from '../server.js';

export const HealthResponse = z.object({ ok: z.boolean(), store: z.string() });

export const healthRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/health',
      { schema: { tags: ['system'], response: { 200: HealthResponse } } },
      async () => ({ ok: true, store: options.store.path }),
    );
};
