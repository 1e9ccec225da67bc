-- Corroboration (as SQLite's 002): statements and their clusters, blocking keys with statement
-- frequencies, document signatures and derivation links; triggers mark the clusters a change touched.
CREATE TABLE corr_statements (
  key TEXT COLLATE "C" PRIMARY KEY,
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id TEXT COLLATE "C" NOT NULL,
  kind TEXT COLLATE "C" NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  cluster_id TEXT COLLATE "C" NOT NULL,
  statement_json JSON NOT NULL,
  novelty_json JSON NOT NULL,
  seq BIGSERIAL NOT NULL
);
CREATE INDEX corr_statements_cluster ON corr_statements(cluster_id, seq);
CREATE INDEX corr_statements_doc ON corr_statements(doc_id);

CREATE TABLE corr_keys (
  key TEXT COLLATE "C" NOT NULL,
  statement TEXT COLLATE "C" NOT NULL REFERENCES corr_statements(key) ON DELETE CASCADE,
  PRIMARY KEY (key, statement)
);
CREATE INDEX corr_keys_statement ON corr_keys(statement);
CREATE TABLE corr_df (key TEXT COLLATE "C" PRIMARY KEY, n INTEGER NOT NULL);

CREATE FUNCTION corr_keys_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO corr_df (key, n) VALUES (NEW.key, 1) ON CONFLICT (key) DO UPDATE SET n = corr_df.n + 1;
    RETURN NEW;
  END IF;
  UPDATE corr_df SET n = n - 1 WHERE key = OLD.key;
  RETURN OLD;
END $$;
CREATE TRIGGER corr_keys_ai AFTER INSERT ON corr_keys FOR EACH ROW EXECUTE FUNCTION corr_keys_count();
CREATE TRIGGER corr_keys_ad AFTER DELETE ON corr_keys FOR EACH ROW EXECUTE FUNCTION corr_keys_count();

CREATE TABLE corr_statement_entities (
  statement TEXT COLLATE "C" NOT NULL REFERENCES corr_statements(key) ON DELETE CASCADE,
  entity_id TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (entity_id, statement)
);
CREATE INDEX corr_statement_entities_statement ON corr_statement_entities(statement);

CREATE TABLE corr_dates (
  statement TEXT COLLATE "C" NOT NULL REFERENCES corr_statements(key) ON DELETE CASCADE,
  sort_key TEXT COLLATE "C" NOT NULL,
  value TEXT COLLATE "C" NOT NULL,
  granularity TEXT COLLATE "C" NOT NULL,
  text TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (statement, value)
);
CREATE INDEX corr_dates_sort ON corr_dates(sort_key);

CREATE TABLE corr_clusters (
  id TEXT COLLATE "C" PRIMARY KEY,
  canonical TEXT COLLATE "C" NOT NULL,
  canonical_text TEXT NOT NULL,
  members INTEGER NOT NULL,
  documents INTEGER NOT NULL,
  roots INTEGER NOT NULL,
  modality TEXT NOT NULL,
  first_doc TEXT COLLATE "C" NOT NULL,
  first_published TEXT,
  latest_doc TEXT COLLATE "C" NOT NULL,
  latest_published TEXT,
  contested BOOLEAN NOT NULL,
  roots_json JSON NOT NULL
);
CREATE INDEX corr_clusters_rank ON corr_clusters(roots DESC, members DESC, id);

CREATE TABLE corr_dirty (cluster_id TEXT COLLATE "C" PRIMARY KEY);
CREATE FUNCTION corr_statement_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO corr_dirty (cluster_id) VALUES (OLD.cluster_id) ON CONFLICT DO NOTHING;
  RETURN OLD;
END $$;
CREATE TRIGGER corr_statements_ad AFTER DELETE ON corr_statements FOR EACH ROW EXECUTE FUNCTION corr_statement_gone();

CREATE TABLE corr_docs (
  doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  signature_json JSON NOT NULL,
  specifics_json JSON NOT NULL,
  credits_json JSON NOT NULL
);
CREATE TABLE corr_doc_keys (
  key TEXT COLLATE "C" NOT NULL,
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  PRIMARY KEY (key, doc_id)
);
CREATE INDEX corr_doc_keys_doc ON corr_doc_keys(doc_id);

CREATE TABLE corr_links (
  doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  origin_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  evidence_json JSON NOT NULL
);
CREATE INDEX corr_links_origin ON corr_links(origin_id);
CREATE FUNCTION corr_link_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO corr_dirty (cluster_id) SELECT cluster_id FROM corr_statements WHERE doc_id = OLD.doc_id ON CONFLICT DO NOTHING;
  RETURN OLD;
END $$;
CREATE TRIGGER corr_links_ad AFTER DELETE ON corr_links FOR EACH ROW EXECUTE FUNCTION corr_link_gone();
