-- Saved funnels (src/metrics/journeys/saved.ts): user-defined funnels beside the checked-in
-- config/funnels.json. `definition` is a FunnelDefinition as JSON; the name is the key.
CREATE TABLE funnels (
  name VARCHAR PRIMARY KEY,
  definition JSON NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
