// The people of Northwind Home: who they are, which systems know them and how each system
// recorded them (identity variants), and their latent behaviour (satisfaction, activity,
// vocalness; a silent at-risk group of ~5 %).
import type { Plan } from './catalog.js';
import { deviceAt, pickDevice } from './devices.js';
import type { Person, RecordView } from './model.js';
import {
  asciiSlug,
  COUNTRIES,
  COUNTRY_WEIGHTS,
  formatPhone,
  makeAddress,
  makeEmail,
  makePhone,
  type Name,
  NICKNAMES,
  pickName,
  pickProvider,
  WORK_DOMAINS,
} from './people.js';
import type { Random } from './random.js';
import { DAY_MS, isoDate } from './time.js';
import { emailCase, gmailVariant, typo } from './typos.js';

const YEAR_MS = 365 * DAY_MS;
/** Silent group: support contacts with trouble per person, at least and at most. */
export const SILENT_TROUBLE_MIN = 2;
export const SILENT_TROUBLE_MAX = 4;
/** Silent group: their trouble falls in this first share of the period (churn can follow). */
export const SILENT_TROUBLE_SPAN = 0.75;

function nickname(rng: Random, first: string): string {
  const options = NICKNAMES[first];
  return options ? rng.pick(options) : first;
}

function maybeTypo(rng: Random, text: string, p: number): string {
  return rng.chance(p) ? typo(rng, text) : text;
}

export function buildPopulation(rng: Random, count: number, plan: Plan): Person[] {
  const used = new Set<string>();
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const country = rng.weighted(COUNTRIES, COUNTRY_WEIGHTS);
    let name: Name = pickName(rng, country);
    // genuinely different people who share a common name (and often a city)
    const twin = i > 20 && rng.chance(0.02) ? rng.pick(people) : undefined;
    if (twin && twin.country === country) name = { ...twin.name };
    let email = makeEmail(rng, name, country);
    while (used.has(email)) email = makeEmail(rng, name, country);
    used.add(email);
    const oldEmail = rng.chance(0.1)
      ? makeEmail(rng, name, country, pickProvider(rng, country))
      : undefined;
    const before = rng.chance(0.7);
    const createdMs = before
      ? plan.startMs - Math.floor(rng.uniform(0.02, 3) * YEAR_MS)
      : plan.startMs + Math.floor(rng.next() * (plan.endMs - plan.startMs - DAY_MS));
    const device = pickDevice(rng);
    const born = plan.startMs - Math.floor(rng.uniform(19, 78) * YEAR_MS);
    const lang = country === 'ES' ? 'es' : country === 'DE' ? 'de' : country === 'FR' ? 'fr' : 'en';
    const vocalRaw = rng.chance(0.25) ? rng.uniform(0.4, 1) : rng.uniform(0.02, 0.3);
    people.push({
      idx: i,
      country,
      lang,
      name,
      email,
      oldEmail: oldEmail === email ? undefined : oldEmail,
      phone: makePhone(rng, country),
      address:
        twin && twin.country === country && rng.chance(0.5)
          ? { ...makeAddress(rng, country), city: twin.address.city }
          : makeAddress(rng, country),
      birthDate: isoDate(born),
      createdMs,
      satisfaction: rng.normal(),
      activity: rng.logNormal(0.65, 0.7),
      vocal: vocalRaw,
      silent: false,
      trouble: [],
      device,
      agent: rng.pick(deviceAt(device).agents),
      anonId: rng.uuid(),
      crm: undefined,
      shop: undefined,
      support: undefined,
      forum: undefined,
      supportUsed: false,
      forumHandle: `${asciiSlug(name.first)}${rng.pick(['_', '.', '', ''])}${rng.pick([asciiSlug(name.last).slice(0, 4), String(rng.int(1, 99)), 'home', 'cooks', 'diy'])}`,
      churnDay: undefined,
      bad: 0,
      troubled: 0,
      plus: undefined,
    });
  }
  people.sort((a, b) => a.createdMs - b.createdMs || a.idx - b.idx);
  people.forEach((p, i) => {
    p.idx = i;
  });
  assignSystems(rng, people, plan);
  return people;
}

function assignSystems(rng: Random, people: Person[], plan: Plan): void {
  let crmN = 0;
  let shopN = 0;
  let forumN = 0;
  for (const p of people) {
    const r = rng.next();
    const hasCrm = r < 0.86 || (r >= 0.92 && r < 0.96);
    const hasShop = r < 0.92;
    const forumOnly = r >= 0.96 && r < 0.98;
    const inForum = forumOnly || ((hasCrm || hasShop) && rng.chance(0.14));
    const { first, last } = p.name;
    const gmail = p.email.endsWith('@gmail.com');
    if (hasCrm) {
      crmN++;
      p.crm = {
        id: `C${String(crmN).padStart(6, '0')}`,
        first: maybeTypo(rng, first, 0.03),
        last: maybeTypo(rng, last, 0.04),
        email: p.oldEmail ?? (rng.chance(0.03) ? emailCase(rng, p.email) : p.email),
        phone: rng.chance(0.1) ? '' : formatPhone(rng, p.phone, rng.chance(0.7) ? 1 : 0),
      };
    }
    if (hasShop) {
      shopN++;
      const nick = rng.chance(0.08);
      p.shop = {
        id: String(100000 + shopN * 7 + rng.int(0, 6)),
        first: nick ? nickname(rng, first) : maybeTypo(rng, first, 0.03),
        last: maybeTypo(rng, last, 0.03),
        email: gmail && rng.chance(0.25) ? gmailVariant(rng, p.email) : p.email,
        phone: rng.chance(0.15) ? '' : formatPhone(rng, p.phone, rng.pick([0, 2, 3, 4, 5])),
      };
    }
    if (inForum) {
      forumN++;
      p.forum = {
        id: `FM${String(forumN).padStart(5, '0')}`,
        first: rng.chance(0.35) ? nickname(rng, first) : maybeTypo(rng, first, 0.03),
        last: rng.chance(0.5) ? last : '',
        email: gmail && rng.chance(0.3) ? gmailVariant(rng, p.email) : p.email,
        phone: '',
      };
    }
    const r2 = rng.next();
    const supportEmail =
      r2 < 0.08
        ? `${asciiSlug(first)}.${asciiSlug(last)}@${rng.pick(WORK_DOMAINS)}`
        : p.oldEmail && r2 < 0.5
          ? p.oldEmail
          : gmail && r2 > 0.85
            ? gmailVariant(rng, p.email)
            : p.email;
    p.support = {
      id: '',
      first: rng.chance(0.15) ? nickname(rng, first) : maybeTypo(rng, first, 0.04),
      last: maybeTypo(rng, last, 0.04),
      email: supportEmail,
      phone: rng.chance(0.6) ? '' : formatPhone(rng, p.phone),
    };
    // Plus membership
    if (p.shop && rng.chance(0.14)) {
      const annual = rng.chance(0.3);
      p.plus = {
        startMs: Math.max(p.createdMs, plan.startMs - Math.floor(rng.uniform(-0.4, 1) * YEAR_MS)),
        plan: annual ? 'Plus Annual' : 'Plus Monthly',
        mrr: annual ? 4.17 : 4.99,
      };
    }
  }
  // the silent at-risk group: long-standing customers known to both CRM and shop
  const eligible = people.filter((p) => p.crm && p.shop && p.createdMs < plan.startMs);
  const silentN = Math.round(people.length * 0.05);
  for (const p of rng.sample(eligible, silentN)) {
    p.silent = true;
    p.vocal = 0;
    p.activity = Math.max(p.activity, 0.6) * 1.6;
  }
  // Repeated trouble, spread out: 2–4 support contacts, one in each equal slice of the first
  // SILENT_TROUBLE_SPAN of the period (on top of their late deliveries and background contacts).
  for (const p of people) {
    if (!p.silent) continue;
    const k = rng.int(SILENT_TROUBLE_MIN, SILENT_TROUBLE_MAX);
    const span = (plan.days * SILENT_TROUBLE_SPAN) / k;
    for (let j = 0; j < k; j++) p.trouble.push(Math.floor((j + rng.next()) * span));
  }
}

/** Email a system that syncs from the CRM (surveys, billing) uses for a person. */
export function crmEmail(p: Person): string {
  return (p.crm ?? p.shop ?? p.forum ?? p.support)?.email ?? p.email;
}

export function recordIds(p: Person): string[] {
  const out: string[] = [];
  const add = (source: string, r: RecordView | undefined, used = true) => {
    if (r && r.id !== '' && used) out.push(`${source}:${r.id}`);
  };
  add('crm', p.crm);
  add('shop', p.shop);
  add('support', p.support, p.supportUsed);
  add('forum', p.forum);
  return out;
}

/** The id analytics will report the person under: the CRM id, else the shop id. */
export function primaryId(p: Person): string | undefined {
  if (p.crm) return `crm:${p.crm.id}`;
  if (p.shop) return `shop:${p.shop.id}`;
  return undefined;
}
