// One load step of the tracking loader: log lines → staged rows (Appender into temp tables) →
// one transaction that inserts the new events (messageId dedupe on (source, source_id), against
// the store and within the batch), merges identify traits into `customers`, stores dead letters
// and moves the checkpoint. All of it commits, or none of it: a restart replays exactly the lines
// after the committed checkpoint, and the dedupe makes a replayed line harmless anyway.
import type { DuckDBAppender, DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { StoreError } from '../../lib/errors.js';
import { CUSTOMER_COLUMNS, type CustomerRow, customerFromIdentify } from './customers.js';
import { type AgentCache, EVENT_COLUMNS, type EventRow, flattenMessage } from './flatten.js';

export interface DeadRow {
  received_at: string;
  source: string;
  message_index: number | null;
  message_id: string | null;
  code: string;
  reason: string;
  payload: string | null;
}

export interface StagedLines {
  events: EventRow[];
  customers: (CustomerRow & { message_id: string })[];
  dead: DeadRow[];
  /** Lines that were not JSON (a torn tail): skipped, counted. */
  unreadable: number;
}

export interface LoadResult {
  inserted: number;
  duplicates: number;
  customers: number;
  deadLetters: number;
}

const STAGE_EVENTS = '_cx_track_events';
const STAGE_CUSTOMERS = '_cx_track_customers';
const STAGE_DEAD = '_cx_track_dead';

/** Lines (or rows) handled between yields to the event loop, so requests keep flowing during a load. */
const YIELD_EVERY = 1000;
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** Parses log lines into rows (message lines flattened by SEGMENT_PATHS). */
export async function stageLines(
  lines: readonly string[],
  agents: AgentCache,
): Promise<StagedLines> {
  const out: StagedLines = { events: [], customers: [], dead: [], unreadable: 0 };
  for (let i = 0; i < lines.length; i++) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToLoop();
    const line = lines[i]!;
    if (line === '') continue;
    let record: {
      source?: unknown;
      message?: Record<string, unknown>;
      dead?: Record<string, unknown>;
      payload?: unknown;
    };
    try {
      record = JSON.parse(line);
    } catch {
      out.unreadable++;
      continue;
    }
    const source = String(record.source);
    if (record.message) {
      const row = flattenMessage(source, record.message, agents);
      out.events.push(row);
      if (row.type === 'identify' && row.source_id) {
        const traits =
          row.traits === null ? null : (JSON.parse(row.traits) as Record<string, unknown>);
        const customer = customerFromIdentify(source, row.user_id, traits);
        if (customer) out.customers.push({ ...customer, message_id: row.source_id });
      }
    } else if (record.dead) {
      const d = record.dead;
      out.dead.push({
        received_at: String(d.receivedAt),
        source,
        message_index: typeof d.index === 'number' ? d.index : null,
        message_id: typeof d.messageId === 'string' ? d.messageId : null,
        code: String(d.code),
        reason: String(d.reason),
        payload: record.payload === undefined ? null : JSON.stringify(record.payload),
      });
    }
  }
  return out;
}

/** The loader's own connection and its temp staging tables. */
export class BatchLoader {
  private constructor(readonly conn: DuckDBConnection) {}

  static async create(conn: DuckDBConnection): Promise<BatchLoader> {
    const loader = new BatchLoader(conn);
    const text = (cols: readonly string[]) => cols.map((c) => `"${c}" VARCHAR`).join(', ');
    await loader.exec(
      `CREATE OR REPLACE TEMP TABLE ${STAGE_EVENTS} (seq INTEGER, ${text(EVENT_COLUMNS)})`,
    );
    await loader.exec(
      `CREATE OR REPLACE TEMP TABLE ${STAGE_CUSTOMERS} (seq INTEGER, message_id VARCHAR, ${text(CUSTOMER_COLUMNS)})`,
    );
    await loader.exec(
      `CREATE OR REPLACE TEMP TABLE ${STAGE_DEAD} (received_at VARCHAR, source VARCHAR, message_index INTEGER, message_id VARCHAR, code VARCHAR, reason VARCHAR, payload VARCHAR)`,
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

  async count(sql: string): Promise<number> {
    const reader = await this.conn.runAndReadAll(sql);
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  /** Stores staged rows and the checkpoint (logDir, seq, offset) in one transaction. */
  async load(
    staged: StagedLines,
    checkpoint: { logDir: string; seq: number; offset: number },
  ): Promise<LoadResult> {
    await this.exec(`DELETE FROM ${STAGE_EVENTS}`);
    await this.exec(`DELETE FROM ${STAGE_CUSTOMERS}`);
    await this.exec(`DELETE FROM ${STAGE_DEAD}`);
    await this.append(STAGE_EVENTS, staged.events, EVENT_COLUMNS, null);
    await this.append(STAGE_CUSTOMERS, staged.customers, CUSTOMER_COLUMNS, 'message_id');
    await this.appendDead(staged.dead);
    await this.exec('BEGIN TRANSACTION');
    try {
      const result = await this.merge(staged);
      await this.exec('INSERT OR REPLACE INTO tracking_checkpoints VALUES (?, ?, ?, now())', [
        checkpoint.logDir,
        checkpoint.seq,
        checkpoint.offset,
      ]);
      await this.exec('COMMIT');
      return result;
    } catch (error) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async merge(staged: StagedLines): Promise<LoadResult> {
    let inserted = 0;
    let customers = 0;
    if (staged.events.length > 0) {
      // Look up only the ids of this batch first: a semi-join on source_id is ~100× faster than
      // an anti-join of the batch against the whole events table.
      await this.exec(
        `CREATE OR REPLACE TEMP TABLE _cx_track_seen AS SELECT source, source_id FROM events WHERE source_id IN (SELECT source_id FROM ${STAGE_EVENTS})`,
      );
      await this.exec(
        `CREATE OR REPLACE TEMP TABLE _cx_track_new AS SELECT * FROM ${STAGE_EVENTS} s
         WHERE NOT EXISTS (SELECT 1 FROM _cx_track_seen e WHERE e.source = s.source AND e.source_id = s.source_id)
         QUALIFY row_number() OVER (PARTITION BY source, source_id ORDER BY seq) = 1`,
      );
      const cast = (c: string) =>
        c === 'timestamp' || c === 'received_at'
          ? `CAST("${c}" AS TIMESTAMP)`
          : c === 'properties' || c === 'traits' || c === 'context'
            ? `CAST("${c}" AS JSON)`
            : `"${c}"`;
      await this.exec(
        `INSERT INTO events (${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')}) SELECT ${EVENT_COLUMNS.map(cast).join(', ')} FROM _cx_track_new ORDER BY seq`,
      );
      inserted = await this.count('SELECT count(*) FROM _cx_track_new');
      if (staged.customers.length > 0) customers = await this.mergeCustomers();
      await this.exec('DROP TABLE _cx_track_seen');
      await this.exec('DROP TABLE _cx_track_new');
    }
    if (staged.dead.length > 0) {
      await this.exec(
        `INSERT INTO dead_letters SELECT CAST(received_at AS TIMESTAMP), source, message_index, message_id, code, reason, CAST(payload AS JSON) FROM ${STAGE_DEAD}`,
      );
    }
    return {
      inserted,
      duplicates: staged.events.length - inserted,
      customers,
      deadLetters: staged.dead.length,
    };
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
       FROM ${STAGE_CUSTOMERS} c JOIN _cx_track_new n ON n.source = c.source AND n.source_id = c.message_id
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

  private async append<R extends Record<string, string | null>>(
    table: string,
    rows: readonly R[],
    columns: readonly string[],
    extra: string | null,
  ): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.conn.createAppender(table, 'main', 'temp');
    try {
      for (let seq = 0; seq < rows.length; seq++) {
        if (seq % YIELD_EVERY === YIELD_EVERY - 1) await yieldToLoop();
        const row = rows[seq]!;
        appender.appendInteger(seq);
        if (extra !== null) appendText(appender, row[extra] ?? null);
        for (const c of columns) appendText(appender, row[c] ?? null);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  private async appendDead(rows: readonly DeadRow[]): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.conn.createAppender(STAGE_DEAD, 'main', 'temp');
    try {
      for (const r of rows) {
        appendText(appender, r.received_at);
        appendText(appender, r.source);
        if (r.message_index === null) appender.appendNull();
        else appender.appendInteger(r.message_index);
        appendText(appender, r.message_id);
        appendText(appender, r.code);
        appendText(appender, r.reason);
        appendText(appender, r.payload);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }
}

function appendText(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}
