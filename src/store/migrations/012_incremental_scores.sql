-- Incremental score runs (src/metrics/experience/score-run.ts): a run on a store already scored
-- recomputes the signals of the persons whose inputs changed since the last run and carries every
-- other person's state forward, decayed to the new as-of date.

-- The activity keys each write touched (the importer and the tracking loader write them, for the
-- old and the new values of an updated row): a person with one of them is recomputed next run.
-- key_kind/key as in person_keys: user_id, anonymous_id (events), record (source:customer_id),
-- email (normalised). A score run deletes the rows it folded in (a queue, read whole).
CREATE SEQUENCE activity_change_seq;
CREATE TABLE activity_changes (
  seq BIGINT NOT NULL DEFAULT nextval('activity_change_seq'),
  key_kind VARCHAR NOT NULL,
  key VARCHAR NOT NULL,
  event_at TIMESTAMP                 -- events: the earliest timestamp written for the key (else NULL)
);

-- Per score run: how it ran and what the next run needs to carry its state forward.
ALTER TABLE score_runs ADD COLUMN mode VARCHAR DEFAULT 'full';   -- full | incremental
ALTER TABLE score_runs ADD COLUMN decay_ref TIMESTAMP;           -- the date stored decayed counts are decayed to
ALTER TABLE score_runs ADD COLUMN d_scale DOUBLE DEFAULT 1;      -- 0.5^((as_of − decay_ref) / half-life)
ALTER TABLE score_runs ADD COLUMN identity_run VARCHAR;          -- the identity run whose persons were scored
ALTER TABLE score_runs ADD COLUMN table_rows JSON;               -- rows per activity table (a drop forces a full run)
ALTER TABLE score_runs ADD COLUMN recomputed BIGINT;             -- persons whose signals the run recomputed
ALTER TABLE score_runs ADD COLUMN event_key_rows BIGINT;         -- score_event_keys' rows when last netted

-- person_signals' rows keep d decayed to the run's decay_ref, so an incremental run need not
-- rewrite the rows of persons it did not recompute; the view person_signals decays them to the
-- latest run's as_of (d × d_scale), which is what every reader wants.
-- part: 0 the rows from events, 1 from the activity tables (with each part's activity rows as
-- signal 0, which the view leaves out: an incremental run reads a person's back when only their
-- events changed), 2 derived (no_return_after_bad).
ALTER TABLE person_signals RENAME TO person_signal_rows;
ALTER TABLE person_signal_rows ADD COLUMN part SMALLINT DEFAULT 1;
CREATE VIEW person_signals AS
  SELECT g.pidx, g.signal, g.n, g.d * r.d_scale AS d, g.last_at
  FROM person_signal_rows g
  CROSS JOIN (SELECT coalesce((SELECT d_scale FROM score_runs ORDER BY computed_at DESC LIMIT 1), 1) AS d_scale) r
  WHERE g.signal > 0;

-- Per person, what scoring needs from the signals (decayed to decay_ref): the experience points
-- (Σ weight × decayed, before no_return_after_bad and the clamp), the engagement sum, voice, bad
-- signals, the latest bad signal and activity, the signal bit mask and the activity rows
-- attributed to the person (the unattributed count is every row in the window less these).
CREATE TABLE score_state (
  pidx INTEGER NOT NULL,
  person_id VARCHAR NOT NULL,
  exp_pts DOUBLE NOT NULL,
  eng_pts DOUBLE NOT NULL,
  voice BIGINT NOT NULL,
  bad_signals BIGINT NOT NULL,
  bad_at TIMESTAMP,
  act_at TIMESTAMP,
  signal_mask BIGINT NOT NULL,
  rows_n BIGINT NOT NULL
);

-- Events per key (user id, else anonymous id) and code, as a full run computes them before they
-- are attached to persons (src/metrics/experience/event-keys.ts): code 0 the activity (n events,
-- last_at the latest), else a signal (n, d decayed to decay_ref, last_at). An incremental run
-- appends the events that entered the window and, negated, those that left, so it never reads
-- the whole events table; readers net a key's rows per code. pidx is the key's person (NULL:
-- none, the unattributed activity).
CREATE TABLE score_event_keys (
  is_user BOOLEAN NOT NULL,
  key VARCHAR NOT NULL,
  pidx INTEGER,
  code SMALLINT NOT NULL,
  n INTEGER NOT NULL,
  d DOUBLE,
  last_at TIMESTAMP
);

-- Every person key with the run's person index (person_keys × pidx), kept between runs.
CREATE TABLE score_keys (
  key_kind VARCHAR NOT NULL,
  key VARCHAR NOT NULL,
  pidx INTEGER NOT NULL
);

-- The partners in each person's order path in the window (partner_scores is derived from it).
CREATE TABLE score_partners (
  pidx INTEGER NOT NULL,
  partner_id VARCHAR NOT NULL
);

-- person_scores becomes a view that each score run defines over score_state: every person's
-- scores computed from their state with the run's as-of date, decay and config, so a run does not
-- rewrite a row per person. Scores of earlier runs are dropped (their state was not kept); the
-- next `cxlens score compute` (or `cxlens start`) rebuilds them.
DELETE FROM score_runs;
DELETE FROM person_signal_rows;
DELETE FROM partner_scores;
DROP TABLE person_scores;
CREATE VIEW person_scores AS
  SELECT CAST(NULL AS VARCHAR) AS person_id, CAST(NULL AS TIMESTAMP) AS as_of,
    CAST(NULL AS DOUBLE) AS experience, CAST(NULL AS DOUBLE) AS engagement, CAST(NULL AS BIGINT) AS voice,
    CAST(NULL AS BIGINT) AS bad_signals, CAST(NULL AS VARCHAR) AS quadrant,
    CAST(NULL AS TIMESTAMP) AS last_active_at, CAST(NULL AS INTEGER) AS pidx,
    CAST(NULL AS BIGINT) AS signal_mask, CAST(NULL AS DOUBLE) AS engagement_raw
  WHERE false;
