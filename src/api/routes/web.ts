// The built dashboard (web/dist) at /: index.html is never cached (it names the current assets),
// the hashed files under /assets are cached for a year. The dashboard keeps its state in the
// query string, so every page is the same index.html and no fallback route is needed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { ServerOptions } from '../server.js';

export const webRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const root = options.webDir;
  if (!root || !existsSync(join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: 'index.html',
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
};
