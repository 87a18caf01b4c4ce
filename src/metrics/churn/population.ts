// Who is a customer, when they arrived and when (if) they churned, from the store.
// Activity: one row per person and UTC day with the day's revenue (order amounts), from the
// tables named in config.activity, attached to person_id through identity's person_keys (or,
// before identity has run, the record key source:customer_id / the lower-cased e-mail; events by
// user_id, else anonymous_id).
// Lifetimes as of an observation end E (nothing after E is read):
// - inactivity (N days): first = first activity day, churned ⇔ E − last activity ≥ N days, and
//   the churn date is the last activity day (the day the customer actually left, known N days later);
// - subscription: first = first start; churned ⇔ every subscription has ended on or before E,
//   churn date = the last end.
import { attachPersonSql } from '../../identity/index.js';
import type { Store } from '../../store/index.js';
import type { ActivitySource, ChurnConfig } from './config.js';
import { isoDay } from './dates.js';

export const ACTIVITY_TABLE = 'cx_churn_activity';
export const LIFETIMES_TABLE = 'cx_churn_lifetimes';

export interface PersonRef {
  joins: string;
  personId: string;
}

/** True when identity resolution has run (person_keys has rows). */
export async function hasIdentity(store: Store): Promise<boolean> {
  const row = await store.one<{ n: number }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM person_keys LIMIT 1)',
  );
  return (row?.n ?? 0) > 0;
}

/** SQL that names the person of a row of `alias` (activity tables or events). */
export function personRef(
  kind: 'events' | 'activity',
  alias: string,
  identity: boolean,
): PersonRef {
  if (identity) return attachPersonSql(kind, alias);
  attachPersonSql(kind, alias); // validates the alias
  return kind === 'events'
    ? { joins: '', personId: `coalesce(${alias}.user_id, ${alias}.anonymous_id)` }
    : {
        joins: '',
        personId: `coalesce(${alias}.source || ':' || ${alias}.customer_id, lower(trim(${alias}.customer_email)))`,
      };
}

const ACTIVITY_COLUMNS: Record<ActivitySource, { at: string; amount: string }> = {
  orders: { at: 'placed_at', amount: 'a.amount' },
  events: { at: 'timestamp', amount: '0.0' },
  tickets: { at: 'opened_at', amount: '0.0' },
  survey_responses: { at: 'responded_at', amount: '0.0' },
  posts: { at: 'posted_at', amount: '0.0' },
};

function activitySelect(source: ActivitySource, identity: boolean): string {
  const ref = personRef(source === 'events' ? 'events' : 'activity', 'a', identity);
  const c = ACTIVITY_COLUMNS[source];
  return `SELECT ${ref.personId} AS person_id, CAST(a.${c.at} AS DATE) AS day, sum(${c.amount}) AS amount
    FROM ${source} a ${ref.joins} WHERE a.${c.at} IS NOT NULL GROUP BY ALL`;
}

/** (Re)builds the temp activity table: person_id, day, amount (revenue that day). */
export async function buildActivity(
  store: Store,
  cfg: ChurnConfig,
): Promise<{ identity: boolean }> {
  const identity = await hasIdentity(store);
  const sources = [...new Set<ActivitySource>(['orders', ...cfg.activity])];
  await store.run(`CREATE OR REPLACE TEMP TABLE ${ACTIVITY_TABLE} AS
    SELECT person_id, day, sum(amount) AS amount, bool_or(is_activity) AS is_activity FROM (
      ${sources
        .map(
          (s) =>
            `SELECT person_id, day, amount, ${cfg.activity.includes(s)} AS is_activity FROM (${activitySelect(s, identity)})`,
        )
        .join('\nUNION ALL\n')}
    ) WHERE person_id IS NOT NULL GROUP BY person_id, day`);
  return { identity };
}

/** Last day with data: latest activity (and, for subscriptions, latest start or end). */
export async function dataEnd(store: Store, cfg: ChurnConfig): Promise<Date | null> {
  const sub =
    cfg.definition.kind === 'subscription'
      ? `UNION ALL SELECT max(CAST(greatest(started_at, coalesce(ended_at, started_at)) AS DATE)) FROM subscriptions`
      : '';
  const row = await store.one<{ d: Date | null }>(
    `SELECT max(d) AS d FROM (SELECT max(day) AS d FROM ${ACTIVITY_TABLE} WHERE is_activity ${sub})`,
  );
  return row?.d ? new Date(row.d) : null;
}

/**
 * SQL selecting (person_id, first_at DATE, churn_at DATE|NULL) as of the day in parameter
 * `endParam`; `daysParam` holds the inactivity days (unused for subscriptions).
 */
export function lifetimesSql(
  cfg: ChurnConfig,
  identity: boolean,
  endParam = '$1',
  daysParam = '$2',
): string {
  const end = `CAST(${endParam} AS DATE)`;
  if (cfg.definition.kind === 'inactivity') {
    return `SELECT person_id, min(day) AS first_at,
        CASE WHEN date_diff('day', max(day), ${end}) >= ${daysParam} THEN max(day) END AS churn_at
      FROM ${ACTIVITY_TABLE} WHERE is_activity AND day <= ${end} GROUP BY person_id`;
  }
  const ref = personRef('activity', 's', identity);
  return `SELECT person_id, min(first_at) AS first_at,
      CASE WHEN bool_and(ended) THEN max(end_at) END AS churn_at
    FROM (SELECT ${ref.personId} AS person_id, CAST(s.started_at AS DATE) AS first_at,
            s.ended_at IS NOT NULL AND s.ended_at < ${end} + INTERVAL 1 DAY AS ended,
            CAST(s.ended_at AS DATE) AS end_at
          FROM subscriptions s ${ref.joins} WHERE s.started_at < ${end} + INTERVAL 1 DAY)
    WHERE person_id IS NOT NULL GROUP BY person_id`;
}

/** Inactivity days of the definition (0 for subscriptions). */
export function inactivityDays(cfg: ChurnConfig): number {
  return cfg.definition.kind === 'inactivity' ? cfg.definition.days : 0;
}

export interface Population {
  identity: boolean;
  /** Observation end (UTC day). */
  end: Date;
}

/**
 * Builds the activity and lifetimes temp tables as of `end` (default: the data end) and returns
 * the observation end, or null when the store has no activity.
 */
export async function buildPopulation(
  store: Store,
  cfg: ChurnConfig,
  end?: Date,
): Promise<Population | null> {
  const { identity } = await buildActivity(store, cfg);
  const last = end ?? (await dataEnd(store, cfg));
  if (!last) return null;
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${LIFETIMES_TABLE} AS ${lifetimesSql(cfg, identity)}`,
    [isoDay(last), inactivityDays(cfg)],
  );
  return { identity, end: last };
}
