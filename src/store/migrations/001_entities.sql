-- Canonical entity tables, generated from src/schemas by scripts/generate-entity-migration.ts.
-- Natural key of every table: (source, source_id); the importer enforces it.

CREATE TABLE customers (
  "source" VARCHAR NOT NULL,
  "source_id" VARCHAR NOT NULL,
  "user_id" VARCHAR,
  "email" VARCHAR,
  "phone" VARCHAR,
  "first_name" VARCHAR,
  "last_name" VARCHAR,
  "birth_date" DATE,
  "address" VARCHAR,
  "postcode" VARCHAR,
  "city" VARCHAR,
  "country" VARCHAR,
  "created_at" TIMESTAMP,
  "attributes" JSON
);

CREATE TABLE events (
  "source" VARCHAR NOT NULL,
  "source_id" VARCHAR NOT NULL,
  "type" VARCHAR NOT NULL,
  "event" VARCHAR,
  "user_id" VARCHAR,
  "anonymous_id" VARCHAR,
  "previous_id" VARCHAR,
  "group_id" VARCHAR,
  "timestamp" TIMESTAMP NOT NULL,
  "received_at" TIMESTAMP,
  "session_id" VARCHAR,
  "browser" VARCHAR,
  "browser_version" VARCHAR,
  "os" VARCHAR,
  "os_version" VARCHAR,
  "device_type" VARCHAR,
  "app_version" VARCHAR,
  "locale" VARCHAR,
  "country" VARCHAR,
  "page_url" VARCHAR,
  "page_path" VARCHAR,
  "referrer" VARCHAR,
  "campaign_source" VARCHAR,
  "campaign_medium" VARCHAR,
  "campaign_name" VARCHAR,
  "variant" VARCHAR,
  "user_agent" VARCHAR,
  "properties" JSON,
  "traits" JSON,
  "context" JSON
);

CREATE TABLE orders (
  "source" VARCHAR NOT NULL,
  "source_id" VARCHAR NOT NULL,
  "customer_id" VARCHAR,
  "customer_email" VARCHAR,
  "placed_at" TIMESTAMP NOT NULL,
  "amount" DOUBLE NOT NULL,
  "currency" VARCHAR,
  "channel" VARCHAR,
  "partner_id" VARCHAR,
  "promised_at" TIMESTAMP,
  "delivered_at" TIMESTAMP,
  "status" VARCHAR,
  "returned" BOOLEAN
);

CREATE TABLE subscriptions (
  "source" VARCHAR NOT NULL,
  "source_id" VARCHAR NOT NULL,
  "customer_id" VARCHAR,
  "customer_email" VARCHAR,
  "plan" VARCHAR,
  "started_at" TIMESTAMP NOT NULL,
  "ended_at" TIMESTAMP,
  "mrr" DOUBLE
);

CREATE TABLE tickets (
  "source" VARCHAR NOT NULL,
  "source_id" VARCHAR NOT NULL,
  "customer_id" VARCHAR,
  "customer_email" VARCHAR,
  "channel" VARCHAR,
  "category" VARCHAR,
  "priority" VARCHAR,
  "subject" VARCHAR,
  "body" VARCHAR,
  "opened_at" TIMESTAMP NOT NULL,
  "first_response_at" TIMESTAMP,
  "resolved_at" TIMESTAMP,
  "reopened_count" BIGINT,
  "agent" VARCHAR,
  "handle_minutes" DOUBLE,
  "csat" BIGINT
);

CREATE TABLE survey_responses (
  "source" VARCHAR NOT NULL,
  "source_id" VARCHAR NOT NULL,
  "customer_id" VARCHAR,
  "customer_email" VARCHAR,
  "survey" VARCHAR NOT NULL,
  "kind" VARCHAR NOT NULL,
  "score" DOUBLE,
  "comment" VARCHAR,
  "touchpoint" VARCHAR,
  "channel" VARCHAR,
  "partner_id" VARCHAR,
  "invited_at" TIMESTAMP,
  "responded_at" TIMESTAMP
);

CREATE TABLE posts (
  "source" VARCHAR NOT NULL,
  "source_id" VARCHAR NOT NULL,
  "customer_id" VARCHAR,
  "customer_email" VARCHAR,
  "channel" VARCHAR NOT NULL,
  "author_handle" VARCHAR,
  "text" VARCHAR NOT NULL,
  "posted_at" TIMESTAMP NOT NULL,
  "rating" DOUBLE,
  "likes" BIGINT,
  "reply_to" VARCHAR,
  "campaign_id" VARCHAR
);

CREATE TABLE ideas (
  "source" VARCHAR NOT NULL,
  "source_id" VARCHAR NOT NULL,
  "customer_id" VARCHAR,
  "customer_email" VARCHAR,
  "title" VARCHAR NOT NULL,
  "body" VARCHAR,
  "votes" BIGINT,
  "voter_ids" VARCHAR[],
  "status" VARCHAR,
  "category" VARCHAR,
  "created_at" TIMESTAMP NOT NULL
);

CREATE TABLE campaigns (
  "source" VARCHAR NOT NULL,
  "source_id" VARCHAR NOT NULL,
  "name" VARCHAR NOT NULL,
  "channel" VARCHAR,
  "kind" VARCHAR NOT NULL,
  "starts_at" TIMESTAMP NOT NULL,
  "ends_at" TIMESTAMP,
  "keywords" VARCHAR[]
);

CREATE TABLE partners (
  "source" VARCHAR NOT NULL,
  "source_id" VARCHAR NOT NULL,
  "name" VARCHAR NOT NULL,
  "kind" VARCHAR NOT NULL
);

