// The typed table of one import into its entity table: new keys inserted, changed rows updated
// in the columns the file fills, and the browser / OS / device parsed from event user agents.
import type { EntityDef } from '../schemas/index.js';
import { parseUserAgent } from '../sources/index.js';
import {
  entityColumns,
  isActivityTable,
  logActivityChangesSql,
  type Store,
} from '../store/index.js';
import type { ResolvedMapping } from './mapping.js';
import { sqlIdent } from './sql-text.js';
import { BAD, TYPED } from './validate.js';

/** Columns parsed from event user agents when the file has none of their own. */
export const AGENT_COLUMNS = ['browser', 'browser_version', 'os', 'os_version', 'device_type'];

/** The columns this file fills: its mapped fields, what they derive, and attributes if kept. */
export function filledColumns(entity: EntityDef, resolved: ResolvedMapping): Set<string> {
  const out = new Set(resolved.fields.keys());
  if (entity.name === 'event' && out.has('user_agent')) for (const c of AGENT_COLUMNS) out.add(c);
  if (resolved.extra.length > 0) out.add('attributes');
  return out;
}

/**
 * Inserts new rows and updates changed ones, by (source, source_id). An update touches only the
 * columns this file fills (`filled`): re-importing a narrower export, or one with a column
 * mapped to "-", must not erase what an earlier import stored.
 */
export async function upsertTyped(
  store: Store,
  entity: EntityDef,
  hasRejects: boolean,
  filled: ReadonlySet<string>,
  /** a column of TYPED to count by (a file index): the result has one entry per value */
  group?: string,
): Promise<{ total: number; inserted: number; updated: number }[]> {
  const table = entity.table;
  const specs = entityColumns(entity);
  const cols = specs.map((s) => sqlIdent(s.name)).join(', ');
  const accepted = hasRejects
    ? `NOT t._bad AND t._rec NOT IN (SELECT rec FROM ${BAD})`
    : 'NOT t._bad';
  const g = group ? `t.${sqlIdent(group)}` : '0';
  const out: { total: number; inserted: number; updated: number }[] = [];
  const countBy = async (sql: string, key: 'total' | 'inserted' | 'updated') => {
    for (const r of await store.all<{ g: number; n: number }>(
      `SELECT ${g} AS g, count(*) AS n ${sql} GROUP BY ALL`,
    )) {
      out[r.g] ??= { total: 0, inserted: 0, updated: 0 };
      (out[r.g] as Record<typeof key, number>)[key] = r.n;
    }
  };
  await countBy(`FROM ${TYPED} t WHERE ${accepted}`, 'total');
  const source = (await store.one<{ s: string }>(`SELECT source AS s FROM ${TYPED} LIMIT 1`))?.s;
  const existing =
    source === undefined
      ? 0
      : ((
          await store.one<{ n: number }>(
            `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE source = ? LIMIT 1)`,
            [source],
          )
        )?.n ?? 0);
  // the keys of every row written (both values of a changed row) for the next score run
  const logChanges = (alias: string, from: string) =>
    isActivityTable(table) ? store.run(logActivityChangesSql(table, alias, from)) : undefined;
  if (existing === 0) {
    await logChanges('t', `FROM ${TYPED} t WHERE ${accepted}`);
    await store.run(
      `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${TYPED} t WHERE ${accepted}`,
    );
    for (const c of out) if (c) c.inserted = c.total;
    return out;
  }
  const key = 't.source = x.source AND t.source_id = x.source_id';
  const others = specs.filter(
    (s) => s.name !== 'source' && s.name !== 'source_id' && filled.has(s.name),
  );
  // a file of keys only updates nothing (its new keys are still inserted below)
  const differs =
    others
      .map((s) => `t.${sqlIdent(s.name)} IS DISTINCT FROM x.${sqlIdent(s.name)}`)
      .join(' OR ') || 'false';
  await countBy(
    `FROM ${TYPED} t JOIN ${table} x ON ${key} WHERE ${accepted} AND (${differs})`,
    'updated',
  );
  if (out.some((c) => c?.updated)) {
    const changed = `FROM ${TYPED} t JOIN ${table} x ON ${key} WHERE ${accepted} AND (${differs})`;
    await logChanges('x', changed);
    await logChanges('t', changed);
    await store.run(
      `UPDATE ${table} AS x SET ${others.map((s) => `${sqlIdent(s.name)} = t.${sqlIdent(s.name)}`).join(', ')} FROM ${TYPED} t WHERE ${key} AND ${accepted} AND (${differs})`,
    );
  }
  const fresh = `${accepted} AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE ${key})`;
  await countBy(`FROM ${TYPED} t WHERE ${fresh}`, 'inserted');
  await logChanges('t', `FROM ${TYPED} t WHERE ${fresh}`);
  await store.run(
    `INSERT INTO ${table} (${cols}) SELECT ${specs.map((s) => `t.${sqlIdent(s.name)}`).join(', ')} FROM ${TYPED} t WHERE ${fresh}`,
  );
  return out;
}

/** Browser / OS / device from the user agent, parsed once per distinct agent. */
export async function fillAgentColumns(store: Store): Promise<void> {
  const agents = await store.all<{ ua: string }>(
    'SELECT DISTINCT user_agent AS ua FROM _cx_typed WHERE user_agent IS NOT NULL AND (browser IS NULL OR os IS NULL OR device_type IS NULL)',
  );
  if (agents.length === 0) return;
  await store.run(
    'CREATE OR REPLACE TEMP TABLE _cx_ua (ua VARCHAR, browser VARCHAR, browser_version VARCHAR, os VARCHAR, os_version VARCHAR, device_type VARCHAR)',
  );
  const appender = await store.conn.createAppender('_cx_ua', 'main', 'temp');
  for (const { ua } of agents) {
    const p = parseUserAgent(ua);
    appender.appendVarchar(ua);
    for (const v of [p.browser, p.browser_version, p.os, p.os_version, p.device_type]) {
      if (v === null) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
  }
  appender.closeSync();
  await store.run(
    `UPDATE _cx_typed AS t SET browser = coalesce(t.browser, u.browser), browser_version = coalesce(t.browser_version, u.browser_version), os = coalesce(t.os, u.os), os_version = coalesce(t.os_version, u.os_version), device_type = coalesce(t.device_type, u.device_type) FROM _cx_ua u WHERE t.user_agent = u.ua`,
  );
  await store.run('DROP TABLE _cx_ua');
}
