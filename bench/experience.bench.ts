// Experience scoring at scale: 10M events / 1M customers generated in DuckDB (range() and
// hash-based columns, fixed by construction), persons and person_keys written directly (1:1).
// Times computeScores + overviewReport warm (second run) on 2 threads, beside a bare DuckDB
// GROUP BY scan of the same tables in the same run (wall, and process CPU, which a loaded shared
// machine disturbs less). Size: CXLENS_BENCH_SCALE=0.1 for 1M events / 100k customers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  computeScores,
  loadExperienceConfig,
  overviewReport,
} from '../src/metrics/experience/index.js';
import { Store } from '../src/store/index.js';
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
  // Events: 180 days before AS_OF; names drawn by hash so every signal path is exercised.
  await store.run(`INSERT INTO events (source, source_id, type, event, user_id, anonymous_id, timestamp)
    SELECT 'web', 'e' || i, CASE WHEN h % 10 < 4 THEN 'page' ELSE 'track' END,
      CASE WHEN h % 10 < 4 THEN 'Product'
           ELSE ['Product Viewed', 'Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed',
                 'Signed In', 'Payment Failed', 'Error Occurred'][CAST(h // 10 % 8 AS INTEGER) + 1] END,
      CASE WHEN h % 17 = 0 THEN NULL ELSE 'u' || (hash(i * 7 + 1) % ${c}) END, 'a' || (hash(i * 7 + 1) % ${c}),
      TIMESTAMP '2026-07-01' - to_seconds(CAST(hash(i * 13 + 5) % (180 * 86400) AS BIGINT))
    FROM (SELECT i, hash(i) AS h FROM range(${EVENTS}) t(i))`);
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
    const score = () => computeScores(store, config, AS_OF).then(() => overviewReport(store));
    const coldS = await timed(score);
    const warmS = await timed(score);
    const warmCpu = await cpu(score);
    // the two halves, warm: scoring (signals, scores, writes) and the report that reads them
    const scoreOnlyS = await timed(() => computeScores(store, config, AS_OF));
    const overviewS = await timed(() => overviewReport(store));
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
          name: 'computeScores + overview, warm (2 threads)',
          value: warmS,
          unit: 's',
          baseline: { name: 'bare GROUP BY scan', value: scanS },
          target: { op: '<=', value: 3 * Math.max(SCALE, 0.001) },
        },
        {
          name: 'computeScores + overview, warm, process CPU',
          value: warmCpu,
          unit: 's',
          baseline: { name: 'bare GROUP BY scan, CPU', value: scanCpu },
        },
        { name: 'computeScores alone, warm', value: scoreOnlyS, unit: 's' },
        { name: 'overview alone, warm (reads the stored scores)', value: overviewS, unit: 's' },
        { name: 'computeScores + overview, cold', value: coldS, unit: 's' },
        { name: 'persons scored per second (warm)', value: CUSTOMERS / warmS, unit: 'persons/s' },
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
