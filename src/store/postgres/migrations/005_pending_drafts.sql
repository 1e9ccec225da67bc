-- What corroboration derives from an analysis alone (the statements as drafts, the MinHash
-- signature, the dates) waits with the queued document, so the process clustering it only
-- finishes the drafts instead of making the statements again (docs/decisions/postgres.md).
-- JSON, not JSONB: read back exactly as written. NULL when the saver sent none (it is derived then).
ALTER TABLE corr_pending ADD COLUMN derived_json JSON;
