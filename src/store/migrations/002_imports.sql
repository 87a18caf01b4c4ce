-- Import bookkeeping: one row per import run, its rejected rows, and the column mapping saved
-- per (source, entity) so the next export of the same system maps itself.
CREATE TABLE import_runs (
  import_id VARCHAR NOT NULL PRIMARY KEY,
  entity VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  files VARCHAR[] NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  rows_read BIGINT,
  rows_inserted BIGINT,
  rows_updated BIGINT,
  rows_unchanged BIGINT,
  rows_rejected BIGINT,
  status VARCHAR NOT NULL
);

CREATE TABLE rejects (
  import_id VARCHAR NOT NULL,
  entity VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  line BIGINT,
  "column" VARCHAR,
  value VARCHAR,
  code VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  rejected_at TIMESTAMP NOT NULL
);

CREATE TABLE source_mappings (
  source VARCHAR NOT NULL,
  entity VARCHAR NOT NULL,
  mapping JSON NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (source, entity)
);
