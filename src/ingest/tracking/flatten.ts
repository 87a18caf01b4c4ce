// A stamped Segment message (see prepare.ts) → the `events` row, by SEGMENT_PATHS: the same
// table the NDJSON file importer uses, so a file import and a live SDK produce the same rows.
// Browser / OS / device come from the user agent, parsed once per distinct agent.
//
// The loader flattens in DuckDB (`lineColumnsSql`: each log line parsed once by from_json into a
// STRUCT of SEGMENT_PATHS' leaves, the JSON subtrees read by one json_extract, as the file
// importer's stage.ts does), so no per-event JS runs on the request thread. `flattenMessage` is
// the same mapping in JS: the reference the SQL is tested against (load-batch.test.ts).
import { type ParsedAgent, parseUserAgent, SEGMENT_PATHS } from '../../sources/index.js';
import { sqlString, structFieldSql } from '../sql-text.js';
import { structureOf } from '../stage.js';

/** The events columns in table order (migration 001); every value text or null. */
export const EVENT_COLUMNS = [
  'source',
  'source_id',
  'type',
  'event',
  'user_id',
  'anonymous_id',
  'previous_id',
  'group_id',
  'timestamp',
  'received_at',
  'session_id',
  'browser',
  'browser_version',
  'os',
  'os_version',
  'device_type',
  'app_version',
  'locale',
  'country',
  'page_url',
  'page_path',
  'referrer',
  'campaign_source',
  'campaign_medium',
  'campaign_name',
  'variant',
  'user_agent',
  'properties',
  'traits',
  'context',
] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];
export type EventRow = Record<EventColumn, string | null>;

const AGENT_CACHE_MAX = 10_000;

/** parseUserAgent with a bounded cache: there are few distinct agents among many events. */
export class AgentCache {
  private readonly cache = new Map<string, ParsedAgent>();

  parse(ua: string): ParsedAgent {
    let parsed = this.cache.get(ua);
    if (!parsed) {
      if (this.cache.size >= AGENT_CACHE_MAX) this.cache.clear();
      parsed = parseUserAgent(ua);
      this.cache.set(ua, parsed);
    }
    return parsed;
  }
}

function text(value: unknown, json: boolean): string | null {
  if (value === undefined || value === null) return null;
  if (json) return typeof value === 'object' ? JSON.stringify(value) : null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** SEGMENT_PATHS with each `$.a.b` path split once into its keys (the hot loop reads many messages). */
const COMPILED = SEGMENT_PATHS.filter((p) =>
  (EVENT_COLUMNS as readonly string[]).includes(p.field),
).map((p) => ({
  field: p.field as EventColumn,
  json: p.json === true,
  paths: p.paths.map((path) => path.slice(2).split('.')),
}));

function readKeys(message: unknown, keys: readonly string[]): unknown {
  let value: unknown = message;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function flattenMessage(source: string, message: unknown, agents: AgentCache): EventRow {
  const row = { source } as EventRow;
  for (const col of EVENT_COLUMNS) if (col !== 'source') row[col] = null;
  for (const p of COMPILED) {
    let value: string | null = null;
    for (const keys of p.paths) {
      value = text(readKeys(message, keys), p.json);
      if (value !== null) break;
    }
    row[p.field] = value;
  }
  if (row.user_agent) {
    const a = agents.parse(row.user_agent);
    row.browser ??= a.browser;
    row.browser_version ??= a.browser_version;
    row.os ??= a.os;
    row.os_version ??= a.os_version;
    row.device_type ??= a.device_type;
  }
  return row;
}

/** The fields of a dead-letter line (see prepare.ts) the loader reads. */
const DEAD_FIELDS = ['receivedAt', 'index', 'messageId', 'code', 'reason'] as const;

/** Every JSON path read as a subtree, with the message's ones first (in SEGMENT_PATHS order). */
const SUBTREES = [
  ...SEGMENT_PATHS.filter((p) => p.json).flatMap((p) =>
    p.paths.map((path) => `$.message.${path.slice(2)}`),
  ),
  '$.payload',
];

/** from_json's structure of a log line: source, the message's scalar leaves, the dead letter. */
const LINE_STRUCTURE = structureOf([
  { path: '$.source', type: 'VARCHAR' },
  ...SEGMENT_PATHS.filter((p) => !p.json).flatMap((p) =>
    p.paths.map((path) => ({ path: `$.message.${path.slice(2)}`, type: 'VARCHAR' as const })),
  ),
  ...DEAD_FIELDS.map((f) => ({ path: `$.dead.${f}`, type: 'VARCHAR' as const })),
]);

const leaf = (path: string) => structFieldSql('_s', path);

/**
 * SQL over `lines` (columns seq, j: one log line each) giving seq, `_ok` (the line is a JSON
 * object), `_kind` ('message', 'dead' or null), the EVENT_COLUMNS with the meaning of
 * flattenMessage (a string '' is null; numbers and booleans as text; objects as JSON; a JSON
 * column only when the value is an object or array; the first non-null path wins) — text, but
 * the JSON columns typed JSON so the insert does not parse them again — without the user-agent
 * columns, and the dead letter's fields dead_*, payload.
 */
export function lineColumnsSql(lines: string): string {
  const subtree = (path: string) => `_x[${SUBTREES.indexOf(path) + 1}]`;
  const cols = EVENT_COLUMNS.map((col) => {
    if (col === 'source') return `_s['source'] AS source`;
    const p = SEGMENT_PATHS.find((sp) => sp.field === col);
    if (!p) return `CAST(NULL AS VARCHAR) AS "${col}"`;
    const reads = p.json
      ? p.paths.map((path) => {
          const x = subtree(`$.message.${path.slice(2)}`);
          return `CASE WHEN json_type(${x}) IN ('OBJECT', 'ARRAY') THEN ${x} END`;
        })
      : p.paths.map((path) => `nullif(${leaf(`$.message.${path.slice(2)}`)}, '')`);
    return `${reads.length === 1 ? reads[0] : `coalesce(${reads.join(', ')})`} AS "${col}"`;
  });
  const dead = DEAD_FIELDS.map(
    (f) =>
      `${f === 'index' ? `TRY_CAST(${leaf(`$.dead.${f}`)} AS INTEGER)` : leaf(`$.dead.${f}`)} AS "dead_${f}"`,
  );
  const payload = subtree('$.payload');
  return `SELECT seq, _s IS NOT NULL AS _ok,
      CASE WHEN _s['message'] IS NOT NULL THEN 'message' WHEN _s['dead'] IS NOT NULL THEN 'dead' END AS _kind,
      ${cols.join(', ')},
      ${dead.join(', ')},
      CASE WHEN ${payload} IS NOT NULL THEN CAST(${payload} AS VARCHAR) END AS payload
    FROM (SELECT seq, _s, CASE WHEN _s IS NOT NULL THEN json_extract(j, [${SUBTREES.map(sqlString).join(', ')}]) END AS _x
          FROM (SELECT seq, TRY(from_json(j, ${sqlString(LINE_STRUCTURE)})) AS _s, j FROM ${lines}))`;
}
