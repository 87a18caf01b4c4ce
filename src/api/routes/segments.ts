// Segments: the experience × engagement quadrants (sizes and a scatter of persons), the members of
// a quadrant, saved segment (saved:<name>, e.g. a retention cell) or rule with their worst
// experience signals and the recommended action (recovery contact or promotion), paged or
// exported as CSV. Domain functions from src/metrics/experience (and the saved names from churn).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listSegments } from '../../metrics/churn/index.js';
import {
  exportSegment,
  SCATTER_MAX_POINTS,
  ScoreScatter,
  SegmentMember,
  scoreScatter,
} from '../../metrics/experience/index.js';
import type { Store } from '../../store/index.js';
import type { ServerOptions } from '../server.js';
import { requireComputed } from './analyses.js';
import { requireReadKey } from './read-access.js';
import { PageQuery, pageOf, paginate } from './read-query.js';

export const Member = z.object({
  personId: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  quadrant: z.string().nullable().describe('null (and so are the scores) when not scored'),
  experience: z.number().nullable(),
  engagement: z.number().nullable(),
  voice: z.number().int().nullable(),
  lastActiveAt: z.string().nullable(),
  reasons: z.string().describe('the worst experience signals: signal x count (points)'),
  action: SegmentMember.shape.action,
});
export type Member = z.infer<typeof Member>;

export const QuadrantsResponse = ScoreScatter.extend({
  sampled: z
    .boolean()
    .describe(`true when points is a sample of at most ${SCATTER_MAX_POINTS} persons`),
});
export type QuadrantsResponse = z.infer<typeof QuadrantsResponse>;

export const MemberList = pageOf(Member);
export type MemberList = z.infer<typeof MemberList>;

const SegmentParams = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    .describe(
      'a quadrant (silent_at_risk …), a saved segment (saved:<name>, or the bare name) or a rule such as "experience < 40 and voice = 0"',
    ),
});

/**
 * Quadrants and rules need a score run (NOT_COMPUTED otherwise); a saved segment lists its members
 * without one, as unscored.
 */
async function requireScoresUnlessSaved(store: Store, name: string): Promise<void> {
  if (name.startsWith('saved:')) return;
  if ((await listSegments(store)).some((s) => s.name === name)) return;
  await requireComputed(store, 'scores');
}

function member(m: SegmentMember): Member {
  return {
    personId: m.person_id,
    email: m.email,
    name: [m.first_name, m.last_name].filter(Boolean).join(' ') || null,
    quadrant: m.quadrant,
    experience: m.experience,
    engagement: m.engagement,
    voice: m.voice,
    lastActiveAt: m.last_active_at ? new Date(m.last_active_at).toISOString() : null,
    reasons: m.reasons,
    action: m.action,
  };
}

const CSV_COLUMNS = [
  'personId',
  'email',
  'name',
  'quadrant',
  'experience',
  'engagement',
  'voice',
  'lastActiveAt',
  'reasons',
  'action',
] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const segmentRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  app.addHook('onRequest', requireReadKey(options));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/quadrants',
    {
      schema: {
        tags: ['segments'],
        summary: 'Quadrant sizes and a scatter of persons (experience × engagement)',
        security: [{ readKey: [] }],
        response: { 200: QuadrantsResponse },
      },
    },
    async () => {
      await requireComputed(store, 'scores');
      return scoreScatter(store);
    },
  );

  r.get(
    '/api/segments/:name',
    {
      schema: {
        tags: ['segments'],
        summary:
          'Members of a quadrant, saved segment or rule, worst experience first, with reasons and action',
        security: [{ readKey: [] }],
        params: SegmentParams,
        querystring: PageQuery,
        response: { 200: MemberList },
      },
    },
    async (request) => {
      await requireScoresUnlessSaved(store, request.params.name);
      const all = await exportSegment(store, { segment: request.params.name });
      return paginate(all.map(member), request.query);
    },
  );

  r.get(
    '/api/segments/:name/export',
    {
      schema: {
        tags: ['segments'],
        summary: 'Export every member of a segment as CSV (or JSON with ?format=json)',
        description: 'Plain links may carry the read key as ?key=.',
        security: [{ readKey: [] }],
        params: SegmentParams,
        querystring: z.object({
          format: z.enum(['csv', 'json']).default('csv'),
          key: z.string().optional(),
        }),
      },
    },
    async (request, reply) => {
      await requireScoresUnlessSaved(store, request.params.name);
      const members = (await exportSegment(store, { segment: request.params.name })).map(member);
      const file = request.params.name.replace(/[^a-z0-9_-]+/gi, '_').slice(0, 60) || 'segment';
      if (request.query.format === 'json') return reply.send(members);
      const lines = [
        CSV_COLUMNS.join(','),
        ...members.map((m) => CSV_COLUMNS.map((c) => csvCell(m[c])).join(',')),
      ];
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${file}.csv"`)
        .send(`${lines.join('\n')}\n`);
    },
  );
};
