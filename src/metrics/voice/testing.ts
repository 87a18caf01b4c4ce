// Test helpers: hand-written posts, tickets, survey answers, ideas and campaigns in a store
// (tests only; not exported from index.ts).
import type { Store } from '../../store/index.js';

export interface TestPost {
  id: string;
  channel?: string;
  at: string;
  text: string;
}

export async function insertPosts(store: Store, posts: readonly TestPost[]): Promise<void> {
  const appender = await store.conn.createAppender('posts');
  for (const p of posts) {
    appender.appendVarchar('social');
    appender.appendVarchar(p.id);
    for (let i = 0; i < 2; i++) appender.appendNull();
    appender.appendVarchar(p.channel ?? 'twitter');
    appender.appendNull();
    appender.appendVarchar(p.text);
    appender.appendVarchar(p.at);
    for (let i = 0; i < 4; i++) appender.appendNull();
    appender.endRow();
  }
  appender.closeSync();
}

export async function insertTicket(
  store: Store,
  id: string,
  at: string,
  subject: string | null,
  body: string | null,
): Promise<void> {
  await store.run(
    `INSERT INTO tickets (source, source_id, channel, subject, body, opened_at)
     VALUES ('support', ?, 'email', ?, ?, ?::TIMESTAMP)`,
    [id, subject, body, at],
  );
}

export async function insertSurvey(store: Store, id: string, at: string, comment: string | null) {
  await store.run(
    `INSERT INTO survey_responses (source, source_id, survey, kind, score, comment, channel, responded_at)
     VALUES ('surveys', ?, 'nps', 'nps', 7, ?, 'web', ?::TIMESTAMP)`,
    [id, comment, at],
  );
}

export async function insertIdea(
  store: Store,
  id: string,
  at: string,
  title: string,
  body: string | null,
) {
  await store.run(
    `INSERT INTO ideas (source, source_id, title, body, created_at) VALUES ('forum', ?, ?, ?, ?::TIMESTAMP)`,
    [id, title, body, at],
  );
}

export async function insertCampaign(
  store: Store,
  c: { id: string; name: string; kind: string; from: string; to: string; keywords: string[] },
): Promise<void> {
  await store.run(
    `INSERT INTO campaigns (source, source_id, name, kind, starts_at, ends_at, keywords)
     VALUES ('marketing', ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, string_split(?, '|'))`,
    [c.id, c.name, c.kind, c.from, c.to, c.keywords.join('|')],
  );
}
