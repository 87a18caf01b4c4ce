// Turns one request body into log records: each message validated (SegmentMessage), sized (32 KB),
// stamped as Segment does (messageId if missing, receivedAt, sentAt, clock-skew-corrected
// timestamp) and serialised once as an NDJSON line. Invalid messages become dead-letter lines with
// a located reason; the valid ones are kept.
//
// Timestamp correction (Segment spec, "Timestamps"): when the client sent `sentAt` (on the message
// or the batch), `timestamp = receivedAt − (sentAt − originalTimestamp)`, where originalTimestamp
// is the client's own timestamp; the device clock's skew cancels out. Without sentAt the client's
// timestamp stands; without a timestamp the event happened when it was received.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { EVENT_TYPES } from '../../schemas/entities.js';
import {
  MAX_MESSAGE_BYTES,
  parseIsoMs,
  SegmentBatch,
  SegmentMessage,
  type TrackingRejection,
} from '../../schemas/segment.js';

export type CallType = (typeof EVENT_TYPES)[number] | 'batch';

export interface PreparedBody {
  /** NDJSON lines (each ending in \n): accepted messages and dead letters. */
  lines: string[];
  bytes: number;
  accepted: number;
  rejected: TrackingRejection[];
}

/** A whole request that cannot be read as a batch (the route answers 400). */
export interface BodyProblem {
  code: string;
  message: string;
  field: string;
}

export function isCallType(value: string): value is CallType {
  return value === 'batch' || (EVENT_TYPES as readonly string[]).includes(value);
}

/** Validates a parsed body of `call` from `source` received at receivedAtMs. */
export function prepareBody(
  body: unknown,
  call: CallType,
  source: string,
  receivedAtMs: number,
): PreparedBody | BodyProblem {
  let messages: unknown[];
  let batchSentAt: string | null | undefined;
  let batchContext: Record<string, unknown> | null | undefined;
  if (call === 'batch') {
    const parsed = SegmentBatch.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'body';
      return {
        code: 'INPUT_BAD_BATCH',
        field,
        message: `${field}: ${issue?.message ?? 'not a batch'}`,
      };
    }
    messages = parsed.data.batch;
    batchSentAt = parsed.data.sentAt;
    batchContext = parsed.data.context;
  } else {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return { code: 'INPUT_BAD_MESSAGE', field: 'body', message: 'body: expected a JSON object' };
    }
    const message = body as Record<string, unknown>;
    message.type = call;
    messages = [message];
  }
  const receivedAt = new Date(receivedAtMs).toISOString();
  const out: PreparedBody = { lines: [], bytes: 0, accepted: 0, rejected: [] };
  const head = `{"source":${JSON.stringify(source)},`;
  for (let index = 0; index < messages.length; index++) {
    const raw = messages[index];
    const result = prepareMessage(raw, index, receivedAt, receivedAtMs, batchSentAt, batchContext);
    let line: string;
    if ('json' in result) {
      line = `${head}"message":${result.json}}\n`;
      out.accepted++;
    } else {
      out.rejected.push(result);
      const messageId = messageIdOf(raw);
      const dead = { receivedAt, index, messageId, code: result.code, reason: result.message };
      line = `${head}"dead":${JSON.stringify(dead)},"payload":${safeJson(raw)}}\n`;
    }
    out.lines.push(line);
    out.bytes += line.length;
  }
  return out;
}

function prepareMessage(
  raw: unknown,
  index: number,
  receivedAt: string,
  receivedAtMs: number,
  batchSentAt: string | null | undefined,
  batchContext: Record<string, unknown> | null | undefined,
): { json: string } | TrackingRejection {
  if (!isValidFast(raw)) {
    const parsed = SegmentMessage.safeParse(raw);
    if (!parsed.success) return rejection(index, parsed.error.issues);
  }
  const m = raw as Record<string, unknown>;
  const sentAt = (m.sentAt as string | null | undefined) ?? batchSentAt ?? undefined;
  const clientTs =
    (m.timestamp as string | null | undefined) ??
    (m.originalTimestamp as string | null | undefined) ??
    undefined;
  if (!m.messageId) m.messageId = randomUUID();
  if (batchContext)
    m.context = { ...batchContext, ...(m.context as Record<string, unknown> | undefined) };
  m.receivedAt = receivedAt;
  if (sentAt) m.sentAt = sentAt;
  if (clientTs) m.originalTimestamp = clientTs;
  m.timestamp = correctedTimestamp(clientTs, sentAt, receivedAtMs);
  const json = JSON.stringify(m);
  // UTF-8 is at most 3 bytes per UTF-16 unit: measure exactly only when it could matter.
  if (json.length * 3 > MAX_MESSAGE_BYTES && Buffer.byteLength(json) > MAX_MESSAGE_BYTES) {
    const field = largestField(m);
    return {
      index,
      code: 'INPUT_MESSAGE_TOO_LARGE',
      message: `message ${index} field "${field}": the message is ${Buffer.byteLength(json)} bytes (expected at most ${MAX_MESSAGE_BYTES} bytes per message)`,
    };
  }
  return { json };
}

const TYPES = new Set<unknown>(EVENT_TYPES);
const isAbsent = (v: unknown) => v === undefined || v === null;
const isId = (v: unknown) =>
  isAbsent(v) ||
  typeof v === 'number' ||
  (typeof v === 'string' && v.length >= 1 && v.length <= 1024);
const isName = (v: unknown) => isAbsent(v) || (typeof v === 'string' && v.length <= 1024);
const isTime = (v: unknown) =>
  isAbsent(v) || (typeof v === 'string' && !Number.isNaN(parseIsoMs(v)));
const isObject = (v: unknown) => isAbsent(v) || (typeof v === 'object' && !Array.isArray(v));
const has = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The common case of SegmentMessage without zod's cost (~20 µs a message here): true only when
 * the schema surely accepts the message; anything else goes through SegmentMessage itself, which
 * stays the one definition (prepare.test.ts checks that the two agree).
 */
export function isValidFast(raw: unknown): boolean {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return false;
  const m = raw as Record<string, unknown>;
  if (!TYPES.has(m.type)) return false;
  const id = m.messageId;
  if (id !== undefined && !(typeof id === 'string' && id.length >= 1 && id.length <= 256))
    return false;
  if (!isId(m.userId) || !isId(m.anonymousId) || !isId(m.previousId) || !isId(m.groupId))
    return false;
  if (!isName(m.event) || !isName(m.name)) return false;
  if (!isTime(m.timestamp) || !isTime(m.originalTimestamp) || !isTime(m.sentAt)) return false;
  if (
    !isObject(m.context) ||
    !isObject(m.properties) ||
    !isObject(m.traits) ||
    !isObject(m.integrations)
  )
    return false;
  if (m.type === 'alias') return has(m.userId) && has(m.previousId);
  if (!has(m.userId) && !has(m.anonymousId)) return false;
  if (m.type === 'track' && !has(m.event)) return false;
  if (m.type === 'group' && !has(m.groupId)) return false;
  return true;
}

const MIN_MS = -30610224000000;
const MAX_MS = 253402300799999;

/** receivedAt − (sentAt − originalTimestamp), as an ISO string. */
export function correctedTimestamp(
  clientTs: string | undefined,
  sentAt: string | undefined,
  receivedAtMs: number,
): string {
  if (!clientTs) return new Date(receivedAtMs).toISOString();
  const clientMs = parseIsoMs(clientTs);
  if (!sentAt) return new Date(clientMs).toISOString();
  const corrected = receivedAtMs - (parseIsoMs(sentAt) - clientMs);
  // A wildly wrong sentAt could push the result out of range: keep the client's timestamp then.
  return new Date(corrected >= MIN_MS && corrected <= MAX_MS ? corrected : clientMs).toISOString();
}

function rejection(index: number, issues: readonly z.core.$ZodIssue[]): TrackingRejection {
  const issue = issues[0];
  const field = issue?.path.join('.') || 'message';
  const top = String(issue?.path[0] ?? '');
  const code =
    top === 'type'
      ? 'INPUT_UNKNOWN_TYPE'
      : top === 'timestamp' || top === 'sentAt' || top === 'originalTimestamp'
        ? 'INPUT_BAD_TIMESTAMP'
        : issue?.code === 'custom' && top === 'userId'
          ? 'INPUT_MISSING_ID'
          : 'INPUT_INVALID_MESSAGE';
  const detail =
    issue?.code === 'invalid_type' && issue.path.length === 0
      ? 'expected a JSON object'
      : issue?.message;
  return { index, code, message: `message ${index} field "${field}": ${detail ?? 'invalid'}` };
}

/** The top-level field that makes a message big (named in the size error). */
function largestField(m: Record<string, unknown>): string {
  let best = 'message';
  let bestSize = -1;
  for (const [key, value] of Object.entries(m)) {
    const size = JSON.stringify(value ?? null).length;
    if (size > bestSize) [best, bestSize] = [key, size];
  }
  return best;
}

function messageIdOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object') return null;
  const id = (raw as Record<string, unknown>).messageId;
  return typeof id === 'string' ? id.slice(0, 256) : null;
}

/** The payload of a dead letter, cut to the message limit so one bad message cannot bloat the log. */
function safeJson(raw: unknown): string {
  const json = JSON.stringify(raw) ?? 'null';
  if (json.length <= MAX_MESSAGE_BYTES) return json;
  return JSON.stringify({ truncated: true, head: json.slice(0, 1024) });
}
