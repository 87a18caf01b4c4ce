-- One row per `cxlens voice score` run, so the dashboard can say when voice was last scored,
-- as it does for identity, scores, churn risk and value (their runs tables).
CREATE TABLE voice_runs (
  computed_at TIMESTAMP NOT NULL,
  scored BIGINT NOT NULL,            -- texts scored in the run
  unscored BIGINT NOT NULL,          -- texts stored unscored (another language, no words)
  unchanged BIGINT NOT NULL,         -- texts whose current score was kept
  ms BIGINT NOT NULL
);
