// Normalises an e-mail address into the key that deterministic linking compares: trimmed,
// lower-cased, googlemail.com → gmail.com, dots removed from Gmail local parts, and "+tag"
// sub-addresses dropped for the providers that deliver them to the base mailbox. Returns null
// for anything that is not shaped like local@domain.tld.
// The SQL macro cx_norm_email (migration 003_identity.sql) implements the same rules so
// analytics can join activity e-mails in SQL; normalise-email.test.ts checks that they agree.

/** Providers that deliver local+tag@domain to local@domain (sub-addressing). */
export const PLUS_TAG_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'me.com',
  'fastmail.com',
  'protonmail.com',
  'proton.me',
] as const;

const EDGE_SPACE = /^[ \t\n\r\f\v\u00a0]+|[ \t\n\r\f\v\u00a0]+$/g;
const SHAPE = /^[^@ \t\n\r\f\v\u00a0]+@[^@ \t\n\r\f\v\u00a0]+\.[^@ \t\n\r\f\v\u00a0]+$/;
const PLUS_TAG_SET: ReadonlySet<string> = new Set(PLUS_TAG_DOMAINS);

export function normaliseEmail(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const trimmed = raw.replace(EDGE_SPACE, '').toLowerCase();
  if (!SHAPE.test(trimmed)) return null;
  const at = trimmed.lastIndexOf('@');
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (PLUS_TAG_SET.has(domain)) {
    const plus = local.indexOf('+');
    if (plus >= 0) local = local.slice(0, plus);
  }
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  if (local === '') return null;
  return `${local}@${domain}`;
}
