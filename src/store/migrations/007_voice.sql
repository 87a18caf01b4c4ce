-- Voice of the customer (src/metrics/voice): per-text sentiment written by scoreTexts(store) and
-- read by voiceSummary, voiceTopics, voiceStorms, the API and the dashboard. Derived: can be
-- rebuilt at any time from posts, tickets, survey_responses and ideas.

-- One row per text: a post, a ticket (subject + body), a survey comment or an idea (title + body).
CREATE TABLE text_scores (
  kind VARCHAR NOT NULL,             -- post | ticket | survey_response | idea
  source VARCHAR NOT NULL,           -- the row's source system
  source_id VARCHAR NOT NULL,        -- the row's id in that system
  "at" TIMESTAMP NOT NULL,             -- posted_at | opened_at | responded_at (else invited_at) | created_at
  channel VARCHAR,                   -- the row's channel (ideas: NULL)
  language VARCHAR NOT NULL,         -- ISO 639-1; 'en' unless confidently another language
  scored BOOLEAN NOT NULL,           -- false for non-English or empty texts (score and label NULL)
  score DOUBLE,                      -- −1 … 1 (src/text/sentiment.ts)
  label VARCHAR,                     -- negative | neutral | positive
  aspects VARCHAR[] NOT NULL,        -- aspects mentioned (src/text/aspects.ts)
  text_hash VARCHAR NOT NULL         -- md5 of the scored text: a changed text is scored again
);
-- (kind, source, source_id) is unique; scoreTexts keeps it so (no PRIMARY KEY: DuckDB rejects a
-- delete and re-insert of one key in a transaction, which re-scoring does).

-- One row per text and aspect it mentions, with the sentiment of the sentences that mention it.
CREATE TABLE text_aspects (
  kind VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  source_id VARCHAR NOT NULL,
  aspect VARCHAR NOT NULL,           -- product | price | delivery | service | website_app | …
  score DOUBLE NOT NULL,             -- term-weighted mean sentence sentiment, −1 … 1
  label VARCHAR NOT NULL
);
