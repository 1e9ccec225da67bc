-- Corroboration runs after the save, in batches: a saved document waits here until a worker holding
-- the corroboration lock clusters its statements (docs/decisions/postgres.md). A document whose
-- corroboration fails on its own keeps its row with the error and is skipped until retried.
CREATE TABLE corr_pending (
  seq BIGSERIAL PRIMARY KEY,
  doc_id TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT
);

-- Statement frequencies of new keys are counted by the statement that writes the keys (one upsert
-- per distinct key and document, instead of one per row); deletions still count down by trigger.
DROP TRIGGER corr_keys_ai ON corr_keys;
