// Ideas: near-duplicate ideas clustered and ranked by distinct voters (or votes, the value of the
// voters, churned voters, places asked for), and one cluster in full with the posts and tickets
// asking for it. Domain functions from src/metrics/ideas; answers are cached per data version
// (ideas, posts, tickets, identity, customer value, churn) since clustering reads every text. The
// list pages like every other ({ items, total, limit, offset }, total = clusters): the ranking is
// computed once per filter set and sliced, so paging does not re-cluster.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import {
  IDEA_RANK_KEYS,
  IdeaClusterDetail,
  ideaCluster,
  TopIdeas,
  topIdeas,
} from '../../metrics/ideas/index.js';
import type { ServerOptions } from '../server.js';
import { requireReadKey } from './read-access.js';
import { churnSerial, tablesVersion, VersionedCache } from './read-cache.js';
import { PageQuery, paginate, ReadFilters } from './read-query.js';

/** The ranking as a page: the clusters of this page in `items`, `total` = every cluster. */
export const IdeasPage = TopIdeas.extend({
  total: z.number().int().describe('every cluster (equals clusters)'),
  limit: z.number().int(),
  offset: z.number().int(),
});
export { IdeaClusterDetail, TopIdeas };
export type TopIdeasResponse = z.infer<typeof IdeasPage>;
export type IdeaClusterResponse = z.infer<typeof IdeaClusterDetail>;

// topIdeas ranks at most this many clusters (TopIdeasInput.limit's bound).
const MAX_RANKED = 1000;

export const IdeasQuery = ReadFilters.extend({
  scope: z
    .enum(['upto', 'period'])
    .default('upto')
    .describe(
      'upto (default): every idea posted up to `to` — votes accumulate, so a ranking covers the whole forum; period: only ideas posted between from and to',
    ),
  rankBy: z.enum(IDEA_RANK_KEYS).default('voters').describe('what ranks the clusters'),
  status: z.string().min(1).max(64).optional().describe('only ideas with this status'),
  limit: z.coerce.number().int().min(1).max(200).default(30),
  offset: PageQuery.shape.offset,
});

const TABLES = ['ideas', 'posts', 'tickets', 'person_keys', 'customer_value'];

export const ideaRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  const lists = new VersionedCache<z.infer<typeof TopIdeas>>(32);
  const details = new VersionedCache<IdeaClusterResponse>(64);
  // Ranking by churned voters rebuilds the churn temp tables: one at a time with /api/churn*.
  const serial = churnSerial(store);
  app.addHook('onRequest', requireReadKey(options));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/ideas',
    {
      schema: {
        tags: ['ideas'],
        summary:
          'Idea clusters (near-duplicates merged) ranked by voters, votes, voter value, churned voters or places',
        security: [{ readKey: [] }],
        querystring: IdeasQuery,
        response: { 200: IdeasPage },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.source || q.segment) {
        throw new InputError(
          'INPUT_UNSUPPORTED_FILTER',
          `${q.source ? 'source' : 'segment'}: ideas cannot be filtered by it (expected from, to, status)`,
          { where: { field: q.source ? 'source' : 'segment' } },
        );
      }
      const input = {
        rankBy: q.rankBy,
        limit: MAX_RANKED,
        ...(q.scope === 'period' && q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.status ? { status: q.status } : {}),
      };
      const ranked = await lists.get(
        JSON.stringify(input),
        await tablesVersion(store, TABLES),
        () => serial.run(() => topIdeas(store, input)),
      );
      const page = paginate(ranked.items, q);
      const notes =
        ranked.clusters > ranked.items.length
          ? [...ranked.notes, `only the top ${ranked.items.length} clusters can be listed`]
          : ranked.notes;
      return { ...ranked, ...page, total: ranked.clusters, notes };
    },
  );

  r.get(
    '/api/ideas/:id',
    {
      schema: {
        tags: ['ideas'],
        summary: 'One idea cluster: its ideas and the posts and tickets asking for it',
        security: [{ readKey: [] }],
        params: z.object({ id: z.string().min(1).max(100).describe('any idea id of the cluster') }),
        response: { 200: IdeaClusterDetail },
      },
    },
    async (request) => {
      const id = request.params.id;
      return details.get(id, await tablesVersion(store, TABLES), () =>
        serial.run(() => ideaCluster(store, { id })),
      );
    },
  );
};
