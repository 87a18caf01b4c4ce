// The Segment-compatible HTTP tracking API: POST /v1/{identify,track,page,screen,group,alias},
// /v1/batch and the short aliases analytics.js uses (/v1/b, /v1/t, /v1/p, /v1/i, /v1/s, /v1/g,
// /v1/a). Write key as the HTTP Basic username (or `writeKey` in the body, as browsers send it).
// JSON (application/json or text/plain, as analytics.js sends it), gzip or deflate accepted,
// 500 KB per request. 200 only once the messages are durable; 429 + Retry-After when busy.
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  type CallType,
  type TrackingOptions,
  TrackingService,
} from '../../ingest/tracking/index.js';
import { readEnv } from '../../lib/config.js';
import { InputError } from '../../lib/errors.js';
import { EVENT_TYPES } from '../../schemas/entities.js';
import { MAX_BATCH_BYTES, TrackingResponse } from '../../schemas/segment.js';
import type { Store } from '../../store/index.js';
import { keyOf, requireKey } from '../auth/index.js';
import type { ServerOptions } from '../server.js';

/** Server options with tracking tuning (tests and benchmarks); env CXLENS_TRACKING_* otherwise. */
export type TrackingServerOptions = ServerOptions & { tracking?: Partial<TrackingOptions> };

/** Decompressed bodies past this are cut off (a gzip bomb must not fill memory). */
const HARD_BODY_CAP = 8 * 1024 * 1024;

const SHORT_PATHS: Record<string, CallType> = {
  b: 'batch',
  t: 'track',
  p: 'page',
  i: 'identify',
  s: 'screen',
  g: 'group',
  a: 'alias',
};

const services = new WeakMap<Store, TrackingService>();

/** The tracking service of a server's store (tests wait on `flushed()`). */
export function trackingServiceOf(store: Store): TrackingService | undefined {
  return services.get(store);
}

export const trackingRoutes: FastifyPluginAsync<TrackingServerOptions> = async (app, options) => {
  const env = readEnv();
  const service = await TrackingService.open(options.store, options.dataDir, {
    ...(env.CXLENS_TRACKING_MAX_QUEUE_BYTES
      ? { maxQueueBytes: env.CXLENS_TRACKING_MAX_QUEUE_BYTES }
      : {}),
    ...(env.CXLENS_TRACKING_MAX_IN_FLIGHT
      ? { maxInFlight: env.CXLENS_TRACKING_MAX_IN_FLIGHT }
      : {}),
    ...(env.CXLENS_TRACKING_LOAD_INTERVAL_MS !== undefined
      ? { loadIntervalMs: env.CXLENS_TRACKING_LOAD_INTERVAL_MS }
      : {}),
    ...options.tracking,
  });
  services.set(options.store, service);
  app.addHook('onClose', async () => {
    await service.close();
    services.delete(options.store);
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'text/plain'],
    async (request: FastifyRequest, payload: Readable) => parseBody(request, payload),
  );

  const checkKey = requireKey(options.store, 'write');
  app.addHook('onRequest', async (request, reply) => {
    // The slot is freed when the response is sent or the connection dies, whichever comes first.
    reply.raw.once('close', service.enter());
    // Refuse a wrong key before reading the body; a key in the body is checked after parsing.
    if (request.headers.authorization) await checkKey(request, reply);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (!keyOf(request)) await checkKey(request, reply);
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  const route = (path: string, call: CallType) =>
    typed.post(
      path,
      {
        schema: {
          tags: ['tracking'],
          summary: call === 'batch' ? 'Send a batch of Segment messages' : `Segment ${call} call`,
          security: [{ writeKey: [] }],
          response: { 200: TrackingResponse },
        },
      },
      async (request) => {
        const receivedAtMs = Date.now();
        const source = keyOf(request)?.source ?? 'unknown';
        return service.accept(request.body, call, source, receivedAtMs);
      },
    );
  for (const type of EVENT_TYPES) route(`/v1/${type}`, type);
  route('/v1/batch', 'batch');
  for (const [short, call] of Object.entries(SHORT_PATHS)) route(`/v1/${short}`, call);
};

async function parseBody(request: FastifyRequest, payload: Readable): Promise<unknown> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  let stream: Readable = payload;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = payload.pipe(createGunzip());
  else if (encoding === 'deflate') stream = payload.pipe(createInflate());
  else if (encoding !== 'identity') {
    throw new InputError(
      'INPUT_BAD_ENCODING',
      `Content-Encoding "${encoding}": not supported (expected gzip, deflate or none)`,
      {
        where: { field: 'Content-Encoding' },
      },
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > HARD_BODY_CAP) break;
      // Past the limit keep draining (so the client reads our 400), but keep nothing.
      if (size <= MAX_BATCH_BYTES) chunks.push(chunk as Buffer);
    }
  } catch (cause) {
    throw new InputError(
      'INPUT_BAD_ENCODING',
      `body: cannot decompress (${encoding}) — ${(cause as Error).message}`,
      {
        where: { field: 'body' },
        cause,
      },
    );
  }
  if (size > MAX_BATCH_BYTES) {
    throw new InputError(
      'INPUT_BATCH_TOO_LARGE',
      `body: ${size > HARD_BODY_CAP ? `more than ${HARD_BODY_CAP}` : size} bytes (expected at most ${MAX_BATCH_BYTES} bytes per request)`,
      { where: { field: 'body' } },
    );
  }
  const text = Buffer.concat(chunks, size).toString('utf8');
  if (text.trim() === '')
    throw new InputError('INPUT_BAD_JSON', 'body: empty (expected a JSON object)', {
      where: { field: 'body' },
    });
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InputError('INPUT_BAD_JSON', `body: not valid JSON — ${(cause as Error).message}`, {
      where: { field: 'body' },
      cause,
    });
  }
}
