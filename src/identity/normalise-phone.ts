// Normalises a phone number to E.164 (+<country code><national number>) with libphonenumber-js,
// reading numbers without a "+" in the given default country. Returns null when the text is not
// a possible number. Numbers already written in international form skip the parser (a fast path
// that keeps 1M-record runs quick); they are only stripped of separators.
import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface NormalisePhoneOptions {
  /** ISO 3166-1 alpha-2 country used for numbers written without "+": 'GB', 'US', 'AU' … */
  defaultCountry?: string;
}

const SEPARATORS = /[\s\-().\u00a0/]/g;
const INTERNATIONAL = /^\+[1-9]\d{7,14}$/;

export function normalisePhone(
  raw: string | null | undefined,
  options: NormalisePhoneOptions = {},
): string | null {
  if (raw == null) return null;
  const compact = raw.replace(SEPARATORS, '');
  if (compact === '') return null;
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (INTERNATIONAL.test(international)) return international;
  const country = options.defaultCountry?.toUpperCase() as CountryCode | undefined;
  const parsed = parsePhoneNumberFromString(raw, country ? { defaultCountry: country } : {});
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}
