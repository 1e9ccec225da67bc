// Verifies a SQLite store: page integrity, foreign keys, orphaned rows, the full-text index against
// its content table, and stored analyses against the FORMAT.md schema. Returns findings; never repairs.
import Database from 'better-sqlite3';
import { AnalysisSchema } from '../../schema/analysis.js';
import { ArticleSchema } from '../../schema/article.js';

export interface CheckFinding {
  /** What was checked: 'integrity', 'foreign-keys', 'orphans', 'fts', 'analysis', 'article', 'open'. */
  check: string;
  /** 'error': the store is damaged; 'warning': harmless leftovers (nothing serves them). */
  severity: 'error' | 'warning';
  message: string;
  /** How many rows are affected, when counted. */
  count: number;
  /** Up to a few example row keys. */
  examples: string[];
}

export interface CheckReport {
  path: string;
  documents: number;
  checks: string[];
  findings: CheckFinding[];
  /** True when no finding is an error. */
  ok: boolean;
}

const EXAMPLES = 5;

/** Rows counted by a query and a few of their keys (the query selects one column named `k`). */
function rows(db: Database.Database, sql: string): string[] {
  return (db.prepare(sql).all() as { k: unknown }[]).map((r) => String(r.k));
}

const ORPHAN_QUERIES: { message: string; severity: CheckFinding['severity']; sql: string }[] = [
  { message: 'document entities without a document', severity: 'error',
    sql: `SELECT doc_id || '/' || local_id AS k FROM doc_entities WHERE doc_id NOT IN (SELECT id FROM documents)` },
  { message: 'document entities pointing to a missing corpus entity', severity: 'error',
    sql: `SELECT doc_id || '/' || local_id AS k FROM doc_entities WHERE entity_id NOT IN (SELECT id FROM entities)` },
  { message: 'claims without a document', severity: 'error',
    sql: `SELECT doc_id || '/' || local_id AS k FROM claims WHERE doc_id NOT IN (SELECT id FROM documents)` },
  { message: 'claim entities without a claim', severity: 'error',
    sql: `SELECT ce.doc_id || '/' || ce.claim_id AS k FROM claim_entities ce
      WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.doc_id = ce.doc_id AND c.local_id = ce.claim_id)` },
  { message: 'events without a document', severity: 'error',
    sql: `SELECT doc_id || '/' || idx AS k FROM events WHERE doc_id NOT IN (SELECT id FROM documents)` },
  { message: 'cluster members without a document', severity: 'error',
    sql: `SELECT key AS k FROM corr_statements WHERE doc_id NOT IN (SELECT id FROM documents)` },
  // A claim statement's local id is the claim id, or `claimId.k` for the kth part of a split claim.
  { message: 'cluster members (claims) whose claim is gone', severity: 'error',
    sql: `SELECT s.key AS k FROM corr_statements s WHERE s.kind = 'claim' AND NOT EXISTS (SELECT 1 FROM claims c
      WHERE c.doc_id = s.doc_id AND (c.local_id = s.local_id OR s.local_id LIKE c.local_id || '.%'))` },
  { message: 'cluster members (events) whose event is gone', severity: 'error',
    sql: `SELECT s.key AS k FROM corr_statements s WHERE s.kind = 'event' AND NOT EXISTS (SELECT 1 FROM events v
      WHERE v.doc_id = s.doc_id AND 'v' || v.idx = s.local_id)` },
  { message: 'derivation links to a missing document', severity: 'error',
    sql: `SELECT doc_id || '<-' || origin_id AS k FROM corr_links
      WHERE doc_id NOT IN (SELECT id FROM documents) OR origin_id NOT IN (SELECT id FROM documents)` },
  { message: 'corpus entities with no mention left (kept so ids stay stable; not listed or served)', severity: 'warning',
    sql: `SELECT id AS k FROM entities WHERE id NOT IN (SELECT entity_id FROM doc_entities)` },
  { message: 'cluster summaries with no member that are not marked for recomputation', severity: 'warning',
    sql: `SELECT id AS k FROM corr_clusters WHERE id NOT IN (SELECT cluster_id FROM corr_statements)
      AND id NOT IN (SELECT cluster_id FROM corr_dirty)` },
];

function finding(check: string, severity: CheckFinding['severity'], message: string, keys: string[]): CheckFinding {
  return { check, severity, message, count: keys.length, examples: keys.slice(0, EXAMPLES) };
}

/** Runs one check; a check that throws (a damaged page, a missing table) is itself a finding. */
function guarded(findings: CheckFinding[], check: string, run: () => void): void {
  try {
    run();
  } catch (err) {
    findings.push(finding(check, 'error', `check failed: ${(err as Error).message}`, []));
  }
}

/** Checks an open SQLite store database (read-only use; nothing is written). */
export function checkSqliteDatabase(db: Database.Database, path = db.name): CheckReport {
  const findings: CheckFinding[] = [];
  const checks: string[] = [];
  let documents = 0;

  checks.push('integrity');
  guarded(findings, 'integrity', () => {
    const messages = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (!(messages.length === 1 && messages[0] === 'ok')) findings.push(finding('integrity', 'error', 'PRAGMA integrity_check reports damage', messages));
  });

  checks.push('foreign-keys');
  guarded(findings, 'foreign-keys', () => {
    const violations = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (violations.length) {
      findings.push(finding('foreign-keys', 'error', 'rows referring to missing parents (PRAGMA foreign_key_check)',
        violations.map((v) => `${v.table}#${v.rowid}→${v.parent}`)));
    }
  });

  checks.push('orphans');
  for (const q of ORPHAN_QUERIES) {
    guarded(findings, 'orphans', () => {
      const keys = rows(db, q.sql);
      if (keys.length) findings.push(finding('orphans', q.severity, q.message, keys));
    });
  }

  checks.push('fts');
  guarded(findings, 'fts', () => {
    // rank = 1 also compares the index with the external content table (the documents).
    db.prepare(`INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)`).run();
  });
  guarded(findings, 'fts', () => {
    const indexed = (db.prepare('SELECT COUNT(*) AS n FROM documents_fts_docsize').get() as { n: number }).n;
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    if (indexed !== stored) findings.push({ ...finding('fts', 'error', `full-text index holds ${indexed} documents, the store ${stored}`, []), count: Math.abs(indexed - stored) });
  });

  checks.push('analysis');
  guarded(findings, 'analysis', () => {
    const badAnalysis: string[] = [];
    const badArticle: string[] = [];
    for (const r of db.prepare('SELECT id, article_json, analysis_json FROM documents ORDER BY id').iterate() as Iterable<{ id: string; article_json: string; analysis_json: string }>) {
      documents++;
      if (!parses(r.analysis_json, (v) => AnalysisSchema.safeParse(v).success)) badAnalysis.push(r.id);
      if (!parses(r.article_json, (v) => ArticleSchema.safeParse(v).success)) badArticle.push(r.id);
    }
    if (badAnalysis.length) findings.push(finding('analysis', 'error', 'documents whose stored analysis fails the FORMAT.md schema', badAnalysis));
    if (badArticle.length) findings.push(finding('analysis', 'error', 'documents whose stored article fails the article schema', badArticle));
  });

  return { path, documents, checks, findings, ok: !findings.some((f) => f.severity === 'error') };
}

function parses(json: string, valid: (v: unknown) => boolean): boolean {
  try {
    return valid(JSON.parse(json));
  } catch {
    return false;
  }
}

/** Opens a SQLite store file and checks it; a file that cannot be opened is one finding. Opened
 *  read-write (no migration, no writes) so a crashed writer's WAL is recovered and the FTS5
 *  'integrity-check' command, which is issued as an INSERT, can run. */
export function checkSqliteStore(path: string): CheckReport {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    return { path, documents: 0, checks: ['open'], findings: [finding('open', 'error', `cannot open: ${(err as Error).message}`, [])], ok: false };
  }
  try {
    return checkSqliteDatabase(db, path);
  } finally {
    db.close();
  }
}
