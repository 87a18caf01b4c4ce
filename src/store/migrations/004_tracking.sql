-- HTTP tracking API (src/ingest/tracking): API keys, dead letters and the loader checkpoint.

-- API keys. Only the SHA-256 of a key is stored; key_id (the hash's first 12 hex digits) names
-- it in listings and revocations. scope 'write' keys belong to one source (the Segment write
-- key: every event it sends is stored with that source); scope 'read' keys open the read API.
CREATE TABLE write_keys (
  key_id VARCHAR NOT NULL,
  key_hash VARCHAR NOT NULL PRIMARY KEY,
  source VARCHAR,
  scope VARCHAR NOT NULL,             -- write | read
  created_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP
);

-- Messages the tracking API could not accept, with the reason; never dropped silently.
CREATE TABLE dead_letters (
  received_at TIMESTAMP NOT NULL,
  source VARCHAR NOT NULL,
  message_index INTEGER,              -- position in the batch (0 for single calls)
  message_id VARCHAR,
  code VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  payload JSON
);

-- How far the loader has moved the durable tracking log (dataDir/tracking/NNNNNNNN.ndjson) into
-- the store: committed in the same transaction as the rows it loaded, so a restart replays
-- exactly what follows it.
CREATE TABLE tracking_checkpoints (
  log_dir VARCHAR NOT NULL PRIMARY KEY,
  file_seq BIGINT NOT NULL,
  "offset" BIGINT NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
