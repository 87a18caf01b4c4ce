-- Churn and customer value (src/metrics/churn): per-person churn risk with its drivers, per-person
-- lifetime value, the runs that wrote them, and saved segments (e.g. a cell of the cohort
-- retention matrix). Derived tables: every run replaces its rows.

-- One row per person scored at as_of: P(churn within the horizon after as_of) and the features
-- that raise it most (JSON array of {feature, value, contribution to the log-odds}). Drivers are
-- computed for the config's risk.explain_top highest-risk persons only (default 1000); NULL for
-- the rest ([] means computed, but no feature raises the risk above the average customer's).
CREATE TABLE churn_risk (
  person_id VARCHAR NOT NULL,
  as_of TIMESTAMP NOT NULL,
  risk DOUBLE NOT NULL,
  drivers JSON
);

-- One row per churnRisk run: the training cutoff, horizon, holdout AUC and the config used.
CREATE TABLE churn_risk_runs (
  run_id VARCHAR NOT NULL,
  as_of TIMESTAMP NOT NULL,
  train_cutoff TIMESTAMP NOT NULL,
  horizon_days INTEGER NOT NULL,
  model VARCHAR NOT NULL,            -- logistic | gbt
  train_persons BIGINT NOT NULL,
  holdout_auc DOUBLE,
  scored BIGINT NOT NULL,
  computed_at TIMESTAMP NOT NULL,
  summary JSON NOT NULL              -- ChurnRiskResult
);

-- One row per person with orders: the RFM summary (weeks) at the calibration end and what
-- BG/NBD + Gamma-Gamma predict for the horizon.
CREATE TABLE customer_value (
  person_id VARCHAR NOT NULL,
  frequency DOUBLE NOT NULL,         -- repeat purchase days
  recency DOUBLE NOT NULL,           -- weeks from first to last purchase
  "T" DOUBLE NOT NULL,               -- weeks from first purchase to the calibration end
  monetary DOUBLE NOT NULL,          -- mean value of the repeat purchase days (0 when none)
  p_alive DOUBLE NOT NULL,
  expected_purchases DOUBLE NOT NULL,  -- in the horizon
  clv DOUBLE NOT NULL                -- discounted value of the horizon's purchases
);

CREATE TABLE customer_value_runs (
  run_id VARCHAR NOT NULL,
  calibration_end TIMESTAMP NOT NULL,
  horizon_months INTEGER NOT NULL,
  computed_at TIMESTAMP NOT NULL,
  summary JSON NOT NULL              -- CustomerValueResult (fitted parameters included)
);

-- Saved segments: a name, how it was defined (a rule, or e.g. a retention-matrix cell) and its
-- members. Shared with segment export; members are person_ids.
CREATE TABLE segments (
  name VARCHAR NOT NULL,             -- unique (saveSegment replaces by name; no PRIMARY KEY so a
                                     -- delete and re-insert can share one transaction)
  kind VARCHAR NOT NULL,             -- cohort_cell | quadrant | rule | …
  definition JSON NOT NULL,
  size BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE segment_members (
  segment VARCHAR NOT NULL,
  person_id VARCHAR NOT NULL
);
