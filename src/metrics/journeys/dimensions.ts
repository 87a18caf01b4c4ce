// Breakdown dimensions: a whitelist mapping user-facing names to event columns (identifiers are
// never taken from input), plus `prop:<key>` for a top-level key of the event properties (the key
// is passed as a parameter).
import { InputError } from '../../lib/errors.js';
import type { SqlParam } from '../../store/index.js';

/** Dimension name → events column. Aliases point at the same column. */
export const DIMENSION_COLUMNS: Record<string, string> = {
  browser: 'browser',
  browser_version: 'browser_version',
  os: 'os',
  os_version: 'os_version',
  device: 'device_type',
  device_type: 'device_type',
  app_version: 'app_version',
  app: 'app_version',
  country: 'country',
  locale: 'locale',
  channel: 'campaign_medium',
  campaign_medium: 'campaign_medium',
  campaign_source: 'campaign_source',
  campaign: 'campaign_name',
  campaign_name: 'campaign_name',
  variant: 'variant',
  experiment: 'variant',
  page_path: 'page_path',
  source: 'source',
  referrer: 'referrer',
};

/** Dimensions where a concentrated drop points at technology. */
export const TECH_DIMENSIONS = [
  'browser',
  'os',
  'device',
  'app_version',
  'browser_version',
] as const;

export interface Dimension {
  name: string;
  sql: string;
  params: SqlParam[];
}

/** The SQL expression (over events alias `e`) for a dimension name. */
export function dimensionSql(name: string, alias = 'e'): Dimension {
  const column = DIMENSION_COLUMNS[name];
  if (column) return { name, sql: `${alias}.${column}`, params: [] };
  const prop = /^(?:prop|properties)[:.]([A-Za-z0-9_]+)$/.exec(name);
  if (prop)
    return { name, sql: `json_extract_string(${alias}.properties, ?)`, params: [`$.${prop[1]}`] };
  if (name === 'partner')
    return { name, sql: `json_extract_string(${alias}.properties, '$.partner_id')`, params: [] };
  throw new InputError(
    'INPUT_UNKNOWN_DIMENSION',
    `breakdown "${name}": not a known dimension (expected one of ${[...Object.keys(DIMENSION_COLUMNS), 'partner'].join(', ')}, or prop:<key>)`,
  );
}
