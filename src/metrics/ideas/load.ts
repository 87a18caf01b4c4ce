// Reads what the ideas metrics need from the store: ideas with their authors, voters as persons
// (with CLV when customer_value has rows), and request candidates from posts and tickets.
// Persons: identity's person_keys when identity has run, else the source record
// (`source:customer_id`), so a voter is the forum account — the note in the output says which.
import { attachPersonSql } from '../../identity/index.js';
import type { Store } from '../../store/index.js';
import { isRequest } from './cluster-ideas.js';

export interface IdeaRow {
  source: string;
  idea_id: string;
  person_id: string | null;
  title: string;
  body: string | null;
  votes: number | null;
  status: string | null;
  category: string | null;
  created_at: Date;
}

export interface VoterRow {
  idea_id: string;
  person_id: string;
  clv: number | null;
}

export interface RequestRow {
  kind: 'post' | 'ticket';
  source: string;
  source_id: string;
  person_id: string | null;
  text: string;
  created_at: Date;
}

export async function hasIdentity(store: Store): Promise<boolean> {
  const row = await store.one<{ n: number }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM person_keys LIMIT 1)',
  );
  return (row?.n ?? 0) > 0;
}

export async function hasValues(store: Store): Promise<boolean> {
  const row = await store.one<{ n: number }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM customer_value LIMIT 1)',
  );
  return (row?.n ?? 0) > 0;
}

function personRef(alias: string, identity: boolean): { joins: string; personId: string } {
  return identity
    ? attachPersonSql('activity', alias)
    : {
        joins: '',
        personId: `coalesce(${alias}.source || ':' || ${alias}.customer_id, lower(trim(${alias}.customer_email)))`,
      };
}

export async function loadIdeas(
  store: Store,
  identity: boolean,
  filter: { from?: string | undefined; to?: string | undefined; status?: string | undefined },
): Promise<IdeaRow[]> {
  const ref = personRef('i', identity);
  const where: string[] = [];
  const params: string[] = [];
  if (filter.from) {
    params.push(filter.from);
    where.push(`i.created_at >= CAST($${params.length} AS DATE)`);
  }
  if (filter.to) {
    params.push(filter.to);
    where.push(`i.created_at < CAST($${params.length} AS DATE) + INTERVAL 1 DAY`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`i.status = $${params.length}`);
  }
  const rows = await store.all<IdeaRow & Record<string, unknown>>(
    `SELECT i.source, i.source_id AS idea_id, ${ref.personId} AS person_id, i.title, i.body,
            CAST(i.votes AS INTEGER) AS votes, i.status, i.category, i.created_at
     FROM ideas i ${ref.joins} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY i.source_id`,
    params,
  );
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at as unknown as string) }));
}

/** One row per (idea, distinct voter person), with the voter's CLV when known. */
export async function loadVoters(store: Store, withValue: boolean): Promise<VoterRow[]> {
  const clv = withValue ? 'LEFT JOIN customer_value cv ON cv.person_id = x.person_id' : '';
  return store.all<VoterRow & Record<string, unknown>>(
    `WITH v AS (SELECT source, source_id, unnest(voter_ids) AS voter FROM ideas),
     x AS (SELECT DISTINCT v.source_id AS idea_id, coalesce(pk.person_id, v.source || ':' || v.voter) AS person_id
           FROM v LEFT JOIN person_keys pk ON pk.key_kind = 'record' AND pk.key = v.source || ':' || v.voter
           WHERE v.voter IS NOT NULL AND v.voter <> '')
     SELECT x.idea_id, x.person_id, ${withValue ? 'cv.clv' : 'CAST(NULL AS DOUBLE)'} AS clv FROM x ${clv}`,
  );
}

/** Posts and tickets that read as feature requests. */
export async function loadRequests(store: Store, identity: boolean): Promise<RequestRow[]> {
  const p = personRef('p', identity);
  const t = personRef('t', identity);
  const rows = await store.all<RequestRow & Record<string, unknown>>(
    `SELECT 'post' AS kind, p.source, p.source_id, ${p.personId} AS person_id, p.text, p.posted_at AS created_at
     FROM posts p ${p.joins}
     UNION ALL
     SELECT 'ticket', t.source, t.source_id, ${t.personId}, coalesce(t.subject, '') || '. ' || coalesce(t.body, ''), t.opened_at
     FROM tickets t ${t.joins}`,
  );
  return rows
    .filter((r) => isRequest(r.text))
    .map((r) => ({ ...r, created_at: new Date(r.created_at as unknown as string) }))
    .sort((a, b) => (a.kind + a.source_id < b.kind + b.source_id ? -1 : 1));
}
