// Names, nicknames, e-mail addresses, phones and addresses for the demo's people, by country.
import type { Random } from './random.js';

export type Country = 'GB' | 'IE' | 'DE' | 'FR' | 'ES';
export const COUNTRIES: readonly Country[] = ['GB', 'IE', 'DE', 'FR', 'ES'];
export const COUNTRY_WEIGHTS: readonly number[] = [70, 8, 8, 7, 7];

const GB_FIRST_M = [
  'James',
  'Robert',
  'William',
  'Thomas',
  'Daniel',
  'Michael',
  'David',
  'Richard',
  'Joseph',
  'Christopher',
  'Matthew',
  'Andrew',
  'Edward',
  'Samuel',
  'Benjamin',
  'Oliver',
  'Harry',
  'George',
  'Jack',
  'Charles',
  'Anthony',
  'Peter',
  'Alexander',
  'Nicholas',
  'Jonathan',
  'Stephen',
  'Liam',
  'Noah',
  'Mohammed',
  'Arjun',
];
const GB_FIRST_F = [
  'Elizabeth',
  'Margaret',
  'Catherine',
  'Jennifer',
  'Sarah',
  'Emma',
  'Olivia',
  'Sophie',
  'Charlotte',
  'Emily',
  'Jessica',
  'Rebecca',
  'Victoria',
  'Hannah',
  'Lucy',
  'Amelia',
  'Grace',
  'Chloe',
  'Rachel',
  'Laura',
  'Susan',
  'Patricia',
  'Abigail',
  'Megan',
  'Katherine',
  'Samantha',
  'Alexandra',
  'Priya',
  'Aisha',
  'Zoe',
];
const GB_LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Patel',
  'Khan',
  'Lewis',
  'Harrison',
  'Hughes',
  'Edwards',
  'Turner',
  'Hill',
  'Cooper',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harris',
  'Martin',
  'Allen',
  'Young',
  'Mitchell',
  'Phillips',
  'Campbell',
  'Anderson',
  'Shaw',
  'Fletcher',
  'Whitfield',
  'Ashworth',
  'Pemberton',
  'Okafor',
];
const IE_FIRST_M = [
  'Sean',
  'Patrick',
  'Conor',
  'Ciaran',
  'Declan',
  'Eoin',
  'Michael',
  'James',
  'Cian',
  'Darragh',
];
const IE_FIRST_F = [
  'Aoife',
  'Siobhan',
  'Niamh',
  'Ciara',
  'Orla',
  'Sinead',
  'Mary',
  'Catherine',
  'Roisin',
  'Grainne',
];
const IE_LAST = [
  'Murphy',
  'Kelly',
  "O'Sullivan",
  'Walsh',
  "O'Brien",
  'Byrne',
  'Ryan',
  "O'Connor",
  "O'Neill",
  'Doyle',
  'McCarthy',
  'Gallagher',
  'Kennedy',
  'Lynch',
  'Murray',
];
const DE_FIRST_M = [
  'Lukas',
  'Maximilian',
  'Jonas',
  'Stefan',
  'Thomas',
  'Michael',
  'Andreas',
  'Matthias',
  'Johannes',
  'Florian',
];
const DE_FIRST_F = [
  'Anna',
  'Katharina',
  'Julia',
  'Sabine',
  'Stefanie',
  'Lena',
  'Laura',
  'Claudia',
  'Susanne',
  'Johanna',
];
const DE_LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
];
const FR_FIRST_M = [
  'Jean',
  'Pierre',
  'Nicolas',
  'Julien',
  'Antoine',
  'Thomas',
  'François',
  'Mathieu',
  'Louis',
  'Hugo',
];
const FR_FIRST_F = [
  'Marie',
  'Camille',
  'Élodie',
  'Sophie',
  'Claire',
  'Julie',
  'Manon',
  'Chloé',
  'Isabelle',
  'Céline',
];
const FR_LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
];
const ES_FIRST_M = [
  'Alejandro',
  'Javier',
  'Carlos',
  'Manuel',
  'José',
  'David',
  'Daniel',
  'Pablo',
  'Sergio',
  'Jorge',
];
const ES_FIRST_F = [
  'María',
  'Lucía',
  'Carmen',
  'Laura',
  'Marta',
  'Elena',
  'Ana',
  'Paula',
  'Cristina',
  'Isabel',
];
const ES_LAST = [
  'García',
  'Fernández',
  'González',
  'Rodríguez',
  'López',
  'Martínez',
  'Sánchez',
  'Pérez',
  'Gómez',
  'Martín',
  'Jiménez',
  'Ruiz',
  'Hernández',
  'Díaz',
  'Moreno',
];

const NAMES: Record<Country, { m: string[]; f: string[]; last: string[] }> = {
  GB: { m: GB_FIRST_M, f: GB_FIRST_F, last: GB_LAST },
  IE: { m: IE_FIRST_M, f: IE_FIRST_F, last: IE_LAST },
  DE: { m: DE_FIRST_M, f: DE_FIRST_F, last: DE_LAST },
  FR: { m: FR_FIRST_M, f: FR_FIRST_F, last: FR_LAST },
  ES: { m: ES_FIRST_M, f: ES_FIRST_F, last: ES_LAST },
};

/** Common nicknames: a person may use one in a less formal system. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Robert: ['Bob', 'Rob', 'Bobby'],
  William: ['Bill', 'Will', 'Liam'],
  Elizabeth: ['Liz', 'Beth', 'Lizzie'],
  Margaret: ['Maggie', 'Peggy', 'Meg'],
  Catherine: ['Cathy', 'Kate', 'Cat'],
  Katherine: ['Kate', 'Katie', 'Kathy'],
  James: ['Jim', 'Jamie'],
  Thomas: ['Tom', 'Tommy'],
  Daniel: ['Dan', 'Danny'],
  Michael: ['Mike', 'Mick'],
  David: ['Dave'],
  Richard: ['Rick', 'Dick', 'Rich'],
  Joseph: ['Joe'],
  Christopher: ['Chris'],
  Matthew: ['Matt'],
  Andrew: ['Andy', 'Drew'],
  Edward: ['Ed', 'Ted', 'Eddie'],
  Samuel: ['Sam'],
  Benjamin: ['Ben'],
  Alexander: ['Alex', 'Sandy'],
  Nicholas: ['Nick'],
  Jonathan: ['Jon'],
  Stephen: ['Steve'],
  Anthony: ['Tony'],
  Charles: ['Charlie', 'Chas'],
  Peter: ['Pete'],
  Jennifer: ['Jen', 'Jenny'],
  Jessica: ['Jess'],
  Rebecca: ['Becky', 'Becca'],
  Victoria: ['Vicky', 'Tori'],
  Samantha: ['Sam'],
  Alexandra: ['Alex', 'Lexi'],
  Abigail: ['Abby'],
  Patricia: ['Pat', 'Trish'],
  Susan: ['Sue'],
  Emily: ['Em'],
  Charlotte: ['Charlie', 'Lottie'],
  Olivia: ['Liv'],
  Patrick: ['Paddy', 'Pat'],
  Johannes: ['Hannes'],
  Maximilian: ['Max'],
  Katharina: ['Kathi'],
  Alejandro: ['Álex'],
  Francisco: ['Paco'],
  José: ['Pepe'],
  Nicolas: ['Nico'],
  Stefanie: ['Steffi'],
};

const PROVIDERS: Record<Country, readonly string[]> = {
  GB: [
    'gmail.com',
    'gmail.com',
    'gmail.com',
    'outlook.com',
    'hotmail.co.uk',
    'yahoo.co.uk',
    'icloud.com',
    'btinternet.com',
    'sky.com',
  ],
  IE: ['gmail.com', 'gmail.com', 'eircom.net', 'outlook.ie', 'yahoo.ie', 'icloud.com'],
  DE: ['gmail.com', 'gmx.de', 'web.de', 't-online.de', 'outlook.de'],
  FR: ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'hotmail.fr'],
  ES: ['gmail.com', 'gmail.com', 'hotmail.es', 'yahoo.es', 'telefonica.net'],
};
export const WORK_DOMAINS = [
  'acme-corp.com',
  'brightside.co.uk',
  'nhs.net',
  'contoso.eu',
  'fabrikam.io',
  'globex.com',
];

const CITIES: Record<Country, readonly string[]> = {
  GB: [
    'London',
    'London',
    'London',
    'Manchester',
    'Birmingham',
    'Leeds',
    'Bristol',
    'Glasgow',
    'Edinburgh',
    'Liverpool',
    'Sheffield',
    'Cardiff',
    'Nottingham',
    'Brighton',
    'York',
    'Oxford',
    'Cambridge',
    'Bath',
    'Norwich',
    'Leicester',
  ],
  IE: ['Dublin', 'Dublin', 'Cork', 'Galway', 'Limerick', 'Waterford'],
  DE: ['Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt am Main', 'Stuttgart'],
  FR: ['Paris', 'Paris', 'Lyon', 'Marseille', 'Toulouse', 'Bordeaux', 'Nantes'],
  ES: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Bilbao', 'Málaga'],
};
const STREETS: Record<Country, readonly string[]> = {
  GB: [
    'High Street',
    'Station Road',
    'Church Lane',
    'Victoria Road',
    'Acacia Avenue',
    'Mill Lane',
    'Park Road',
    'The Crescent',
    'Queens Road',
    'Green Lane',
    'Manor Way',
    'Kings Avenue',
  ],
  IE: ['Main Street', 'Church Road', 'Strand Road', 'Ashfield Park', 'Seafield Road'],
  DE: ['Hauptstraße', 'Schulstraße', 'Gartenweg', 'Bahnhofstraße', 'Lindenallee'],
  FR: [
    'rue de la République',
    'avenue Victor Hugo',
    'rue des Lilas',
    'boulevard Voltaire',
    'rue Pasteur',
  ],
  ES: [
    'Calle Mayor',
    'Avenida de la Constitución',
    'Calle del Sol',
    'Paseo de Gracia',
    'Calle Real',
  ],
};
const GB_AREAS = [
  'SW',
  'SE',
  'N',
  'E',
  'W',
  'M',
  'B',
  'LS',
  'BS',
  'G',
  'EH',
  'L',
  'S',
  'CF',
  'NG',
  'BN',
  'YO',
  'OX',
  'CB',
  'BA',
];

export const LOCALES: Record<Country, string> = {
  GB: 'en-GB',
  IE: 'en-IE',
  DE: 'de-DE',
  FR: 'fr-FR',
  ES: 'es-ES',
};
export const CURRENCY: Record<Country, string> = {
  GB: 'GBP',
  IE: 'EUR',
  DE: 'EUR',
  FR: 'EUR',
  ES: 'EUR',
};
const DIAL: Record<Country, string> = { GB: '44', IE: '353', DE: '49', FR: '33', ES: '34' };

export interface Name {
  first: string;
  last: string;
}

export function pickName(rng: Random, country: Country): Name {
  const n = NAMES[country];
  const first = rng.chance(0.5) ? rng.pick(n.m) : rng.pick(n.f);
  return { first, last: rng.pick(n.last) };
}

/** Lower-case ASCII letters only, for e-mail local parts. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export function makeEmail(rng: Random, name: Name, country: Country, provider?: string): string {
  const f = asciiSlug(name.first);
  const l = asciiSlug(name.last);
  const domain = provider ?? rng.pick(PROVIDERS[country]);
  const year = String(rng.int(60, 99));
  const local = rng.weighted(
    [
      `${f}.${l}`,
      `${f}${l}`,
      `${f[0] ?? 'x'}${l}`,
      `${f}.${l}${year}`,
      `${f}_${l}`,
      `${l}.${f}`,
      `${f}${rng.int(1, 999)}`,
    ],
    [30, 15, 15, 12, 6, 6, 16],
  );
  return `${local}@${domain}`;
}

export function pickProvider(rng: Random, country: Country): string {
  return rng.pick(PROVIDERS[country]);
}

/** A phone as country + national significant number (digits only, no trunk 0). */
export interface Phone {
  country: Country;
  nsn: string;
}

export function makePhone(rng: Random, country: Country): Phone {
  const digits = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
    return s;
  };
  switch (country) {
    case 'GB':
      return { country, nsn: `7${rng.pick(['4', '5', '7', '8', '9'])}${digits(8)}` };
    case 'IE':
      return { country, nsn: `8${rng.pick(['3', '5', '6', '7'])}${digits(7)}` };
    case 'DE':
      return { country, nsn: `1${rng.pick(['51', '52', '60', '70', '76'])}${digits(8)}` };
    case 'FR':
      return { country, nsn: `${rng.pick(['6', '7'])}${digits(8)}` };
    case 'ES':
      return { country, nsn: `6${digits(8)}` };
  }
}

/** The phone written the way a given system tends to store it. */
export function formatPhone(rng: Random, p: Phone, style?: number): string {
  const cc = DIAL[p.country];
  const national = p.country === 'ES' ? p.nsn : `0${p.nsn}`;
  const s = style ?? rng.int(0, 5);
  const groups = (t: string, sizes: number[], sep: string) => {
    const out: string[] = [];
    let i = 0;
    for (const n of sizes) {
      out.push(t.slice(i, i + n));
      i += n;
    }
    if (i < t.length) out.push(t.slice(i));
    return out.filter((x) => x.length > 0).join(sep);
  };
  switch (s) {
    case 0:
      return `+${cc}${p.nsn}`;
    case 1:
      return `+${cc} ${groups(p.nsn, [4, 3], ' ')}`;
    case 2:
      return groups(national, [5, 3], ' ');
    case 3:
      return groups(national, [5, 3], '-');
    case 4:
      return `00${cc} ${p.nsn}`;
    default:
      return `+${cc} (0)${groups(p.nsn, [4], ' ')}`;
  }
}

export interface Address {
  street: string;
  postcode: string;
  city: string;
}

export function makeAddress(rng: Random, country: Country): Address {
  const street = rng.pick(STREETS[country]);
  const no = rng.int(1, 180);
  const city = rng.pick(CITIES[country]);
  const L = 'ABDEFGHJLNPQRSTUWXYZ';
  let postcode: string;
  if (country === 'GB') {
    postcode = `${rng.pick(GB_AREAS)}${rng.int(1, 20)} ${rng.int(1, 9)}${L[rng.int(0, 19)]}${L[rng.int(0, 19)]}`;
  } else if (country === 'IE') {
    postcode = `D${String(rng.int(1, 24)).padStart(2, '0')} ${L[rng.int(0, 19)]}${rng.int(100, 999)}`;
  } else {
    postcode = String(rng.int(10000, 99999));
  }
  const line =
    country === 'GB' || country === 'IE'
      ? `${no} ${street}`
      : country === 'FR'
        ? `${no} ${street}`
        : `${street} ${no}`;
  return { street: line, postcode, city };
}
