// Input and output of path analysis (zod schemas, types of the same name).
import { z } from 'zod';
import { WindowText } from './schemas.js';

export const PathsQuery = z.object({
  /** The anchor step: an event name (forgiving match) or page:/path. */
  step: z.string().min(1).optional(),
  direction: z.enum(['after', 'before']).default('after'),
  /** Events per path. */
  depth: z.number().int().min(1).max(8).default(3),
  limit: z.number().int().min(1).max(100).default(10),
  /** Only events within this time of the anchor. */
  window: WindowText.default('1d'),
  from: z.string().optional(),
  to: z.string().optional(),
  /** Drop-off mode: what did people do after step `dropOffAt` of this funnel instead of the next step? */
  funnel: z
    .object({ steps: z.array(z.string().min(1)).min(2).max(20), window: WindowText.default('1d') })
    .optional(),
  dropOffAt: z.number().int().min(1).optional(),
});
export type PathsQuery = z.infer<typeof PathsQuery>;
export type PathsQueryInput = z.input<typeof PathsQuery>;

export const PathCount = z.object({
  path: z.array(z.string()),
  actors: z.number(),
  share: z.number(),
});
export type PathCount = z.infer<typeof PathCount>;

export const PathsResult = z.object({
  anchor: z.string(),
  direction: z.enum(['after', 'before']),
  depth: z.number(),
  /** Actors anchored (first anchor event per actor in the period). */
  actors: z.number(),
  /** Most common sequences of the next (or previous) `depth` events; [] = nothing within the window. */
  paths: z.array(PathCount),
  /** Most common first event after (or last before) the anchor. */
  next: z.array(z.object({ label: z.string(), actors: z.number(), share: z.number() })),
});
export type PathsResult = z.infer<typeof PathsResult>;
