// Voice of the customer: sentiment trend per channel with aspects (voiceSummary), topics
// (voiceTopics) and storms of negative posts with their attribution — product, promotion, service
// … — (voiceStorms), all from src/metrics/voice over the texts scored by `cxlens voice score`.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import {
  VoiceStorms,
  VoiceSummary,
  VoiceTopics,
  voiceStorms,
  voiceSummary,
  voiceTopics,
} from '../../metrics/voice/index.js';
import type { ServerOptions } from '../server.js';
import { requireComputed } from './analyses.js';
import { requireReadKey } from './read-access.js';
import { ReadFilters } from './read-query.js';

export const VoiceQuery = ReadFilters.extend({
  channel: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('only texts from this channel (twitter, review_site …)'),
  period: z.enum(['day', 'week']).default('day').describe('trend granularity'),
});

export { VoiceStorms, VoiceSummary, VoiceTopics };
export type VoiceSummaryResponse = z.infer<typeof VoiceSummary>;
export type VoiceStormsResponse = z.infer<typeof VoiceStorms>;
export type VoiceTopicsResponse = z.infer<typeof VoiceTopics>;

function voiceFilter(q: z.infer<typeof VoiceQuery>) {
  if (q.source || q.segment) {
    throw new InputError(
      'INPUT_UNSUPPORTED_FILTER',
      `${q.source ? 'source' : 'segment'}: voice cannot be filtered by it (expected from, to, channel)`,
      {
        where: { field: q.source ? 'source' : 'segment' },
      },
    );
  }
  return {
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
  };
}

export const voiceRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  app.addHook('onRequest', requireReadKey(options));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const schema = (summary: string, response: z.ZodType) => ({
    tags: ['voice'],
    summary,
    security: [{ readKey: [] }],
    querystring: VoiceQuery,
    response: { 200: response },
  });

  r.get(
    '/api/voice',
    { schema: schema('Sentiment trend per channel, aspects and languages', VoiceSummary) },
    async (request) => {
      await requireComputed(store, 'voice');
      return voiceSummary(store, { ...voiceFilter(request.query), period: request.query.period });
    },
  );

  r.get(
    '/api/voice/storms',
    { schema: schema('Storms of negative posts and what each is attributed to', VoiceStorms) },
    async (request) => {
      await requireComputed(store, 'voice');
      return voiceStorms(store, voiceFilter(request.query));
    },
  );

  r.get(
    '/api/voice/topics',
    { schema: schema('Topics of posts, tickets and ideas with their trend', VoiceTopics) },
    async (request) => {
      await requireComputed(store, 'voice');
      return voiceTopics(store, voiceFilter(request.query));
    },
  );
};
