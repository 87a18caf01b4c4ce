// Where each event field lives in a Segment message (https://segment.com/docs/connections/spec/).
// One table serves both the bulk NDJSON importer (as DuckDB JSON paths) and the tracking API
// (as property paths in JS), so a file import and a live SDK produce the same rows.
export interface SegmentPath {
  field: string;
  /** JSON paths tried in order; the first non-null wins. */
  paths: readonly string[];
  /** Keep the JSON value (objects) instead of its string form. */
  json?: boolean;
}

export const SEGMENT_PATHS: readonly SegmentPath[] = [
  { field: 'source_id', paths: ['$.messageId', '$.message_id'] },
  { field: 'type', paths: ['$.type'] },
  { field: 'event', paths: ['$.event', '$.name', '$.properties.name'] },
  { field: 'user_id', paths: ['$.userId', '$.user_id'] },
  { field: 'anonymous_id', paths: ['$.anonymousId', '$.anonymous_id'] },
  { field: 'previous_id', paths: ['$.previousId'] },
  { field: 'group_id', paths: ['$.groupId'] },
  { field: 'timestamp', paths: ['$.timestamp', '$.originalTimestamp', '$.sentAt', '$.receivedAt'] },
  { field: 'received_at', paths: ['$.receivedAt'] },
  {
    field: 'session_id',
    paths: ['$.context.sessionId', '$.properties.session_id', '$.context.session_id'],
  },
  { field: 'device_type', paths: ['$.context.device.type'] },
  { field: 'os', paths: ['$.context.os.name'] },
  { field: 'os_version', paths: ['$.context.os.version'] },
  { field: 'app_version', paths: ['$.context.app.version'] },
  { field: 'locale', paths: ['$.context.locale'] },
  { field: 'country', paths: ['$.context.location.country'] },
  { field: 'page_url', paths: ['$.context.page.url', '$.properties.url'] },
  { field: 'page_path', paths: ['$.context.page.path', '$.properties.path'] },
  { field: 'referrer', paths: ['$.context.page.referrer', '$.properties.referrer'] },
  { field: 'campaign_source', paths: ['$.context.campaign.source'] },
  { field: 'campaign_medium', paths: ['$.context.campaign.medium'] },
  { field: 'campaign_name', paths: ['$.context.campaign.name'] },
  { field: 'variant', paths: ['$.properties.variant', '$.context.experiment.variant'] },
  { field: 'user_agent', paths: ['$.context.userAgent'] },
  { field: 'properties', paths: ['$.properties'], json: true },
  { field: 'traits', paths: ['$.traits', '$.context.traits'], json: true },
  { field: 'context', paths: ['$.context'], json: true },
];

/** Reads a path such as `$.context.page.url` from a parsed message. */
export function readPath(message: unknown, path: string): unknown {
  let value: unknown = message;
  for (const key of path.slice(2).split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Heuristic: does a parsed JSON record look like a Segment message? */
export function looksLikeSegment(keys: readonly string[]): boolean {
  const set = new Set(keys);
  return set.has('type') && (set.has('messageId') || set.has('anonymousId') || set.has('userId'));
}
