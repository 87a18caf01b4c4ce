// The stored churn-risk and customer-value lists, one page at a time, with each person's name and
// e-mail (persons) and the other analysis' figure: CLV and P(alive) next to the risk, the risk
// next to the value. They read what `cxlens churn risk` (churn_risk, churn_risk_runs) and
// `cxlens value` (customer_value, customer_value_runs) wrote; nothing is recomputed. Risk uses
// the latest as_of. Orders: risk descending, then person id; CLV descending, then person id.
import type { Store } from '../../store/index.js';
import {
  type ChurnRiskList,
  type CustomerValueList,
  CustomerValueResult,
  type ListPage,
  RiskDriver,
} from './schemas.js';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const NAME = `nullif(trim(concat_ws(' ', p.first_name, p.last_name)), '')`;

const RISK_RUN_SQL = `SELECT CAST(as_of AS DATE) AS as_of, horizon_days, model, holdout_auc,
    CAST(json_extract(summary, '$.meanRisk') AS DOUBLE) AS mean_risk,
    (SELECT count(*) FROM churn_risk WHERE as_of = (SELECT max(as_of) FROM churn_risk)) AS total
  FROM churn_risk_runs ORDER BY computed_at DESC LIMIT 1`;

const RISK_ROWS_SQL = `SELECT r.person_id, r.risk, CAST(r.drivers AS VARCHAR) AS drivers, ${NAME} AS name,
    p.email, v.clv, v.p_alive
  FROM churn_risk r
  LEFT JOIN persons p ON p.person_id = r.person_id
  LEFT JOIN customer_value v ON v.person_id = r.person_id
  WHERE r.as_of = (SELECT max(as_of) FROM churn_risk)
  ORDER BY r.risk DESC, r.person_id LIMIT ? OFFSET ?`;

const VALUE_RUN_SQL = `SELECT CAST(summary AS VARCHAR) AS summary, (SELECT count(*) FROM customer_value) AS total
  FROM customer_value_runs ORDER BY computed_at DESC LIMIT 1`;

const VALUE_ROWS_SQL = `SELECT v.*, ${NAME} AS name, p.email, r.risk
  FROM customer_value v
  LEFT JOIN persons p ON p.person_id = v.person_id
  LEFT JOIN churn_risk r ON r.person_id = v.person_id
    AND r.as_of = (SELECT max(as_of) FROM churn_risk)
  ORDER BY v.clv DESC, v.person_id LIMIT ? OFFSET ?`;

/** Customers by churn risk (latest run), riskiest first, with their drivers and CLV. */
export async function listChurnRisk(store: Store, page: ListPage): Promise<ChurnRiskList> {
  const { limit, offset } = page;
  const run = await store.one<Record<string, unknown>>(RISK_RUN_SQL);
  const rows = await store.all<Record<string, unknown>>(RISK_ROWS_SQL, [limit, offset]);
  const asOf = run?.as_of;
  return {
    items: rows.map((x) => ({
      personId: String(x.person_id),
      name: str(x.name),
      email: str(x.email),
      risk: Number(x.risk),
      drivers: RiskDriver.array().parse(JSON.parse(String(x.drivers ?? '[]'))),
      clv: num(x.clv),
      pAlive: num(x.p_alive),
    })),
    total: Number(run?.total ?? 0),
    asOf: asOf instanceof Date ? asOf.toISOString().slice(0, 10) : str(asOf),
    horizonDays: num(run?.horizon_days),
    model: str(run?.model),
    holdoutAuc: num(run?.holdout_auc),
    meanRisk: num(run?.mean_risk),
  };
}

/** Customers by 12-month CLV (latest `cxlens value` fit), most valuable first, with their risk. */
export async function listCustomerValue(store: Store, page: ListPage): Promise<CustomerValueList> {
  const { limit, offset } = page;
  const run = await store.one<{ summary: string; total: number }>(VALUE_RUN_SQL);
  const rows = await store.all<Record<string, unknown>>(VALUE_ROWS_SQL, [limit, offset]);
  const summary = run ? CustomerValueResult.safeParse(JSON.parse(run.summary)) : undefined;
  return {
    items: rows.map((x) => ({
      personId: String(x.person_id),
      name: str(x.name),
      email: str(x.email),
      frequency: Number(x.frequency),
      recency: Number(x.recency),
      T: Number(x.T),
      monetary: Number(x.monetary),
      pAlive: Number(x.p_alive),
      expectedPurchases: Number(x.expected_purchases),
      clv: Number(x.clv),
      risk: num(x.risk),
    })),
    total: Number(run?.total ?? 0),
    summary: summary?.success ? summary.data : null,
  };
}
