// A stamped Segment message (see prepare.ts) → the `events` row, by SEGMENT_PATHS: the same
// table the NDJSON file importer uses, so a file import and a live SDK produce the same rows.
// Browser / OS / device come from the user agent, parsed once per distinct agent.
import { type ParsedAgent, parseUserAgent, SEGMENT_PATHS } from '../../sources/index.js';

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
