// One error hierarchy for the whole product: a stable `code` for tests and API clients, a
// human message shaped "where: what — expected", and an optional location.

export interface ErrorWhere {
  file?: string;
  line?: number;
  column?: string;
  field?: string;
  path?: string;
  index?: number;
}

export interface CxErrorOptions {
  where?: ErrorWhere;
  cause?: unknown;
}

export class CxError extends Error {
  readonly code: string;
  readonly where: ErrorWhere | undefined;

  constructor(code: string, message: string, options: CxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.where = options.where;
  }
}

/** Bad user input: a file, a row, a flag, a payload. CLI exit 2, HTTP 400. */
export class InputError extends CxError {}
/** Bad configuration (env vars, config files). CLI exit 2. */
export class ConfigError extends CxError {}
/** A thing asked for does not exist. HTTP 404. */
export class NotFoundError extends CxError {}
/** Authentication or authorisation failed. HTTP 401/403. */
export class AuthError extends CxError {}
/** The system is overloaded; retry later. HTTP 429. */
export class BusyError extends CxError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('BUSY', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A database statement failed; keeps the SQL and parameters for debugging. */
export class StoreError extends CxError {
  readonly sql: string;
  readonly params: readonly unknown[];
  constructor(message: string, sql: string, params: readonly unknown[], cause?: unknown) {
    super('STORE_QUERY_FAILED', message, { cause });
    this.sql = sql;
    this.params = params;
  }
}

/** A bug: something that should not happen. */
export class InternalError extends CxError {}

/** Formats "file:line column \"x\"" prefixes the same way everywhere. */
export function formatWhere(where: ErrorWhere | undefined): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.file) parts.push(where.line === undefined ? where.file : `${where.file}:${where.line}`);
  else if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.index !== undefined) parts.push(`message ${where.index}`);
  if (where.column) parts.push(`column "${where.column}"`);
  if (where.field && where.field !== where.column) parts.push(`field "${where.field}"`);
  if (where.path) parts.push(where.path);
  return parts.join(' ');
}

export function isCxError(e: unknown): e is CxError {
  return e instanceof CxError;
}
