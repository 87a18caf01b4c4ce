// The customer texts behind the voice metrics, one SELECT per kind with the same columns:
// (kind, source, source_id, at, channel, text). Tickets join subject and body, ideas title and body
// ("Subject. Body": a full stop is added when the first part has no closing punctuation, so the
// two stay separate sentences for aspect detection). Empty texts are left out.
import type { TextKind } from './schemas.js';

const join2 = (a: string, b: string): string =>
  `CASE WHEN nullif(trim(${a}), '') IS NULL THEN ${b}
        WHEN nullif(trim(${b}), '') IS NULL THEN ${a}
        WHEN regexp_matches(trim(${a}), '[.!?…]$') THEN trim(${a}) || ' ' || ${b}
        ELSE trim(${a}) || '. ' || ${b} END`;

const SELECTS: Record<TextKind, string> = {
  post: `SELECT 'post' AS kind, source, source_id, posted_at AS "at", channel, text
           FROM posts WHERE nullif(trim(text), '') IS NOT NULL`,
  ticket: `SELECT 'ticket' AS kind, source, source_id, opened_at AS "at", channel,
             ${join2('subject', 'body')} AS text
           FROM tickets WHERE nullif(trim(coalesce(subject, '') || coalesce(body, '')), '') IS NOT NULL`,
  survey_response: `SELECT 'survey_response' AS kind, source, source_id,
             coalesce(responded_at, invited_at) AS "at", channel, comment AS text
           FROM survey_responses
           WHERE nullif(trim(comment), '') IS NOT NULL AND coalesce(responded_at, invited_at) IS NOT NULL`,
  idea: `SELECT 'idea' AS kind, source, source_id, created_at AS "at", NULL::VARCHAR AS channel,
             ${join2('title', 'body')} AS text
           FROM ideas WHERE nullif(trim(title), '') IS NOT NULL`,
};

/** A UNION ALL over the chosen kinds: columns kind, source, source_id, at, channel, text. */
export function textsSql(kinds: readonly TextKind[]): string {
  return kinds.map((k) => `(${SELECTS[k]})`).join('\nUNION ALL\n');
}

/** `kind IN ('post', …)` for the chosen kinds (values come from the TextKind enum, not users). */
export function kindListSql(kinds: readonly TextKind[]): string {
  return `(${kinds.map((k) => `'${k}'`).join(', ')})`;
}
