// The API error envelope: a ZodError thrown inside a handler (a domain function's own option
// check) is a 400 INPUT_INVALID_REQUEST with one line, like a route schema failure.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../lib/errors.js';
import { registerErrorHandler } from './error-handler.js';

const Options = z.object({ from: z.iso.date().optional(), top: z.object({ n: z.int() }) });
const app = Fastify();

beforeAll(async () => {
  registerErrorHandler(app);
  app.get('/zod', async (request) => Options.parse(request.query));
  app.get('/input', async () => {
    throw new InputError('INPUT_BAD_PERIOD', 'from: after to', { where: { field: 'from' } });
  });
  app.get('/boom', async () => {
    throw new Error('secret detail');
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('registerErrorHandler', () => {
  it('answers a ZodError from a handler with 400 INPUT_INVALID_REQUEST and one line', async () => {
    const res = await app.inject({ method: 'GET', url: '/zod?from=abc' });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: string; where?: unknown } };
    expect(body.error.code).toBe('INPUT_INVALID_REQUEST');
    // The first issue is "from"; "top" is missing as well.
    expect(body.error.message).toBe('from: Invalid ISO date');
    expect(body.error.where).toEqual({ field: 'from' });
  });

  it('keeps CxError statuses and hides unknown errors behind a 500', async () => {
    const input = await app.inject({ method: 'GET', url: '/input' });
    expect(input.statusCode).toBe(400);
    expect(input.json()).toEqual({
      error: { code: 'INPUT_BAD_PERIOD', message: 'from: after to', where: { field: 'from' } },
    });
    const boom = await app.inject({ method: 'GET', url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
});
