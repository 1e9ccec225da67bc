-- Documents, corpus entities, claims, events, full-text search and watch lists (PostgreSQL).
-- Mirrors the SQLite schema; offsets are span_start/span_end because END is reserved here.
-- Text columns use the "C" collation: byte order, as SQLite sorts, whatever the database locale.
CREATE TABLE documents (
  id TEXT COLLATE "C" PRIMARY KEY,
  source TEXT COLLATE "C" NOT NULL UNIQUE,
  format TEXT COLLATE "C" NOT NULL,
  title TEXT COLLATE "C",
  outlet TEXT COLLATE "C",
  author TEXT COLLATE "C",
  url TEXT COLLATE "C",
  published TEXT COLLATE "C",
  published_source TEXT COLLATE "C",
  published_confidence DOUBLE PRECISION NOT NULL DEFAULT 0,
  published_evidence TEXT COLLATE "C",
  language TEXT COLLATE "C" NOT NULL,
  text TEXT COLLATE "C" NOT NULL,
  content_hash TEXT COLLATE "C" NOT NULL UNIQUE,
  -- json, not jsonb: the stored analysis reads back with its keys in the order they were written.
  article_json JSON NOT NULL,
  analysis_json JSON NOT NULL,
  sentences_json JSON NOT NULL,
  -- Title and text folded in code (no accents, lower case) so search matches SQLite's remove_diacritics.
  search TSVECTOR NOT NULL,
  ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_search ON documents USING GIN (search);

CREATE TABLE entities (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL,
  type TEXT COLLATE "C" NOT NULL,
  kb TEXT COLLATE "C",
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX entities_kb ON entities(kb);

CREATE TABLE entity_names (
  entity_id TEXT COLLATE "C" NOT NULL REFERENCES entities(id),
  name TEXT COLLATE "C" NOT NULL,
  folded TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (entity_id, name)
);
CREATE INDEX entity_names_folded ON entity_names(folded);

CREATE TABLE entity_keys (
  key TEXT COLLATE "C" NOT NULL,
  entity_id TEXT COLLATE "C" NOT NULL REFERENCES entities(id),
  PRIMARY KEY (key, entity_id)
);

CREATE TABLE doc_entities (
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id TEXT COLLATE "C" NOT NULL,
  entity_id TEXT COLLATE "C" NOT NULL REFERENCES entities(id),
  name TEXT COLLATE "C" NOT NULL,
  type TEXT COLLATE "C" NOT NULL,
  mentions INTEGER NOT NULL,
  sanctions_json JSONB NOT NULL,
  PRIMARY KEY (doc_id, local_id)
);
CREATE INDEX doc_entities_entity ON doc_entities(entity_id);

CREATE TABLE claims (
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id TEXT COLLATE "C" NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  source_entity TEXT COLLATE "C" REFERENCES entities(id),
  source_text TEXT COLLATE "C",
  cue TEXT COLLATE "C",
  quote BOOLEAN NOT NULL,
  modality TEXT COLLATE "C" NOT NULL,
  chain_json JSONB,
  text TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (doc_id, local_id)
);
CREATE INDEX claims_source ON claims(source_entity);

CREATE TABLE claim_entities (
  doc_id TEXT COLLATE "C" NOT NULL,
  claim_id TEXT COLLATE "C" NOT NULL,
  entity_id TEXT COLLATE "C" NOT NULL REFERENCES entities(id),
  PRIMARY KEY (doc_id, claim_id, entity_id),
  FOREIGN KEY (doc_id, claim_id) REFERENCES claims(doc_id, local_id) ON DELETE CASCADE
);
CREATE INDEX claim_entities_entity ON claim_entities(entity_id);

CREATE TABLE events (
  doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  type TEXT COLLATE "C" NOT NULL,
  mode TEXT COLLATE "C",
  actor TEXT COLLATE "C" REFERENCES entities(id),
  target TEXT COLLATE "C" REFERENCES entities(id),
  location TEXT COLLATE "C" REFERENCES entities(id),
  date TEXT COLLATE "C",
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  claim_id TEXT COLLATE "C",
  context_json JSONB,
  trigger TEXT COLLATE "C",
  text TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_actor ON events(actor);
CREATE INDEX events_target ON events(target);
CREATE INDEX events_location ON events(location);

CREATE TABLE list_entries (
  list TEXT COLLATE "C" NOT NULL,
  id TEXT COLLATE "C" NOT NULL,
  name TEXT COLLATE "C" NOT NULL,
  kind TEXT COLLATE "C" NOT NULL,
  aliases_json JSONB NOT NULL,
  programmes_json JSONB NOT NULL,
  remarks TEXT COLLATE "C",
  PRIMARY KEY (list, id)
);
