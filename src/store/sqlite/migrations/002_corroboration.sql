-- Corroboration: statements and their clusters, blocking keys, document signatures and derivation
-- links. Rows of a document go with it (ON DELETE CASCADE); triggers mark the clusters it touched.
CREATE TABLE corr_statements (
  key TEXT PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  cluster_id TEXT NOT NULL,
  statement_json TEXT NOT NULL,
  novelty_json TEXT NOT NULL,
  seq INTEGER NOT NULL
);
CREATE INDEX corr_statements_cluster ON corr_statements(cluster_id);
CREATE INDEX corr_statements_doc ON corr_statements(doc_id);
CREATE INDEX corr_statements_seq ON corr_statements(seq);

-- Blocking keys (e:ENTITY, t:TERM) → statements; their counts are the terms' statement frequency.
CREATE TABLE corr_keys (
  key TEXT NOT NULL,
  statement TEXT NOT NULL REFERENCES corr_statements(key) ON DELETE CASCADE,
  PRIMARY KEY (key, statement)
) WITHOUT ROWID;
CREATE INDEX corr_keys_statement ON corr_keys(statement);
CREATE TABLE corr_df (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TRIGGER corr_keys_ai AFTER INSERT ON corr_keys BEGIN
  INSERT INTO corr_df (key, n) VALUES (new.key, 1) ON CONFLICT(key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER corr_keys_ad AFTER DELETE ON corr_keys BEGIN
  UPDATE corr_df SET n = n - 1 WHERE key = old.key;
END;

CREATE TABLE corr_statement_entities (
  statement TEXT NOT NULL REFERENCES corr_statements(key) ON DELETE CASCADE,
  entity_id TEXT NOT NULL,
  PRIMARY KEY (entity_id, statement)
) WITHOUT ROWID;
CREATE INDEX corr_statement_entities_statement ON corr_statement_entities(statement);

-- Dates named by statements, for the timeline.
CREATE TABLE corr_dates (
  statement TEXT NOT NULL REFERENCES corr_statements(key) ON DELETE CASCADE,
  sort_key TEXT NOT NULL,
  value TEXT NOT NULL,
  granularity TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (statement, value)
);
CREATE INDEX corr_dates_sort ON corr_dates(sort_key);

CREATE TABLE corr_clusters (
  id TEXT PRIMARY KEY,
  canonical TEXT NOT NULL,
  canonical_text TEXT NOT NULL,
  members INTEGER NOT NULL,
  documents INTEGER NOT NULL,
  roots INTEGER NOT NULL,
  modality TEXT NOT NULL,
  first_doc TEXT NOT NULL,
  first_published TEXT,
  latest_doc TEXT NOT NULL,
  latest_published TEXT,
  contested INTEGER NOT NULL,
  roots_json TEXT NOT NULL
);
CREATE INDEX corr_clusters_rank ON corr_clusters(roots DESC, members DESC, id);

-- Clusters whose members or members' derivations changed since their summary was computed.
CREATE TABLE corr_dirty (cluster_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER corr_statements_ad AFTER DELETE ON corr_statements BEGIN
  INSERT OR IGNORE INTO corr_dirty (cluster_id) VALUES (old.cluster_id);
END;

-- Per document: MinHash signature, specifics and credited sources; keys for LSH bands and specifics.
CREATE TABLE corr_docs (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  signature_json TEXT NOT NULL,
  specifics_json TEXT NOT NULL,
  credits_json TEXT NOT NULL
);
CREATE TABLE corr_doc_keys (
  key TEXT NOT NULL,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;
CREATE INDEX corr_doc_keys_doc ON corr_doc_keys(doc_id);

-- doc_id derives from origin_id (one origin per document), with the evidence.
CREATE TABLE corr_links (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  origin_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  score REAL NOT NULL,
  evidence_json TEXT NOT NULL
);
CREATE INDEX corr_links_origin ON corr_links(origin_id);
CREATE TRIGGER corr_links_ad AFTER DELETE ON corr_links BEGIN
  INSERT OR IGNORE INTO corr_dirty (cluster_id) SELECT cluster_id FROM corr_statements WHERE doc_id = old.doc_id;
END;
