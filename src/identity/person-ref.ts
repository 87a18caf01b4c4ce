// SQL that attaches person_id to activity rows, for analytics. Activity rows (orders, tickets,
// survey_responses, posts, ideas, subscriptions) name their customer by customer_id (the
// customer's source_id in the SAME source) and/or customer_email; events by user_id and
// anonymous_id. Lookups go through person_keys, one person per key:
//   activity: record key source || ':' || customer_id, else cx_norm_email(customer_email)
//   events:   user_id, else anonymous_id
// Example:
//   SELECT ${activityPersonIdSql('o')} AS person_id, sum(o.amount) FROM orders o GROUP BY 1
//   const ref = attachPersonSql('activity', 't');
//   SELECT ${ref.personId} AS person_id, count(*) FROM tickets t ${ref.joins} GROUP BY 1
import { InputError } from '../lib/errors.js';

const IDENT = /^[a-z_][a-z0-9_]*$/i;

function checkAlias(alias: string): string {
  if (!IDENT.test(alias)) {
    throw new InputError(
      'INPUT_BAD_ALIAS',
      `person-ref: alias "${alias}" is not a plain SQL identifier (expected letters, digits, _)`,
    );
  }
  return alias;
}

/** Scalar SQL expression: the person_id of activity row `alias` (NULL when unresolved). */
export function activityPersonIdSql(alias: string): string {
  const a = checkAlias(alias);
  return `coalesce(
    (SELECT pk.person_id FROM person_keys pk WHERE pk.key_kind = 'record' AND pk.key = ${a}.source || ':' || ${a}.customer_id),
    (SELECT pk.person_id FROM person_keys pk WHERE pk.key_kind = 'email' AND pk.key = cx_norm_email(${a}.customer_email)))`;
}

/** Scalar SQL expression: the person_id of events row `alias`. */
export function eventPersonIdSql(alias: string): string {
  const a = checkAlias(alias);
  return `coalesce(
    (SELECT pk.person_id FROM person_keys pk WHERE pk.key_kind = 'user_id' AND pk.key = ${a}.user_id),
    (SELECT pk.person_id FROM person_keys pk WHERE pk.key_kind = 'anonymous_id' AND pk.key = ${a}.anonymous_id))`;
}

/**
 * Join form (scales better than scalar subqueries on big tables): `joins` are two LEFT JOINs on
 * person_keys to append after `FROM <table> <alias>`, and `personId` the expression to select.
 * `kind` is 'events' for the events table, else 'activity'. `keys` names another table of the
 * same (key_kind, key, …) shape and the column to return instead of person_id — a per-run map of
 * person keys to an integer person index, for analytics that join millions of rows.
 */
export function attachPersonSql(
  kind: 'events' | 'activity',
  alias: string,
  keys: { table: string; column: string } = { table: 'person_keys', column: 'person_id' },
): { joins: string; personId: string } {
  const a = checkAlias(alias);
  const table = checkAlias(keys.table);
  const column = checkAlias(keys.column);
  const [k1, k2, e1, e2] =
    kind === 'events'
      ? ['user_id', 'anonymous_id', `${a}.user_id`, `${a}.anonymous_id`]
      : [
          'record',
          'email',
          `${a}.source || ':' || ${a}.customer_id`,
          `cx_norm_email(${a}.customer_email)`,
        ];
  return {
    joins: `LEFT JOIN ${table} ${a}_pk1 ON ${a}_pk1.key_kind = '${k1}' AND ${a}_pk1.key = ${e1}
    LEFT JOIN ${table} ${a}_pk2 ON ${a}_pk2.key_kind = '${k2}' AND ${a}_pk2.key = ${e2}`,
    personId: `coalesce(${a}_pk1.${column}, ${a}_pk2.${column})`,
  };
}
