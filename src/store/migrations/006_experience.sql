-- Experience and engagement (src/metrics/experience): derived per-person tables written by
-- computeScores(store, config, asOf) and read by explainScore, segments, reports and the API.

-- One row per person: for every signal (SIGNALS in src/metrics/experience/signals.ts, in this
-- order) how often it happened in the lookback window (_n), the recency-decayed count (_d: sum of
-- value·0.5^(age_days / half_life_days), value = 1 or the normalised survey answer) and the latest
-- occurrence (_at). A signal's points are its weight (the run's config in score_runs) × _d; the
-- engagement points are each action's share of the engagement score.
CREATE TABLE person_signals (
  person_id VARCHAR NOT NULL,
  checkout_abandoned_n INTEGER NOT NULL DEFAULT 0,
  checkout_abandoned_d DOUBLE NOT NULL DEFAULT 0,
  checkout_abandoned_at TIMESTAMP,
  payment_failed_n INTEGER NOT NULL DEFAULT 0,
  payment_failed_d DOUBLE NOT NULL DEFAULT 0,
  payment_failed_at TIMESTAMP,
  error_event_n INTEGER NOT NULL DEFAULT 0,
  error_event_d DOUBLE NOT NULL DEFAULT 0,
  error_event_at TIMESTAMP,
  slow_page_n INTEGER NOT NULL DEFAULT 0,
  slow_page_d DOUBLE NOT NULL DEFAULT 0,
  slow_page_at TIMESTAMP,
  late_delivery_n INTEGER NOT NULL DEFAULT 0,
  late_delivery_d DOUBLE NOT NULL DEFAULT 0,
  late_delivery_at TIMESTAMP,
  on_time_delivery_n INTEGER NOT NULL DEFAULT 0,
  on_time_delivery_d DOUBLE NOT NULL DEFAULT 0,
  on_time_delivery_at TIMESTAMP,
  return_refund_n INTEGER NOT NULL DEFAULT 0,
  return_refund_d DOUBLE NOT NULL DEFAULT 0,
  return_refund_at TIMESTAMP,
  slow_first_response_n INTEGER NOT NULL DEFAULT 0,
  slow_first_response_d DOUBLE NOT NULL DEFAULT 0,
  slow_first_response_at TIMESTAMP,
  slow_resolution_n INTEGER NOT NULL DEFAULT 0,
  slow_resolution_d DOUBLE NOT NULL DEFAULT 0,
  slow_resolution_at TIMESTAMP,
  reopened_ticket_n INTEGER NOT NULL DEFAULT 0,
  reopened_ticket_d DOUBLE NOT NULL DEFAULT 0,
  reopened_ticket_at TIMESTAMP,
  repeat_contact_n INTEGER NOT NULL DEFAULT 0,
  repeat_contact_d DOUBLE NOT NULL DEFAULT 0,
  repeat_contact_at TIMESTAMP,
  no_return_after_bad_n INTEGER NOT NULL DEFAULT 0,
  no_return_after_bad_d DOUBLE NOT NULL DEFAULT 0,
  no_return_after_bad_at TIMESTAMP,
  partner_in_path_n INTEGER NOT NULL DEFAULT 0,
  partner_in_path_d DOUBLE NOT NULL DEFAULT 0,
  partner_in_path_at TIMESTAMP,
  survey_nps_n INTEGER NOT NULL DEFAULT 0,
  survey_nps_d DOUBLE NOT NULL DEFAULT 0,
  survey_nps_at TIMESTAMP,
  survey_csat_n INTEGER NOT NULL DEFAULT 0,
  survey_csat_d DOUBLE NOT NULL DEFAULT 0,
  survey_csat_at TIMESTAMP,
  survey_ces_n INTEGER NOT NULL DEFAULT 0,
  survey_ces_d DOUBLE NOT NULL DEFAULT 0,
  survey_ces_at TIMESTAMP,
  ticket_csat_n INTEGER NOT NULL DEFAULT 0,
  ticket_csat_d DOUBLE NOT NULL DEFAULT 0,
  ticket_csat_at TIMESTAMP,
  survey_answer_n INTEGER NOT NULL DEFAULT 0,
  survey_answer_d DOUBLE NOT NULL DEFAULT 0,
  survey_answer_at TIMESTAMP,
  post_n INTEGER NOT NULL DEFAULT 0,
  post_d DOUBLE NOT NULL DEFAULT 0,
  post_at TIMESTAMP,
  review_n INTEGER NOT NULL DEFAULT 0,
  review_d DOUBLE NOT NULL DEFAULT 0,
  review_at TIMESTAMP,
  like_n INTEGER NOT NULL DEFAULT 0,
  like_d DOUBLE NOT NULL DEFAULT 0,
  like_at TIMESTAMP,
  idea_n INTEGER NOT NULL DEFAULT 0,
  idea_d DOUBLE NOT NULL DEFAULT 0,
  idea_at TIMESTAMP,
  vote_n INTEGER NOT NULL DEFAULT 0,
  vote_d DOUBLE NOT NULL DEFAULT 0,
  vote_at TIMESTAMP,
  login_n INTEGER NOT NULL DEFAULT 0,
  login_d DOUBLE NOT NULL DEFAULT 0,
  login_at TIMESTAMP,
  purchase_n INTEGER NOT NULL DEFAULT 0,
  purchase_d DOUBLE NOT NULL DEFAULT 0,
  purchase_at TIMESTAMP,
  referral_n INTEGER NOT NULL DEFAULT 0,
  referral_d DOUBLE NOT NULL DEFAULT 0,
  referral_at TIMESTAMP,
  complaint_ticket_n INTEGER NOT NULL DEFAULT 0,
  complaint_ticket_d DOUBLE NOT NULL DEFAULT 0,
  complaint_ticket_at TIMESTAMP
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
