-- Blocking keys name their statement by its sequence number rather than its text key: an integer
-- entry is about half the size, and a new statement's number is the highest, so the statement index
-- only ever grows at its end (docs/decisions/postgres.md, "Speed of the SQLite path (stop 28)").
DROP INDEX corr_statements_seq;
CREATE UNIQUE INDEX corr_statements_seq ON corr_statements(seq);

CREATE TABLE corr_keys_by_number (
  key TEXT NOT NULL,
  statement INTEGER NOT NULL REFERENCES corr_statements(seq) ON DELETE CASCADE,
  PRIMARY KEY (key, statement)
) WITHOUT ROWID;
INSERT INTO corr_keys_by_number (key, statement)
  SELECT k.key, s.seq FROM corr_keys k JOIN corr_statements s ON s.key = k.statement;
-- The old rows go without counting down corr_df: the counts stay those of the copied rows.
DROP TRIGGER corr_keys_ad;
DROP TABLE corr_keys;
ALTER TABLE corr_keys_by_number RENAME TO corr_keys;
CREATE INDEX corr_keys_statement ON corr_keys(statement);
CREATE TRIGGER corr_keys_ad AFTER DELETE ON corr_keys BEGIN
  UPDATE corr_df SET n = n - 1 WHERE key = old.key;
END;
