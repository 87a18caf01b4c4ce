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
  computeClv,
  fitBgNbd,
  fitGammaGamma,
  type GammaGammaParams,
  type RfmSummary,
  UNITS_PER_MONTH,
} from '../../models/index.js';
import type { Store } from '../../store/index.js';
import { isoDay, parseDay, toDate } from './dates.js';
import { hasIdentity, personRef } from './population.js';
import { CustomerValueOptions, type CustomerValueResult } from './schemas.js';

export type ValueProgress = (fraction: number, stage: string) => void;

/** RFM summary (weeks) per person from orders up to and including the calibration end day. */
export async function readRfmSummary(store: Store, calibrationEnd: Date): Promise<RfmSummary> {
  const ref = personRef('activity', 'o', await hasIdentity(store));
  const reader = await store.conn.runAndReadAll(
    `WITH tx AS (
       SELECT ${ref.personId} AS person_id, CAST(o.placed_at AS DATE) AS d, sum(o.amount) AS v
       FROM orders o ${ref.joins} WHERE o.placed_at < CAST($1 AS DATE) + INTERVAL 1 DAY GROUP BY ALL),
     f AS (SELECT person_id, min(d) AS first_d FROM tx WHERE person_id IS NOT NULL GROUP BY 1)
     SELECT person_id, CAST(count(*) - 1 AS DOUBLE) AS frequency,
       date_diff('day', min(d), max(d)) / 7.0 AS recency,
       date_diff('day', min(d), CAST($1 AS DATE)) / 7.0 AS "T",
       CAST(coalesce(avg(v) FILTER (WHERE d > first_d), 0) AS DOUBLE) AS monetary
     FROM tx JOIN f USING (person_id) GROUP BY person_id ORDER BY person_id`,
    [isoDay(calibrationEnd)],
  );
  const cols = reader.getColumnsJS() as unknown[][];
  const num = (j: number) => Float64Array.from(cols[j] ?? [], (v) => Number(v));
  return {
    ids: (cols[0] ?? []).map(String),
    frequency: num(1),
    recency: num(2),
    T: num(3),
    monetary: num(4),
  };
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
  const s = await readRfmSummary(store, end);
  const n = s.ids.length;
  onProgress(0.2, 'BG/NBD fit');
  // customers whose first purchase is the calibration end day (T = 0) carry no information
  // for the fit; they are still predicted for
  const fitIdx: number[] = [];
  for (let i = 0; i < n; i++) if (s.T[i]! > 0) fitIdx.push(i);
  const bg = fitBgNbd({
    frequency: Float64Array.from(fitIdx, (i) => s.frequency[i]!),
    recency: Float64Array.from(fitIdx, (i) => s.recency[i]!),
    T: Float64Array.from(fitIdx, (i) => s.T[i]!),
  });
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
  for (let i = 0; i < n; i++) {
    const x = s.frequency[i]!;
    const tx = s.recency[i]!;
    const T = s.T[i]!;
    pAlive[i] = bgNbdProbabilityAlive(bg.params, x, tx, T);
    expected[i] = bgNbdConditionalExpectedPurchases(bg.params, horizonWeeks, x, tx, T);
  }
  const clv = computeClv(s, bg.params, gg, {
    months: opts.horizonMonths,
    monthlyDiscountRate: opts.monthlyDiscountRate,
    timeUnit: 'weeks',
  });
  onProgress(0.85, 'writing');
  await store.transaction(async () => {
    await store.run('DELETE FROM customer_value');
    const a = await store.conn.createAppender('customer_value');
    for (let i = 0; i < n; i++) {
      a.appendVarchar(s.ids[i]!);
      a.appendDouble(s.frequency[i]!);
      a.appendDouble(s.recency[i]!);
      a.appendDouble(s.T[i]!);
      a.appendDouble(s.monetary[i]!);
      a.appendDouble(pAlive[i]!);
      a.appendDouble(expected[i]!);
      a.appendDouble(clv[i]!);
      a.endRow();
    }
    a.closeSync();
  });
  const sum = (v: Float64Array) => v.reduce((acc, x) => acc + x, 0);
  const totalClv = sum(clv);
  const result: CustomerValueResult = {
    calibrationEnd: isoDay(end),
    horizonMonths: opts.horizonMonths,
    customers: n,
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
