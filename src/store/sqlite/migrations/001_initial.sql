-- Documents, corpus entities, claims, events, full-text search and watch lists.
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  title TEXT,
  outlet TEXT,
  author TEXT,
  url TEXT,
  published TEXT,
  published_source TEXT,
  published_confidence REAL NOT NULL DEFAULT 0,
  published_evidence TEXT,
  language TEXT NOT NULL,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  article_json TEXT NOT NULL,
  analysis_json TEXT NOT NULL,
  sentences_json TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  kb TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX entities_kb ON entities(kb);

-- Every name an entity has been seen under, folded for lookup.
CREATE TABLE entity_names (
  entity_id TEXT NOT NULL REFERENCES entities(id),
  name TEXT NOT NULL,
  folded TEXT NOT NULL,
  PRIMARY KEY (entity_id, name)
);
CREATE INDEX entity_names_folded ON entity_names(folded);

-- Blocking keys for incremental cross-document resolution.
CREATE TABLE entity_keys (
  key TEXT NOT NULL,
  entity_id TEXT NOT NULL REFERENCES entities(id),
  PRIMARY KEY (key, entity_id)
);

-- One row per entity of one document: its local id and where it went in the corpus.
CREATE TABLE doc_entities (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  entity_id TEXT NOT NULL REFERENCES entities(id),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  sanctions_json TEXT NOT NULL,
  PRIMARY KEY (doc_id, local_id)
);
CREATE INDEX doc_entities_entity ON doc_entities(entity_id);

CREATE TABLE claims (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  source_entity TEXT REFERENCES entities(id),
  source_text TEXT,
  cue TEXT,
  quote INTEGER NOT NULL,
  modality TEXT NOT NULL,
  chain_json TEXT,
  text TEXT NOT NULL,
  PRIMARY KEY (doc_id, local_id)
);
CREATE INDEX claims_source ON claims(source_entity);

-- Entities named inside a claim's span (what the claim is about).
CREATE TABLE claim_entities (
  doc_id TEXT NOT NULL,
  claim_id TEXT NOT NULL,
  entity_id TEXT NOT NULL REFERENCES entities(id),
  PRIMARY KEY (doc_id, claim_id, entity_id),
  FOREIGN KEY (doc_id, claim_id) REFERENCES claims(doc_id, local_id) ON DELETE CASCADE
);
CREATE INDEX claim_entities_entity ON claim_entities(entity_id);

CREATE TABLE events (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  mode TEXT,
  actor TEXT REFERENCES entities(id),
  target TEXT REFERENCES entities(id),
  location TEXT REFERENCES entities(id),
  date TEXT,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  claim_id TEXT,
  context_json TEXT,
  trigger TEXT,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_actor ON events(actor);
CREATE INDEX events_target ON events(target);

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;

CREATE TABLE list_entries (
  list TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  aliases_json TEXT NOT NULL,
  programmes_json TEXT NOT NULL,
  remarks TEXT,
  PRIMARY KEY (list, id)
);
