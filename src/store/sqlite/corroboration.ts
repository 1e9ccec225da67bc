// Corroboration in SQLite: keeps claim clusters, document derivations and cluster summaries up to
// date as each document is saved (blocking through keys, never a full recompute), and answers
// cluster, provenance, timeline and derivation queries. The rules live in src/corroborate.
import type Database from 'better-sqlite3';
import type { Analysis, Modality } from '../../schema/analysis.js';
import { finishStatements, statementsOf, type Statement } from '../../corroborate/statements.js';
import { blockingKeys, frozenFrequency, newGeneration, type FrequencyCell, type TermStats } from '../../corroborate/similarity.js';
import { canonicalMember, chooseCluster, byAppearance, MAX_POSTINGS } from '../../corroborate/cluster.js';
import { bandKeys, derivation, documentSpecifics, signatureOf, type DocumentLink, type DocumentProfile } from '../../corroborate/syndication.js';
import { creditedSources, provenanceOf, type ProvenanceContext } from '../../corroborate/provenance.js';
import { contradictionsIn, noveltyOf, type Novelty } from '../../corroborate/contradictions.js';
import { dateSortKey, type TimelineEntry } from '../../corroborate/timeline.js';
import type { ClusterDetail, ClusterMember, ClusterQuery, ClusterSummary, TimelineQuery } from '../../corroborate/records.js';
import type { AnalysedDocument, Page } from '../types.js';
import { cacheOf } from './corroboration-cache.js';

const MAX_LINK_CANDIDATES = 20;
/** Document keys (LSH bands, specifics) held by more documents than this are not used for blocking. */
const MAX_KEY_HOLDERS = 200;
/** Cluster summaries look at this many members at most (canonical choice, disagreements). */
const SUMMARY_SAMPLE = 60;

interface SavedDoc {
  id: string;
  analysis: Analysis;
  sentences: { start: number; end: number }[];
  publishedConfidence: number;
  derived?: AnalysedDocument['derived'];
}

/** Term statistics read from the store: each term's frequency as first read in this save (then
 *  fixed, as the PostgreSQL store does), through the connection's cache. `uncounted` holds the keys
 *  this save has written and not yet counted into corr_df. */
function termStats(db: Database.Database, uncounted: ReadonlyMap<string, number> = new Map()): TermStats {
  const cache = cacheOf(db);
  const count = sql(db, 'SELECT n FROM corr_df WHERE key = ?');
  const frequencies = cache.frequencies;
  const cell = (term: string): FrequencyCell => {
    let c = frequencies.get(term);
    if (!c) {
      const key = term.startsWith('e:') ? term : `t:${term}`;
      const n = ((count.get(key) as { n: number } | undefined)?.n ?? 0) + (uncounted.get(key) ?? 0);
      frequencies.set(term, (c = { n, generation: 0, frozen: n }));
    }
    return c;
  };
  const generation = newGeneration();
  cache.statements ??= (sql(db, 'SELECT COUNT(*) AS n FROM corr_statements').get() as { n: number }).n;
  return {
    statements: cache.statements,
    generation,
    cells: { source: frequencies, cell },
    df: (term) => frozenFrequency(cell(term), generation),
  };
}

const parseStatement = (json: string) => JSON.parse(json) as Statement;

// Prepared statements per connection: compiled once, not once per saved document.
const preparedBy = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function sql(db: Database.Database, text: string): Database.Statement {
  let map = preparedBy.get(db);
  if (!map) preparedBy.set(db, (map = new Map()));
  let st = map.get(text);
  if (!st) map.set(text, (st = db.prepare(text)));
  return st;
}

/** The statements of these rows, through the connection's cache of parsed statements. */
function statementsOfRows(db: Database.Database, rows: readonly { key: string; seq: number }[]): Statement[] {
  const { parsed } = cacheOf(db);
  const json = sql(db, 'SELECT statement_json FROM corr_statements WHERE key = ?');
  return rows.map((r) => {
    let s = parsed.get(r.seq);
    if (!s || s.key !== r.key) parsed.set(r.seq, (s = parseStatement((json.get(r.key) as { statement_json: string }).statement_json)));
    return s;
  });
}

/** Is a statement what parsing its JSON gives back (no undefined fields, no non-finite numbers)?
 *  Then the object just written can stand for its row, features already prepared. */
function jsonFaithful(s: Statement): boolean {
  for (const k in s) if ((s as unknown as Record<string, unknown>)[k] === undefined) return false;
  return s.quantities.every(Number.isFinite) && s.years.every(Number.isFinite) && (!s.event || Object.values(s.event).every((v) => v !== undefined));
}

const memberQuery = 'SELECT key, seq FROM corr_statements WHERE cluster_id = ? ORDER BY seq';

function clusterMembers(db: Database.Database, clusterId: string): Statement[] {
  return statementsOfRows(db, sql(db, memberQuery).all(clusterId) as { key: string; seq: number }[]);
}

/** `clusterMembers` inside a save (the first `limit`), through the connection's cache. */
function savedClusterMembers(db: Database.Database, clusterId: string, limit = Infinity): Statement[] {
  const rows = cacheOf(db).membersOf(clusterId, () => sql(db, memberQuery).all(clusterId) as { key: string; seq: number }[]);
  return statementsOfRows(db, rows.length > limit ? rows.slice(0, limit) : rows);
}

/** A statement's sequence number and cluster, through the connection's cache. */
function statementRow(db: Database.Database, key: string): { seq: number; clusterId: string } | undefined {
  const cache = cacheOf(db);
  let row = cache.rows.get(key);
  if (!row) {
    const r = sql(db, 'SELECT seq, cluster_id FROM corr_statements WHERE key = ?').get(key) as { seq: number; cluster_id: string } | undefined;
    if (!r) return undefined;
    cache.rows.set(key, (row = { seq: r.seq, clusterId: r.cluster_id }));
  }
  return { seq: row.seq, clusterId: cache.cluster(row.clusterId) };
}

/** Adds a saved document's statements to the clusters, links it to what it copies (or what copies
 *  it), and refreshes the summaries of every cluster touched. Runs inside the save transaction. */
export function updateCorroboration(db: Database.Database, doc: SavedDoc, entityIds: Record<string, string>): void {
  const { analysis } = doc;
  const statements = doc.derived?.statements
    ? finishStatements(doc.derived.statements, doc.id, entityIds, analysis.text)
    : statementsOf({ id: doc.id, outlet: analysis.outlet, published: analysis.published, analysis, sentences: doc.sentences, entityIds, dates: doc.derived?.dates });
  const uncounted = new Map<string, number>();
  const stats = termStats(db, uncounted);
  const cache = cacheOf(db);
  // Key rows name statements by sequence number; ranking names them by key.
  const postingsQuery = sql(db, 'SELECT s.key FROM corr_keys k JOIN corr_statements s ON s.seq = k.statement WHERE k.key = ? LIMIT ?').pluck();
  const postings = (k: string): number[] => {
    let list = cache.postings.get(k);
    if (!list) cache.postings.set(k, (list = (postingsQuery.all(k, MAX_POSTINGS + 1) as string[]).map((key) => cache.numberOf(key))));
    return list;
  };
  const insert = sql(db, `INSERT INTO corr_statements (key, doc_id, local_id, kind, start, end, cluster_id, statement_json, novelty_json, seq)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertKey = sql(db, 'INSERT OR IGNORE INTO corr_keys (key, statement) VALUES (?, ?)');
  const insertEntity = sql(db, 'INSERT OR IGNORE INTO corr_statement_entities (statement, entity_id) VALUES (?, ?)');
  const insertDate = sql(db, 'INSERT OR IGNORE INTO corr_dates (statement, sort_key, value, granularity, text) VALUES (?, ?, ?, ?, ?)');
  const dirty = sql(db, 'INSERT OR IGNORE INTO corr_dirty (cluster_id) VALUES (?)');
  const anchorRow = sql(db, 'SELECT s.key, s.seq FROM corr_clusters c JOIN corr_statements s ON s.key = c.canonical WHERE c.id = ?');
  const anchorOf = (id: string) => {
    const row = anchorRow.get(id) as { key: string; seq: number } | undefined;
    return row ? statementsOfRows(db, [row])[0] : null;
  };
  cache.maxSeq ??= (sql(db, 'SELECT COALESCE(MAX(seq), 0) AS n FROM corr_statements').get() as { n: number }).n;
  for (const s of statements) {
    const keys = cache.ranker.rank(s, postings, stats, cache.keyOf);
    const rows = keys.map((k) => ({ key: k, ...statementRow(db, k)! }));
    const parsed = statementsOfRows(db, rows);
    const candidates = rows.map((row, i) => ({ statement: parsed[i], clusterId: row.clusterId }));
    const a = chooseCluster(s, candidates, stats, anchorOf);
    for (const other of a.merged) {
      sql(db, 'UPDATE corr_statements SET cluster_id = ? WHERE cluster_id = ?').run(a.clusterId, other);
      sql(db, 'DELETE FROM corr_clusters WHERE id = ?').run(other);
      sql(db, 'DELETE FROM corr_dirty WHERE cluster_id = ?').run(other);
      cache.merged(other, a.clusterId);
    }
    const novelty = noveltyOf(s, a.clusterId, a.created ? [] : savedClusterMembers(db, a.clusterId, 200));
    const seq = cache.maxSeq + 1;
    insert.run(s.key, s.documentId, s.localId, s.kind, s.start, s.end, a.clusterId, JSON.stringify(s), JSON.stringify({ ...novelty, match: a.match }), seq);
    const blocking = new Set(blockingKeys(s));
    for (const k of blocking) if (insertKey.run(k, seq).changes) uncounted.set(k, (uncounted.get(k) ?? 0) + 1);
    for (const e of s.entities) insertEntity.run(s.key, e);
    for (const d of s.dates) insertDate.run(s.key, dateSortKey(d.value), d.value, d.granularity, d.text);
    dirty.run(a.clusterId);
    cache.added(s.key, seq, a.clusterId, blocking);
    if (jsonFaithful(s)) cache.parsed.set(seq, s);
    stats.statements++;
  }
  // The keys written above are counted once per document, not by a trigger once per row.
  const countKey = sql(db, 'INSERT INTO corr_df (key, n) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET n = n + excluded.n');
  for (const [k, n] of uncounted) countKey.run(k, n);
  uncounted.clear();
  linkDocument(db, doc, statements, entityIds);
  refreshDirtyClusters(db);
}

function profileOf(db: Database.Database, id: string): DocumentProfile | null {
  const row = sql(db, `SELECT c.signature_json, c.specifics_json, d.published, d.published_confidence FROM corr_docs c JOIN documents d ON d.id = c.doc_id
    WHERE c.doc_id = ?`).get(id) as { signature_json: string; specifics_json: string; published: string | null; published_confidence: number } | undefined;
  if (!row) return null;
  const statements = statementsOfRows(db, sql(db, 'SELECT key, seq FROM corr_statements WHERE doc_id = ? ORDER BY start, key').all(id) as { key: string; seq: number }[]);
  return { id, published: row.published, publishedConfidence: row.published_confidence, signature: JSON.parse(row.signature_json), specifics: JSON.parse(row.specifics_json), statements };
}

const better = (a: DocumentLink, b: { kind: string; score: number } | undefined) =>
  !b || (a.kind === 'near-duplicate' && b.kind !== 'near-duplicate') || (a.kind === b.kind && a.score > b.score);

/** Finds documents that share LSH bands or rare specifics with this one and records derivations. */
function linkDocument(db: Database.Database, doc: SavedDoc, statements: Statement[], entityIds: Record<string, string>): void {
  const signature = doc.derived?.signature ?? signatureOf(doc.analysis.text);
  const specifics = documentSpecifics(doc.analysis, entityIds, statements);
  const cache = cacheOf(db);
  cache.documents = (cache.documents ?? (sql(db, 'SELECT COUNT(*) AS n FROM corr_docs').get() as { n: number }).n) + 1;
  sql(db, 'INSERT INTO corr_docs (doc_id, signature_json, specifics_json, credits_json) VALUES (?, ?, ?, ?)')
    .run(doc.id, JSON.stringify(signature), JSON.stringify(specifics), JSON.stringify([...creditedSources(statements)].sort()));
  const keys = [...bandKeys(signature), ...specifics.map((x) => `s:${x}`)];
  const insertKey = sql(db, 'INSERT OR IGNORE INTO corr_doc_keys (key, doc_id) VALUES (?, ?)');
  for (const k of keys) insertKey.run(k, doc.id);
  const documents = cache.documents;
  const candidates = new Map<string, number>();
  // Every holder of a key (this document among them) while there are at most MAX_KEY_HOLDERS + 2,
  // through the connection's cache; a key written before was read whole or is known too common.
  const holdersQuery = sql(db, 'SELECT doc_id FROM corr_doc_keys WHERE key = ? LIMIT ?').pluck();
  for (const k of keys) {
    let holders = cache.holders.get(k);
    if (holders === undefined) {
      const ids = holdersQuery.all(k, MAX_KEY_HOLDERS + 3) as string[];
      cache.holders.set(k, (holders = ids.length > MAX_KEY_HOLDERS + 2 ? null : ids));
    } else if (holders && !holders.includes(doc.id)) {
      holders.push(doc.id);
      if (holders.length > MAX_KEY_HOLDERS + 2) cache.holders.set(k, (holders = null));
    }
    // A specific most documents hold (a head of state) finds nothing in particular: skip it.
    if (!holders || holders.length - 1 > MAX_KEY_HOLDERS) continue;
    for (const id of holders) if (id !== doc.id) candidates.set(id, (candidates.get(id) ?? 0) + (k.startsWith('b') ? 3 : 1));
  }
  const ranked = [...candidates.entries()].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_LINK_CANDIDATES);
  if (!ranked.length) return;
  const self = profileOf(db, doc.id)!;
  const specificDf = sql(db, 'SELECT COUNT(*) AS n FROM corr_doc_keys WHERE key = ?');
  const dfCache = new Map<string, number>();
  const df = (x: string) => dfCache.get(x) ?? (dfCache.set(x, (specificDf.get(`s:${x}`) as { n: number }).n), dfCache.get(x)!);
  const clusterOf = (key: string) => statementRow(db, key)?.clusterId;
  const existing = sql(db, 'SELECT kind, score FROM corr_links WHERE doc_id = ?');
  const upsert = sql(db, `INSERT INTO corr_links (doc_id, origin_id, kind, score, evidence_json) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(doc_id) DO UPDATE SET origin_id = excluded.origin_id, kind = excluded.kind, score = excluded.score, evidence_json = excluded.evidence_json`);
  const markDoc = sql(db, 'INSERT OR IGNORE INTO corr_dirty (cluster_id) SELECT cluster_id FROM corr_statements WHERE doc_id = ?');
  const entityName = sql(db, 'SELECT name FROM entities WHERE id = ?');
  const specificName = (x: string) => (/^[ex]:/.test(x) ? (entityName.get(x.slice(2)) as { name: string } | undefined)?.name ?? x.slice(2) : x.slice(2));
  const found: DocumentLink[] = [];
  for (const [other] of ranked) {
    const profile = profileOf(db, other);
    if (!profile) continue;
    const link = derivation(self, profile, df, documents, clusterOf, undefined, specificName);
    if (link) found.push(link);
  }
  // One origin per document: the strongest evidence wins; a copy of a copy points at its nearest origin.
  found.sort((a, b) => (a.kind === b.kind ? b.score - a.score : a.kind === 'near-duplicate' ? -1 : 1) || a.originId.localeCompare(b.originId));
  for (const link of found) {
    if (link.documentId === link.originId) continue;
    // Never let two documents derive from each other.
    const reverse = sql(db, 'SELECT 1 FROM corr_links WHERE doc_id = ? AND origin_id = ?').get(link.originId, link.documentId);
    if (reverse) continue;
    if (!better(link, existing.get(link.documentId) as { kind: string; score: number } | undefined)) continue;
    upsert.run(link.documentId, link.originId, link.kind, link.score, JSON.stringify(link.evidence));
    markDoc.run(link.documentId);
  }
}

/** Link, credit and label lookups for provenance, memoised for one refresh (rows do not change
 *  while it runs; a large cluster asks about the same documents many times). */
function provenanceContext(db: Database.Database): ProvenanceContext {
  const link = sql(db, 'SELECT * FROM corr_links WHERE doc_id = ?');
  const credits = sql(db, 'SELECT credits_json FROM corr_docs WHERE doc_id = ?');
  const label = sql(db, 'SELECT outlet FROM documents WHERE id = ?');
  const entity = sql(db, 'SELECT name FROM entities WHERE id = ?');
  const memo = <T>(fn: (id: string) => T) => {
    const cache = new Map<string, T>();
    return (id: string): T => {
      if (!cache.has(id)) cache.set(id, fn(id));
      return cache.get(id)!;
    };
  };
  return {
    nameOf: memo((key) => (key.startsWith('name:') ? key.slice(5) : (entity.get(key) as { name: string } | undefined)?.name ?? null)),
    linkOf: memo((id) => {
      const r = link.get(id) as LinkRow | undefined;
      return r ? linkRecord(r) : null;
    }),
    creditsOf: memo((id) => new Set(JSON.parse((credits.get(id) as { credits_json: string } | undefined)?.credits_json ?? '[]') as string[])),
    labelOf: memo((id) => {
      const outlet = (label.get(id) as { outlet: string | null } | undefined)?.outlet;
      return outlet ? `${outlet} (${id})` : id;
    }),
    outletOf: memo((id) => (label.get(id) as { outlet: string | null } | undefined)?.outlet ?? null),
  };
}

function dominantModality(members: Statement[]): Modality {
  const counts = new Map<Modality, number>();
  for (const m of members) counts.set(m.modality, (counts.get(m.modality) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

/** Recomputes the summary of every cluster marked dirty; drops clusters left without members. */
export function refreshDirtyClusters(db: Database.Database): void {
  const ids = (sql(db, 'SELECT cluster_id FROM corr_dirty ORDER BY cluster_id').all() as { cluster_id: string }[]).map((r) => r.cluster_id);
  if (!ids.length) return;
  const stats = termStats(db);
  const ctx = provenanceContext(db);
  const upsert = sql(db, `INSERT OR REPLACE INTO corr_clusters (id, canonical, canonical_text, members, documents, roots, modality,
    first_doc, first_published, latest_doc, latest_published, contested, roots_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const id of ids) {
    const members = savedClusterMembers(db, id);
    const sample = members.length > SUMMARY_SAMPLE ? members.slice(-SUMMARY_SAMPLE) : members;
    if (!members.length) {
      sql(db, 'DELETE FROM corr_clusters WHERE id = ?').run(id);
      continue;
    }
    const canonical = canonicalMember(sample, stats);
    const { roots } = provenanceOf(members, ctx);
    const ordered = [...members].sort(byAppearance);
    const dated = ordered.filter((m) => m.published);
    const first = ordered[0];
    const latest = dated.length ? dated[dated.length - 1] : ordered[ordered.length - 1];
    upsert.run(id, canonical.key, canonical.text, members.length, new Set(members.map((m) => m.documentId)).size, roots.length,
      dominantModality(members), first.documentId, first.published, latest.documentId, latest.published,
      contradictionsIn(sample).some((c) => c.kind !== 'modality') ? 1 : 0, JSON.stringify(roots));
  }
  sql(db, 'DELETE FROM corr_dirty').run();
}

interface ClusterRow {
  id: string; canonical: string; canonical_text: string; members: number; documents: number; roots: number; modality: Modality;
  first_doc: string; first_published: string | null; latest_doc: string; latest_published: string | null; contested: number;
}

function clusterSummary(r: ClusterRow): ClusterSummary {
  return {
    id: r.id, canonical: { statement: r.canonical, documentId: r.canonical.split('#')[0], text: r.canonical_text },
    members: r.members, documents: r.documents, roots: r.roots, modality: r.modality,
    first: { documentId: r.first_doc, published: r.first_published }, latest: { documentId: r.latest_doc, published: r.latest_published },
    contested: !!r.contested,
  };
}

export function listClusters(db: Database.Database, q: ClusterQuery = {}): Page<ClusterSummary> {
  const limit = Math.max(1, Math.min(q.limit ?? 50, 1000));
  const offset = q.offset ?? 0;
  const conditions = ['c.roots >= @minSources', 'c.members >= @minMembers'];
  if (q.entity) conditions.push('c.id IN (SELECT s.cluster_id FROM corr_statement_entities e JOIN corr_statements s ON s.key = e.statement WHERE e.entity_id = @entity)');
  const where = `WHERE ${conditions.join(' AND ')}`;
  const params = { minSources: q.minSources ?? 0, minMembers: q.minMembers ?? 1, entity: q.entity, limit, offset };
  const items = (db.prepare(`SELECT * FROM corr_clusters c ${where} ORDER BY c.roots DESC, c.members DESC, c.id LIMIT @limit OFFSET @offset`).all(params) as ClusterRow[]).map(clusterSummary);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM corr_clusters c ${where}`).get(params) as { n: number }).n;
  return { items, total, limit, offset };
}

function memberRecord(s: Statement): ClusterMember {
  return {
    statement: s.key, documentId: s.documentId, kind: s.kind, start: s.start, end: s.end, text: s.text, modality: s.modality,
    negated: s.negated, eventType: s.eventType, entities: s.entities, attribution: s.attribution, outlet: s.outlet, published: s.published,
  };
}

/** A cluster by id, or by the key of one of its statements (`DOC#c3`). */
export function getCluster(db: Database.Database, idOrStatement: string): ClusterDetail | null {
  let row = db.prepare('SELECT * FROM corr_clusters WHERE id = ?').get(idOrStatement) as ClusterRow | undefined;
  if (!row) {
    const owner = db.prepare('SELECT cluster_id FROM corr_statements WHERE key = ?').get(idOrStatement) as { cluster_id: string } | undefined;
    if (owner) row = db.prepare('SELECT * FROM corr_clusters WHERE id = ?').get(owner.cluster_id) as ClusterRow | undefined;
  }
  if (!row) return null;
  const members = clusterMembers(db, row.id).sort((a, b) => a.documentId.localeCompare(b.documentId) || a.start - b.start);
  return {
    ...clusterSummary(row),
    memberList: members.map(memberRecord),
    provenance: provenanceOf(members, provenanceContext(db)),
    contradictions: contradictionsIn(members),
  };
}

export function timeline(db: Database.Database, q: TimelineQuery = {}): Page<TimelineEntry> {
  const limit = Math.max(1, Math.min(q.limit ?? 1000, 10000));
  const offset = q.offset ?? 0;
  const conditions: string[] = [];
  if (q.entity) conditions.push('d.statement IN (SELECT statement FROM corr_statement_entities WHERE entity_id = @entity)');
  if (q.from) conditions.push('d.sort_key >= @from');
  // "to" 2023 includes 2023-12-31: compare with the bound padded past any finer date in that period.
  if (q.to) conditions.push('d.sort_key <= @to');
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const params = { entity: q.entity, from: q.from, to: q.to ? `${q.to}\uffff` : undefined, limit, offset };
  const rows = db.prepare(`SELECT d.value, d.granularity, d.text AS date_text, s.statement_json, s.cluster_id FROM corr_dates d
    JOIN corr_statements s ON s.key = d.statement ${where}
    ORDER BY d.sort_key, CASE d.granularity WHEN 'century' THEN 0 WHEN 'decade' THEN 1 WHEN 'year' THEN 2 WHEN 'season' THEN 3 WHEN 'month' THEN 4 WHEN 'week' THEN 5 ELSE 6 END,
      s.doc_id, s.key, d.text LIMIT @limit OFFSET @offset`).all(params) as { value: string; granularity: TimelineEntry['granularity']; date_text: string; statement_json: string; cluster_id: string }[];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM corr_dates d ${where}`).get(params) as { n: number }).n;
  const items = rows.map((r) => {
    const s = parseStatement(r.statement_json);
    return {
      date: r.value, granularity: r.granularity, dateText: r.date_text, statement: s.key, kind: s.kind, eventType: s.eventType, text: s.text,
      documentId: s.documentId, outlet: s.outlet, published: s.published, cluster: r.cluster_id, entities: s.entities,
    };
  });
  return { items, total, limit, offset };
}

interface LinkRow { doc_id: string; origin_id: string; kind: DocumentLink['kind']; score: number; evidence_json: string }

const linkRecord = (r: LinkRow): DocumentLink => ({ documentId: r.doc_id, originId: r.origin_id, kind: r.kind, score: r.score, evidence: JSON.parse(r.evidence_json) });

/** Derivations a document takes part in: what it derives from, and what derives from it. */
export function documentLinks(db: Database.Database, docId: string): DocumentLink[] {
  return (db.prepare('SELECT * FROM corr_links WHERE doc_id = ? OR origin_id = ? ORDER BY doc_id, origin_id').all(docId, docId) as LinkRow[]).map(linkRecord);
}

/** What each statement of a document added when it arrived. */
export function documentNovelty(db: Database.Database, docId: string): Novelty[] {
  return (db.prepare('SELECT novelty_json FROM corr_statements WHERE doc_id = ? ORDER BY start, key').all(docId) as { novelty_json: string }[])
    .map((r) => {
      const { match: _match, ...n } = JSON.parse(r.novelty_json) as Novelty & { match: unknown };
      return n;
    });
}
