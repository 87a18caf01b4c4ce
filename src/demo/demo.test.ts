import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, fieldMeta } from '../schemas/index.js';
import { type DemoOutput, generateDemo, Truth, type TruthEntry } from './index.js';

type Row = Record<string, string>;
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cxlens-demo-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function hashes(out: DemoOutput): Record<string, string> {
  const h: Record<string, string> = {};
  for (const f of [...out.files.map((x) => x.path), out.truthPath]) {
    const name = f.split('/').pop() ?? f;
    h[name] = createHash('sha256').update(readFileSync(f)).digest('hex');
  }
  return h;
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
const ATTRIBUTE_COLUMNS = new Set(['segment', 'marketing_opt_in', 'forum_handle', 'karma']);

describe('determinism', () => {
  it('same seed gives byte-identical files, another seed differs', async () => {
    const opts = { customers: 300, days: 60 };
    const a = hashes(await generateDemo({ ...opts, seed: 7, outDir: tempDir() }));
    const b = hashes(await generateDemo({ ...opts, seed: 7, outDir: tempDir() }));
    const c = hashes(await generateDemo({ ...opts, seed: 8, outDir: tempDir() }));
    expect(b).toEqual(a);
    expect(Object.keys(a)).toHaveLength(14);
    for (const name of [
      'events.ndjson',
      'orders.csv',
      'crm_customers.csv',
      'posts.csv',
      'truth.json',
    ]) {
      expect(c[name]).not.toBe(a[name]);
    }
  });

  it('rejects bad options with a stable code', async () => {
    await expect(generateDemo({ customers: 3, outDir: tempDir() })).rejects.toMatchObject({
      code: 'INPUT_BAD_OPTION',
    });
  });
});

const DAYS = 90;

describe(`generated data (800 customers, ${DAYS} days)`, () => {
  let out: DemoOutput;
  let dir: string;
  const csv: Record<string, Row[]> = {};
  const events: {
    type: string;
    event?: string;
    userId?: string;
    timestamp: string;
    context: { userAgent: string; page: { path: string } };
    properties?: Record<string, unknown>;
  }[] = [];
  const truth = (kind: string): TruthEntry => {
    const t = out.truth.truths.find((x) => x.kind === kind);
    if (!t) throw new Error(`no truth ${kind}`);
    return t;
  };
  const day = (ts: string) => ts.slice(0, 10);
  const inPeriod = (ts: string, t: TruthEntry) =>
    !!t.period && day(ts) >= t.period.from && day(ts) <= t.period.to;

  beforeAll(async () => {
    dir = tempDir();
    let calls = 0;
    out = await generateDemo({ customers: 800, days: DAYS, seed: 42, outDir: dir }, () => {
      calls++;
    });
    expect(calls).toBeGreaterThan(DAYS);
    for (const f of out.files) {
      const name = f.path.split('/').pop() ?? '';
      if (f.format === 'csv')
        csv[name] = parse(readFileSync(f.path), { columns: true, bom: true }) as Row[];
    }
    for (const line of readFileSync(join(dir, 'events.ndjson'), 'utf8').split('\n')) {
      if (line) events.push(JSON.parse(line));
    }
  });

  const rows = (name: string): Row[] => csv[name] ?? [];

  it('reports every file with its row count', () => {
    for (const f of out.files) {
      if (f.format === 'csv') expect(rows(f.path.split('/').pop() ?? '').length).toBe(f.rows);
      else expect(events.length).toBe(f.rows);
      expect(f.rows).toBeGreaterThan(0);
    }
  });

  it('headers normalise to fields or aliases of their entity', () => {
    for (const f of out.files) {
      if (f.format !== 'csv') continue;
      const schema = ENTITIES[f.entity].schema;
      const known = new Set<string>();
      for (const [name, field] of Object.entries(schema.shape)) {
        known.add(name);
        for (const a of fieldMeta(field as never).aliases ?? []) known.add(a);
      }
      const header = Object.keys(rows(f.path.split('/').pop() ?? '')[0] ?? {});
      expect(header.length).toBeGreaterThan(1);
      for (const col of header) {
        const n = normalise(col);
        const ok = known.has(n) || (f.entity === 'customer' && ATTRIBUTE_COLUMNS.has(n));
        expect(ok, `${f.path}: ${col}`).toBe(true);
      }
    }
  });

  it('events are Segment messages with ids, types and user agents', () => {
    const ids = new Set<string>();
    for (const e of events.slice(0, 5000)) {
      const m = e as unknown as { messageId: string; anonymousId: string };
      expect(['identify', 'track', 'page']).toContain(e.type);
      expect(m.anonymousId).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.context.userAgent.length).toBeGreaterThan(20);
      ids.add(m.messageId);
    }
    expect(ids.size).toBe(5000);
    const shopIds = new Set(rows('shop_customers.csv').map((r) => r.user_id));
    const identified = events.filter((e) => e.type === 'identify');
    expect(identified.length).toBeGreaterThan(50);
    for (const e of identified) expect(shopIds.has(e.userId ?? '')).toBe(true);
    const orders = new Set(rows('orders.csv').map((r) => r.order_id));
    const completed = events.filter((e) => e.event === 'Order Completed');
    for (const e of completed) expect(orders.has(String(e.properties?.order_id))).toBe(true);
  });

  it('truth.json validates against the Truth schema', () => {
    const parsed = Truth.parse(JSON.parse(readFileSync(out.truthPath, 'utf8')));
    expect(parsed.seed).toBe(42);
    expect(parsed.generatedAt).toBe('2026-10-31T00:00:00Z');
    expect(new Set(parsed.truths.map((t) => t.kind)).size).toBe(10);
  });

  it('every timestamp is ISO 8601 UTC and parses', () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
    for (const [name, table] of Object.entries(csv)) {
      for (const r of table) {
        for (const [col, v] of Object.entries(r)) {
          if (!/(_at|At)$/.test(col) || v === '') continue;
          expect(v, `${name} ${col}`).toMatch(iso);
          expect(Number.isNaN(Date.parse(v))).toBe(false);
        }
      }
    }
    for (const e of events) expect(e.timestamp).toMatch(iso);
  });

  it('payment_break: Safari fails to complete orders in the window, others do not', () => {
    const t = truth('payment_break');
    const count = {
      safari: { ps: 0, oc: 0 },
      other: { ps: 0, oc: 0 },
      safariBefore: { ps: 0, oc: 0 },
    };
    for (const e of events) {
      if (e.event !== 'Payment Submitted' && e.event !== 'Order Completed') continue;
      const ua = e.context.userAgent;
      const safari = ua.includes('Safari') && !ua.includes('Chrome') && !ua.includes('Android');
      const key = inPeriod(e.timestamp, t)
        ? safari
          ? 'safari'
          : 'other'
        : safari
          ? 'safariBefore'
          : undefined;
      if (!key) continue;
      if (e.event === 'Payment Submitted') count[key].ps++;
      else count[key].oc++;
    }
    expect(count.safari.ps).toBeGreaterThan(15);
    expect(count.safari.oc / count.safari.ps).toBeLessThan(0.4);
    expect(count.other.oc / count.other.ps).toBeGreaterThan(0.85);
    expect(count.safariBefore.oc / count.safariBefore.ps).toBeGreaterThan(0.85);
  });

  it('step_redesign: Checkout Started → Payment Submitted drops by about a third on /checkout/v2', () => {
    const t = truth('step_redesign');
    const before = { cs: 0, ps: 0 };
    const after = { cs: 0, ps: 0 };
    const seen = new Set<string>();
    for (const e of events) {
      if (e.event !== 'Checkout Started' && e.event !== 'Payment Submitted') continue;
      const side = inPeriod(e.timestamp, t) ? after : before;
      if (e.event === 'Checkout Started') {
        expect(e.context.page.path).toBe(inPeriod(e.timestamp, t) ? '/checkout/v2' : '/checkout');
      }
      // count sessions, not retries: first Payment Submitted per checkout
      const key = `${e.userId}|${e.properties?.revenue}|${day(e.timestamp)}`;
      if (e.event === 'Checkout Started') side.cs++;
      else if (!seen.has(key)) {
        seen.add(key);
        side.ps++;
      }
    }
    const ratio = after.ps / after.cs / (before.ps / before.cs);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(0.8);
    const release = rows('campaigns.csv').find(
      (c) => c.kind === 'release' && c.name === 'Checkout redesign',
    );
    expect(release && day(release.starts_at ?? '')).toBe(t.period?.from);
  });

  it('ad_storm: negative posts about the advert spike 5–10× with no campaign_id', () => {
    const t = truth('ad_storm');
    const posts = rows('posts.csv').filter(
      (p) => p.channel === 'twitter' || p.channel === 'facebook',
    );
    const isAd = (p: Row) => /\b(ad|advert|commercial)\b|#NorthwindMoments/i.test(p.text ?? '');
    const stormDays = 5;
    const inStorm = posts.filter((p) => inPeriod(p.posted_at ?? '', t) && isAd(p));
    const negative =
      /late|waiting|useless|crash|poor|falling apart|cheap|broke|nothing|no reply|annoying|disappoint|returned|sending back|meh|two stars/i;
    const outside = posts.filter(
      (p) => !inPeriod(p.posted_at ?? '', t) && negative.test(p.text ?? '') && !isAd(p),
    );
    const perDayStorm = inStorm.length / stormDays;
    const perDayBase = outside.length / (DAYS - stormDays);
    expect(perDayStorm / perDayBase).toBeGreaterThan(3);
    expect(inStorm.every((p) => p.campaign_id === '')).toBe(true);
    const ad = rows('campaigns.csv').find((c) => c.campaign_id === t.dimensions?.campaign_id);
    expect(ad?.kind).toBe('ad');
    expect(day(ad?.starts_at ?? '')).toBe(t.period?.from);
  });

  it('product_storm: posts, returns and tickets about the product rise with no campaign running', () => {
    const t = truth('product_storm');
    const mentions = (s: string) => /aeroblend/i.test(s);
    const posts = rows('posts.csv').filter((p) => mentions(p.text ?? ''));
    const stormN = posts.filter((p) => inPeriod(p.posted_at ?? '', t)).length;
    const beforeN = posts.filter((p) => (p.posted_at ?? '') < (t.period?.from ?? '')).length;
    expect(stormN / 12).toBeGreaterThan((5 * (beforeN + 1)) / (DAYS * 0.76));
    const tickets = rows('tickets.csv').filter((r) => mentions(`${r.subject} ${r.body}`));
    expect(tickets.some((r) => inPeriod(r.opened_at ?? '', t))).toBe(true);
    for (const c of rows('campaigns.csv')) {
      const overlaps =
        day(c.starts_at ?? '') <= (t.period?.to ?? '') &&
        day(c.ends_at ?? '') >= (t.period?.from ?? '');
      expect(overlaps, c.name).toBe(false);
    }
    const productOf = new Map<string, string>();
    for (const e of events)
      if (e.event === 'Order Completed')
        productOf.set(String(e.properties?.order_id), String(e.properties?.product));
    let stormRet = 0;
    let stormAll = 0;
    let otherRet = 0;
    let otherAll = 0;
    for (const o of rows('orders.csv')) {
      if (o.delivered_at === '') continue;
      const storm =
        productOf.get(o.order_id ?? '') === t.label &&
        day(o.placed_at ?? '') >= (t.period?.from ?? '') &&
        day(o.placed_at ?? '') <= (t.period?.to ?? '');
      if (storm) {
        stormAll++;
        if (o.returned === 'true') stormRet++;
      } else {
        otherAll++;
        if (o.returned === 'true') otherRet++;
      }
    }
    expect(stormAll).toBeGreaterThan(0);
    // small samples at this size: only compare rates when there are enough defective orders
    if (stormAll >= 5) expect(stormRet / stormAll).toBeGreaterThan(2 * (otherRet / otherAll));
  });

  it('silent_at_risk: late deliveries, slow tickets, no voice, higher churn', () => {
    const t = truth('silent_at_risk');
    const groups = truth('identity_variants').groups ?? [];
    const silent = new Set(t.ids);
    expect(silent.size).toBe(40);
    const silentShop = new Set<string>();
    const silentSupport = new Set<string>();
    for (const g of groups) {
      if (!g.some((id) => silent.has(id))) continue;
      for (const id of g) {
        if (id.startsWith('shop:')) silentShop.add(id.slice(5));
        if (id.startsWith('support:')) silentSupport.add(id.slice(8));
      }
    }
    const late = { s: 0, sn: 0, o: 0, on: 0 };
    for (const o of rows('orders.csv')) {
      if (o.delivered_at === '' || o.channel === 'marketplace') continue;
      const isLate = (o.delivered_at ?? '') > (o.promised_at ?? '');
      if (silentShop.has(o.customer_id ?? '')) {
        late.sn++;
        if (isLate) late.s++;
      } else {
        late.on++;
        if (isLate) late.o++;
      }
    }
    expect(late.s / late.sn).toBeGreaterThan(0.4);
    expect(late.o / late.on).toBeLessThan(0.2);
    const hours = (r: Row) =>
      (Date.parse(r.first_response_at ?? '') - Date.parse(r.opened_at ?? '')) / 3.6e6;
    const silentTickets = rows('tickets.csv').filter(
      (r) => silentSupport.has(r.customer_id ?? '') && r.first_response_at !== '',
    );
    expect(silentTickets.length).toBeGreaterThan(3);
    expect(silentTickets.every((r) => hours(r) > 24)).toBe(true);
    const silentEmails = new Set<string>();
    const crm = new Map(
      rows('crm_customers.csv').map((r) => [`crm:${r['Customer ID']}`, r['E-mail'] ?? '']),
    );
    for (const id of silent) silentEmails.add(crm.get(id) ?? '');
    const answered = rows('survey_responses.csv').filter(
      (r) => r.score !== '' && silentEmails.has(r.customer_email ?? ''),
    );
    expect(answered).toHaveLength(0);
    const posted = rows('posts.csv').filter((r) => silentEmails.has(r.customer_email ?? ''));
    expect(posted).toHaveLength(0);
    const churned = new Set(truth('churn').ids);
    const silentRate = [...silent].filter((id) => churned.has(id)).length / silent.size;
    const all = groups
      .map((g) => g.find((id) => id.startsWith('crm:')))
      .filter((x): x is string => !!x && !silent.has(x));
    const otherRate = all.filter((id) => churned.has(id)).length / all.length;
    expect(silentRate).toBeGreaterThan(2 * otherRate);
  });

  it('recurring_support_issue: password-reset tickets rise over the last weeks', () => {
    const t = truth('recurring_support_issue');
    const isIssue = (r: Row) =>
      r.category === 'account' &&
      /password|passwort|contraseña|mot de passe|reset/i.test(`${r.subject} ${r.body}`);
    const issues = rows('tickets.csv').filter(isIssue);
    const from = t.period?.from ?? '';
    const last2w = issues.filter((r) => day(r.opened_at ?? '') >= '2026-10-18').length / 14;
    const before = issues.filter((r) => day(r.opened_at ?? '') < from).length / (DAYS - 42);
    expect(last2w).toBeGreaterThan(3 * Math.max(before, 0.05));
    expect(new Set(issues.map((r) => r.subject)).size).toBeGreaterThan(2);
    expect(new Set(issues.map((r) => r.body)).size).toBeGreaterThan(issues.length / 2);
  });

  it('top_idea: the dark-mode duplicates rank first by unique voters after clustering', () => {
    const t = truth('top_idea');
    const ideas = rows('ideas.csv');
    const ids = new Set(t.ids);
    expect(ids.size).toBeGreaterThanOrEqual(3);
    const union = new Set<string>();
    let bestSingleDark = 0;
    for (const i of ideas.filter((x) => ids.has(x.idea_id ?? ''))) {
      const voters = (i.voter_ids ?? '').split(';');
      for (const v of voters) union.add(v);
      bestSingleDark = Math.max(bestSingleDark, voters.length);
      expect(Number(i.votes)).toBe(voters.length);
    }
    const others = ideas
      .filter((x) => !ids.has(x.idea_id ?? ''))
      .map((x) => (x.voter_ids ?? '').split(';').length);
    expect(union.size).toBeGreaterThan(Math.max(...others));
    expect(bestSingleDark).toBeLessThan(Math.max(...others));
    const askedElsewhere = rows('posts.csv').filter((p) =>
      /dark mode|dark theme|night mode/i.test(p.text ?? ''),
    );
    expect(askedElsewhere.length).toBeGreaterThan(0);
  });

  it('partner_poor_delivery: one carrier is late far more often and rated lower', () => {
    const t = truth('partner_poor_delivery');
    const pid = t.dimensions?.partner_id;
    const late = new Map<string, { n: number; late: number }>();
    for (const o of rows('orders.csv')) {
      if (o.delivered_at === '' || o.channel === 'marketplace') continue;
      const s = late.get(o.partner_id ?? '') ?? { n: 0, late: 0 };
      s.n++;
      if ((o.delivered_at ?? '') > (o.promised_at ?? '')) s.late++;
      late.set(o.partner_id ?? '', s);
    }
    const poor = late.get(pid ?? '');
    expect(poor && poor.late / poor.n).toBeGreaterThan(0.25);
    for (const [id, s] of late) if (id !== pid) expect(s.late / s.n).toBeLessThan(0.2);
    const csat = (match: (r: Row) => boolean) => {
      const xs = rows('survey_responses.csv')
        .filter((r) => r.touchpoint === 'delivery' && r.score !== '' && match(r))
        .map((r) => Number(r.score));
      return xs.reduce((a, x) => a + x, 0) / xs.length;
    };
    expect(csat((r) => r.partner_id === pid)).toBeLessThan(
      csat((r) => r.partner_id !== pid) - 0.15,
    );
  });

  it('identity_variants: every customer record belongs to exactly one person', () => {
    const groups = truth('identity_variants').groups ?? [];
    const seen = new Map<string, number>();
    groups.forEach((g, i) => {
      for (const id of g) {
        expect(seen.has(id), id).toBe(false);
        seen.set(id, i);
      }
    });
    const records = [
      ...rows('crm_customers.csv').map((r) => `crm:${r['Customer ID']}`),
      ...rows('shop_customers.csv').map((r) => `shop:${r.id}`),
      ...rows('support_users.csv').map((r) => `support:${r.id}`),
      ...rows('forum_members.csv').map((r) => `forum:${r.id}`),
    ];
    expect(new Set(records).size).toBe(seen.size);
    for (const id of records) expect(seen.has(id), id).toBe(true);
    expect(groups.filter((g) => g.length === 1).length).toBeGreaterThan(10);
    expect(groups.filter((g) => g.length >= 3).length).toBeGreaterThan(50);
    // different people with the same name exist
    const byName = new Map<string, Set<number>>();
    for (const r of rows('crm_customers.csv')) {
      const key = `${r['First Name']} ${r['Last Name']}`;
      const set = byName.get(key) ?? new Set<number>();
      set.add(seen.get(`crm:${r['Customer ID']}`) ?? -1);
      byName.set(key, set);
    }
    expect([...byName.values()].filter((s) => s.size > 1).length).toBeGreaterThan(5);
  });

  it('churn: churned customers stop visiting after their churn day', () => {
    const churn = truth('churn');
    const groups = truth('identity_variants').groups ?? [];
    const shopOf = new Map<string, string>();
    for (const g of groups) {
      const shop = g.find((id) => id.startsWith('shop:'));
      if (shop) for (const id of g) shopOf.set(id, shop.slice(5));
    }
    const stop = new Map<string, string>();
    for (const id of churn.ids ?? []) {
      const shop = shopOf.get(id);
      const date = churn.dates?.[id];
      if (shop && date) stop.set(shop, date);
    }
    expect(stop.size).toBeGreaterThan(20);
    for (const e of events) {
      const date = e.userId ? stop.get(e.userId) : undefined;
      if (date) expect(day(e.timestamp) <= date).toBe(true);
    }
  });

  it('texts include a few percent of Spanish, German and French', () => {
    const texts = [
      ...rows('posts.csv').map((r) => r.text ?? ''),
      ...rows('tickets.csv').map((r) => r.body ?? ''),
      ...rows('survey_responses.csv')
        .map((r) => r.comment ?? '')
        .filter((x) => x !== ''),
    ];
    const foreign = texts.filter((x) =>
      /\b(mi|muy|pedido|meine|nicht|Bestellung|ma|très|livraison|commande)\b/i.test(x),
    );
    const share = foreign.length / texts.length;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.15);
  });
});
