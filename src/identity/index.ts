// Public surface of identity resolution (import from here, never from deep paths).
export { countActivityRecords } from './activity-records.js';
export { BLOCKING_RULES, type BlockingRule, candidatePairsSql } from './blocking.js';
export { COMPARISONS, type Comparison, type ComparisonLevel } from './comparisons.js';
export { explainPair, type FieldExplanation, type PairExplanation } from './explain.js';
export {
  DEFAULT_SURVIVORSHIP,
  GOLDEN_FIELDS,
  type GoldenField,
  type SurvivorshipOptions,
  type SurvivorshipStrategy,
} from './golden-record.js';
export { type IdentityModel, loadModel } from './model.js';
export { normaliseEmail } from './normalise-email.js';
export { normaliseFirstName, normaliseName } from './normalise-name.js';
export { type NormalisePhoneOptions, normalisePhone } from './normalise-phone.js';
export { addOverride, type OverrideKind, type SplitResult, splitRecord } from './overrides.js';
export { type PairwiseMetrics, pairwiseMetrics } from './pairwise-metrics.js';
export { activityPersonIdSql, attachPersonSql, eventPersonIdSql } from './person-ref.js';
export { soundex } from './phonetic-key.js';
export {
  getProfile,
  type Profile,
  type ProfileOptions,
  resolvePersonId,
  type TimelineItem,
} from './profile.js';
export { parseRecordKey, recordKey } from './record-key.js';
export {
  type ProgressFn,
  type ResolveOptions,
  type ResolveResult,
  resolveIdentities,
} from './resolve.js';
export {
  PersonSearch,
  PersonSearchResult,
  PersonSummary,
  searchPersons,
} from './search-persons.js';
