-- When an order was returned and when a ticket was last reopened. Without them a return or a
-- reopen only had the row's final state, so an analysis as of an earlier date (churn features at
-- a past cutoff, scores as of a past date) counted returns and reopens that happened later.
-- Rows without the dates keep the old reading (src/store/queries/dated-facts.ts).
ALTER TABLE orders ADD COLUMN "returned_at" TIMESTAMP;
ALTER TABLE tickets ADD COLUMN "reopened_at" TIMESTAMP;
