// Golden record per person (survivorship): for each field, the value of the record that ranks
// first among those where the field is non-null. Strategies:
//   priority — source priority (configured order), then most recent, then record key
//   recent   — most recent record (created_at), then record key
//   frequent — the value most records agree on, then most recent, then record key
// Names, address and country are taken as the source wrote them (trimmed); phone in E.164.
// Activity-only records (no customers row, activity-records.ts) rank after every customer record
// and give only their normalised e-mail, so a person known only from orders still has a row.
import { CUSTOMER_PERSON_FIELDS, type CustomerPersonField } from '../schemas/index.js';
import type { Store } from '../store/index.js';
import { appendStrings } from './prepare-records.js';

/** The person fields of a golden record: the customer fields that describe the person. */
export const GOLDEN_FIELDS = CUSTOMER_PERSON_FIELDS;
export type GoldenField = CustomerPersonField;
export type SurvivorshipStrategy = 'priority' | 'recent' | 'frequent';

export interface SurvivorshipOptions {
  /** Sources from the most trusted down, e.g. ['crm', 'shop']; unlisted sources rank last. */
  sourcePriority?: string[];
  /** Strategy per field; default 'priority' (which is 'recent' when no priority is set). */
  fields?: Partial<Record<GoldenField, SurvivorshipStrategy>>;
}

/** Records per golden-record statement (persons are split into hash batches above this). */
const BATCH_RECORDS = 350_000;

export const DEFAULT_SURVIVORSHIP: Record<GoldenField, SurvivorshipStrategy> = {
  user_id: 'priority',
  email: 'priority',
  phone: 'priority',
  first_name: 'priority',
  last_name: 'priority',
  birth_date: 'frequent',
  address: 'recent',
  postcode: 'recent',
  city: 'recent',
  country: 'recent',
};

const VALUE_SQL: Record<GoldenField, string> = {
  user_id: "nullif(trim(c.user_id), '')",
  email: "CASE WHEN c.source IS NULL THEN ir.email ELSE nullif(lower(trim(c.email)), '') END",
  phone: 'ir.phone',
  first_name: "nullif(trim(c.first_name), '')",
  last_name: "nullif(trim(c.last_name), '')",
  birth_date: 'c.birth_date',
  address: "nullif(trim(c.address), '')",
  postcode: "nullif(upper(trim(c.postcode)), '')",
  city: "nullif(trim(c.city), '')",
  country: "nullif(trim(c.country), '')",
};

/**
 * Recomputes persons rows from identity_links, for all persons or (incremental) only those in
 * TEMP TABLE idc_affected(person_id).
 */
export async function writeGoldenRecords(
  store: Store,
  options: SurvivorshipOptions = {},
  onlyAffected = false,
): Promise<void> {
  await store.run('CREATE OR REPLACE TEMP TABLE idc_priority (source VARCHAR, rank VARCHAR)');
  await appendStrings(
    store,
    'idc_priority',
    (options.sourcePriority ?? []).map((s, i) => [s, String(i).padStart(4, '0')]),
  );
  const strategies = { ...DEFAULT_SURVIVORSHIP, ...options.fields };
  const hasPriority = (options.sourcePriority ?? []).length > 0;
  // Ranking keys are integers, not structs: one global row_number per ordering (source priority
  // when set, then most recent, then record key), which restricted to a person ranks its records
  // the same way, so the ten arg_min states carry a BIGINT key instead of a struct each.
  const recency = '-coalesce(epoch(coalesce(c.created_at, ir.created_at)), 0)::DOUBLE';
  const values = GOLDEN_FIELDS.map((f) => `${VALUE_SQL[f]} AS v_${f}`).join(',\n      ');
  const counts = GOLDEN_FIELDS.filter((f) => strategies[f] === 'frequent')
    .map((f) => `count(*) OVER (PARTITION BY person_id, v_${f}) AS n_${f}`)
    .join(', ');
  const orders = [
    'row_number() OVER (ORDER BY activity_only, recency, record_key) AS o_recent',
    ...(hasPriority
      ? ['row_number() OVER (ORDER BY activity_only, prio, recency, record_key) AS o_prio']
      : []),
  ].join(', ');
  const prioKey = hasPriority ? 'o_prio' : 'o_recent';
  const picks = GOLDEN_FIELDS.map((f) => {
    const strategy = strategies[f];
    const key =
      strategy === 'priority'
        ? prioKey
        : strategy === 'recent'
          ? 'o_recent'
          : `(o_recent - n_${f} * 4294967296)::BIGINT`;
    return `arg_min(v_${f}, ${key}) FILTER (WHERE v_${f} IS NOT NULL) AS ${f}`;
  }).join(',\n      ');
  const scope = onlyAffected ? 'l.person_id IN (SELECT person_id FROM idc_affected)' : 'TRUE';
  // Persons in hash batches of about BATCH_RECORDS records: the join, windows and per-person
  // aggregate states of one statement over all records stayed resident (+375 MB at 300k).
  const size = await store.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM identity_links l WHERE ${scope}`,
  );
  const batches = Math.max(1, Math.ceil((size?.n ?? 0) / BATCH_RECORDS));
  if (onlyAffected)
    await store.run('DELETE FROM persons WHERE person_id IN (SELECT person_id FROM idc_affected)');
  else await store.run('DELETE FROM persons');
  for (let batch = 0; batch < batches; batch++) {
    const filter =
      batches === 1
        ? `WHERE ${scope}`
        : `WHERE ${scope} AND hash(l.person_id) % ${batches} = ${batch}`;
    await store.run(`
    INSERT INTO persons
    WITH base AS (
      SELECT l.person_id, l.record_key, l.source, coalesce(c.created_at, ir.created_at) AS created_at,
        c.source IS NULL AS activity_only,
        coalesce(p.rank::INTEGER, 9999) AS prio, ${recency} AS recency,
        ${values}
      FROM identity_links l
      LEFT JOIN customers c ON c.source = l.source AND c.source_id = l.source_id
      LEFT JOIN identity_records ir ON ir.record_key = l.record_key
      LEFT JOIN idc_priority p ON p.source = l.source
      ${filter}
    ), ranked AS (SELECT *, ${orders}${counts ? `, ${counts}` : ''} FROM base)
    SELECT person_id,
      ${picks},
      count(*)::INTEGER AS record_count,
      list(DISTINCT source ORDER BY source) AS sources,
      min(created_at) AS first_seen_at,
      now()::TIMESTAMP AS updated_at
    FROM ranked GROUP BY person_id`);
  }
}
