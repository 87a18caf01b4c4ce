// identify → a customer record of the key's source: source_id = user_id = the userId, the
// Segment reserved traits (https://segment.com/docs/connections/spec/identify/#traits) mapped to
// customer columns, every other trait kept in `attributes`. The loader merges it into
// `customers` (newer non-null values win; attributes are merged key by key).
import { CUSTOMER_PERSON_FIELDS } from '../../schemas/index.js';

/** The customers columns the loader stages, in order; every value text or null. */
export const CUSTOMER_COLUMNS = [
  'source',
  'source_id',
  ...CUSTOMER_PERSON_FIELDS,
  'created_at',
  'attributes',
] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];
export type CustomerRow = Record<CustomerColumn, string | null>;

const TRAIT_FIELDS: Record<string, CustomerColumn> = {
  email: 'email',
  phone: 'phone',
  firstName: 'first_name',
  first_name: 'first_name',
  lastName: 'last_name',
  last_name: 'last_name',
  birthday: 'birth_date',
  birth_date: 'birth_date',
  createdAt: 'created_at',
  created_at: 'created_at',
};

const ADDRESS_FIELDS: Record<string, CustomerColumn> = {
  street: 'address',
  postalCode: 'postcode',
  postal_code: 'postcode',
  city: 'city',
  country: 'country',
};

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** The customer row of an identify message, or null when it names no user. */
export function customerFromIdentify(
  source: string,
  userId: string | null,
  traits: Record<string, unknown> | null,
): CustomerRow | null {
  if (!userId) return null;
  const row = { source, source_id: userId, user_id: userId } as CustomerRow;
  for (const col of CUSTOMER_COLUMNS) if (!(col in row)) row[col] = null;
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(traits ?? {})) {
    const col = TRAIT_FIELDS[key];
    if (col) row[col] = scalar(value);
    else if (key === 'address' && value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const addressCol = ADDRESS_FIELDS[k];
        if (addressCol) row[addressCol] = scalar(v);
        else rest[`address_${k}`] = v;
      }
    } else if (key === 'name' && typeof value === 'string') {
      rest.name = value;
      const parts = value.trim().split(/\s+/);
      if (parts.length >= 2) {
        row.first_name ??= parts.slice(0, -1).join(' ');
        row.last_name ??= parts.at(-1) ?? null;
      }
    } else if (key !== 'id' && key !== 'userId') rest[key] = value;
  }
  row.attributes = Object.keys(rest).length > 0 ? JSON.stringify(rest) : null;
  return row;
}
