-- Names the last write to the corroboration tables: every corroboration batch, and every other
-- write (a replaced document deleting its statements), sets a new random token, with the process
-- that ran the batch and when. A process whose batch wrote the current token knows that what it
-- kept in memory of those tables is still true, and the others leave the next batch to it while it
-- keeps up (docs/decisions/postgres.md). A token, not a counter: a counter could come round to the
-- same value after a lost write.
CREATE TABLE corr_epoch (
  one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
  token TEXT,
  holder TEXT,
  at TIMESTAMPTZ
);
INSERT INTO corr_epoch (token) VALUES (NULL);
