// Surveys: NPS, CSAT or CES by period, touchpoint, channel, partner, wave or segment, each with its
// 95% interval, groups below the minimum n withheld as too small, and (by period, or with
// trend=true) the change from the previous period with its test; waves combine by naming them.
// Also every wave with its invitations and answers. Domain functions from src/metrics/experience.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import {
  MetricChange,
  SURVEY_DIMENSIONS,
  SurveyContact,
  SurveyHistory,
  surveyHistory,
  surveyMetrics,
  surveyWaves,
} from '../../metrics/experience/index.js';
import type { ServerOptions } from '../server.js';
import { requireReadKey } from './read-access.js';
import { ReadFilters } from './read-query.js';

const DAY_MS = 86_400_000;

export const SurveysQuery = ReadFilters.extend({
  kind: z.enum(['nps', 'csat', 'ces']).default('nps'),
  by: z.enum(SURVEY_DIMENSIONS).default('period'),
  period: z.enum(['week', 'month', 'quarter']).default('month'),
  trend: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('also split every group by period, with the change from the previous one'),
  survey: z
    .string()
    .max(2000)
    .optional()
    .describe('survey waves to combine, comma-separated (all of the kind when absent)'),
  minN: z.coerce.number().int().min(1).max(100_000).default(30),
});

const Row = z.object({
  group: z.string().nullable(),
  period: z.string().nullable().describe('start of the period (YYYY-MM-DD) when trended'),
  n: z.number().int(),
  tooSmall: z.boolean().describe('n below minN: no numbers are given'),
  value: z.number().nullable().describe('NPS (−100..100), CSAT share (0..1) or CES mean'),
  low: z.number().nullable(),
  high: z.number().nullable(),
  change: MetricChange.nullable().describe('from the previous period of the same group'),
});

export const SurveysResponse = z.object({
  kind: z.enum(['nps', 'csat', 'ces']),
  by: z.enum(SURVEY_DIMENSIONS),
  period: z.enum(['week', 'month', 'quarter']),
  minN: z.number().int(),
  rows: z.array(Row),
  waves: z.array(
    z.object({
      survey: z.string(),
      kind: z.string(),
      invited: z.number().int(),
      answered: z.number().int(),
      first: z.string().nullable(),
      last: z.string().nullable(),
    }),
  ),
});
export type SurveysResponse = z.infer<typeof SurveysResponse>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export const SurveyHistoryResponse = SurveyHistory.extend({
  contacts: z.array(
    SurveyContact.extend({
      invited_at: z.string().nullable(),
      responded_at: z.string().nullable(),
    }),
  ),
});
export type SurveyHistoryResponse = z.infer<typeof SurveyHistoryResponse>;

export const surveyRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  app.addHook('onRequest', requireReadKey(options));
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/surveys',
    {
      schema: {
        tags: ['experience'],
        summary: 'NPS, CSAT or CES by period or group, with 95% intervals and significance',
        security: [{ readKey: [] }],
        querystring: SurveysQuery,
        response: { 200: SurveysResponse },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.source || q.segment) {
        const field = q.source ? 'source' : 'segment';
        throw new InputError(
          'INPUT_UNSUPPORTED_FILTER',
          `${field}: survey scores cannot be filtered by it (expected from, to; by=quadrant splits them by segment)`,
          { where: { field } },
        );
      }
      const surveys = q.survey
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const rows = await surveyMetrics(store, {
        kind: q.kind,
        by: q.by,
        period: q.period,
        trend: q.trend,
        surveys: surveys?.length ? surveys : undefined,
        minN: q.minN,
        from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
        to: q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS) : undefined,
      });
      const waves = await surveyWaves(store);
      return {
        kind: q.kind,
        by: q.by,
        period: q.period,
        minN: q.minN,
        rows: rows.map((r) => ({ ...r, period: day(r.period) })),
        waves: waves.map((w) => ({ ...w, first: day(w.first), last: day(w.last) })),
      };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/surveys/history/:ref',
    {
      schema: {
        tags: ['experience'],
        summary:
          "A person's survey invitations and answers, with the answer rate and recent invitations (survey fatigue)",
        description: 'The 30- and 90-day counts end at the latest activity in the store.',
        security: [{ readKey: [] }],
        params: z.object({
          ref: z.string().min(1).max(200).describe('a person id, e-mail, record key or user id'),
        }),
        response: { 200: SurveyHistoryResponse },
      },
    },
    async (request) => {
      const h = await surveyHistory(store, request.params.ref);
      const iso = (d: Date | null) => (d ? d.toISOString() : null);
      return {
        ...h,
        contacts: h.contacts.map((c) => ({
          ...c,
          invited_at: iso(c.invited_at),
          responded_at: iso(c.responded_at),
        })),
      };
    },
  );
};
