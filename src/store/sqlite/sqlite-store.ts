// The embedded store: SQLite through better-sqlite3, WAL mode, one transaction per document, FTS5.
import Database from 'better-sqlite3';
import { namesEntity, type Analysis, type EntityType, type SanctionHit } from '../../schema/analysis.js';
import { ArticleSchema } from '../../schema/article.js';
import { DossierError } from '../../errors.js';
import type { ListEntry } from '../../screen/types.js';
import { migrate } from './migrate.js';
import { assembleDossier, entitiesByDocument } from '../dossier.js';
import { foldForLookup, resolveCorpusEntities, type CorpusCandidate, type CorpusIndex } from '../corpus-resolution.js';
import { ftsQuery, matchingSentences } from '../search-text.js';
import * as corroboration from './corroboration.js';
import { beginCachedSave, dropCache, endCachedSave } from './corroboration-cache.js';
import { documentIdOptions } from '../document-ids.js';
import type {
  AnalysedDocument, ClaimQuery, ClaimRecord, ClusterDetail, ClusterQuery, ClusterSummary, DocumentLink, DocumentSummary, EntityDossier, EntitySummary, EventQuery,
  EventRecord, Novelty, Page, PageOptions, SaveResult, SearchHit, SearchOptions, Store, StoreStats, StoredDocument, TimelineEntry, TimelineQuery,
} from '../types.js';

const clampLimit = (limit?: number) => Math.max(1, Math.min(limit ?? 50, 1000));

interface DocRow {
  id: string; source: string; title: string | null; outlet: string | null; published: string | null;
  language: string; content_hash: string; article_json: string; analysis_json: string;
  sentences_json: string; published_confidence: number; published_evidence: string | null; ingested_at: string;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;

  constructor(readonly path: string) {
    try {
      this.db = new Database(path);
    } catch (err) {
      throw new DossierError('STORE', `cannot open SQLite store: ${(err as Error).message}`, path);
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // Checkpoint every ~40 MB of log, not every 4 MB: a page rewritten by many saves is copied back
    // once (on Reuters this took 40% off the commit time); the log is cut back to 8 MB afterwards.
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.pragma('journal_size_limit = 8388608');
    // A 64 MB page cache (SQLite's default is 2 MB): the blocking-key index a batch of saves writes
    // into is spread over the whole table, and with many documents to a commit each page is read and
    // written once per batch rather than once per document.
    this.db.pragma('cache_size = -65536');
    migrate(this.db);
  }

  async hasContent(contentHash: string): Promise<boolean> {
    return !!this.db.prepare('SELECT 1 FROM documents WHERE content_hash = ?').get(contentHash);
  }

  async saveDocument(doc: AnalysedDocument): Promise<SaveResult> {
    const nested = this.db.inTransaction;
    try {
      const result = this.db.transaction(() => this.saveInTransaction(doc)).immediate();
      // Inside someone else's transaction the writes may still roll back: the cache cannot follow.
      if (nested) dropCache(this.db);
      else endCachedSave(this.db);
      return result;
    } catch (err) {
      dropCache(this.db);
      throw err;
    }
  }

  async saveDocuments(docs: AnalysedDocument[]): Promise<PromiseSettledResult<SaveResult>[]> {
    if (docs.length > 1 && !this.db.inTransaction) {
      try {
        const results = this.db.transaction(() => docs.map((doc) => {
          const result = this.saveInTransaction(doc);
          // The next document reads this one's writes: the cache is true for the transaction so far.
          endCachedSave(this.db);
          return result;
        })).immediate();
        endCachedSave(this.db);
        return results.map((value) => ({ status: 'fulfilled', value }));
      } catch {
        // Rolled back whole; one by one below, so only the document at fault fails.
        dropCache(this.db);
      }
    }
    const settled: PromiseSettledResult<SaveResult>[] = [];
    for (const doc of docs) {
      try {
        settled.push({ status: 'fulfilled', value: await this.saveDocument(doc) });
      } catch (reason) {
        settled.push({ status: 'rejected', reason });
      }
    }
    return settled;
  }

  private readonly prepared = new Map<string, Database.Statement>();

  /** A statement of the save path, compiled once per connection rather than once per document. */
  private sql(text: string): Database.Statement {
    let st = this.prepared.get(text);
    if (!st) this.prepared.set(text, (st = this.db.prepare(text)));
    return st;
  }

  private saveInTransaction(doc: AnalysedDocument): SaveResult {
    const { article, analysis } = doc;
    beginCachedSave(this.db);
    const same = this.sql('SELECT id FROM documents WHERE content_hash = ?').get(article.contentHash) as { id: string } | undefined;
    if (same) return { id: same.id, status: 'unchanged' };
    const previous = this.sql('SELECT id FROM documents WHERE source = ?').get(article.source) as { id: string } | undefined;
    if (previous) {
      this.sql('DELETE FROM documents WHERE id = ?').run(previous.id);
      dropCache(this.db);
    }
    const id = previous?.id ?? this.freeDocumentId(article.id, article.contentHash);
    this.sql(`INSERT INTO documents (id, source, format, title, outlet, author, url, published, published_source,
        published_confidence, published_evidence, language, text, content_hash, article_json, analysis_json, sentences_json, ingested_at)
      VALUES (@id, @source, @format, @title, @outlet, @author, @url, @published, @publishedSource, @confidence, @evidence,
        @language, @text, @contentHash, @articleJson, @analysisJson, @sentencesJson, @ingestedAt)`).run({
      ...article,
      id,
      published: analysis.published,
      publishedSource: article.published ? article.publishedSource : analysis.published ? 'estimated' : null,
      confidence: doc.publishedConfidence,
      evidence: doc.publishedEvidence,
      articleJson: JSON.stringify(article),
      analysisJson: JSON.stringify(analysis),
      sentencesJson: JSON.stringify(doc.sentences),
      ingestedAt: new Date().toISOString(),
    });
    const entityIds = resolveCorpusEntities(analysis.entities, this.corpusIndex());
    this.insertLayers(id, analysis, entityIds);
    corroboration.updateCorroboration(this.db, { id, analysis, sentences: doc.sentences, publishedConfidence: doc.publishedConfidence, derived: doc.derived }, entityIds);
    return { id, status: previous ? 'replaced' : 'inserted' };
  }

  /** The FORMAT id when free, else the id with a short content hash (two files named alike). */
  private freeDocumentId(wanted: string, hash: string): string {
    const taken = this.sql('SELECT 1 FROM documents WHERE id = ?');
    const free = documentIdOptions(wanted, hash).find((id) => !taken.get(id));
    if (!free) throw new DossierError('CONFLICT', `no free id for ${wanted}`);
    return free;
  }

  private corpusIndex(): CorpusIndex {
    const byKey = this.sql('SELECT DISTINCT entity_id FROM entity_keys WHERE key = ?');
    const entity = this.sql('SELECT id, name, type, kb FROM entities WHERE id = ?');
    const names = this.sql('SELECT name FROM entity_names WHERE entity_id = ? ORDER BY name');
    return {
      candidates: (keys) => {
        const ids = new Set<string>();
        for (const key of keys) for (const r of byKey.all(key) as { entity_id: string }[]) ids.add(r.entity_id);
        return [...ids].sort().map((id) => {
          const row = entity.get(id) as { id: string; name: string; type: EntityType; kb: string | null };
          return { ...row, aliases: (names.all(id) as { name: string }[]).map((n) => n.name) } satisfies CorpusCandidate;
        });
      },
      exists: (id) => !!entity.get(id),
      create: (e) => {
        this.sql('INSERT INTO entities (id, name, type, kb, created_at) VALUES (?, ?, ?, ?, ?)').run(e.id, e.name, e.type, e.kb, new Date().toISOString());
      },
      addNames: (id, pairs) => {
        const insert = this.sql('INSERT OR IGNORE INTO entity_names (entity_id, name, folded) VALUES (?, ?, ?)');
        for (const [name, folded] of pairs) insert.run(id, name, folded);
      },
      addKeys: (id, keys) => {
        const insert = this.sql('INSERT OR IGNORE INTO entity_keys (key, entity_id) VALUES (?, ?)');
        for (const key of keys) insert.run(key, id);
      },
      update: (id, name, kb) => {
        this.sql('UPDATE entities SET name = ?, kb = COALESCE(kb, ?) WHERE id = ?').run(name, kb, id);
      },
    };
  }

  private insertLayers(docId: string, analysis: Analysis, entityIds: Record<string, string>): void {
    const entity = this.sql('INSERT INTO doc_entities (doc_id, local_id, entity_id, name, type, mentions, sanctions_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const e of analysis.entities) entity.run(docId, e.id, entityIds[e.id], e.name, e.type, e.mentions.filter(namesEntity).length, JSON.stringify(e.sanctions));
    const claim = this.sql(`INSERT INTO claims (doc_id, local_id, start, end, source_entity, source_text, cue, quote, modality, chain_json, text)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const about = this.sql('INSERT OR IGNORE INTO claim_entities (doc_id, claim_id, entity_id) VALUES (?, ?, ?)');
    for (const c of analysis.claims) {
      claim.run(docId, c.id, c.start, c.end, c.source ? entityIds[c.source] ?? null : null, c.sourceText, c.cue, c.quote ? 1 : 0,
        c.modality, c.chain ? JSON.stringify(c.chain) : null, analysis.text.slice(c.start, c.end));
      for (const e of analysis.entities) {
        if (e.mentions.some((m) => namesEntity(m) && m.start >= c.start && m.end <= c.end)) about.run(docId, c.id, entityIds[e.id]);
      }
    }
    const event = this.sql(`INSERT INTO events (doc_id, idx, type, mode, actor, target, location, date, start, end, claim_id, context_json, trigger)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    analysis.events.forEach((ev, i) => {
      const corpus = (local: string | null) => (local ? entityIds[local] ?? null : null);
      event.run(docId, i, ev.type, ev.mode, corpus(ev.actor), corpus(ev.target), corpus(ev.location), ev.date, ev.start, ev.end,
        ev.claim, ev.context ? JSON.stringify(ev.context) : null, ev.trigger ?? null);
    });
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const row = this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocRow | undefined;
    if (!row) return null;
    const entityIds: Record<string, string> = {};
    for (const r of this.db.prepare('SELECT local_id, entity_id FROM doc_entities WHERE doc_id = ?').all(id) as { local_id: string; entity_id: string }[]) {
      entityIds[r.local_id] = r.entity_id;
    }
    return {
      id: row.id,
      article: ArticleSchema.parse(JSON.parse(row.article_json)),
      analysis: JSON.parse(row.analysis_json) as Analysis,
      entityIds,
      publishedConfidence: row.published_confidence,
      publishedEvidence: row.published_evidence,
      ingestedAt: row.ingested_at,
    };
  }

  async documentEntities(): Promise<Map<string, string[]>> {
    const rows = this.db.prepare('SELECT DISTINCT doc_id, entity_id FROM doc_entities ORDER BY doc_id, entity_id').raw().all() as [string, string][];
    return entitiesByDocument(rows);
  }

  private static readonly SUMMARY = `SELECT d.id, d.title, d.outlet, d.published, d.language, d.source,
      (SELECT COUNT(*) FROM doc_entities x WHERE x.doc_id = d.id) AS entities,
      (SELECT COUNT(*) FROM claims x WHERE x.doc_id = d.id) AS claims,
      (SELECT COUNT(*) FROM events x WHERE x.doc_id = d.id) AS events
    FROM documents d`;

  async listDocuments(opts: PageOptions & { outlet?: string } = {}): Promise<Page<DocumentSummary>> {
    const limit = clampLimit(opts.limit);
    const offset = opts.offset ?? 0;
    const where = opts.outlet ? 'WHERE d.outlet = @outlet' : '';
    const items = this.db.prepare(`${SqliteStore.SUMMARY} ${where} ORDER BY d.published DESC, d.id LIMIT @limit OFFSET @offset`)
      .all({ outlet: opts.outlet, limit, offset }) as DocumentSummary[];
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM documents d ${where}`).get({ outlet: opts.outlet }) as { n: number }).n;
    return { items, total, limit, offset };
  }

  private static readonly ENTITY = `SELECT e.id, e.name, e.type, e.kb,
      COALESCE(SUM(de.mentions), 0) AS mentionCount, COUNT(DISTINCT de.doc_id) AS documentCount,
      MAX(CASE WHEN de.sanctions_json <> '[]' THEN 1 ELSE 0 END) AS sanctioned
    FROM entities e JOIN doc_entities de ON de.entity_id = e.id`;

  private static entitySummary(r: EntitySummary & { sanctioned: number | boolean }): EntitySummary {
    return { ...r, sanctioned: !!r.sanctioned };
  }

  async listEntities(opts: PageOptions & { type?: EntityType; q?: string } = {}): Promise<Page<EntitySummary>> {
    const limit = clampLimit(opts.limit);
    const offset = opts.offset ?? 0;
    const conditions: string[] = [];
    if (opts.type) conditions.push('e.type = @type');
    if (opts.q) conditions.push('e.id IN (SELECT entity_id FROM entity_names WHERE folded LIKE @q)');
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const params = { type: opts.type, q: opts.q ? `%${foldForLookup(opts.q)}%` : undefined, limit, offset };
    const rows = this.db.prepare(`${SqliteStore.ENTITY} ${where} GROUP BY e.id ORDER BY mentionCount DESC, documentCount DESC, e.name, e.id LIMIT @limit OFFSET @offset`).all(params);
    const total = (this.db.prepare(`SELECT COUNT(DISTINCT e.id) AS n FROM entities e JOIN doc_entities de ON de.entity_id = e.id ${where}`).get(params) as { n: number }).n;
    return { items: (rows as (EntitySummary & { sanctioned: number })[]).map(SqliteStore.entitySummary), total, limit, offset };
  }

  async findEntity(nameOrId: string): Promise<EntitySummary | null> {
    const byId = this.db.prepare(`${SqliteStore.ENTITY} WHERE e.id = ? GROUP BY e.id`).get(nameOrId);
    if (byId) return SqliteStore.entitySummary(byId as EntitySummary & { sanctioned: number });
    const byName = this.db.prepare(`${SqliteStore.ENTITY} WHERE e.id IN (SELECT entity_id FROM entity_names WHERE folded = ?)
      GROUP BY e.id ORDER BY mentionCount DESC, e.id LIMIT 1`).get(foldForLookup(nameOrId));
    return byName ? SqliteStore.entitySummary(byName as EntitySummary & { sanctioned: number }) : null;
  }

  async entityDossier(id: string): Promise<EntityDossier | null> {
    const summary = await this.findEntity(id);
    if (!summary || summary.id !== id) return null;
    const aliases = (this.db.prepare('SELECT name FROM entity_names WHERE entity_id = ? ORDER BY name').all(id) as { name: string }[]).map((r) => r.name);
    const hits = (this.db.prepare('SELECT sanctions_json FROM doc_entities WHERE entity_id = ?').all(id) as { sanctions_json: string }[])
      .map((r) => JSON.parse(r.sanctions_json) as SanctionHit[]);
    const documents = this.db.prepare(`${SqliteStore.SUMMARY} WHERE d.id IN (SELECT doc_id FROM doc_entities WHERE entity_id = ?) ORDER BY d.published DESC, d.id`).all(id) as DocumentSummary[];
    const claims = (await this.listClaims({ entity: id, limit: 1000 })).items;
    const events = (await this.listEvents({ entity: id, limit: 1000 })).items;
    return assembleDossier({ summary, aliases, hits, documents, claims, events });
  }

  async listClaims(q: ClaimQuery = {}): Promise<Page<ClaimRecord>> {
    const limit = clampLimit(q.limit);
    const offset = q.offset ?? 0;
    const conditions: string[] = [];
    if (q.entity) conditions.push('(c.source_entity = @entity OR EXISTS (SELECT 1 FROM claim_entities ce WHERE ce.doc_id = c.doc_id AND ce.claim_id = c.local_id AND ce.entity_id = @entity))');
    if (q.document) conditions.push('c.doc_id = @document');
    if (q.modality) conditions.push('c.modality = @modality');
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const params = { entity: q.entity, document: q.document, modality: q.modality, limit, offset };
    const rows = this.db.prepare(`SELECT c.*, d.published, d.outlet, e.name AS source_name,
        (SELECT json_group_array(entity_id) FROM claim_entities ce WHERE ce.doc_id = c.doc_id AND ce.claim_id = c.local_id) AS entities_json
      FROM claims c JOIN documents d ON d.id = c.doc_id LEFT JOIN entities e ON e.id = c.source_entity
      ${where} ORDER BY d.published, c.doc_id, c.start, c.local_id LIMIT @limit OFFSET @offset`).all(params) as ClaimRow[];
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM claims c ${where}`).get(params) as { n: number }).n;
    return { items: rows.map(claimRecord), total, limit, offset };
  }

  async listEvents(q: EventQuery = {}): Promise<Page<EventRecord>> {
    const limit = clampLimit(q.limit);
    const offset = q.offset ?? 0;
    const conditions: string[] = [];
    if (q.entity) conditions.push('(v.actor = @entity OR v.target = @entity OR v.location = @entity)');
    if (q.document) conditions.push('v.doc_id = @document');
    if (q.type) conditions.push('v.type = @type');
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const params = { entity: q.entity, document: q.document, type: q.type, limit, offset };
    const rows = this.db.prepare(`SELECT v.*, d.published, d.text AS doc_text, a.name AS actor_name, t.name AS target_name, l.name AS location_name,
        COALESCE(se.name, c.source_text) AS source_name
      FROM events v JOIN documents d ON d.id = v.doc_id
      LEFT JOIN entities a ON a.id = v.actor LEFT JOIN entities t ON t.id = v.target LEFT JOIN entities l ON l.id = v.location
      LEFT JOIN claims c ON c.doc_id = v.doc_id AND c.local_id = v.claim_id LEFT JOIN entities se ON se.id = c.source_entity
      ${where} ORDER BY COALESCE(v.date, d.published), v.doc_id, v.idx LIMIT @limit OFFSET @offset`).all(params) as EventRow[];
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM events v ${where}`).get(params) as { n: number }).n;
    return { items: rows.map(eventRecord), total, limit, offset };
  }

  async search(query: string, opts: SearchOptions = {}): Promise<Page<SearchHit>> {
    const limit = clampLimit(opts.limit ?? 20);
    const offset = opts.offset ?? 0;
    const match = ftsQuery(query);
    if (!match) return { items: [], total: 0, limit, offset };
    const conditions = ['documents_fts MATCH @match'];
    if (opts.outlet) conditions.push('d.outlet = @outlet');
    if (opts.from) conditions.push('d.published >= @from');
    if (opts.to) conditions.push('d.published <= @to');
    if (opts.entity) conditions.push('d.id IN (SELECT doc_id FROM doc_entities WHERE entity_id = @entity)');
    if (opts.type) conditions.push('d.id IN (SELECT doc_id FROM doc_entities WHERE type = @type)');
    const where = conditions.join(' AND ');
    const params = { match, outlet: opts.outlet, from: opts.from, to: opts.to, entity: opts.entity, type: opts.type, limit, offset };
    const rows = this.db.prepare(`SELECT d.id, bm25(documents_fts) AS rank FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
      WHERE ${where} ORDER BY rank, d.id LIMIT @limit OFFSET @offset`).all(params) as { id: string; rank: number }[];
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE ${where}`).get(params) as { n: number }).n;
    const summary = this.db.prepare(`${SqliteStore.SUMMARY} WHERE d.id = ?`);
    const textOf = this.db.prepare('SELECT text, sentences_json FROM documents WHERE id = ?');
    const items = rows.map((r) => {
      const { text, sentences_json } = textOf.get(r.id) as { text: string; sentences_json: string };
      return {
        document: summary.get(r.id) as DocumentSummary,
        score: -r.rank,
        sentences: matchingSentences(text, JSON.parse(sentences_json), query),
      };
    });
    return { items, total, limit, offset };
  }

  async replaceLists(entries: ListEntry[]): Promise<number> {
    const lists = [...new Set(entries.map((e) => e.list))];
    this.db.transaction(() => {
      const drop = this.db.prepare('DELETE FROM list_entries WHERE list = ?');
      for (const list of lists) drop.run(list);
      const insert = this.db.prepare(`INSERT OR REPLACE INTO list_entries (list, id, name, kind, aliases_json, programmes_json, remarks)
        VALUES (?, ?, ?, ?, ?, ?, ?)`);
      for (const e of entries) insert.run(e.list, e.id, e.name, e.kind, JSON.stringify(e.aliases), JSON.stringify(e.programmes), e.remarks);
    })();
    return entries.length;
  }

  async loadLists(): Promise<ListEntry[]> {
    const rows = this.db.prepare('SELECT * FROM list_entries ORDER BY list, id').all() as {
      list: string; id: string; name: string; kind: ListEntry['kind']; aliases_json: string; programmes_json: string; remarks: string | null;
    }[];
    return rows.map((r) => ({ list: r.list, id: r.id, name: r.name, kind: r.kind, aliases: JSON.parse(r.aliases_json), programmes: JSON.parse(r.programmes_json), remarks: r.remarks }));
  }

  async stats(): Promise<StoreStats> {
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      documents: count('SELECT COUNT(*) AS n FROM documents'),
      entities: count('SELECT COUNT(DISTINCT entity_id) AS n FROM doc_entities'),
      claims: count('SELECT COUNT(*) AS n FROM claims'),
      events: count('SELECT COUNT(*) AS n FROM events'),
      listEntries: count('SELECT COUNT(*) AS n FROM list_entries'),
    };
  }

  async listClusters(q?: ClusterQuery): Promise<Page<ClusterSummary>> { return corroboration.listClusters(this.db, q); }
  async getCluster(id: string): Promise<ClusterDetail | null> { return corroboration.getCluster(this.db, id); }
  async timeline(q?: TimelineQuery): Promise<Page<TimelineEntry>> { return corroboration.timeline(this.db, q); }
  async documentLinks(docId: string): Promise<DocumentLink[]> { return corroboration.documentLinks(this.db, docId); }
  async documentNovelty(docId: string): Promise<Novelty[]> { return corroboration.documentNovelty(this.db, docId); }

  async close(): Promise<void> {
    this.db.close();
  }
}

interface ClaimRow {
  doc_id: string; local_id: string; start: number; end: number; source_entity: string | null; source_text: string | null;
  cue: string | null; quote: number; modality: ClaimRecord['modality']; chain_json: string | null; text: string;
  published: string | null; outlet: string | null; source_name: string | null; entities_json: string;
}

function claimRecord(r: ClaimRow): ClaimRecord {
  return {
    id: r.local_id, documentId: r.doc_id, start: r.start, end: r.end, source: r.source_entity, sourceName: r.source_name,
    sourceText: r.source_text, cue: r.cue, quote: !!r.quote, modality: r.modality,
    ...(r.chain_json ? { chain: JSON.parse(r.chain_json) as string[] } : {}),
    text: r.text, entities: (JSON.parse(r.entities_json) as string[]).sort(), published: r.published, outlet: r.outlet,
  };
}

interface EventRow {
  doc_id: string; idx: number; type: EventRecord['type']; mode: string | null; actor: string | null; target: string | null;
  location: string | null; date: string | null; start: number; end: number; claim_id: string | null; context_json: string | null;
  trigger: string | null; published: string | null; doc_text: string; actor_name: string | null; target_name: string | null;
  location_name: string | null; source_name: string | null;
}

function eventRecord(r: EventRow): EventRecord {
  return {
    documentId: r.doc_id, index: r.idx, type: r.type, mode: r.mode, actor: r.actor, target: r.target, location: r.location,
    date: r.date, start: r.start, end: r.end, claim: r.claim_id,
    ...(r.context_json ? { context: JSON.parse(r.context_json) as string[] } : {}),
    ...(r.trigger ? { trigger: r.trigger } : {}),
    actorName: r.actor_name, targetName: r.target_name, locationName: r.location_name, sourceName: r.source_name,
    published: r.published, text: r.doc_text.slice(r.start, r.end),
  };
}
