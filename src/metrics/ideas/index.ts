// Public surface of the ideas-forum metrics: near-duplicate clustering of ideas with the requests
// for them in posts and tickets, ranked by voters, votes, voter value and churned voters.
export {
  clusterIdeas,
  DEFAULT_IDEA_CLUSTERING,
  type IdeaClusters,
  isRequest,
  REQUEST_PATTERN,
  type RequestMatch,
} from './cluster-ideas.js';
export {
  IDEA_RANK_KEYS,
  IdeaCluster,
  IdeaClusterDetail,
  IdeaClusterInput,
  IdeaClusteringOptions,
  IdeaMember,
  IdeaRankKey,
  IdeaRequest,
  TopIdeas,
  TopIdeasInput,
} from './schemas.js';
export { cosine, normaliseText, similaritySpace, stem } from './similarity.js';
export { ideaCluster, topIdeas } from './top-ideas.js';
