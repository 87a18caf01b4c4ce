// getProfile: the 360° view of one person — golden record, every linked source record, and one
// timeline (newest first, bounded by `limit`, default 500) of events, orders, subscriptions,
// tickets, survey answers, posts and ideas. Activity rows belong to the person that person-ref.ts
// gives them (record key first, then normalised e-mail), so the profile and analytics agree.
// ref: a person id, an e-mail, a record key '<source>:<source_id>', or a user id.
import { NotFoundError } from '../lib/errors.js';
import type { Row, Store } from '../store/index.js';
import { normaliseEmail } from './normalise-email.js';
import { activityPersonIdSql, eventPersonIdSql } from './person-ref.js';

export interface TimelineItem {
  at: Date;
  kind: 'event' | 'order' | 'subscription' | 'ticket' | 'survey_response' | 'post' | 'idea';
  source: string;
  sourceId: string;
  title: string;
  fields: Record<string, unknown>;
}

export interface Profile {
  personId: string;
  golden: Row;
  records: Row[];
  timeline: TimelineItem[];
  /** True when the timeline was cut at the limit. */
  truncated: boolean;
}

export interface ProfileOptions {
  limit?: number;
}

const ACTIVITY: { table: string; kind: TimelineItem['kind']; at: string; title: string }[] = [
  {
    table: 'orders',
    kind: 'order',
    at: 'placed_at',
    title:
      "'Order ' || x.source_id || ' · ' || x.amount || coalesce(' ' || x.currency, '') || coalesce(' · ' || x.status, '')",
  },
  {
    table: 'subscriptions',
    kind: 'subscription',
    at: 'started_at',
    title: "'Subscription ' || coalesce(x.plan, x.source_id)",
  },
  {
    table: 'tickets',
    kind: 'ticket',
    at: 'opened_at',
    title: "coalesce(x.subject, 'Ticket ' || x.source_id)",
  },
  {
    table: 'survey_responses',
    kind: 'survey_response',
    at: 'coalesce(x.responded_at, x.invited_at)',
    title: "x.survey || ' (' || x.kind || ')' || coalesce(': ' || x.score, '')",
  },
  { table: 'posts', kind: 'post', at: 'posted_at', title: 'left(x.text, 140)' },
  { table: 'ideas', kind: 'idea', at: 'created_at', title: 'x.title' },
];

/** The person of `ref`: a person id, an e-mail, a record key `<source>:<source_id>` or a user id. */
export async function resolvePersonId(store: Store, ref: string): Promise<string> {
  const direct = await store.one<{ person_id: string }>(
    'SELECT person_id FROM persons WHERE person_id = ?',
    [ref],
  );
  if (direct) return direct.person_id;
  const email = ref.includes('@') ? normaliseEmail(ref) : null;
  const [kind, key] = email
    ? ['email', email]
    : ref.includes(':')
      ? ['record', ref]
      : ['user_id', ref];
  const hit = await store.one<{ person_id: string }>(
    'SELECT person_id FROM person_keys WHERE key_kind = ? AND key = ?',
    [kind, key],
  );
  if (!hit) {
    throw new NotFoundError(
      'IDENTITY_PERSON_NOT_FOUND',
      `person "${ref}": no person with this id, e-mail, record key or user id (expected a resolved customer)`,
      {
        where: { field: 'ref' },
      },
    );
  }
  return hit.person_id;
}

export async function getProfile(
  store: Store,
  ref: string,
  options: ProfileOptions = {},
): Promise<Profile> {
  const limit = Math.max(1, Math.min(Math.trunc(options.limit ?? 500), 10_000));
  const personId = await resolvePersonId(store, ref);
  const golden = (await store.one('SELECT * FROM persons WHERE person_id = ?', [personId])) ?? {
    person_id: personId,
  };
  // Activity-only records (no customers row) show their key, e-mail and first activity.
  const records = await store.all(
    `SELECT c.* REPLACE (l.source AS source, l.source_id AS source_id,
        CASE WHEN c.source IS NULL THEN r.email ELSE c.email END AS email,
        coalesce(c.created_at, r.created_at) AS created_at),
      l.record_key, l.rule, l.match_probability, l.linked_at, c.source IS NULL AS activity_only
     FROM identity_links l LEFT JOIN customers c ON c.source = l.source AND c.source_id = l.source_id
       LEFT JOIN identity_records r ON r.record_key = l.record_key
     WHERE l.person_id = ? ORDER BY coalesce(c.created_at, r.created_at) DESC NULLS LAST, l.record_key`,
    [personId],
  );
  const keys = (kind: string) =>
    `(SELECT key FROM person_keys WHERE key_kind = '${kind}' AND person_id = $1)`;
  const parts = ACTIVITY.map(
    (
      a,
    ) => `SELECT ${a.at.includes('(') ? a.at : `x.${a.at}`} AS item_at, '${a.kind}' AS kind, x.source, x.source_id,
        ${a.title} AS title, to_json(x)::VARCHAR AS fields
      FROM ${a.table} x
      WHERE ((x.source || ':' || x.customer_id) IN ${keys('record')} OR cx_norm_email(x.customer_email) IN ${keys('email')})
        AND ${activityPersonIdSql('x')} = $1`,
  );
  parts.push(`SELECT x.timestamp AS item_at, 'event' AS kind, x.source, x.source_id,
      coalesce(x.event, x.type) AS title, to_json(x)::VARCHAR AS fields
    FROM events x
    WHERE (x.user_id IN ${keys('user_id')} OR x.anonymous_id IN ${keys('anonymous_id')})
      AND ${eventPersonIdSql('x')} = $1`);
  const rows = await store.all<{
    item_at: Date;
    kind: TimelineItem['kind'];
    source: string;
    source_id: string;
    title: string;
    fields: string;
  }>(
    `SELECT * FROM (${parts.join('\nUNION ALL\n')}) WHERE item_at IS NOT NULL ORDER BY item_at DESC, kind, source, source_id LIMIT ?`,
    [personId, limit + 1],
  );
  const timeline = rows.slice(0, limit).map((r) => ({
    at: r.item_at,
    kind: r.kind,
    source: r.source,
    sourceId: r.source_id,
    title: r.title ?? '',
    fields: JSON.parse(r.fields) as Record<string, unknown>,
  }));
  return { personId, golden, records, timeline, truncated: rows.length > limit };
}
