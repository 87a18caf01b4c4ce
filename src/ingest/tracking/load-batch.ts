// One load step of the tracking loader: a chunk of log lines → parsed and flattened inside
// DuckDB (flatten.ts: lineColumnsSql, one from_json per line, as the file importer does) into a
// temp staging table → one transaction that inserts the new events (messageId dedupe on
// (source, source_id), against the store and within the chunk), merges identify traits into
// `customers`, stores dead letters and moves the checkpoint. All of it commits, or none of it: a
// restart replays exactly the lines after the committed checkpoint, and the dedupe makes a
// replayed line harmless anyway. The only JS per load is per distinct user agent and per
// identify call; the SQL runs on DuckDB's threads, off the request thread.
import type { DuckDBAppender, DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { StoreError } from '../../lib/errors.js';
import { logActivityChangesSql } from '../../store/index.js';
import { CUSTOMER_COLUMNS, customerFromIdentify } from './customers.js';
import { type AgentCache, EVENT_COLUMNS, lineColumnsSql } from './flatten.js';

export interface LoadResult {
  inserted: number;
  duplicates: number;
  customers: number;
  deadLetters: number;
  /** Lines that were not JSON (a torn tail): skipped, counted. */
  unreadable: number;
}

const STAGE = '_cx_track_stage';
const STAGE_CUSTOMERS = '_cx_track_customers';
const STAGE_UA = '_cx_track_ua';
const AGENT_COLUMNS = ['browser', 'browser_version', 'os', 'os_version', 'device_type'] as const;

/** The loader's own connection and its temp staging tables. */
export class BatchLoader {
  private constructor(
    readonly conn: DuckDBConnection,
    private readonly agents: AgentCache,
  ) {}

  static async create(conn: DuckDBConnection, agents: AgentCache): Promise<BatchLoader> {
    const loader = new BatchLoader(conn, agents);
    const text = (cols: readonly string[]) => cols.map((c) => `"${c}" VARCHAR`).join(', ');
    await loader.exec(
      `CREATE OR REPLACE TEMP TABLE ${STAGE_CUSTOMERS} (seq BIGINT, message_id VARCHAR, ${text(CUSTOMER_COLUMNS)})`,
    );
    await loader.exec(
      `CREATE OR REPLACE TEMP TABLE ${STAGE_UA} (ua VARCHAR, ${text(AGENT_COLUMNS)})`,
    );
    return loader;
  }

  async exec(sql: string, params: readonly DuckDBValue[] = []): Promise<void> {
    try {
      await this.conn.run(sql, params as DuckDBValue[]);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new StoreError(`tracking load failed: ${message.split('\n')[0]}`, sql, params, cause);
    }
  }

  /** Runs a statement; the number of rows it changed. */
  async changed(sql: string): Promise<number> {
    try {
      return Number((await this.conn.run(sql)).rowsChanged);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new StoreError(`tracking load failed: ${message.split('\n')[0]}`, sql, [], cause);
    }
  }

  async count(sql: string): Promise<number> {
    const reader = await this.conn.runAndReadAll(sql);
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  /**
   * Stores the log lines of `text` (complete NDJSON lines) and the checkpoint (logDir, seq,
   * offset) in one transaction.
   */
  async load(
    text: string,
    checkpoint: { logDir: string; seq: number; offset: number },
  ): Promise<LoadResult> {
    const lines = `(SELECT unnest(l) AS j, unnest(range(len(l))) AS seq FROM (SELECT string_split(?, chr(10)) AS l)) WHERE j <> ''`;
    await this.exec(
      `CREATE OR REPLACE TEMP TABLE ${STAGE} AS ${lineColumnsSql(`(SELECT seq, j FROM ${lines})`)}`,
      [text],
    );
    const [events = 0, dead = 0, unreadable = 0] = await this.counts(
      `SELECT count(*) FILTER (WHERE _kind = 'message'), count(*) FILTER (WHERE _kind = 'dead'), count(*) FILTER (WHERE NOT _ok) FROM ${STAGE}`,
    );
    const customers = events > 0 ? await this.stageCustomers() : 0;
    if (events > 0) await this.stageAgents();
    await this.exec('BEGIN TRANSACTION');
    try {
      const result = await this.merge(events, customers, dead);
      await this.exec('INSERT OR REPLACE INTO tracking_checkpoints VALUES (?, ?, ?, now())', [
        checkpoint.logDir,
        checkpoint.seq,
        checkpoint.offset,
      ]);
      await this.exec('COMMIT');
      return { ...result, unreadable };
    } catch (error) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await this.exec(`DROP TABLE IF EXISTS ${STAGE}`).catch(() => undefined);
    }
  }

  private async counts(sql: string): Promise<number[]> {
    const reader = await this.conn.runAndReadAll(sql);
    return (reader.getRows()[0] ?? []).map((v) => Number(v ?? 0));
  }

  /** identify calls → customer rows (customers.ts), staged for mergeCustomers. */
  private async stageCustomers(): Promise<number> {
    await this.exec(`DELETE FROM ${STAGE_CUSTOMERS}`);
    const reader = await this.conn.runAndReadAll(
      `SELECT seq, source, source_id, user_id, traits FROM ${STAGE} WHERE _kind = 'message' AND type = 'identify' AND source_id IS NOT NULL AND user_id IS NOT NULL ORDER BY seq`,
    );
    const rows = reader.getRows();
    if (rows.length === 0) return 0;
    const appender = await this.conn.createAppender(STAGE_CUSTOMERS, 'main', 'temp');
    let n = 0;
    try {
      for (const [seq, source, messageId, userId, traits] of rows) {
        const parsed = traits === null ? null : (JSON.parse(String(traits)) as unknown);
        const customer = customerFromIdentify(
          String(source),
          String(userId),
          parsed as Record<string, unknown> | null,
        );
        if (!customer) continue;
        appender.appendBigInt(BigInt(seq as bigint));
        appendText(appender, String(messageId));
        for (const c of CUSTOMER_COLUMNS) appendText(appender, customer[c]);
        appender.endRow();
        n++;
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return n;
  }

  /** Browser / OS / device of each distinct user agent of the chunk, parsed in JS once. */
  private async stageAgents(): Promise<void> {
    await this.exec(`DELETE FROM ${STAGE_UA}`);
    const reader = await this.conn.runAndReadAll(
      `SELECT DISTINCT user_agent FROM ${STAGE} WHERE _kind = 'message' AND user_agent IS NOT NULL`,
    );
    const agents = reader.getRows();
    if (agents.length === 0) return;
    const appender = await this.conn.createAppender(STAGE_UA, 'main', 'temp');
    try {
      for (const [ua] of agents) {
        const parsed = this.agents.parse(String(ua));
        appender.appendVarchar(String(ua));
        for (const c of AGENT_COLUMNS) appendText(appender, parsed[c]);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  private async merge(
    events: number,
    stagedCustomers: number,
    dead: number,
  ): Promise<Omit<LoadResult, 'unreadable'>> {
    let inserted = 0;
    let customers = 0;
    if (events > 0) {
      // Look up only the ids of this batch first: a semi-join on source_id is ~100× faster than
      // an anti-join of the batch against the whole events table.
      await this.exec(
        `CREATE OR REPLACE TEMP TABLE _cx_track_seen AS SELECT source, source_id FROM events WHERE source_id IN (SELECT source_id FROM ${STAGE} WHERE _kind = 'message')`,
      );
      const agent = new Set<string>(AGENT_COLUMNS);
      const value = (c: string) =>
        c === 'timestamp' || c === 'received_at'
          ? `CAST(n."${c}" AS TIMESTAMP)`
          : agent.has(c)
            ? `coalesce(n."${c}", u."${c}")`
            : `n."${c}"`;
      // New = not stored yet, and the first of its messageId within the chunk.
      inserted = await this.changed(
        `INSERT INTO events (${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')})
         SELECT ${EVENT_COLUMNS.map(value).join(', ')}
         FROM ${STAGE} n LEFT JOIN ${STAGE_UA} u ON u.ua = n.user_agent
         WHERE n._kind = 'message'
           AND NOT EXISTS (SELECT 1 FROM _cx_track_seen e WHERE e.source = n.source AND e.source_id = n.source_id)
         QUALIFY row_number() OVER (PARTITION BY n.source, n.source_id ORDER BY n.seq) = 1
         ORDER BY n.seq`,
      );
      // their keys, for the next score run (retried duplicates too: harmless, rare)
      if (inserted > 0)
        await this.exec(
          logActivityChangesSql(
            'events',
            'n',
            `FROM (SELECT user_id, anonymous_id, CAST("timestamp" AS TIMESTAMP) AS timestamp FROM ${STAGE} WHERE _kind = 'message') n`,
          ),
        );
      if (stagedCustomers > 0) customers = await this.mergeCustomers();
      await this.exec('DROP TABLE _cx_track_seen');
    }
    if (dead > 0) {
      await this.exec(
        `INSERT INTO dead_letters SELECT CAST(dead_receivedAt AS TIMESTAMP), source, dead_index, dead_messageId, dead_code, dead_reason, CAST(payload AS JSON) FROM ${STAGE} WHERE _kind = 'dead' ORDER BY seq`,
      );
    }
    return { inserted, duplicates: events - inserted, customers, deadLetters: dead };
  }

  /** Traits of the identify calls inserted now (not of retried ones): newest non-null value wins. */
  private async mergeCustomers(): Promise<number> {
    const fields = CUSTOMER_COLUMNS.filter(
      (c) => c !== 'source' && c !== 'source_id' && c !== 'attributes',
    );
    await this.exec(
      `CREATE OR REPLACE TEMP TABLE _cx_track_traits AS
       SELECT c.source, c.source_id,
         ${fields.map((f) => `arg_max(c."${f}", c.seq) FILTER (WHERE c."${f}" IS NOT NULL) AS "${f}"`).join(',\n')},
         list_reduce(list(CAST(c.attributes AS JSON) ORDER BY c.seq) FILTER (WHERE c.attributes IS NOT NULL),
                     (a, b) -> json_merge_patch(a, b)) AS attributes
       FROM ${STAGE_CUSTOMERS} c
       JOIN (SELECT source, source_id, min(seq) AS seq FROM ${STAGE} WHERE _kind = 'message' AND type = 'identify' GROUP BY ALL) n
         ON n.source = c.source AND n.source_id = c.message_id AND n.seq = c.seq
       WHERE NOT EXISTS (SELECT 1 FROM _cx_track_seen e WHERE e.source = c.source AND e.source_id = c.message_id)
       GROUP BY c.source, c.source_id`,
    );
    const value = (f: string) =>
      f === 'birth_date'
        ? 'coalesce(try_cast(t.birth_date AS DATE), CAST(try_cast(t.birth_date AS TIMESTAMP) AS DATE))'
        : f === 'created_at'
          ? 'try_cast(t.created_at AS TIMESTAMP)'
          : `t."${f}"`;
    await this.exec(
      `UPDATE customers AS c SET ${fields.map((f) => `"${f}" = coalesce(${value(f)}, c."${f}")`).join(', ')},
         attributes = CASE WHEN t.attributes IS NULL THEN c.attributes WHEN c.attributes IS NULL THEN t.attributes
                           ELSE json_merge_patch(c.attributes, t.attributes) END
       FROM _cx_track_traits t WHERE c.source = t.source AND c.source_id = t.source_id`,
    );
    await this.exec(
      `INSERT INTO customers (source, source_id, ${fields.map((f) => `"${f}"`).join(', ')}, attributes)
       SELECT t.source, t.source_id, ${fields.map(value).join(', ')}, t.attributes FROM _cx_track_traits t
       WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.source = t.source AND c.source_id = t.source_id)`,
    );
    const n = await this.count('SELECT count(*) FROM _cx_track_traits');
    await this.exec('DROP TABLE _cx_track_traits');
    return n;
  }
}

function appendText(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}
