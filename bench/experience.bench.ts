// Experience scoring at scale: 10M events / 1M customers generated in DuckDB (range() and
// hash-based columns, fixed by construction), persons and person_keys written directly (1:1).
// Two ways of scoring, both warm (data in memory), on 2 threads:
//   - the daily run: the store was scored yesterday, a day of new activity arrived (1/180 of
//     each table, logged as the importer logs it), and computeScores + overviewReport run for
//     today — incremental (score-run.ts); then a day where 1% of the events arrive late; and,
//     with a 150-day window, days where a day of rows also leaves the window (steady state);
//     each series' last day is checked against a full run of the same day;
//   - a full recompute of everything (the first run, or after a config or identity change).
// Each beside a bare DuckDB GROUP BY scan of the same tables in the same run (wall, and process
// CPU, which a loaded shared machine disturbs less). Size: CXLENS_BENCH_SCALE=0.1 for 1M events /
// 100k customers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  computeScores,
  loadExperienceConfig,
  overviewReport,
} from '../src/metrics/experience/index.js';
import { logActivityChangesSql, Store } from '../src/store/index.js';
import type { BenchResult } from './types.js';

const SCALE = Number(process.env.CXLENS_BENCH_SCALE ?? '1');
const CUSTOMERS = Math.round(1_000_000 * SCALE);
const EVENTS = Math.round(10_000_000 * SCALE);
const ORDERS = Math.round(1_000_000 * SCALE);
const TICKETS = Math.round(200_000 * SCALE);
const SURVEYS = Math.round(300_000 * SCALE);
const POSTS = Math.round(100_000 * SCALE);
export const AS_OF = new Date('2026-07-01T00:00:00Z');

export async function generate(store: Store): Promise<void> {
  const c = CUSTOMERS;
  await store.run(`INSERT INTO persons (person_id, email, record_count, sources, updated_at)
    SELECT 'p' || i, 'c' || i || '@example.com', 1, ['shop'], TIMESTAMP '2026-07-01' FROM range(${c}) t(i)`);
  await store.run(`INSERT INTO person_keys
    SELECT 'record', 'shop:C' || i, 'p' || i FROM range(${c}) t(i)
    UNION ALL SELECT 'user_id', 'u' || i, 'p' || i FROM range(${c}) t(i)`);
  // Events: 180 days before AS_OF, stored in time order as tracking appends them (a day's
  // events are then a few row groups, not a pass over the table); names drawn by hash so every
  // signal path is exercised.
  await store.run(`INSERT INTO events (source, source_id, type, event, user_id, anonymous_id, timestamp)
    SELECT 'web', 'e' || i, CASE WHEN h % 10 < 4 THEN 'page' ELSE 'track' END,
      CASE WHEN h % 10 < 4 THEN 'Product'
           ELSE ['Product Viewed', 'Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed',
                 'Signed In', 'Payment Failed', 'Error Occurred'][CAST(h // 10 % 8 AS INTEGER) + 1] END,
      CASE WHEN h % 17 = 0 THEN NULL ELSE 'u' || (hash(i * 7 + 1) % ${c}) END, 'a' || (hash(i * 7 + 1) % ${c}),
      TIMESTAMP '2026-07-01' - to_seconds(CAST(hash(i * 13 + 5) % (180 * 86400) AS BIGINT)) AS ts
    FROM (SELECT i, hash(i) AS h FROM range(${EVENTS}) t(i))
    ORDER BY ts`);
  await store.run(`INSERT INTO orders (source, source_id, customer_id, placed_at, amount, channel, partner_id, promised_at, delivered_at, status, returned)
    SELECT 'shop', 'o' || i, 'C' || (hash(i * 3) % ${c}), placed, 50, 'web', 'PTN-0' || (h % 4 + 1),
      placed + INTERVAL 4 DAY, placed + to_hours(CAST(48 + h % 72 AS BIGINT)), 'delivered', h % 20 = 0
    FROM (SELECT i, hash(i + 11) AS h, TIMESTAMP '2026-07-01' - to_seconds(CAST(hash(i * 5) % (170 * 86400) AS BIGINT)) AS placed FROM range(${ORDERS}) t(i))`);
  await store.run(`INSERT INTO tickets (source, source_id, customer_id, category, opened_at, first_response_at, resolved_at, reopened_count, csat)
    SELECT 'shop', 't' || i, 'C' || (hash(i * 3 + 1) % ${c}), ['order', 'delivery', 'account', 'product'][CAST(h % 4 AS INTEGER) + 1],
      opened, opened + to_hours(CAST(h % 48 AS BIGINT)), opened + to_hours(CAST(h % 120 AS BIGINT)), CAST(h % 7 = 0 AS INTEGER),
      CASE WHEN h % 3 = 0 THEN 1 + h % 5 END
    FROM (SELECT i, hash(i + 5) AS h, TIMESTAMP '2026-07-01' - to_seconds(CAST(hash(i * 9) % (170 * 86400) AS BIGINT)) AS opened FROM range(${TICKETS}) t(i))`);
  await store.run(`INSERT INTO survey_responses (source, source_id, customer_id, survey, kind, score, touchpoint, partner_id, invited_at, responded_at)
    SELECT 'shop', 's' || i, 'C' || (hash(i * 3 + 2) % ${c}), 'wave', k,
      CASE WHEN h % 4 = 0 THEN NULL WHEN k = 'nps' THEN h % 11 WHEN k = 'csat' THEN 1 + h % 5 ELSE 1 + h % 7 END,
      'delivery', 'PTN-0' || (h % 4 + 1), t, CASE WHEN h % 4 <> 0 THEN t + INTERVAL 3 HOUR END
    FROM (SELECT i, hash(i + 3) AS h, ['nps', 'csat', 'ces'][CAST(hash(i) % 3 AS INTEGER) + 1] AS k,
            TIMESTAMP '2026-07-01' - to_seconds(CAST(hash(i * 11) % (170 * 86400) AS BIGINT)) AS t FROM range(${SURVEYS}) t(i))`);
  await store.run(`INSERT INTO posts (source, source_id, customer_id, channel, text, posted_at, rating)
    SELECT 'shop', 'x' || i, 'C' || (hash(i * 3 + 4) % ${c}), CASE WHEN i % 2 = 0 THEN 'review_site' ELSE 'twitter' END, 'text',
      TIMESTAMP '2026-07-01' - to_seconds(CAST(hash(i * 17) % (170 * 86400) AS BIGINT)), NULL FROM range(${POSTS}) t(i)`);
}

const DAY_MS = 86_400_000;

/**
 * Day `day` (1, 2 …) after AS_OF: 1/180 of each table's rows, for the same customers, dated in
 * that day (a `lateShare` of the events in the day before), and their keys logged in
 * activity_changes as an import would.
 */
export async function appendDay(store: Store, day: number, lateShare = 0): Promise<void> {
  const c = CUSTOMERS;
  const start = new Date(AS_OF.getTime() + (day - 1) * DAY_MS).toISOString();
  const at = (salt: number) =>
    `TIMESTAMP '${start}' + to_seconds(CAST(hash(i * ${salt} + ${day}) % 86400 AS BIGINT))`;
  // events arriving late: dated in the day before, which the last run already scored
  const late = Math.round(lateShare * 1000);
  const eventAt = `CASE WHEN hash(i * 29 + ${day}) % 1000 < ${late} THEN ${at(13)} - INTERVAL 1 DAY ELSE ${at(13)} END`;
  const n = (rows: number) => Math.max(1, Math.round(rows / 180));
  const tag = `d${day}_`;
  await store.run(`CREATE OR REPLACE TEMP TABLE new_events AS
    SELECT 'web' AS source, '${tag}e' || i AS source_id, CASE WHEN h % 10 < 4 THEN 'page' ELSE 'track' END AS type,
      CASE WHEN h % 10 < 4 THEN 'Product'
           ELSE ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed', 'Signed In',
                 'Payment Failed', 'Error Occurred', 'Product Viewed'][CAST(h // 10 % 8 AS INTEGER) + 1] END AS event,
      'u' || (hash(i * 7 + ${day}) % ${c}) AS user_id, 'a' || (hash(i * 7 + ${day}) % ${c}) AS anonymous_id, ${eventAt} AS timestamp
    FROM (SELECT i, hash(i + ${day * 1000}) AS h FROM range(${n(EVENTS)}) t(i))`);
  await store.run(`INSERT INTO events (source, source_id, type, event, user_id, anonymous_id, timestamp)
    SELECT * FROM new_events`);
  await store.run(logActivityChangesSql('events', 'a', 'FROM new_events a'));
  await store.run(`CREATE OR REPLACE TEMP TABLE new_orders AS
    SELECT 'shop' AS source, '${tag}o' || i AS source_id, 'C' || (hash(i * 3 + ${day}) % ${c}) AS customer_id,
      NULL::VARCHAR AS customer_email, ${at(5)} AS placed_at, 50.0 AS amount, 'web' AS channel, 'PTN-0' || (hash(i) % 4 + 1) AS partner_id,
      ${at(5)} + INTERVAL 4 DAY AS promised_at, 'placed' AS status
    FROM range(${n(ORDERS)}) t(i)`);
  await store.run(`INSERT INTO orders (source, source_id, customer_id, customer_email, placed_at, amount, channel, partner_id, promised_at, status)
    SELECT * FROM new_orders`);
  await store.run(logActivityChangesSql('orders', 'a', 'FROM new_orders a'));
  await store.run(`CREATE OR REPLACE TEMP TABLE new_tickets AS
    SELECT 'shop' AS source, '${tag}t' || i AS source_id, 'C' || (hash(i * 3 + 1 + ${day}) % ${c}) AS customer_id,
      NULL::VARCHAR AS customer_email, 'delivery' AS category, ${at(9)} AS opened_at
    FROM range(${n(TICKETS)}) t(i)`);
  await store.run(`INSERT INTO tickets (source, source_id, customer_id, customer_email, category, opened_at)
    SELECT * FROM new_tickets`);
  await store.run(logActivityChangesSql('tickets', 'a', 'FROM new_tickets a'));
  await store.run(`CREATE OR REPLACE TEMP TABLE new_surveys AS
    SELECT 'shop' AS source, '${tag}s' || i AS source_id, 'C' || (hash(i * 3 + 2 + ${day}) % ${c}) AS customer_id,
      NULL::VARCHAR AS customer_email, 'wave' AS survey, 'nps' AS kind, CAST(hash(i) % 11 AS DOUBLE) AS score, ${at(11)} AS responded_at
    FROM range(${n(SURVEYS)}) t(i)`);
  await store.run(`INSERT INTO survey_responses (source, source_id, customer_id, customer_email, survey, kind, score, responded_at)
    SELECT * FROM new_surveys`);
  await store.run(logActivityChangesSql('survey_responses', 'a', 'FROM new_surveys a'));
  await store.run(
    'DROP TABLE new_events; DROP TABLE new_orders; DROP TABLE new_tickets; DROP TABLE new_surveys',
  );
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** Process CPU seconds (all DuckDB threads) of fn: steadier than wall time on a shared machine. */
async function cpu(fn: () => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

export async function run(): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cxlens-bench-experience-'));
  const store = await Store.open(path.join(dir, 'bench.duckdb'), { threads: 2 });
  try {
    const genS = await timed(() => generate(store));
    const config = loadExperienceConfig();
    const full = (at: Date) =>
      computeScores(store, config, at, { full: true }).then(() => overviewReport(store));
    const coldS = await timed(() => full(AS_OF));
    const fullS = await timed(() => full(AS_OF));
    const fullCpu = await cpu(() => full(AS_OF));
    // the daily runs: day 1 warms the incremental path, days 2 and 3 are measured
    const daily = async (day: number, lateShare = 0, cfg = config) => {
      await appendDay(store, day, lateShare);
      const at = new Date(AS_OF.getTime() + day * DAY_MS);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const run = await computeScores(store, cfg, at);
      await overviewReport(store);
      const s = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      if (run.mode !== 'incremental') throw new Error(`day ${day}: ${run.fullReason}`);
      return { s, cpu: (c.user + c.system) / 1e6, run };
    };
    // the last daily run against a full run of the same day: the same scores, or the bench fails
    const sums = () =>
      store.one<{ ex: number; en: number; q: string }>(
        "SELECT sum(experience) AS ex, sum(engagement) AS en, string_agg(quadrant || ':' || n, ',' ORDER BY quadrant) AS q FROM (SELECT quadrant, count(*) AS n, sum(experience) AS experience, sum(engagement) AS engagement FROM person_scores GROUP BY quadrant)",
      );
    const checkAgainstFull = async (
      last: { run: { asOf: Date; unattributed: number } },
      cfg = config,
    ) => {
      const inc = await sums();
      const check = await computeScores(store, cfg, last.run.asOf, { full: true });
      const fullSums = await sums();
      const drift = Math.max(
        Math.abs((inc?.ex ?? 0) - (fullSums?.ex ?? 0)) / CUSTOMERS,
        Math.abs((inc?.en ?? 0) - (fullSums?.en ?? 0)) / CUSTOMERS,
      );
      if (inc?.q !== fullSums?.q || drift > 1e-6 || last.run.unattributed !== check.unattributed)
        throw new Error(
          `the incremental run differs from a full run of the same day: ${inc?.q} vs ${fullSums?.q}, mean score drift ${drift}`,
        );
      return drift;
    };
    await daily(1);
    const day2 = await daily(2);
    const day3 = await daily(3);
    const dailyS = Math.min(day2.s, day3.s);
    const dailyCpu = Math.min(day2.cpu, day3.cpu);
    // a day where 1% of the events arrive late: their keys are recounted from all their events
    const day4 = await daily(4, 0.01);
    const drift = await checkAgainstFull(day4);
    // Steady state: with a 150-day window over the 180 days of data, each day's run also takes
    // away the day that leaves the window (the default 365 days keeps every generated row).
    const window150 = loadExperienceConfig({ lookback_days: 150 });
    await computeScores(store, window150, day4.run.asOf, { full: true });
    await daily(5, 0, window150);
    const day6 = await daily(6, 0, window150);
    const day7 = await daily(7, 0, window150);
    const drift150 = await checkAgainstFull(day7, window150);
    // Bare scan: one GROUP BY per table on the same keys, nothing else.
    const scan = () =>
      store.all(`SELECT (SELECT count(*) FROM (SELECT user_id, count(*), max(timestamp) FROM events GROUP BY user_id))
        + (SELECT count(*) FROM (SELECT customer_id, count(*), max(placed_at) FROM orders GROUP BY customer_id))
        + (SELECT count(*) FROM (SELECT customer_id, count(*), max(opened_at) FROM tickets GROUP BY customer_id))
        + (SELECT count(*) FROM (SELECT customer_id, count(*), max(responded_at) FROM survey_responses GROUP BY customer_id)) AS n`);
    await scan();
    const scanS = await timed(scan);
    const scanCpu = await cpu(scan);
    const rss = process.memoryUsage().rss / 2 ** 20;
    return {
      topic: 'experience',
      figures: [
        {
          name: 'daily run: computeScores + overview after a day of new data, warm (2 threads)',
          value: dailyS,
          unit: 's',
          baseline: { name: 'bare GROUP BY scan', value: scanS },
          target: { op: '<=', value: 3 * Math.max(SCALE, 0.001) },
        },
        {
          name: 'daily run, process CPU',
          value: dailyCpu,
          unit: 's',
          baseline: { name: 'bare GROUP BY scan, CPU', value: scanCpu },
        },
        {
          name: 'daily run: persons recomputed (of all persons)',
          value: day3.run.recomputed / CUSTOMERS,
          unit: 'share',
        },
        {
          name: 'daily run with 1% of the events arriving late',
          value: day4.s,
          unit: 's',
          baseline: { name: 'bare GROUP BY scan', value: scanS },
        },
        {
          name: 'daily run, 150-day window: a day enters and a day leaves',
          value: Math.min(day6.s, day7.s),
          unit: 's',
          baseline: { name: 'bare GROUP BY scan', value: scanS },
        },
        {
          name: 'daily run, 150-day window: persons recomputed (of all persons)',
          value: day7.run.recomputed / CUSTOMERS,
          unit: 'share',
        },
        {
          name: 'daily runs vs a full run of the last day: mean score difference',
          value: Math.max(drift, drift150),
          unit: 'points',
        },
        {
          name: 'full recompute: computeScores + overview, warm (2 threads)',
          value: fullS,
          unit: 's',
          baseline: { name: 'bare GROUP BY scan', value: scanS },
        },
        {
          name: 'full recompute, process CPU',
          value: fullCpu,
          unit: 's',
          baseline: { name: 'bare GROUP BY scan, CPU', value: scanCpu },
        },
        { name: 'full recompute, cold (first run)', value: coldS, unit: 's' },
        {
          name: 'persons scored per second (daily run)',
          value: CUSTOMERS / dailyS,
          unit: 'persons/s',
        },
        { name: 'peak RSS (process)', value: rss, unit: 'MiB' },
      ],
      notes: [
        `${EVENTS.toLocaleString('en-US')} events, ${CUSTOMERS.toLocaleString('en-US')} customers/persons, ${ORDERS.toLocaleString('en-US')} orders, ${TICKETS.toLocaleString('en-US')} tickets, ${SURVEYS.toLocaleString('en-US')} survey rows, ${POSTS.toLocaleString('en-US')} posts; generated in ${genS.toFixed(1)} s`,
      ],
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
