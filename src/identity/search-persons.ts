// searchPersons: one page of the resolved persons matching a search, most linked records first
// (then last name, first name, person id), and how many match in all. q matches a person id
// exactly, a record key '<source>:<source_id>' exactly (identity_links), or any part of the name,
// e-mail, phone or city (case-insensitive substring). No q, or only spaces: every person. The
// search text is always a bound parameter (LIKE wildcards in it are not escaped).
import { z } from 'zod';
import type { SqlParam, Store } from '../store/index.js';

export const PersonSearch = z.object({
  /** Part of a name, e-mail, phone, city, a person id or a record key. */
  q: z.string().optional(),
  limit: z.number().int().min(1),
  offset: z.number().int().min(0),
});
export type PersonSearch = z.infer<typeof PersonSearch>;

export const PersonSummary = z.object({
  personId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  recordCount: z.number().int(),
  sources: z.array(z.string()),
  firstSeenAt: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const PersonSearchResult = z.object({
  items: z.array(PersonSummary),
  /** Persons matching q (before limit/offset). */
  total: z.number().int(),
});
export type PersonSearchResult = z.infer<typeof PersonSearchResult>;

interface PersonRow {
  person_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  city: string | null;
  country: string | null;
  record_count: number;
  sources: string[];
  first_seen_at: Date | null;
}

const MATCH = `?::VARCHAR IS NULL
     OR p.person_id = ?
     OR lower(concat_ws(' ', p.first_name, p.last_name, p.email, p.phone, p.city)) LIKE ?
     OR p.person_id IN (SELECT person_id FROM identity_links WHERE record_key = ?)`;

const SEARCH_SQL = `
  SELECT p.person_id, p.first_name, p.last_name, p.email, p.city, p.country, p.record_count,
         p.sources, p.first_seen_at
  FROM persons p WHERE ${MATCH}
  ORDER BY p.record_count DESC, p.last_name NULLS LAST, p.first_name, p.person_id
  LIMIT ? OFFSET ?`;

const COUNT_SQL = `SELECT count(*) AS n FROM persons p WHERE ${MATCH}`;

/** Resolved persons matching `q`, one page, with the total number of matches. */
export async function searchPersons(
  store: Store,
  search: PersonSearch,
): Promise<PersonSearchResult> {
  const { q, limit, offset } = search;
  const term = q?.trim() ? q.trim().toLowerCase() : null;
  const match: SqlParam[] = [term, term, term ? `%${term}%` : null, q?.trim() ?? null];
  const rows = await store.all<PersonRow & Record<string, unknown>>(SEARCH_SQL, [
    ...match,
    limit,
    offset,
  ]);
  const count = await store.one<{ n: number }>(COUNT_SQL, match);
  return {
    items: rows.map((p) => ({
      personId: p.person_id,
      name: [p.first_name, p.last_name].filter(Boolean).join(' ') || null,
      email: p.email,
      city: p.city,
      country: p.country,
      recordCount: p.record_count,
      sources: p.sources,
      firstSeenAt: p.first_seen_at ? p.first_seen_at.toISOString() : null,
    })),
    total: count?.n ?? 0,
  };
}
