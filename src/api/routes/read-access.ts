// Read access for the /api/* routes: every request needs a key with the `read` scope (create one
// with `cxlens keys create --scope read`), sent as `Authorization: Bearer <key>` or, for plain
// links such as a CSV export, as `?key=<key>`. The check itself is src/api/auth's requireKey.
// A missing or unknown key is answered here with `WWW-Authenticate: Bearer`: the shared error
// handler's Basic challenge would make a browser prompt for a password instead of failing.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError } from '../../lib/errors.js';
import { requireKey } from '../auth/index.js';
import type { ErrorBody } from '../error-handler.js';
import { statusFor } from '../error-handler.js';
import type { ServerOptions } from '../server.js';

export function requireReadKey(options: ServerOptions) {
  const check = requireKey(options.store, 'read');
  return async function readKey(request: FastifyRequest, reply: FastifyReply) {
    const query = request.query as { key?: unknown } | undefined;
    if (!request.headers.authorization && typeof query?.key === 'string' && query.key) {
      request.headers.authorization = `Bearer ${query.key}`;
    }
    try {
      await check(request, reply);
    } catch (error) {
      if (!(error instanceof AuthError) || statusFor(error) !== 401) throw error;
      const body: ErrorBody = { error: { code: error.code, message: error.message } };
      return reply.status(401).header('WWW-Authenticate', 'Bearer realm="cxlens"').send(body);
    }
  };
}
