// Churn and value end to end on the store: 1M persons generated in DuckDB with SQL (seeded
// hash-based draws: ~3 orders each over 360 days, a late share, tickets for 20 %), no identity
// run (persons are shop:<customer_id>). Measures the churn-risk pipeline (features as of the
// training cutoff and as of T, fit, score, drivers, write) and the CLV pipeline (RFM in SQL,
// BG/NBD + Gamma-Gamma fit, predictions, write). Sizes: CHURN_BENCH_PERSONS (default 1M).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { churnRisk, customerValue, parseChurnConfig } from '../src/metrics/churn/index.js';
import { Store } from '../src/store/index.js';
import type { BenchResult } from './types.js';

const PERSONS = Number(process.env.CHURN_BENCH_PERSONS ?? 1_000_000);

async function generate(store: Store, n: number): Promise<{ orders: number; tickets: number }> {
  // u(i, k): a uniform draw from a hash of the row id and a salt (deterministic, seed-free).
  await store.run('CREATE OR REPLACE MACRO u(i, k) AS (hash(i * 7919 + k) % 1000000) / 1000000.0');
  await store.run(`CREATE OR REPLACE TEMP TABLE bench_people AS
    SELECT i, u(i, 1) < 0.3 AS unlucky, 0.004 + 0.02 * u(i, 2) AS rate, CAST(floor(u(i, 3) * 200) AS INTEGER) AS start_day,
      CAST(floor(-ln(1 - u(i, 4) * 0.999) / (0.004 * (1 + CASE WHEN u(i, 1) < 0.3 THEN 1.5 ELSE 0 END))) AS INTEGER) AS life
    FROM range(${n}) t(i)`);
  await store.run(`INSERT INTO orders (source, source_id, customer_id, placed_at, amount, promised_at, delivered_at, returned)
    SELECT 'shop', 'O' || i || '-' || k, 'C' || i, TIMESTAMP '2025-01-01' + to_days(CAST(d AS INTEGER)) + INTERVAL 10 HOUR,
      round(15 + 90 * u(i * 31 + k, 5), 2),
      TIMESTAMP '2025-01-01' + to_days(CAST(d AS INTEGER) + 3),
      TIMESTAMP '2025-01-01' + to_days(CAST(d AS INTEGER) + CASE WHEN u(i * 31 + k, 6) < CASE WHEN unlucky THEN 0.5 ELSE 0.05 END THEN 6 ELSE 2 END),
      u(i * 31 + k, 7) < 0.05
    FROM (SELECT i, unlucky, k, start_day + CAST(floor(k / rate * (0.5 + u(i * 31 + k, 8))) AS INTEGER) AS d, life, start_day
          FROM bench_people, range(0, 12) r(k))
    WHERE d < 360 AND d <= start_day + life AND (k = 0 OR u(i * 31 + k, 9) < 0.9)`);
  await store.run(`INSERT INTO tickets (source, source_id, customer_id, opened_at, first_response_at, reopened_count)
    SELECT 'shop', 'T' || i, 'C' || i, TIMESTAMP '2025-01-01' + to_days(start_day + 5),
      TIMESTAMP '2025-01-01' + to_days(start_day + 5) + to_hours(CAST(floor(u(i, 11) * 60) AS INTEGER)),
      CAST(u(i, 12) < 0.2 AS INTEGER)
    FROM bench_people WHERE u(i, 10) < 0.2`);
  const o = await store.one<{ n: number }>('SELECT count(*) AS n FROM orders');
  const t = await store.one<{ n: number }>('SELECT count(*) AS n FROM tickets');
  return { orders: o?.n ?? 0, tickets: t?.n ?? 0 };
}

const seconds = (from: number) => (performance.now() - from) / 1000;

export async function run(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cxlens-churn-bench-'));
  const store = await Store.open(join(dir, 'bench.duckdb'), { threads: 2 });
  try {
    let t = performance.now();
    const sizes = await generate(store, PERSONS);
    const generateS = seconds(t);
    const cfg = parseChurnConfig({
      definition: { kind: 'inactivity', days: 90 },
      activity: ['orders'],
      horizon_days: 90,
      risk: { snapshots: 1 },
    });
    const stages: Record<string, number> = {};
    let last = performance.now();
    let lastStage = 'start';
    t = performance.now();
    const risk = await churnRisk(store, cfg, {}, (_f, stage) => {
      stages[lastStage] = (stages[lastStage] ?? 0) + seconds(last);
      last = performance.now();
      lastStage = stage;
    });
    const riskS = seconds(t);
    t = performance.now();
    const value = await customerValue(store, { horizonMonths: 12 });
    const valueS = seconds(t);
    const scoreS = (stages['scoring features'] ?? 0) + (stages.scoring ?? 0);
    return {
      topic: 'churn',
      figures: [
        {
          name: `churn risk end to end (${PERSONS.toLocaleString('en-US')} persons)`,
          value: riskS,
          unit: 's',
        },
        {
          name: 'churn risk: features as of T + score + drivers',
          value: scoreS,
          unit: 's',
          target: { op: '<=', value: 5 },
        },
        {
          name: 'CLV end to end: RFM in SQL, fits, predictions, write',
          value: valueS,
          unit: 's',
          target: { op: '<=', value: 10 },
        },
      ],
      notes: [
        `generated ${sizes.orders.toLocaleString('en-US')} orders and ${sizes.tickets.toLocaleString('en-US')} tickets in ${generateS.toFixed(1)} s (DuckDB, 2 threads)`,
        `risk stages (s): ${Object.entries(stages)
          .map(([k, v]) => `${k} ${v.toFixed(2)}`)
          .join(', ')}`,
        `risk: trained on ${risk.train.persons} (${risk.train.churned} churned), holdout AUC ${risk.holdout.auc?.toFixed(3)}, scored ${risk.scored}`,
        `value: ${value.customers} customers, ${value.repeatCustomers} repeat; BG/NBD r=${value.bgNbd.r.toFixed(3)} α=${value.bgNbd.alpha.toFixed(2)} a=${value.bgNbd.a.toFixed(3)} b=${value.bgNbd.b.toFixed(3)}; mean CLV ${value.meanClv.toFixed(1)}`,
      ],
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
