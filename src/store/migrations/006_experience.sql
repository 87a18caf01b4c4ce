-- Experience and engagement (src/metrics/experience): derived per-person tables written by
-- computeScores(store, config, asOf) and read by explainScore, segments, reports and the API.

-- Long form, one row per person and signal that occurred in the lookback window (signals that
-- did not occur have no row): signal is the code of the signal, its 1-based position in SIGNALS
-- (src/metrics/experience/signals.ts, signalCode / signalOfCode); n how often it happened (_n),
-- d the recency-decayed count (sum of value·0.5^(age_days / half_life_days), value = 1 or the
-- normalised survey answer) and last_at the latest occurrence. A signal's points are its weight (the
-- run's config in score_runs) × d; the engagement points are each action's share of the
-- engagement score.
CREATE TABLE person_signals (
  person_id VARCHAR NOT NULL,
  signal SMALLINT NOT NULL,
  n INTEGER NOT NULL,
  d DOUBLE NOT NULL,
  last_at TIMESTAMP
);

-- One row per person: the scores as of the run's as_of, their quadrant and the inputs of the rule.
CREATE TABLE person_scores (
  person_id VARCHAR NOT NULL,
  as_of TIMESTAMP NOT NULL,
  experience DOUBLE NOT NULL,        -- 0–100, base + Σ experience points, clamped
  engagement DOUBLE NOT NULL,        -- 0–100, 100·(1 − exp(−Σ w·decayed / scale))
  voice BIGINT NOT NULL,             -- posts + reviews + survey answers + ideas + complaint tickets
  bad_signals BIGINT NOT NULL,       -- occurrences of negative experience signals
  quadrant VARCHAR NOT NULL,         -- first matching rule in config quadrants, else 'unclassified'
  last_active_at TIMESTAMP           -- latest visit, order, ticket, post or answer up to as_of
);

-- One row per computeScores run (the latest is what person_scores holds).
CREATE TABLE score_runs (
  run_id VARCHAR NOT NULL,
  as_of TIMESTAMP NOT NULL,
  computed_at TIMESTAMP NOT NULL,
  persons BIGINT NOT NULL,
  unattributed BIGINT NOT NULL,      -- activity rows no person could be found for
  config JSON NOT NULL
);

-- Quadrant sizes at several as-of dates, and each quadrant's churn in the horizon after it.
CREATE TABLE quadrant_trend (
  as_of TIMESTAMP NOT NULL,
  quadrant VARCHAR NOT NULL,
  persons BIGINT NOT NULL,
  active BIGINT NOT NULL,            -- with activity in (as_of − horizon, as_of]
  churned BIGINT,                    -- active, and no activity in (as_of, as_of + horizon]; NULL if not yet observable
  horizon_days INTEGER NOT NULL
);
