// Seeded synthetic customers with planted duplicates, for tests and bench/identity.bench.ts.
// Each person gets one original record; a share of persons get a duplicate in another source,
// corrupted the way exports differ: a typo in a name, a nickname, a missing field, an e-mail
// written differently (case, Gmail dots, +tag), a phone in national format, day and month of
// birth swapped, "street" abbreviated. The true person of every record is returned.
import { mulberry32 } from '../lib/random.js';
import type { Store } from '../store/index.js';
import { appendStrings } from './prepare-records.js';

export interface SyntheticOptions {
  persons: number;
  /** Share of persons that get a duplicate record (default 0.2). */
  duplicateRate?: number;
  seed?: number;
}

const FIRST = [
  'james',
  'mary',
  'robert',
  'patricia',
  'john',
  'jennifer',
  'michael',
  'linda',
  'william',
  'elizabeth',
  'david',
  'barbara',
  'richard',
  'susan',
  'joseph',
  'jessica',
  'thomas',
  'sarah',
  'charles',
  'karen',
  'daniel',
  'nancy',
  'matthew',
  'lisa',
  'anthony',
  'betty',
  'mark',
  'margaret',
  'donald',
  'sandra',
  'steven',
  'ashley',
  'paul',
  'kimberly',
  'andrew',
  'emily',
  'joshua',
  'donna',
  'kenneth',
  'michelle',
  'kevin',
  'dorothy',
  'brian',
  'carol',
  'george',
  'amanda',
  'edward',
  'melissa',
  'ronald',
  'deborah',
  'timothy',
  'stephanie',
  'jason',
  'rebecca',
  'jeffrey',
  'sharon',
  'ryan',
  'laura',
  'jacob',
  'cynthia',
  'gary',
  'kathleen',
  'nicholas',
  'amy',
  'eric',
  'shirley',
  'jonathan',
  'angela',
  'stephen',
  'helen',
  'larry',
  'anna',
  'justin',
  'brenda',
  'scott',
  'pamela',
  'brandon',
  'nicole',
  'benjamin',
  'emma',
  'samuel',
  'samantha',
  'gregory',
  'katherine',
  'frank',
  'christine',
  'alexander',
  'debra',
  'raymond',
  'rachel',
  'patrick',
  'catherine',
  'jack',
  'carolyn',
  'dennis',
  'janet',
  'jerry',
  'ruth',
  'tyler',
  'maria',
];
const NICK: Record<string, string> = {
  robert: 'Bob',
  william: 'Bill',
  elizabeth: 'Liz',
  michael: 'Mike',
  james: 'Jim',
  richard: 'Dick',
  joseph: 'Joe',
  thomas: 'Tom',
  daniel: 'Dan',
  matthew: 'Matt',
  anthony: 'Tony',
  steven: 'Steve',
  andrew: 'Andy',
  katherine: 'Kate',
  samuel: 'Sam',
  patricia: 'Patty',
  margaret: 'Maggie',
  rebecca: 'Becky',
  jennifer: 'Jen',
  edward: 'Ed',
};
const SYL = [
  'an',
  'ber',
  'cal',
  'dor',
  'el',
  'fin',
  'gar',
  'hol',
  'is',
  'jen',
  'kin',
  'lor',
  'mar',
  'nor',
  'ost',
  'pet',
  'quin',
  'ros',
  'son',
  'tal',
  'ul',
  'ver',
  'wil',
  'yat',
  'zel',
  'brook',
  'croft',
  'ley',
  'man',
  'ton',
  'wood',
  'field',
  'ham',
  'ford',
  'well',
  'by',
];
const STREET = ['street', 'road', 'avenue', 'lane', 'close', 'drive', 'place', 'crescent'];
const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'example.org', 'mail.net'];
const SOURCES = ['crm', 'shop', 'support', 'forum'];

const cap = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);

function typo(s: string, r: () => number): string {
  if (s.length < 3) return s;
  const i = 1 + Math.floor(r() * (s.length - 2));
  const kind = r();
  if (kind < 0.33) return s.slice(0, i) + s.slice(i + 1);
  if (kind < 0.66) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  return s.slice(0, i) + String.fromCharCode(97 + Math.floor(r() * 26)) + s.slice(i + 1);
}

/** Inserts the records into customers; returns the true person label per record key. */
export async function generateCustomers(
  store: Store,
  options: SyntheticOptions,
): Promise<Map<string, string>> {
  const r = mulberry32(options.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const dupRate = options.duplicateRate ?? 0.2;
  const truth = new Map<string, string>();
  const rows: (string | null)[][] = [];
  for (let p = 0; p < options.persons; p++) {
    const first = pick(FIRST);
    const last = pick(SYL) + pick(SYL) + (r() < 0.5 ? pick(SYL) : '');
    const year = 1940 + Math.floor(r() * 65);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const dob = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const postcode = String(1000 + Math.floor(r() * 9000));
    const city = cap(pick(SYL) + pick(SYL));
    const address = `${1 + Math.floor(r() * 200)} ${cap(pick(SYL) + pick(SYL))} ${cap(pick(STREET))}`;
    const domain = pick(DOMAINS);
    const email = `${first}.${last}${Math.floor(r() * 100)}@${domain}`;
    const phone = `+447${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
    const created = `20${String(10 + Math.floor(r() * 14))}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)} 10:00:00`;
    const source = pick(SOURCES);
    const id = `p${p}`;
    const key = `${source}:${id}`;
    truth.set(key, id);
    rows.push([
      source,
      id,
      source === 'shop' ? `u${p}` : null,
      email,
      phone,
      cap(first),
      cap(last),
      dob,
      address,
      postcode,
      city,
      'GB',
      created,
    ]);
    if (r() >= dupRate) continue;
    const dupSource = SOURCES[
      (SOURCES.indexOf(source) + 1 + Math.floor(r() * 3)) % SOURCES.length
    ] as string;
    let dFirst: string | null = cap(first);
    let dLast: string | null = cap(last);
    let dEmail: string | null = email;
    let dPhone: string | null = phone;
    let dDob: string | null = dob;
    let dAddress: string | null = address;
    let dPostcode: string | null = postcode;
    const corruptions = 1 + Math.floor(r() * 3);
    for (let c = 0; c < corruptions; c++) {
      const k = Math.floor(r() * 9);
      if (k === 0) dFirst = NICK[first] ?? cap(typo(first, r));
      else if (k === 1) dLast = cap(typo(last, r));
      else if (k === 2)
        dEmail =
          r() < 0.5
            ? null
            : domain === 'gmail.com'
              ? email.replace('.', '').toUpperCase()
              : `${typo(email.split('@')[0] ?? '', r)}@${domain}`;
      else if (k === 3) dPhone = r() < 0.5 ? null : `07${phone.slice(4, 7)} ${phone.slice(7)}`;
      else if (k === 4)
        dDob =
          day <= 12
            ? `${year}-${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}`
            : null;
      else if (k === 5)
        dAddress = address.replace(/ (Street|Road|Avenue)$/, (m) =>
          m === ' Street' ? ' St' : m === ' Road' ? ' Rd' : ' Ave',
        );
      else if (k === 6) dPostcode = r() < 0.5 ? null : typo(postcode, r);
      else if (k === 7) dEmail = email.replace('@', `+${dupSource}@`);
      else dAddress = null;
    }
    const dupKey = `${dupSource}:d${p}`;
    truth.set(dupKey, id);
    rows.push([
      dupSource,
      `d${p}`,
      dupSource === 'shop' ? `u${p}` : null,
      dEmail,
      dPhone,
      dFirst,
      dLast,
      dDob,
      dAddress,
      dPostcode,
      city,
      'GB',
      created,
    ]);
  }
  await store.run(`CREATE OR REPLACE TEMP TABLE synth_stage (source VARCHAR, source_id VARCHAR, user_id VARCHAR, email VARCHAR,
    phone VARCHAR, first_name VARCHAR, last_name VARCHAR, birth_date VARCHAR, address VARCHAR, postcode VARCHAR,
    city VARCHAR, country VARCHAR, created_at VARCHAR)`);
  await appendStrings(store, 'synth_stage', rows);
  await store.run(`INSERT INTO customers (source, source_id, user_id, email, phone, first_name, last_name, birth_date,
      address, postcode, city, country, created_at)
    SELECT source, source_id, user_id, email, phone, first_name, last_name, try_cast(birth_date AS DATE), address,
      postcode, city, country, try_cast(created_at AS TIMESTAMP) FROM synth_stage`);
  await store.run('DROP TABLE synth_stage');
  return truth;
}
