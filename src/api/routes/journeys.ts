// Journeys: a funnel with step conversion (Wilson intervals), time to convert, a breakdown and a
// daily series (computeFunnel in src/metrics/journeys), and the diagnosis of conversion changes —
// when each started, where it concentrates, technology or design, with the evidence
// (diagnoseFunnel). Both are cached per version of the events.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import {
  computeFunnel,
  Diagnosis,
  diagnoseFunnel,
  FunnelInterval,
  FunnelResult,
  WindowText,
} from '../../metrics/journeys/index.js';
import type { ServerOptions } from '../server.js';
import { requireReadKey } from './read-access.js';
import { eventsVersion, VersionedCache } from './read-cache.js';
import { isoDayOf, ReadFilters } from './read-query.js';

/** The demo shop's checkout: the default funnel when a request names no steps. */
export const DEFAULT_FUNNEL_STEPS = [
  'Product Viewed',
  'Product Added',
  'Checkout Started',
  'Payment Submitted',
  'Order Completed',
];

const DAY_MS = 86_400_000;

const list = (max: number) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(1)).max(max));

export const FunnelRequest = ReadFilters.extend({
  steps: list(20).optional().describe('comma-separated event names (or page:/path), in order'),
  by: list(4)
    .optional()
    .describe('comma-separated breakdown: browser, os, device, app_version, country, variant …'),
  window: WindowText.default('1d').describe('conversion window: 30m, 12h, 1d, 2w'),
  interval: FunnelInterval.optional().describe('add a series per day or week'),
  minGroupSize: z.coerce.number().int().min(0).default(20),
});

export { Diagnosis, FunnelResult };
export type FunnelResponse = z.infer<typeof FunnelResult>;
export type DiagnosisResponse = z.infer<typeof Diagnosis>;

export const DiagnosisRequest = ReadFilters.extend({
  funnel: z
    .string()
    .min(1)
    .max(100)
    .default('checkout')
    .describe(
      'a saved funnel (config/funnels.json or saved with `cxlens funnel <steps> --save <name>`)',
    ),
});

export const journeyRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  const cache = new VersionedCache<FunnelResponse>();
  const diagnoses = new VersionedCache<DiagnosisResponse>(16);
  app.addHook('onRequest', requireReadKey(options));

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/funnels',
    {
      schema: {
        tags: ['journeys'],
        summary:
          'Funnel: conversion per step with 95% intervals, time to convert, breakdown, series',
        security: [{ readKey: [] }],
        querystring: FunnelRequest,
        response: { 200: FunnelResult },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.source || q.segment) {
        throw new InputError(
          'INPUT_UNSUPPORTED_FILTER',
          `${q.source ? 'source' : 'segment'}: funnels cannot be filtered by it yet (expected only from, to, steps, by)`,
          {
            where: { field: q.source ? 'source' : 'segment' },
          },
        );
      }
      const steps = q.steps && q.steps.length > 0 ? q.steps : DEFAULT_FUNNEL_STEPS;
      if (steps.length < 2)
        throw new InputError('INPUT_BAD_FUNNEL', 'steps: a funnel needs at least two steps', {
          where: { field: 'steps' },
        });
      const input = {
        steps,
        by: q.by ?? [],
        window: q.window,
        minGroupSize: q.minGroupSize,
        ...(q.interval ? { interval: q.interval } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: isoDayOf(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS) } : {}),
      };
      return cache.get(JSON.stringify(input), await eventsVersion(store), () =>
        computeFunnel(store, input),
      );
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/funnels/diagnosis',
    {
      schema: {
        tags: ['journeys'],
        summary:
          'Diagnosis of conversion changes: when each started, where it concentrates, technology or design, with the evidence',
        description:
          'The same analysis as `cxlens diagnose funnel checkout`; from/to bound the entries searched.',
        security: [{ readKey: [] }],
        querystring: DiagnosisRequest,
        response: { 200: Diagnosis },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.source || q.segment) {
        throw new InputError(
          'INPUT_UNSUPPORTED_FILTER',
          `${q.source ? 'source' : 'segment'}: the diagnosis cannot be filtered by it (expected from, to, funnel)`,
          { where: { field: q.source ? 'source' : 'segment' } },
        );
      }
      const input = {
        funnel: q.funnel,
        ...(q.from ? { since: q.from } : {}),
        // `until` is exclusive: the day after the last day of the period.
        ...(q.to ? { until: isoDayOf(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS) } : {}),
      };
      return diagnoses.get(JSON.stringify(input), await eventsVersion(store), async () =>
        diagnoseFunnel(store, input),
      );
    },
  );
};
