// A route whose analysis has not landed in this build yet: it is documented in the OpenAPI doc
// and answers NOT_COMPUTED with the command that will compute it — never invented numbers.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ListQuery, notComputed } from './read-query.js';

export interface PendingRoute {
  url: string;
  tag: string;
  summary: string;
  what: string;
  command: string;
}

export function registerPending(app: FastifyInstance, route: PendingRoute): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    route.url,
    {
      schema: {
        tags: [route.tag],
        summary: `${route.summary} (not available yet: answers NOT_COMPUTED)`,
        security: [{ readKey: [] }],
        querystring: ListQuery.extend({ by: z.string().optional() }),
      },
    },
    async () => {
      throw notComputed(route.what, route.command);
    },
  );
}
