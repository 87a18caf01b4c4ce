// Customers: search resolved persons, the 360° profile (golden record, linked source records,
// timeline) and why two records are (not) the same person. Domain functions from src/identity.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { explainPair, getProfile, PersonSummary, searchPersons } from '../../identity/index.js';
import type { ServerOptions } from '../server.js';
import { requireComputed } from './analyses.js';
import { requireReadKey } from './read-access.js';
import { PageQuery, pageOf } from './read-query.js';

export { PersonSummary };

export const PersonList = pageOf(PersonSummary);
export type PersonList = z.infer<typeof PersonList>;

export const PersonSearchQuery = PageQuery.extend({
  q: z
    .string()
    .max(200)
    .optional()
    .describe('part of a name, e-mail, phone, city, person id or record key'),
});

const Value = z.unknown();
export const TimelineEntry = z.object({
  at: z.string(),
  kind: z.enum(['event', 'order', 'subscription', 'ticket', 'survey_response', 'post', 'idea']),
  source: z.string(),
  sourceId: z.string(),
  title: z.string(),
  fields: z.record(z.string(), Value),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ProfileResponse = z.object({
  personId: z.string(),
  golden: z.record(z.string(), Value).describe('the golden record (survivorship rules)'),
  records: z
    .array(z.record(z.string(), Value))
    .describe('every linked source record, with the rule and match probability that linked it'),
  timeline: z.array(TimelineEntry).describe('newest first'),
  truncated: z.boolean().describe('true when the timeline was cut at ?limit'),
});
export type ProfileResponse = z.infer<typeof ProfileResponse>;

export const ExplainQuery = z.object({
  a: z.string().min(3).describe("a record key '<source>:<source_id>'"),
  b: z.string().min(3).describe("a record key '<source>:<source_id>'"),
});

export const ExplainResponse = z.object({
  recordA: z.string(),
  recordB: z.string(),
  priorLog2Odds: z.number(),
  fields: z.array(
    z.object({
      field: z.string(),
      valueA: Value,
      valueB: Value,
      level: z.number().int(),
      label: z.string(),
      m: z.number().nullable(),
      u: z.number().nullable(),
      termFrequency: z.number().nullable(),
      bayesFactor: z.number(),
      log2Weight: z.number(),
    }),
  ),
  matchWeight: z.number(),
  matchProbability: z.number(),
  personA: z.string().nullable(),
  personB: z.string().nullable(),
});
export type ExplainResponse = z.infer<typeof ExplainResponse>;

export const personRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  let explainQueue: Promise<void> = Promise.resolve();
  app.addHook('onRequest', requireReadKey(options));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/persons',
    {
      schema: {
        tags: ['customers'],
        summary: 'Search resolved customers (persons), most linked records first',
        security: [{ readKey: [] }],
        querystring: PersonSearchQuery,
        response: { 200: PersonList },
      },
    },
    async (request) => {
      await requireComputed(store, 'identity');
      const { q, limit, offset } = request.query;
      return { ...(await searchPersons(store, { q, limit, offset })), limit, offset };
    },
  );

  r.get(
    '/api/persons/:ref',
    {
      schema: {
        tags: ['customers'],
        summary: '360° profile: golden record, linked source records, timeline',
        description:
          'ref: a person id, an e-mail, a record key `<source>:<source_id>` or a user id.',
        security: [{ readKey: [] }],
        params: z.object({ ref: z.string().min(1) }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(2000).default(200) }),
        response: { 200: ProfileResponse },
      },
    },
    async (request) => {
      await requireComputed(store, 'identity');
      const profile = await getProfile(store, request.params.ref, { limit: request.query.limit });
      return {
        ...profile,
        timeline: profile.timeline.map((t) => ({ ...t, at: t.at.toISOString() })),
      };
    },
  );

  r.get(
    '/api/identity/explain',
    {
      schema: {
        tags: ['customers'],
        summary: 'Why two source records are (not) the same person: per-field Bayes factors',
        security: [{ readKey: [] }],
        querystring: ExplainQuery,
        response: { 200: ExplainResponse },
      },
    },
    async (request) => {
      await requireComputed(store, 'identity');
      // explainPair rebuilds shared temp tables (idc_tf_*): two at once would race on them.
      const run = explainQueue.then(() => explainPair(store, request.query.a, request.query.b));
      explainQueue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
  );
};
