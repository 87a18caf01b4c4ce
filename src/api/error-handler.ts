// One error envelope for the whole API: { error: { code, message, where } } with the status
// that the error class implies. Unknown errors are logged and answered as 500 without details.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AuthError,
  BusyError,
  ConfigError,
  CxError,
  InputError,
  NotFoundError,
} from '../lib/errors.js';

export interface ErrorBody {
  error: { code: string; message: string; where?: Record<string, unknown> };
}

export function statusFor(error: unknown): number {
  if (error instanceof InputError || error instanceof ConfigError) return 400;
  if (error instanceof AuthError) return error.code === 'AUTH_FORBIDDEN' ? 403 : 401;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof BusyError) return 429;
  return 500;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | CxError, request, reply) => {
    if (error instanceof CxError) {
      const status = statusFor(error);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      if (error instanceof BusyError) reply.header('Retry-After', String(error.retryAfterSeconds));
      // Tracking SDKs authenticate with Basic; read clients (the dashboard) use a Bearer key, and
      // a Basic challenge would make a browser open a password prompt.
      if (error instanceof AuthError && status === 401)
        reply.header(
          'WWW-Authenticate',
          request.url.startsWith('/v1/') ? 'Basic realm="cxlens"' : 'Bearer realm="cxlens"',
        );
      const body: ErrorBody = {
        error: {
          code: error.code,
          message: error.message,
          ...(error.where ? { where: { ...error.where } } : {}),
        },
      };
      return reply.status(status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const path = issue?.instancePath?.replace(/^\//, '').replaceAll('/', '.') ?? '';
      return reply.status(400).send({
        error: {
          code: 'INPUT_INVALID_REQUEST',
          message: `${error.validationContext ?? 'request'}${path ? ` ${path}` : ''}: ${issue?.message ?? 'invalid'}`,
          where: { path: `${error.validationContext ?? ''}${path ? `.${path}` : ''}` },
        },
      } satisfies ErrorBody);
    }
    // Domain functions validate their options with zod `.parse()`: a ZodError thrown inside a
    // handler is a bad request (a value the route schema let through), not a server fault.
    if (error instanceof z.core.$ZodError) {
      const issue = error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '';
      return reply.status(400).send({
        error: {
          code: 'INPUT_INVALID_REQUEST',
          message: `${field || 'request'}: ${(issue?.message ?? 'invalid').replace(/\s*\n\s*/g, ' ')}`,
          ...(field ? { where: { field } } : {}),
        },
      } satisfies ErrorBody);
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const code =
      status === 415
        ? 'INPUT_BAD_CONTENT_TYPE'
        : status === 413
          ? 'INPUT_TOO_LARGE'
          : status >= 500
            ? 'INTERNAL'
            : 'INPUT_INVALID_REQUEST';
    return reply.status(status).send({
      error: { code, message: status >= 500 ? 'internal error' : error.message },
    } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: 'NOT_FOUND', message: `${request.method} ${request.url}: no such route` },
    } satisfies ErrorBody);
  });
}
