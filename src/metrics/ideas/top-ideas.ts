// Top ideas of the co-creation forum: near-duplicate ideas clustered (cluster-ideas.ts), requests
// in posts and tickets attached ("asked for in 3 places"), and each cluster measured by votes,
// distinct voters (persons, so a customer voting on two copies counts once), the CLV of those
// voters (customer_value, when computed) and how many of them churned (churn definition of
// config/churn.json). Ranked by `rankBy` (default: distinct voters), ties by votes then id.

import { NotFoundError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';
import { churnedPersons } from './churned.js';
import { clusterIdeas } from './cluster-ideas.js';
import {
  hasIdentity,
  hasValues,
  type IdeaRow,
  loadIdeas,
  loadRequests,
  loadVoters,
  type RequestRow,
} from './load.js';
import {
  type IdeaCluster,
  IdeaClusterDetail,
  IdeaClusterInput,
  type IdeaClusteringOptions,
  type IdeaRankKey,
  type IdeaRequest,
  TopIdeas,
  TopIdeasInput,
} from './schemas.js';

interface Built {
  ideas: IdeaRow[];
  clusters: IdeaCluster[];
  requestsByCluster: Map<number, IdeaRequest[]>;
  clusterIndexById: Map<string, number>;
  personBasis: 'identity' | 'source_record';
  valueBasis: 'clv' | 'none';
  churnBasis: 'churn_definition' | 'none';
  notes: string[];
}

async function build(
  store: Store,
  o: Required<IdeaClusteringOptions> & {
    from?: string | undefined;
    to?: string | undefined;
    status?: string | undefined;
    includeRequests: boolean;
  },
): Promise<Built> {
  const notes: string[] = [];
  const identity = await hasIdentity(store);
  if (!identity) {
    notes.push(
      'identity not resolved: voters are counted per forum account, not per person (run identity resolution first)',
    );
  }
  const withValue = await hasValues(store);
  if (!withValue)
    notes.push('no customer_value rows: voter value (CLV) not shown — run `cxlens value`');
  const ideas = await loadIdeas(store, identity, o);
  const voters = await loadVoters(store, withValue);
  const requests = o.includeRequests ? await loadRequests(store, identity) : [];
  const churn = await churnedPersons(store);
  if (churn.churned === null) notes.push(`churned voters not counted: ${churn.reason}`);
  const model = clusterIdeas(
    ideas.map((i) => `${i.title}. ${i.body ?? ''}`),
    requests.map((r) => r.text),
    o,
  );
  const votersByIdea = new Map<string, { person_id: string; clv: number | null }[]>();
  for (const v of voters) {
    const list = votersByIdea.get(v.idea_id) ?? [];
    list.push(v);
    votersByIdea.set(v.idea_id, list);
  }
  const requestsByCluster = new Map<number, IdeaRequest[]>();
  for (const m of model.matches) {
    const r = requests[m.request] as RequestRow;
    const list = requestsByCluster.get(m.cluster) ?? [];
    list.push({
      kind: r.kind,
      source: r.source,
      sourceId: r.source_id,
      personId: r.person_id,
      text: r.text,
      similarity: m.similarity,
      createdAt: r.created_at,
      ideaId: ideas[m.idea]?.idea_id ?? '',
    });
    requestsByCluster.set(m.cluster, list);
  }
  const clusterIndexById = new Map<string, number>();
  const clusters = model.clusters.map((members, c): IdeaCluster => {
    const rows = members.map((i) => ideas[i] as IdeaRow);
    for (const r of rows) clusterIndexById.set(r.idea_id, c);
    const memberInfo = rows.map((r) => ({
      ideaId: r.idea_id,
      title: r.title,
      votes: r.votes ?? votersByIdea.get(r.idea_id)?.length ?? 0,
      voters: votersByIdea.get(r.idea_id)?.length ?? 0,
      status: r.status,
      category: r.category,
      createdAt: r.created_at,
    }));
    memberInfo.sort((a, b) => b.votes - a.votes || (a.ideaId < b.ideaId ? -1 : 1));
    const persons = new Map<string, number | null>();
    for (const r of rows)
      for (const v of votersByIdea.get(r.idea_id) ?? []) persons.set(v.person_id, v.clv);
    const reqs = requestsByCluster.get(c) ?? [];
    const people = new Set<string>(persons.keys());
    for (const r of rows) if (r.person_id) people.add(r.person_id);
    for (const q of reqs) if (q.personId) people.add(q.personId);
    const posts = reqs.filter((q) => q.kind === 'post').length;
    const tickets = reqs.filter((q) => q.kind === 'ticket').length;
    const valued = [...persons.values()].filter((v): v is number => v !== null);
    const churned =
      churn.churned === null
        ? null
        : [...persons.keys()].filter((p) => churn.churned.has(p)).length;
    const statuses: Record<string, number> = {};
    for (const r of rows)
      statuses[r.status ?? '(none)'] = (statuses[r.status ?? '(none)'] ?? 0) + 1;
    const times = rows.map((r) => r.created_at.getTime());
    return {
      rank: 0,
      clusterId: rows.map((r) => r.idea_id).sort()[0] ?? '',
      title: memberInfo[0]?.title ?? '',
      ideas: memberInfo,
      votes: memberInfo.reduce((s, m) => s + m.votes, 0),
      voters: persons.size,
      posts,
      tickets,
      places: 1 + (posts > 0 ? 1 : 0) + (tickets > 0 ? 1 : 0),
      people: people.size,
      voterValue: withValue ? valued.reduce((s, v) => s + v, 0) : null,
      votersValued: valued.length,
      churnedVoters: churned,
      churnedShare: churned === null || persons.size === 0 ? null : churned / persons.size,
      status: memberInfo[0]?.status ?? null,
      statuses,
      firstAt: new Date(Math.min(...times)),
      lastAt: new Date(Math.max(...times)),
    };
  });
  return {
    ideas,
    clusters,
    requestsByCluster,
    clusterIndexById,
    personBasis: identity ? 'identity' : 'source_record',
    valueBasis: withValue ? 'clv' : 'none',
    churnBasis: churn.churned === null ? 'none' : 'churn_definition',
    notes,
  };
}

const KEY: Record<IdeaRankKey, (c: IdeaCluster) => number> = {
  voters: (c) => c.voters,
  votes: (c) => c.votes,
  value: (c) => c.voterValue ?? 0,
  churned: (c) => c.churnedVoters ?? 0,
  places: (c) => c.places * 1e9 + c.people,
};

/** Idea clusters ranked by distinct voters (or votes, voter value, churned voters, places). */
export async function topIdeas(store: Store, input: TopIdeasInput = {}): Promise<TopIdeas> {
  const o = TopIdeasInput.parse(input);
  const b = await build(store, o);
  if (o.rankBy === 'value' && b.valueBasis === 'none') {
    b.notes.push('ranked by value without a value table: falling back to distinct voters');
  }
  const key = o.rankBy === 'value' && b.valueBasis === 'none' ? KEY.voters : KEY[o.rankBy];
  const ranked = [...b.clusters]
    .sort((x, y) => key(y) - key(x) || y.votes - x.votes || (x.clusterId < y.clusterId ? -1 : 1))
    .slice(0, o.limit)
    .map((c, i) => ({ ...c, rank: i + 1 }));
  return TopIdeas.parse({
    ideas: b.ideas.length,
    clusters: b.clusters.length,
    rankBy: o.rankBy,
    personBasis: b.personBasis,
    valueBasis: b.valueBasis,
    churnBasis: b.churnBasis,
    items: ranked,
    notes: b.notes,
  });
}

/** One cluster in full: its ideas (with bodies) and the posts and tickets asking for it. */
export async function ideaCluster(
  store: Store,
  input: IdeaClusterInput,
): Promise<IdeaClusterDetail> {
  const o = IdeaClusterInput.parse(input);
  const b = await build(store, o);
  const index = b.clusterIndexById.get(o.id);
  const cluster = index === undefined ? undefined : b.clusters[index];
  if (index === undefined || !cluster) {
    throw new NotFoundError(
      'NOT_FOUND_IDEA',
      `idea "${o.id}": no such idea (expected an idea id such as IDEA-0001)`,
      {
        where: { field: 'id' },
      },
    );
  }
  const byId = new Map(b.ideas.map((i) => [i.idea_id, i]));
  return IdeaClusterDetail.parse({
    cluster: { ...cluster, rank: 0 },
    ideas: cluster.ideas.map((m) => ({ ...m, body: byId.get(m.ideaId)?.body ?? null })),
    requests: (b.requestsByCluster.get(index) ?? []).sort(
      (x, y) => y.similarity - x.similarity || (x.sourceId < y.sourceId ? -1 : 1),
    ),
    notes: b.notes,
  });
}
