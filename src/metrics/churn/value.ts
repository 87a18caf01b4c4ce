// Customer lifetime value per person from the store's orders: the RFM summary in weeks at day
// resolution (as src/models buildRfmSummary / lifetimes: same-day orders are one purchase;
// frequency = purchase days − 1, recency and T in weeks, monetary = mean of the repeat days),
// built in SQL so a million customers stay cheap; then BG/NBD (purchase and dropout process) and
// Gamma-Gamma (spend per purchase) fitted by maximum likelihood (Fader, Hardie & Lee 2005),
// P(alive), expected purchases over the horizon and the discounted CLV. Writes customer_value
// (replaced) and customer_value_runs. Gamma-Gamma assumes spend independent of frequency.
import { randomUUID } from 'node:crypto';
import { InputError } from '../../lib/errors.js';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdProbabilityAlive,
  fitBgNbd,
  fitGammaGamma,
  type GammaGammaParams,
  gammaGammaExpectedAverageValue,
  type RfmSummary,
  UNITS_PER_MONTH,
} from '../../models/index.js';
import { orderIsPurchaseSql, type Store } from '../../store/index.js';
import { readColumns } from './columns.js';
import { isoDay, parseDay, toDate } from './dates.js';
import { hasIdentity, personRef } from './population.js';
import { CustomerValueOptions, type CustomerValueResult } from './schemas.js';

export type ValueProgress = (fraction: number, stage: string) => void;

const RFM_TABLE = 'cx_churn_rfm';
const VALUE_TABLE = 'cx_churn_value';

/**
 * Builds temp table cx_churn_rfm: the RFM summary (weeks) per person from orders up to and
 * including the calibration end day, in one aggregate over the person-days (monetary = the
 * mean of the days after the first). Persons whose first purchase is that day (T = 0: no time
 * observed yet) are left out, as lifetimes leaves them out of the fit; returns their count.
 */
async function buildRfmTable(store: Store, calibrationEnd: Date): Promise<number> {
  const ref = personRef('activity', 'o', await hasIdentity(store));
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${RFM_TABLE} AS
     WITH tx AS (
       SELECT ${ref.personId} AS person_id, CAST(o.placed_at AS DATE) AS d, sum(o.amount) AS v
       FROM orders o ${ref.joins}
       WHERE o.placed_at < CAST($1 AS DATE) + INTERVAL 1 DAY AND ${orderIsPurchaseSql('o')} GROUP BY ALL)
     SELECT person_id, CAST(count(*) - 1 AS DOUBLE) AS frequency,
       date_diff('day', min(d), max(d)) / 7.0 AS recency,
       date_diff('day', min(d), CAST($1 AS DATE)) / 7.0 AS "T",
       CAST(CASE WHEN count(*) > 1 THEN (sum(v) - arg_min(v, d)) / (count(*) - 1) ELSE 0 END AS DOUBLE) AS monetary
     FROM tx WHERE person_id IS NOT NULL GROUP BY person_id`,
    [isoDay(calibrationEnd)],
  );
  const row = await store.one<{ n: number }>(
    `SELECT count(*) AS n FROM ${RFM_TABLE} WHERE "T" <= 0`,
  );
  await store.run(`DELETE FROM ${RFM_TABLE} WHERE "T" <= 0`);
  return row?.n ?? 0;
}

async function readRfmColumns(store: Store, withIds: boolean): Promise<RfmSummary> {
  const r = await readColumns(
    store,
    `SELECT ${withIds ? 'person_id, ' : ''}frequency, recency, "T", monetary FROM ${RFM_TABLE}`,
    [],
  );
  const at = withIds ? 1 : 0;
  return {
    ids: withIds ? r.text[0]!.map(String) : [],
    frequency: r.numeric[at]!,
    recency: r.numeric[at + 1]!,
    T: r.numeric[at + 2]!,
    monetary: r.numeric[at + 3]!,
  };
}

/**
 * RFM summary (weeks) per person from orders up to and including the calibration end day;
 * persons whose first purchase is that day (T = 0) are left out and counted in excludedNew.
 */
export async function readRfmSummary(
  store: Store,
  calibrationEnd: Date,
): Promise<RfmSummary & { excludedNew: number }> {
  const excludedNew = await buildRfmTable(store, calibrationEnd);
  const s = await readRfmColumns(store, true);
  await store.run(`DROP TABLE IF EXISTS ${RFM_TABLE}`);
  return { ...s, excludedNew };
}

function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function customerValue(
  store: Store,
  options: CustomerValueOptions = {},
  onProgress: ValueProgress = () => undefined,
): Promise<CustomerValueResult> {
  const opts = CustomerValueOptions.parse(options);
  onProgress(0, 'rfm summary');
  let end: Date;
  if (opts.calibrationEnd) end = parseDay(opts.calibrationEnd, 'calibrationEnd');
  else {
    const row = await store.one<{ d: unknown }>(
      'SELECT CAST(max(placed_at) AS DATE) AS d FROM orders',
    );
    if (!row?.d) throw new InputError('INPUT_NO_DATA', 'customer value: the store has no orders');
    end = toDate(row.d);
  }
  const excludedNew = await buildRfmTable(store, end);
  // numbers only: person ids stay in DuckDB and are matched back by position when writing
  const s = await readRfmColumns(store, false);
  const n = s.frequency.length;
  onProgress(0.2, 'BG/NBD fit');
  if (n === 0)
    throw new InputError(
      'INPUT_NO_DATA',
      `customer value: no customer with a first purchase before ${isoDay(end)}`,
    );
  const bg = fitBgNbd({ frequency: s.frequency, recency: s.recency, T: s.T });
  onProgress(0.5, 'Gamma-Gamma fit');
  const repeat: number[] = [];
  for (let i = 0; i < n; i++) if (s.frequency[i]! > 0 && s.monetary[i]! > 0) repeat.push(i);
  if (repeat.length < 2) {
    throw new InputError(
      'INPUT_TOO_FEW_CUSTOMERS',
      `customer value: ${repeat.length} repeat customers with a positive spend by ${isoDay(end)} (expected at least 2)`,
    );
  }
  const gg: GammaGammaParams = fitGammaGamma({
    frequency: Float64Array.from(repeat, (i) => s.frequency[i]!),
    monetary: Float64Array.from(repeat, (i) => s.monetary[i]!),
  }).params;
  onProgress(0.6, 'predictions');
  const horizonWeeks = opts.horizonMonths * UNITS_PER_MONTH.weeks;
  const pAlive = new Float64Array(n);
  const expected = new Float64Array(n);
  const clv = new Float64Array(n);
  // The BG/NBD predictions depend on (x, t_x, T) only, and the summary is on a day grid: they are
  // computed once per distinct triple. CLV = E[spend | x, m] × Σₖ (E[purchases by month k] −
  // E[… by month k − 1]) / (1 + d)ᵏ, as computeClv, with the discounted sum per triple.
  const months = opts.horizonMonths;
  const perMonth = UNITS_PER_MONTH.weeks;
  const seen = new Map<number, number>();
  const tripleAlive: number[] = [];
  const tripleExpected: number[] = [];
  const tripleDiscounted: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = s.frequency[i]!;
    const tx = s.recency[i]!;
    const T = s.T[i]!;
    const key = (x * 65_536 + Math.round(tx * 7)) * 65_536 + Math.round(T * 7);
    let k = seen.get(key);
    if (k === undefined) {
      k = tripleAlive.length;
      seen.set(key, k);
      tripleAlive.push(bgNbdProbabilityAlive(bg.params, x, tx, T));
      tripleExpected.push(bgNbdConditionalExpectedPurchases(bg.params, horizonWeeks, x, tx, T));
      let previous = 0;
      let discounted = 0;
      for (let m = 1; m <= months; m++) {
        const cumulative = bgNbdConditionalExpectedPurchases(bg.params, m * perMonth, x, tx, T);
        discounted += (cumulative - previous) / (1 + opts.monthlyDiscountRate) ** m;
        previous = cumulative;
      }
      tripleDiscounted.push(discounted);
    }
    pAlive[i] = tripleAlive[k]!;
    expected[i] = tripleExpected[k]!;
    clv[i] = gammaGammaExpectedAverageValue(gg, x, s.monetary[i]!) * tripleDiscounted[k]!;
  }
  onProgress(0.85, 'writing');
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${VALUE_TABLE} (p_alive DOUBLE, expected DOUBLE, clv DOUBLE)`,
  );
  const a = await store.conn.createAppender(VALUE_TABLE);
  for (let i = 0; i < n; i++) {
    a.appendDouble(pAlive[i]!);
    a.appendDouble(expected[i]!);
    a.appendDouble(clv[i]!);
    a.endRow();
  }
  a.closeSync();
  await store.transaction(async () => {
    await store.run('DELETE FROM customer_value');
    await store.run(
      `INSERT INTO customer_value SELECT r.person_id, r.frequency, r.recency, r."T", r.monetary, v.p_alive, v.expected, v.clv
       FROM ${RFM_TABLE} r POSITIONAL JOIN ${VALUE_TABLE} v`,
    );
  });
  await store.run(`DROP TABLE IF EXISTS ${VALUE_TABLE}; DROP TABLE IF EXISTS ${RFM_TABLE}`);
  const sum = (v: Float64Array) => v.reduce((acc, x) => acc + x, 0);
  const totalClv = sum(clv);
  const result: CustomerValueResult = {
    calibrationEnd: isoDay(end),
    horizonMonths: opts.horizonMonths,
    customers: n,
    excludedNew,
    repeatCustomers: repeat.length,
    bgNbd: bg.params,
    gammaGamma: gg,
    totalClv,
    meanClv: n ? totalClv / n : 0,
    medianClv: median(clv),
    meanProbabilityAlive: n ? sum(pAlive) / n : 0,
    expectedPurchases: sum(expected),
  };
  await store.run('INSERT INTO customer_value_runs VALUES (?, ?, ?, now(), ?)', [
    randomUUID(),
    isoDay(end),
    opts.horizonMonths,
    JSON.stringify(result),
  ]);
  onProgress(1, 'done');
  return result;
}

/** The most valuable persons of the latest run. */
export async function topCustomerValue(
  store: Store,
  limit = 20,
): Promise<Record<string, unknown>[]> {
  return store.all(
    'SELECT person_id, frequency, recency, "T", monetary, p_alive, expected_purchases, clv FROM customer_value ORDER BY clv DESC, person_id LIMIT ?',
    [limit],
  );
}
