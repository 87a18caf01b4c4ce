// Journeys: a funnel with step conversion (Wilson intervals), time to convert, a breakdown and a
// daily series (computeFunnel in src/metrics/journeys); the diagnosis of a drop follows.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import {
  computeFunnel,
  FunnelInterval,
  FunnelResult,
  WindowText,
} from '../../metrics/journeys/index.js';
import type { ServerOptions } from '../server.js';
import { registerPending } from './pending.js';
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

export { FunnelResult };
export type FunnelResponse = z.infer<typeof FunnelResult>;

export const journeyRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  const cache = new VersionedCache<FunnelResponse>();
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

  registerPending(app, {
    url: '/api/funnels/diagnosis',
    tag: 'journeys',
    summary:
      'Diagnosis of a conversion drop: when it started, where it concentrates, technology or design',
    what: 'Funnel diagnosis',
    command: 'cxlens funnel --diagnose',
  });
};
