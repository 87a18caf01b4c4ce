// The Segment HTTP tracking API (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/):
// one message per identify/track/page/screen/group/alias call, and the batch that carries many.
// Unknown keys are kept (integrations, channel …): the log stores the message as sent.
import { z } from 'zod';
import { EVENT_TYPES } from './entities.js';

/** Segment's limits: 32 KB per message, 500 KB per batch request. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch of an ISO-8601 timestamp, or NaN if it is not one (years 1000–9999). */
export function parseIsoMs(value: string): number {
  if (!ISO_DATE.test(value)) return Number.NaN;
  const ms = Date.parse(value);
  return ms >= -30610224000000 && ms <= 253402300799999 ? ms : Number.NaN;
}

export const SegmentTimestamp = z
  .string()
  .refine(
    (s) => !Number.isNaN(parseIsoMs(s)),
    'not an ISO-8601 timestamp (expected e.g. 2024-05-01T12:00:00.000Z)',
  );
export type SegmentTimestamp = z.infer<typeof SegmentTimestamp>;

/** Ids are strings; numbers are accepted as SDKs in typed languages send them. */
const SegmentId = z.union([z.string().min(1).max(1024), z.number()]);
const JsonObject = z.record(z.string(), z.unknown());

export const SegmentMessage = z
  .looseObject({
    type: z.enum(EVENT_TYPES, {
      error: `unknown type (expected one of ${EVENT_TYPES.join(', ')})`,
    }),
    messageId: z.string().min(1).max(256).optional(),
    userId: SegmentId.nullish(),
    anonymousId: SegmentId.nullish(),
    previousId: SegmentId.nullish(),
    groupId: SegmentId.nullish(),
    event: z.string().max(1024).nullish(),
    name: z.string().max(1024).nullish(),
    timestamp: SegmentTimestamp.nullish(),
    originalTimestamp: SegmentTimestamp.nullish(),
    sentAt: SegmentTimestamp.nullish(),
    context: JsonObject.nullish(),
    properties: JsonObject.nullish(),
    traits: JsonObject.nullish(),
    integrations: JsonObject.nullish(),
  })
  .superRefine((m, ctx) => {
    const has = (v: unknown) => v !== undefined && v !== null && v !== '';
    if (m.type === 'alias') {
      if (!has(m.userId))
        ctx.addIssue({ code: 'custom', path: ['userId'], message: 'alias needs a userId' });
      if (!has(m.previousId))
        ctx.addIssue({ code: 'custom', path: ['previousId'], message: 'alias needs a previousId' });
      return;
    }
    if (!has(m.userId) && !has(m.anonymousId))
      ctx.addIssue({
        code: 'custom',
        path: ['userId'],
        message: 'neither userId nor anonymousId is set (expected at least one)',
      });
    if (m.type === 'track' && !has(m.event))
      ctx.addIssue({ code: 'custom', path: ['event'], message: 'track needs an event name' });
    if (m.type === 'group' && !has(m.groupId))
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'group needs a groupId' });
  });
export type SegmentMessage = z.infer<typeof SegmentMessage>;

/** POST /v1/batch (and /v1/b): Segment's and RudderStack's SDKs send everything this way. */
export const SegmentBatch = z.looseObject({
  batch: z.array(z.unknown(), { error: 'batch must be an array of messages' }),
  sentAt: SegmentTimestamp.nullish(),
  context: JsonObject.nullish(),
  integrations: JsonObject.nullish(),
  writeKey: z.string().nullish(),
});
export type SegmentBatch = z.infer<typeof SegmentBatch>;

export const TrackingRejection = z.object({
  index: z.number().int(),
  code: z.string(),
  message: z.string(),
});
export type TrackingRejection = z.infer<typeof TrackingRejection>;

/** Segment answers `{ success: true }`; cxlens adds what it accepted and what it dead-lettered. */
export const TrackingResponse = z.object({
  success: z.literal(true),
  accepted: z.number().int(),
  rejected: z.array(TrackingRejection),
});
export type TrackingResponse = z.infer<typeof TrackingResponse>;
