// The embedded DuckDB store: one file (default ./cxlens.duckdb). Wraps @duckdb/node-api with
// parameterised helpers that turn failures into StoreError (keeping SQL and parameters) and
// return plain JS rows (BIGINT as number, timestamps as UTC Date).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { NotFoundError, StoreError } from '../lib/errors.js';
import { migrate } from './migrate.js';

export type SqlParam = string | number | boolean | null | bigint | Date;
export type Row = Record<string, unknown>;

export interface StoreOptions {
  /** Skip migrations (read-only tools on a store that is already current). */
  skipMigrations?: boolean;
  threads?: number;
  /** Create the store (and its folder) when the file does not exist (default true). With false a
   * missing file fails with STORE_NOT_FOUND: read commands must not answer from a new, empty store
   * because --db was mistyped. */
  create?: boolean;
}

export class Store {
  readonly path: string;
  private readonly instance: DuckDBInstance;
  readonly conn: DuckDBConnection;
  private txDepth = 0;
  /** A DuckDB connection runs one statement at a time: concurrent callers (HTTP routes) queue. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(path: string, instance: DuckDBInstance, conn: DuckDBConnection) {
    this.path = path;
    this.instance = instance;
    this.conn = conn;
  }

  static async open(path: string, options: StoreOptions = {}): Promise<Store> {
    const inMemory = path === ':memory:' || path.startsWith(':memory:');
    if (!inMemory && options.create === false && !existsSync(path)) {
      throw new NotFoundError(
        'STORE_NOT_FOUND',
        `${path}: no store here (create one with cxlens import or cxlens demo)`,
        { where: { path } },
      );
    }
    let instance: DuckDBInstance;
    try {
      // Timestamps are naive UTC (TIMESTAMP, not TIMESTAMPTZ): the ICU extension may not be installable offline.
      // A new store in a folder that does not exist yet (`--db data/cx.duckdb`): create the folder.
      if (!inMemory) {
        mkdirSync(dirname(path), { recursive: true });
      }
      const config: Record<string, string> = { autoinstall_known_extensions: 'false' };
      if (options.threads) config.threads = String(options.threads);
      instance = await DuckDBInstance.create(path, config);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      const locked = /lock/i.test(message);
      throw new StoreError(
        locked
          ? `${path}: the store is in use by another cxlens process (stop it, or use --db for another file)`
          : `${path}: cannot open the store — ${message}`,
        '',
        [],
        cause,
      );
    }
    const conn = await instance.connect();
    // Timestamps are naive UTC: where ICU is loaded, TIMESTAMPTZ ↔ TIMESTAMP casts and now() would
    // otherwise follow the machine's time zone. GLOBAL, so connect()'s connections get it too.
    // Without ICU there is no zone but UTC, and the SET fails harmlessly.
    await conn.run("SET GLOBAL TimeZone = 'UTC'").catch(() => undefined);
    const store = new Store(path, instance, conn);
    if (!options.skipMigrations) await migrate(store);
    return store;
  }

  /** A second connection to the same database, for concurrent readers. */
  async connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    // A query queued behind close() (a request still in flight while a server shuts down) fails
    // with one clear line, not the driver's use-after-free message.
    const guarded = () =>
      this.closed
        ? Promise.reject(new Error(`the store ${this.path} is closed (shutting down)`))
        : work();
    const next = this.queue.then(guarded, guarded);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async run(sql: string, params: readonly SqlParam[] = []): Promise<void> {
    try {
      await this.serial(() => this.conn.run(sql, toValues(params)));
    } catch (cause) {
      throw wrap(sql, params, cause);
    }
  }

  async all<T extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    try {
      const reader = await this.serial(() => this.conn.runAndReadAll(sql, toValues(params)));
      return reader.getRowObjectsJS().map((r) => plainRow(r) as T);
    } catch (cause) {
      throw wrap(sql, params, cause);
    }
  }

  async one<T extends Row = Row>(
    sql: string,
    params: readonly SqlParam[] = [],
  ): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  /** Runs fn in one transaction: all of it commits, or none of it (nested calls join the outer). */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.txDepth > 0) return fn();
    await this.run('BEGIN TRANSACTION');
    this.txDepth++;
    try {
      const result = await fn();
      this.txDepth--;
      await this.run('COMMIT');
      return result;
    } catch (error) {
      this.txDepth--;
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  close(): void {
    this.closed = true;
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function toValues(params: readonly SqlParam[]): DuckDBValue[] {
  return params.map((p) => (p instanceof Date ? p.toISOString() : p)) as DuckDBValue[];
}

function plainRow(row: Record<string, unknown>): Row {
  for (const key of Object.keys(row)) row[key] = plainValue(row[key]);
  return row;
}

function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plainValue);
  return value;
}

function wrap(sql: string, params: readonly SqlParam[], cause: unknown): StoreError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new StoreError(`query failed: ${message.split('\n')[0]}`, sql, params, cause);
}
