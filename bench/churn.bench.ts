// Churn risk and customer value on the store, at CHURN_BENCH_PERSONS persons (default 1M; iterate
// with e.g. 100000). The machine may be shared and noisy: every figure comes with the process's
// CPU seconds (DuckDB's threads included) beside its wall seconds.
//
// Churn risk. Data: persons generated in DuckDB with SQL (seeded hash draws): an arrival day in
// the year, a purchase rate (an order every 25–100 days), a lifetime, 30 % "unlucky" with late
// deliveries and a shorter life, tickets for 20 %; no identity run (persons are shop:<id>).
// "Score churn risk for N persons" (target ≤ 5 s) is the scoring stage of churnRisk: the features
// as of T for every person of the store (one SQL pass per source, read as columns), the model
// score of each current customer, drivers for the top risk.explain_top, and the churn_risk
// write. Its same-run baseline is a bare DuckDB scan of the same inputs (orders and tickets
// aggregated per person). Training (features at the cutoff, holdout and final fits) is printed
// as its own stage.
//
// Customer value. Data: customers drawn from BG/NBD + Gamma-Gamma with known parameters
// (src/models simulateCustomers, seeded), turned into orders (first purchase T weeks before the
// end, repeat purchases spread up to the last one at the recency) and inserted by DuckDB; then
// customerValue end to end (RFM summary in SQL, both fits, predictions, CLV, write) — target
// ≤ 10 s — with the fitted parameters printed beside the true ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { churnRisk, customerValue, parseChurnConfig } from '../src/metrics/churn/index.js';
import { mulberry32, simulateCustomers } from '../src/models/index.js';
import { Store } from '../src/store/index.js';
import type { BenchResult } from './types.js';

const PERSONS = Number(process.env.CHURN_BENCH_PERSONS ?? 1_000_000);
const THREADS = 2;
const BG_TRUE = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG_TRUE = { p: 6.25, q: 3.74, gamma: 15.44 };

interface Clock {
  wall: number;
  cpu: number;
}
const now = (): Clock => {
  const c = process.cpuUsage();
  return { wall: performance.now(), cpu: (c.user + c.system) / 1000 };
};
const since = (from: Clock): Clock => {
  const t = now();
  return { wall: (t.wall - from.wall) / 1000, cpu: (t.cpu - from.cpu) / 1000 };
};
const fmt = (c: Clock) => `${c.wall.toFixed(2)} s wall, ${c.cpu.toFixed(2)} s CPU`;

async function generateRiskData(
  store: Store,
  n: number,
): Promise<{ orders: number; tickets: number }> {
  // u(i, k): a uniform draw from a hash of the row id and a salt (deterministic)
  await store.run('CREATE OR REPLACE MACRO u(i, k) AS (hash(i * 7919 + k) % 1000000) / 1000000.0');
  await store.run(`CREATE OR REPLACE TEMP TABLE bench_people AS
    SELECT i, u(i, 1) < 0.3 AS unlucky, 0.01 + 0.03 * u(i, 2) AS rate,
      CAST(floor(u(i, 3) * 330) AS INTEGER) AS start_day,
      CAST(floor(-ln(1 - u(i, 4) * 0.999) * CASE WHEN u(i, 1) < 0.3 THEN 250 ELSE 900 END) AS INTEGER) AS life
    FROM range(${n}) t(i)`);
  await store.run(`INSERT INTO orders (source, source_id, customer_id, placed_at, amount, promised_at, delivered_at, returned)
    SELECT 'shop', 'O' || i || '-' || k, 'C' || i, TIMESTAMP '2025-01-01' + to_days(d) + INTERVAL 10 HOUR,
      round(15 + 90 * u(i * 31 + k, 5), 2),
      TIMESTAMP '2025-01-01' + to_days(d + 3),
      TIMESTAMP '2025-01-01' + to_days(d + CASE WHEN u(i * 31 + k, 6) < CASE WHEN unlucky THEN 0.4 ELSE 0.05 END THEN 6 ELSE 2 END),
      u(i * 31 + k, 7) < 0.05
    FROM (SELECT i, unlucky, k, life, start_day,
            start_day + CAST(floor(CASE WHEN k = 0 THEN 0 ELSE (k + 0.8 * u(i * 31 + k, 8)) / rate END) AS INTEGER) AS d
          FROM bench_people, range(0, 14) r(k))
    WHERE d < 360 AND d <= start_day + life`);
  await store.run(`INSERT INTO tickets (source, source_id, customer_id, opened_at, first_response_at, reopened_count)
    SELECT 'shop', 'T' || i, 'C' || i, TIMESTAMP '2025-01-01' + to_days(start_day + 5),
      TIMESTAMP '2025-01-01' + to_days(start_day + 5) + to_hours(CAST(floor(u(i, 11) * 60) AS INTEGER)),
      CAST(u(i, 12) < 0.2 AS INTEGER)
    FROM bench_people WHERE u(i, 10) < 0.2 AND start_day + 5 < 360`);
  const o = await store.one<{ n: number }>('SELECT count(*) AS n FROM orders');
  const t = await store.one<{ n: number }>('SELECT count(*) AS n FROM tickets');
  return { orders: o?.n ?? 0, tickets: t?.n ?? 0 };
}

/** Orders whose RFM summary is the simulated one (weeks on a day grid), inserted by DuckDB. */
async function generateValueData(store: Store, n: number, end: string): Promise<number> {
  const sim = simulateCustomers(BG_TRUE, n, mulberry32(11), {
    minT: 1,
    maxT: 78,
    grid: 1 / 7,
    spend: GG_TRUE,
  });
  await store.run(
    'CREATE OR REPLACE TEMP TABLE bench_sim (i INTEGER, t_days INTEGER, x INTEGER, tx_days INTEGER, monetary DOUBLE)',
  );
  const a = await store.conn.createAppender('bench_sim');
  for (let i = 0; i < n; i++) {
    const tDays = Math.max(1, Math.round(sim.T[i]! * 7));
    const txDays = Math.min(tDays, Math.round(sim.recency[i]! * 7));
    // repeat purchases need distinct days after the first: at most tx_days of them
    const x = Math.min(sim.frequency[i]!, txDays);
    a.appendInteger(i);
    a.appendInteger(tDays);
    a.appendInteger(x);
    a.appendInteger(txDays);
    a.appendDouble(Math.round(sim.monetary[i]! * 100) / 100);
    a.endRow();
  }
  a.closeSync();
  await store.run(`INSERT INTO orders (source, source_id, customer_id, placed_at, amount)
    SELECT 'shop', 'V' || i || '-' || k, 'C' || i,
      TIMESTAMP '${end}' - to_days(t_days) + to_days(CASE WHEN k = 0 THEN 0 ELSE CAST(floor(k * tx_days / x) AS INTEGER) END) + INTERVAL 10 HOUR,
      CASE WHEN k = 0 THEN 25.0 ELSE monetary END
    FROM (SELECT *, unnest(range(0, x + 1)) AS k FROM bench_sim)`);
  const o = await store.one<{ n: number }>('SELECT count(*) AS n FROM orders');
  return o?.n ?? 0;
}

async function withStore<T>(name: string, f: (store: Store) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `cxlens-churn-bench-${name}-`));
  const store = await Store.open(join(dir, 'bench.duckdb'), { threads: THREADS });
  try {
    return await f(store);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult> {
  const label = PERSONS.toLocaleString('en-US');
  const risk = await withStore('risk', async (store) => {
    let t = now();
    const sizes = await generateRiskData(store, PERSONS);
    const generated = since(t);
    const cfg = parseChurnConfig({
      definition: { kind: 'inactivity', days: 90 },
      activity: ['orders'],
      horizon_days: 90,
      risk: { snapshots: 1 },
    });
    // baseline: one bare aggregate per input table, per person (what any feature build must read)
    t = now();
    await store.one(
      `SELECT count(*) AS n FROM (
         SELECT 'shop:' || customer_id AS p, count(*), sum(amount), max(placed_at),
           count(*) FILTER (WHERE delivered_at > promised_at)
         FROM orders GROUP BY 1)`,
    );
    await store.one(
      `SELECT count(*) AS n FROM (
         SELECT 'shop:' || customer_id AS p, count(*), sum(reopened_count), max(opened_at)
         FROM tickets GROUP BY 1)`,
    );
    const baseline = since(t);
    const stages: Record<string, Clock> = {};
    let last = now();
    let lastStage = 'activity';
    t = now();
    const result = await churnRisk(store, cfg, {}, (_f, stage) => {
      const d = since(last);
      const s = stages[lastStage] ?? { wall: 0, cpu: 0 };
      stages[lastStage] = { wall: s.wall + d.wall, cpu: s.cpu + d.cpu };
      last = now();
      lastStage = stage;
    });
    const total = since(t);
    const sum = (names: string[]) =>
      names.reduce(
        (acc, k) => ({
          wall: acc.wall + (stages[k]?.wall ?? 0),
          cpu: acc.cpu + (stages[k]?.cpu ?? 0),
        }),
        { wall: 0, cpu: 0 },
      );
    const scoring = sum(['scoring features', 'scoring', 'writing']);
    const training = sum(['training features', 'holdout fit', 'final fit']);
    return { sizes, generated, baseline, stages, total, scoring, training, result };
  });

  const end = '2026-06-30';
  const value = await withStore('value', async (store) => {
    let t = now();
    const orders = await generateValueData(store, PERSONS, end);
    const generated = since(t);
    const stages: Record<string, Clock> = {};
    let last = now();
    let lastStage = 'rfm summary';
    t = now();
    const result = await customerValue(
      store,
      { calibrationEnd: end, horizonMonths: 12 },
      (_f, stage) => {
        if (stage === lastStage) return;
        stages[lastStage] = since(last);
        last = now();
        lastStage = stage;
      },
    );
    return { orders, generated, total: since(t), stages, result };
  });

  const r = risk.result;
  const v = value.result;
  const p = (x: number) => x.toPrecision(4);
  return {
    topic: 'churn',
    figures: [
      {
        name: `churn risk: score ${label} persons (features, score, write)`,
        value: risk.scoring.wall,
        unit: 's',
        baseline: { name: 'bare DuckDB scan of the inputs', value: risk.baseline.wall },
        target: { op: '<=', value: 5 },
      },
      { name: 'churn risk: scoring CPU', value: risk.scoring.cpu, unit: 'CPU s' },
      { name: 'churn risk end to end (train + score)', value: risk.total.wall, unit: 's' },
      {
        name: `customer value: ${label} customers end to end`,
        value: value.total.wall,
        unit: 's',
        target: { op: '<=', value: 10 },
      },
      { name: 'customer value CPU', value: value.total.cpu, unit: 'CPU s' },
    ],
    notes: [
      `DuckDB ${THREADS} threads; CPU seconds are the whole process (DuckDB threads included)`,
      `risk data: ${risk.sizes.orders.toLocaleString('en-US')} orders and ${risk.sizes.tickets.toLocaleString('en-US')} tickets generated in ${fmt(risk.generated)}`,
      `risk: scoring ${fmt(risk.scoring)}; baseline scan ${fmt(risk.baseline)}; training ${fmt(risk.training)}; end to end ${fmt(risk.total)}`,
      `risk stages: ${Object.entries(risk.stages)
        .map(([k, c]) => `${k} ${c.wall.toFixed(2)}/${c.cpu.toFixed(2)}`)
        .join(', ')} (wall/CPU s)`,
      `risk: trained on ${r.train.persons.toLocaleString('en-US')} (${r.train.churned.toLocaleString('en-US')} churned), holdout AUC ${r.holdout.auc?.toFixed(3)}, scored ${r.scored.toLocaleString('en-US')} current customers (of ${label} persons), drivers for the top ${r.explained}`,
      `value data: ${value.orders.toLocaleString('en-US')} orders from simulateCustomers in ${fmt(value.generated)}; customerValue ${fmt(value.total)}`,
      `value stages: ${Object.entries(value.stages)
        .map(([k, c]) => `${k} ${c.wall.toFixed(2)}/${c.cpu.toFixed(2)}`)
        .join(', ')} (wall/CPU s)`,
      `value: ${v.customers.toLocaleString('en-US')} customers (${v.excludedNew} new on the end day left out), ${v.repeatCustomers.toLocaleString('en-US')} repeat; mean CLV ${v.meanClv.toFixed(1)}`,
      `BG/NBD fitted r=${p(v.bgNbd.r)} α=${p(v.bgNbd.alpha)} a=${p(v.bgNbd.a)} b=${p(v.bgNbd.b)} vs true r=${BG_TRUE.r} α=${BG_TRUE.alpha} a=${BG_TRUE.a} b=${BG_TRUE.b}`,
      `Gamma-Gamma fitted p=${p(v.gammaGamma?.p ?? Number.NaN)} q=${p(v.gammaGamma?.q ?? Number.NaN)} γ=${p(v.gammaGamma?.gamma ?? Number.NaN)} vs true p=${GG_TRUE.p} q=${GG_TRUE.q} γ=${GG_TRUE.gamma}`,
    ],
  };
}
