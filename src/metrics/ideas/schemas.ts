// Inputs and outputs of the ideas-forum metrics (schema and type share a name). The API validates
// bodies with the *Input schemas; the dashboard imports the types.
import { z } from 'zod';

const IsoDate = z.iso.date();

export const IDEA_RANK_KEYS = ['voters', 'votes', 'value', 'churned', 'places'] as const;
export const IdeaRankKey = z.enum(IDEA_RANK_KEYS);
export type IdeaRankKey = z.infer<typeof IdeaRankKey>;

export const IdeaClusteringOptions = z.object({
  /** Ideas with at least this TF-IDF cosine are duplicates (same words). */
  duplicateCosine: z.number().gt(0).max(1).default(0.3),
  /** A post or ticket supports an idea from this cosine on. */
  requestCosine: z.number().gt(0).max(1).default(0.2),
  /** Ideas sharing this many supporting requests … */
  minSharedRequests: z.number().int().min(1).default(3),
  /** … that are at least this share of the smaller idea's requests are duplicates. */
  minOverlap: z.number().gt(0).max(1).default(0.5),
});
export type IdeaClusteringOptions = z.input<typeof IdeaClusteringOptions>;

export const TopIdeasInput = IdeaClusteringOptions.extend({
  /** Ideas created from this day (UTC, inclusive). */
  from: IsoDate.optional(),
  /** Ideas created up to this day (UTC, inclusive). */
  to: IsoDate.optional(),
  status: z.string().min(1).optional(),
  rankBy: IdeaRankKey.default('voters'),
  limit: z.number().int().min(1).max(1000).default(20),
  /** Also look for requests in posts and tickets (default true). */
  includeRequests: z.boolean().default(true),
});
export type TopIdeasInput = z.input<typeof TopIdeasInput>;

export const IdeaMember = z.object({
  ideaId: z.string(),
  title: z.string(),
  votes: z.number().int(),
  voters: z.number().int(),
  status: z.string().nullable(),
  category: z.string().nullable(),
  createdAt: z.date(),
});
export type IdeaMember = z.infer<typeof IdeaMember>;

export const IdeaCluster = z.object({
  rank: z.number().int(),
  /** Stable id: the smallest idea id in the cluster (`cxlens ideas show <id>` accepts any member). */
  clusterId: z.string(),
  /** Title of the most-voted idea. */
  title: z.string(),
  ideas: z.array(IdeaMember),
  /** Sum of the ideas' vote counts (a person voting on two copies counts twice). */
  votes: z.number().int(),
  /** Distinct persons who voted on any idea of the cluster. */
  voters: z.number().int(),
  /** Posts and tickets asking for it. */
  posts: z.number().int(),
  tickets: z.number().int(),
  /** In how many places it is asked for: ideas, posts, tickets (1–3). */
  places: z.number().int(),
  /** Distinct persons asking: voters, idea authors and the authors of matching posts and tickets. */
  people: z.number().int(),
  /** Sum of the voters' CLV (customer_value); null without a value table. */
  voterValue: z.number().nullable(),
  /** Voters with a CLV row. */
  votersValued: z.number().int(),
  /** Voters who have churned under the churn definition (config/churn.json); null when unknown. */
  churnedVoters: z.number().int().nullable(),
  churnedShare: z.number().nullable(),
  /** Status of the most-voted idea, and the count of ideas per status. */
  status: z.string().nullable(),
  statuses: z.record(z.string(), z.number().int()),
  firstAt: z.date(),
  lastAt: z.date(),
});
export type IdeaCluster = z.infer<typeof IdeaCluster>;

export const TopIdeas = z.object({
  ideas: z.number().int(),
  clusters: z.number().int(),
  rankBy: IdeaRankKey,
  /** What person ids rest on, whether CLV and churn were available. */
  personBasis: z.enum(['identity', 'source_record']),
  valueBasis: z.enum(['clv', 'none']),
  churnBasis: z.enum(['churn_definition', 'none']),
  items: z.array(IdeaCluster),
  notes: z.array(z.string()),
});
export type TopIdeas = z.infer<typeof TopIdeas>;

export const IdeaClusterInput = IdeaClusteringOptions.extend({
  /** Any idea id (source_id) of the cluster. */
  id: z.string().min(1),
  includeRequests: z.boolean().default(true),
});
export type IdeaClusterInput = z.input<typeof IdeaClusterInput>;

export const IdeaRequest = z.object({
  kind: z.enum(['post', 'ticket']),
  source: z.string(),
  sourceId: z.string(),
  personId: z.string().nullable(),
  text: z.string(),
  similarity: z.number(),
  createdAt: z.date(),
  /** The idea of the cluster it matches best. */
  ideaId: z.string(),
});
export type IdeaRequest = z.infer<typeof IdeaRequest>;

export const IdeaClusterDetail = z.object({
  cluster: IdeaCluster,
  ideas: z.array(IdeaMember.extend({ body: z.string().nullable() })),
  requests: z.array(IdeaRequest),
  notes: z.array(z.string()),
});
export type IdeaClusterDetail = z.infer<typeof IdeaClusterDetail>;
