-- Experience scores keyed by an integer person index (src/metrics/experience): writing and
-- joining millions of signal rows on a VARCHAR person_id was most of a scoring run's cost.
-- Both tables are derived by computeScores; the scores of older runs are dropped here and the
-- next `cxlens score compute` (or `cxlens start`) rebuilds them.

-- person_scores as in 006, plus pidx: the run's dense person index (1..persons), the join key of
-- person_signals; signal_mask: bit c set when the person had signal code c (reach per signal
-- without a scan of person_signals); engagement_raw: Σ weight × decayed over engagement actions,
-- before the 0–100 squash (each action's share of the score is its part of this sum).
DELETE FROM score_runs;
DROP TABLE person_scores;
CREATE TABLE person_scores (
  person_id VARCHAR NOT NULL,
  as_of TIMESTAMP NOT NULL,
  experience DOUBLE NOT NULL,        -- 0–100, base + Σ experience points, clamped
  engagement DOUBLE NOT NULL,        -- 0–100, 100·(1 − exp(−engagement_raw / scale))
  voice BIGINT NOT NULL,             -- posts + reviews + survey answers + ideas + complaint tickets
  bad_signals BIGINT NOT NULL,       -- occurrences of negative experience signals
  quadrant VARCHAR NOT NULL,         -- first matching rule in config quadrants, else 'unclassified'
  last_active_at TIMESTAMP,          -- latest visit, order, ticket, post or answer up to as_of
  pidx INTEGER NOT NULL,
  signal_mask BIGINT NOT NULL,
  engagement_raw DOUBLE NOT NULL
);

-- Long form keyed by pidx, one row per person, signal and source key the signal came from (a
-- person seen under a user id and an anonymous id has a row for each): readers sum n and d and
-- take the latest last_at per (pidx, signal). signal is the signal's code (signalCode), n how
-- often it happened, d the recency-decayed count and last_at the latest occurrence.
DROP TABLE person_signals;
CREATE TABLE person_signals (
  pidx INTEGER NOT NULL,
  signal SMALLINT NOT NULL,
  n INTEGER NOT NULL,
  d DOUBLE NOT NULL,
  last_at TIMESTAMP
);

-- Per ecosystem partner, the persons its orders in the run's window reached and their mean scores
-- (written with person_scores, so the partner report needs no pass over every order).
CREATE TABLE partner_scores (
  partner_id VARCHAR NOT NULL,
  persons BIGINT NOT NULL,
  mean_experience DOUBLE,
  mean_engagement DOUBLE
);
