// Incremental score runs must give exactly what a full run gives. Two copies of one small demo
// store: A scores a chain of runs (full first, then incremental), B scores every step in full.
// Between steps time passes (rows enter and leave a short window, deliveries and SLA deadlines
// pass, checkout windows close) and both stores get the same imports: new orders by e-mail, an
// order moved to another customer, new events with an abandoned checkout, events arriving late
// (one completing an old checkout), a ticket nobody answers, dated returns, resolutions and
// reopens, a survey answer, and an identity run that merges a record into a person and makes a
// visitor a person. Scores, signals, partners and the unattributed count are compared.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveIdentities } from '../../identity/index.js';
import { importFiles } from '../../ingest/index.js';
import { loadDemo } from '../../pipeline/index.js';
import { ENTITIES } from '../../schemas/index.js';
import { Store } from '../../store/index.js';
import { loadExperienceConfig } from './config.js';
import { explainScore } from './explain.js';
import { computeScores, type ScoreRunSummary } from './score-run.js';
import { latestActivity } from './scores.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// a short window and half-life, so rows leave the window and decay differs between steps
const CONFIG = loadExperienceConfig({ lookback_days: 30, half_life_days: 9 });

let dir = '';
let a: Store;
let b: Store;
let end: Date;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cx-score-run-'));
  const seed = await Store.open(join(dir, 'a.duckdb'));
  try {
    await loadDemo(seed, { customers: 300, days: 60, seed: 11, outDir: join(dir, 'demo') });
    await resolveIdentities(seed);
  } finally {
    seed.close();
  }
  copyFileSync(join(dir, 'a.duckdb'), join(dir, 'b.duckdb'));
  a = await Store.open(join(dir, 'a.duckdb'));
  b = await Store.open(join(dir, 'b.duckdb'));
  end = (await latestActivity(a)) as Date;
}, 300_000);

afterAll(() => {
  a?.close();
  b?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Scores = Record<string, Record<string, unknown>>;

async function snapshot(store: Store) {
  const scores = await store.all<Record<string, unknown>>(
    `SELECT person_id, experience, engagement, voice, bad_signals, quadrant, last_active_at,
       CAST(signal_mask AS VARCHAR) AS mask FROM person_scores ORDER BY person_id`,
  );
  const signals = await store.all<Record<string, unknown>>(
    `SELECT s.person_id, g.signal, CAST(sum(g.n) AS BIGINT) AS n, sum(g.d) AS d, max(g.last_at) AS last_at
     FROM person_signals g JOIN person_scores s USING (pidx) GROUP BY ALL ORDER BY 1, 2`,
  );
  const partners = await store.all<Record<string, unknown>>(
    'SELECT partner_id, persons, mean_experience, mean_engagement FROM partner_scores ORDER BY 1',
  );
  return { scores, signals, partners };
}

/** Equal rows, numbers to 1e-9 relative (rescaled decays differ in the last bits). */
function expectSame(got: Scores[string][], want: Scores[string][], what: string) {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as Record<string, unknown>;
    const w = want[i] as Record<string, unknown>;
    for (const [k, v] of Object.entries(w)) {
      const x = g[k];
      if (typeof v === 'number' && typeof x === 'number')
        expect(Math.abs(x - v), `${what} row ${i} ${k}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(v)),
        );
      else expect(x, `${what} row ${i} ${k}`).toEqual(v);
    }
  }
}

const iso = (d: Date) => d.toISOString();

/** The same import into both stores. */
async function importBoth(entity: keyof typeof ENTITIES, source: string, csv: string) {
  const path = join(dir, `${entity}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, csv);
  for (const store of [a, b]) {
    const r = await importFiles(store, { entity: ENTITIES[entity], files: [path], source });
    expect(r.totals.rejected, JSON.stringify(r.rejects)).toBe(0);
  }
}

async function step(at: Date): Promise<ScoreRunSummary> {
  const inc = await computeScores(a, CONFIG, at);
  const full = await computeScores(b, CONFIG, at, { full: true });
  const [x, y] = [await snapshot(a), await snapshot(b)];
  expectSame(x.scores, y.scores, 'person_scores');
  expectSame(x.signals, y.signals, 'person_signals');
  expectSame(x.partners, y.partners, 'partner_scores');
  expect(inc.unattributed).toBe(full.unattributed);
  expect(inc.quadrants).toEqual(full.quadrants);
  return inc;
}

describe('computeScores, incremental', () => {
  it('gives what a full run gives, step after step, recomputing only the persons that changed', async () => {
    const t0 = new Date(end.getTime() - 20 * DAY);
    const first = await step(t0);
    expect(first.mode).toBe('full');
    expect(first.fullReason).toBe('no earlier run to carry on');

    // time passes: rows enter, leave the 30-day window, deadlines pass
    const t1 = new Date(t0.getTime() + 2.5 * DAY);
    const r1 = await step(t1);
    expect(r1.mode).toBe('incremental');
    expect(r1.recomputed).toBeGreaterThan(0);
    expect(r1.recomputed).toBeLessThan(r1.persons);

    // writes: a customer's new order by e-mail from another shop, an order moved to another
    // customer, events with a checkout that is never completed, a ticket nobody answers
    const person = await a.one<{ email: string; source: string; customer_id: string }>(
      `SELECT customer_email AS email, source, customer_id FROM orders
       WHERE customer_email IS NOT NULL ORDER BY source_id LIMIT 1`,
    );
    const moved = await a.one<{ source: string; source_id: string; placed_at: Date }>(
      `SELECT source, source_id, placed_at FROM orders
       WHERE placed_at BETWEEN ? AND ? AND delivered_at < ? ORDER BY source_id LIMIT 1`,
      [new Date(t1.getTime() - 20 * DAY), new Date(t1.getTime() - 5 * DAY), t0],
    );
    const other = await a.one<{ customer_id: string }>(
      'SELECT customer_id FROM orders WHERE source = ? AND customer_id <> ? ORDER BY source_id LIMIT 1 OFFSET 3',
      [moved?.source ?? '', person?.customer_id ?? ''],
    );
    const user = await a.one<{ id: string }>(
      'SELECT user_id AS id FROM events WHERE user_id IS NOT NULL ORDER BY source_id LIMIT 1 OFFSET 5',
    );
    const t2 = new Date(t1.getTime() + 6 * HOUR);
    await importBoth(
      'order',
      'shop2',
      `order_id,customer_email,placed_at,amount,promised_at,delivered_at,partner_id\nN1,${person?.email},${iso(new Date(t2.getTime() - 3 * DAY))},40,${iso(new Date(t2.getTime() - 2 * DAY))},,PTN-NEW\n`,
    );
    await importBoth(
      'order',
      moved?.source ?? '',
      `order_id,customer_id,placed_at,amount\n${moved?.source_id},${other?.customer_id},${iso(moved?.placed_at as Date)},99\n`,
    );
    const ev = (id: string, name: string, at: Date) =>
      `${id},track,${name},${user?.id},,${iso(at)}\n`;
    await importBoth(
      'event',
      'web2',
      `message_id,type,event,user_id,anonymous_id,timestamp\n${ev('E1', 'Checkout Started', new Date(t2.getTime() - 2 * HOUR))}${ev('E2', 'Payment Failed', new Date(t2.getTime() - HOUR))}` +
        // a visitor no person has yet (unattributed until identity knows the user id)
        `N1,track,Signed In,u-new-1,,${iso(new Date(t2.getTime() - HOUR))}\n`,
    );
    await importBoth(
      'ticket',
      'desk2',
      `ticket_id,customer_email,category,opened_at\nT1,${person?.email},delivery,${iso(new Date(t2.getTime() - 3 * HOUR))}\n`,
    );
    // facts dated after t2, for persons with no other activity for a month: only these dates
    // passing can change their signals at t3 (a return, a resolution a reopen is dated by, a reopen)
    const emails = (
      await a.all<{ e: string }>(
        `WITH recent AS (
           SELECT CASE WHEN user_id IS NULL THEN 'anonymous_id' ELSE 'user_id' END AS kk,
             coalesce(user_id, anonymous_id) AS k FROM events WHERE timestamp > $1
           UNION ALL SELECT 'record', source || ':' || customer_id FROM orders
             WHERE greatest(placed_at, delivered_at, returned_at, promised_at) > $1
           UNION ALL SELECT 'email', cx_norm_email(customer_email) FROM orders
             WHERE greatest(placed_at, delivered_at, returned_at, promised_at) > $1
           UNION ALL SELECT 'record', source || ':' || customer_id FROM tickets
             WHERE greatest(opened_at, first_response_at, resolved_at, reopened_at) > $1
           UNION ALL SELECT 'email', cx_norm_email(customer_email) FROM tickets
             WHERE greatest(opened_at, first_response_at, resolved_at, reopened_at) > $1
           UNION ALL SELECT 'record', source || ':' || customer_id FROM survey_responses WHERE responded_at > $1
           UNION ALL SELECT 'record', source || ':' || customer_id FROM posts WHERE posted_at > $1
           UNION ALL SELECT 'record', source || ':' || customer_id FROM ideas WHERE created_at > $1
           UNION ALL SELECT 'record', source || ':' || unnest(voter_ids) FROM ideas WHERE created_at > $1),
         busy AS (SELECT DISTINCT k.pidx FROM score_keys k JOIN recent r ON k.key_kind = r.kk AND k.key = r.k)
         SELECT p.email AS e FROM persons p JOIN person_scores s USING (person_id)
         WHERE p.email IS NOT NULL AND s.pidx NOT IN (SELECT pidx FROM busy)
         ORDER BY p.email LIMIT 3`,
        [new Date(t2.getTime() - 31 * DAY)],
      )
    ).map((r) => r.e);
    expect(emails).toHaveLength(3);
    const at = (ms: number) => iso(new Date(t2.getTime() + ms));
    await importBoth(
      'order',
      'shop3',
      `order_id,customer_email,placed_at,amount,delivered_at,returned_at\nR1,${emails[0]},${at(-6 * DAY)},30,${at(-4 * DAY)},${at(2 * DAY)}\n`,
    );
    await importBoth(
      'ticket',
      'desk3',
      `ticket_id,customer_email,opened_at,first_response_at,resolved_at,reopened_count,reopened_at\n` +
        `T2,${emails[1]},${at(-5 * DAY)},${at(-5 * DAY + HOUR)},${at(DAY)},1,\n` +
        `T3,${emails[2]},${at(-5 * DAY)},${at(-5 * DAY + HOUR)},${at(-4 * DAY)},1,${at(3 * DAY)}\n`,
    );
    // a checkout started days ago, arriving only now (a late event: its key is recomputed)
    await importBoth(
      'event',
      'web3',
      `message_id,type,event,user_id,anonymous_id,timestamp\n${ev('L1', 'Checkout Started', new Date(t1.getTime() - 3 * DAY))}`,
    );
    const r2 = await step(t2);
    expect(r2.mode).toBe('incremental');

    // later: the checkout window and the ticket's SLAs pass, the new order is late; an answer
    const t3 = new Date(t2.getTime() + 5 * DAY);
    await importBoth(
      'survey_response',
      'survey2',
      `response_id,customer_email,survey,kind,score,responded_at\nS1,${person?.email},post-delivery,csat,1,${iso(new Date(t3.getTime() - DAY))}\n`,
    );
    // late again: the completion of that checkout (it was abandoned, now it is not) and a payment
    // failure from yesterday
    await importBoth(
      'event',
      'web3',
      `message_id,type,event,user_id,anonymous_id,timestamp\n${ev('L2', 'Order Completed', new Date(t1.getTime() - 3 * DAY + HOUR))}${ev('L3', 'Payment Failed', new Date(t2.getTime() - DAY))}`,
    );
    // identity runs: a CRM record joins the person of that e-mail, and the visitor becomes a
    // person of their own (their events attach); the run carries the index forward
    await importBoth(
      'customer',
      'crm2',
      `customer_id,email,user_id,first_name\nX1,${person?.email},,Ann\nX2,new-1@example.com,u-new-1,Nia\n`,
    );
    await resolveIdentities(a);
    await resolveIdentities(b);
    const r3 = await step(t3);
    expect(r3.mode).toBe('incremental');
    expect(r3.persons).toBeGreaterThan(first.persons);
    const r4 = await step(end);
    expect(r4.mode).toBe('incremental');
    // the appended event rows were netted again on the way (a compaction), and still agree
    const netted = await a.all<{ n: number }>(
      'SELECT DISTINCT event_key_rows AS n FROM score_runs WHERE event_key_rows > 0',
    );
    expect(netted.length).toBeGreaterThan(1);

    // explain reads the carried-forward rows decayed to the run's as-of: its sum is the score
    const someone = await a.one<{ id: string }>(
      'SELECT person_id AS id FROM person_scores WHERE experience BETWEEN 1 AND 99 ORDER BY bad_signals DESC, person_id LIMIT 1',
    );
    const e = await explainScore(a, someone?.id ?? '');
    const sum = e.experience.base + e.experience.contributions.reduce((s, c) => s + c.points, 0);
    expect(sum).toBeCloseTo(e.experience.score, 6);
  }, 300_000);

  it('runs in full when the configuration changes, the date goes back, or when asked', async () => {
    const other = loadExperienceConfig({ lookback_days: 30, half_life_days: 10 });
    expect((await computeScores(a, other, end)).fullReason).toBe('the configuration changed');
    expect((await computeScores(a, other, new Date(end.getTime() - DAY))).fullReason).toBe(
      'the as-of date is before the last run',
    );
    expect((await computeScores(a, other, end, { full: true })).fullReason).toBe('asked for');
    expect((await computeScores(a, other, end)).mode).toBe('incremental');
  }, 120_000);
});
