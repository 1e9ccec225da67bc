-- Blocking keys name their statement by its sequence number rather than its text key: an integer
-- entry is about half the size, and a new statement's number is the highest, so the statement index
-- only ever grows at its end (docs/decisions/postgres.md, "Speed of the SQLite path (stop 28)").
-- Sequence numbers are unique as saves write them; a store where two statements share one anyway
-- (written by hand, or by a bug) gets the later ones new numbers after the highest, so the unique
-- index below cannot fail and the store still opens.
WITH repeated AS (
  SELECT key, ROW_NUMBER() OVER (ORDER BY seq, key) AS n FROM corr_statements s
  WHERE EXISTS (SELECT 1 FROM corr_statements o WHERE o.seq = s.seq AND o.key < s.key)
)
UPDATE corr_statements
SET seq = (SELECT MAX(seq) FROM corr_statements) + (SELECT n FROM repeated WHERE repeated.key = corr_statements.key)
WHERE key IN (SELECT key FROM repeated);
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
