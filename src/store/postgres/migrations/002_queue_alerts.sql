-- The job queue (one job per article, claimed with FOR UPDATE SKIP LOCKED), its dead letters,
-- and alerts on watched entities with the claims that triggered them.
CREATE TABLE jobs (
  id BIGSERIAL PRIMARY KEY,
  content_hash TEXT COLLATE "C" NOT NULL UNIQUE,
  source TEXT COLLATE "C" NOT NULL,
  payload JSONB NOT NULL,
  -- queued: waiting; running: claimed under a lease; failed: waiting to be retried at run_at; done.
  state TEXT COLLATE "C" NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'failed', 'done')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 5,
  run_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  claim_token UUID,
  locked_by TEXT COLLATE "C",
  locked_until TIMESTAMPTZ,
  last_error TEXT COLLATE "C",
  document_id TEXT COLLATE "C",
  outcome TEXT COLLATE "C",
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ
);
CREATE INDEX jobs_ready ON jobs(run_at, id) WHERE state IN ('queued', 'failed');
CREATE INDEX jobs_leases ON jobs(locked_until) WHERE state = 'running';
CREATE INDEX jobs_state ON jobs(state, id);

-- Inputs that failed max_attempts times: kept with the last error until retried or dropped.
CREATE TABLE dead_jobs (
  id BIGINT PRIMARY KEY,
  content_hash TEXT COLLATE "C" NOT NULL UNIQUE,
  source TEXT COLLATE "C" NOT NULL,
  payload JSONB NOT NULL,
  attempts INTEGER NOT NULL,
  error TEXT COLLATE "C" NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  died_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE alerts (
  id BIGSERIAL PRIMARY KEY,
  -- The name or corpus id the user gave, and its folded form matched against entity names.
  entity TEXT COLLATE "C" NOT NULL,
  folded TEXT COLLATE "C" NOT NULL,
  webhook TEXT COLLATE "C",
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX alerts_unique ON alerts(folded, COALESCE(webhook, ''));

-- One row per (alert, claim): a new claim about a watched entity, and whether its webhook got it.
CREATE TABLE alert_hits (
  id BIGSERIAL PRIMARY KEY,
  alert_id BIGINT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  doc_id TEXT COLLATE "C" NOT NULL,
  claim_id TEXT COLLATE "C" NOT NULL,
  entity_id TEXT COLLATE "C" NOT NULL,
  entity_name TEXT COLLATE "C" NOT NULL,
  claim_text TEXT COLLATE "C" NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  delivered_at TIMESTAMPTZ,
  delivery_attempts INTEGER NOT NULL DEFAULT 0,
  delivery_error TEXT COLLATE "C",
  UNIQUE (alert_id, doc_id, claim_id)
);
CREATE INDEX alert_hits_undelivered ON alert_hits(id) WHERE delivered_at IS NULL;
