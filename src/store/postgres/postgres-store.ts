// The scale-out store: PostgreSQL through pg, one transaction per document, tsvector search, and
// corpus entity resolution serialised per blocking key so any number of workers can save at once.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { namesEntity, type Analysis, type EntityType, type SanctionHit } from '../../schema/analysis.js';
import { ArticleSchema, type Article } from '../../schema/article.js';
import type { ListEntry } from '../../screen/types.js';
import { foldForLookup } from '../corpus-resolution.js';
import { documentIdOptions } from '../document-ids.js';
import { assembleDossier, entitiesByDocument } from '../dossier.js';
import { matchingSentences, queryTerms } from '../search-text.js';
import { Corroborator, CORROBORATION_LOCK, corroborationHolder, corroboratePending, releaseCorroboration, type CorroborateOptions, type CorroborationHolder } from './corroboration.js';
import * as corroboration from './corroboration-queries.js';
import type {
  AnalysedDocument, ClaimQuery, ClusterDetail, ClusterQuery, ClusterSummary, DocumentLink, Novelty, TimelineEntry, TimelineQuery, ClaimRecord, DocumentSummary, EntityDossier, EntitySummary, EventQuery,
  EventRecord, Page, PageOptions, SaveResult, SearchHit, SearchOptions, Store, StoreStats, StoredDocument,
} from '../types.js';
import { inTransaction, lockAll, migrate, openPool, type PostgresOptions } from './connection.js';
import { resolveInPostgres } from './corpus-index.js';
import { claimRecord, eventRecord, Params, type ClaimRow, type EventRow } from './rows.js';
import { ALERT_HITS_OF_CLAIMS, addAlert, listAlertHits, listAlerts, removeAlert, type Alert, type AlertHit } from './alerts.js';

const clampLimit = (limit?: number) => Math.max(1, Math.min(limit ?? 50, 1000));
/** Folds text for the 'simple' tsvector the same way search-text folds queries: no accents, lower case. */
const foldForSearch = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

const SUMMARY = `SELECT d.id, d.title, d.outlet, d.published, d.language, d.source,
    (SELECT COUNT(*)::int FROM doc_entities x WHERE x.doc_id = d.id) AS entities,
    (SELECT COUNT(*)::int FROM claims x WHERE x.doc_id = d.id) AS claims,
    (SELECT COUNT(*)::int FROM events x WHERE x.doc_id = d.id) AS events
  FROM documents d`;

const ENTITY = `SELECT e.id, e.name, e.type, e.kb,
    COALESCE(SUM(de.mentions), 0)::int AS "mentionCount", COUNT(DISTINCT de.doc_id)::int AS "documentCount",
    bool_or(de.sanctions_json <> '[]'::jsonb) AS sanctioned
  FROM entities e JOIN doc_entities de ON de.entity_id = e.id`;

/** The advisory locks a save takes: saves of the same content, source or wanted id wait for each
 *  other; other documents proceed in parallel. */
export function saveLocks(article: Article): string[] {
  return [`dossier:hash:${article.contentHash}`, `dossier:source:${article.source}`, `dossier:docid:${article.id}`];
}

export interface CorroborationBacklog {
  waiting: number;
  failed: { documentId: string; attempts: number; error: string }[];
  /** Which process corroborates, and whether a batch runs now (null: nobody does). */
  holder: CorroborationHolder | null;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  /** This process's side of corroboration (what its last batch read, kept for the next). */
  private readonly corroborator = new Corroborator();

  private constructor(
    readonly pool: pg.Pool,
    readonly schema: string,
    /** How to open a connection of its own (the queue's LISTEN connection). */
    readonly clientConfig: pg.ClientConfig,
  ) {}

  /** Connects, creates the schema when missing and applies pending migrations. */
  static async open(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
    const { pool, schema, config } = await openPool(url, opts);
    try {
      await migrate(pool, schema);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresStore(pool, schema, config);
  }

  /** Runs `fn` in one transaction (retried on races); the queue uses it to save and finish a job atomically. */
  /** Runs `fn` in a transaction; `locks` (advisory, within this store's schema) are taken as it begins. */
  transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, locks?: Iterable<string>): Promise<T> {
    return inTransaction(this.pool, fn, undefined, locks ? { schema: this.schema, keys: locks } : undefined);
  }

  async hasContent(contentHash: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM documents WHERE content_hash = $1', [contentHash])).rowCount! > 0;
  }

  /** Saves a document and corroborates it (with whatever else is queued) before returning. */
  async saveDocument(doc: AnalysedDocument): Promise<SaveResult> {
    const { id, status } = (await this.transaction((client) => this.saveWith(client, doc)))!;
    if (status !== 'unchanged') await this.corroborate({ wait: true });
    return { id, status };
  }

  /** Saves each document in its own transaction, then corroborates them together (one batch reads
   *  what several documents share once). */
  async saveDocuments(docs: AnalysedDocument[]): Promise<PromiseSettledResult<SaveResult>[]> {
    const settled: PromiseSettledResult<SaveResult>[] = [];
    for (const doc of docs) {
      try {
        const { id, status } = (await this.transaction((client) => this.saveWith(client, doc)))!;
        settled.push({ status: 'fulfilled', value: { id, status } });
      } catch (reason) {
        settled.push({ status: 'rejected', reason });
      }
    }
    if (settled.some((r) => r.status === 'fulfilled' && r.value.status !== 'unchanged')) await this.corroborate({ wait: true });
    return settled;
  }

  /** Clusters the documents saved but not yet corroborated (see corroboratePending). */
  corroborate(opts: CorroborateOptions = {}): Promise<number> {
    return corroboratePending(this.pool, this.schema, opts, this.corroborator);
  }

  /** Tells other processes that this one runs no more corroboration batches (it is stopping). */
  /** The name this process's corroboration batches go by (`CorroborationBacklog.holder`). */
  get corroboratorId(): string {
    return this.corroborator.id;
  }

  releaseCorroboration(): Promise<void> {
    return releaseCorroboration(this.pool, this.corroborator);
  }

  /** Documents saved but not yet clustered, those whose corroboration failed (with the error), and
   *  the process that corroborates. */
  async corroborationBacklog(): Promise<CorroborationBacklog> {
    const waiting = (await this.pool.query('SELECT COUNT(*)::int AS n FROM corr_pending WHERE error IS NULL')).rows[0].n as number;
    const failed = (await this.pool.query(`SELECT doc_id, attempts, error FROM corr_pending WHERE error IS NOT NULL ORDER BY seq LIMIT 100`)).rows
      .map((r) => ({ documentId: r.doc_id as string, attempts: r.attempts as number, error: r.error as string }));
    return { waiting, failed, holder: await corroborationHolder(this.pool, this.schema) };
  }

  /** Queues documents whose corroboration failed for another try; returns how many. */
  async retryCorroboration(): Promise<number> {
    return (await this.pool.query('UPDATE corr_pending SET error = NULL WHERE error IS NOT NULL')).rowCount ?? 0;
  }

  /** The document already holding this content, inside the caller's transaction. */
  async findByContent(client: pg.PoolClient, contentHash: string): Promise<SaveResult & { alerts: number }> {
    const row = (await client.query<{ id: string }>('SELECT id FROM documents WHERE content_hash = $1', [contentHash])).rows[0];
    if (!row) throw new Error(`no document holds content ${contentHash}`);
    return { id: row.id, status: 'unchanged', alerts: 0 };
  }

  /** Saves a document inside the caller's transaction; `alerts` counts new alert hits it raised.
   *  `locked`: the caller has taken the article's `saveLocks` in this transaction already.
   *  `newerThanJob`: a queue job's id; when a later job of the same source is done (and not itself
   *  superseded), nothing is saved and the answer is null (checked in the save's first round trip). */
  async saveWith(client: pg.PoolClient, doc: AnalysedDocument, opts: { locked?: boolean; newerThanJob?: number } = {}): Promise<(SaveResult & { alerts: number }) | null> {
    const { article, analysis } = doc;
    if (!opts.locked) await lockAll(client, this.schema, saveLocks(article));
    // The same content stored already, an older version of the source, which of the ids the
    // document could take are taken, and whether a newer job stored the source: one round trip.
    const options = documentIdOptions(article.id, article.contentHash);
    const found = (await client.query<{ same: string | null; previous: string | null; taken: string[]; newer: boolean }>(`SELECT
        (SELECT id FROM documents WHERE content_hash = $1) AS same, (SELECT id FROM documents WHERE source = $2) AS previous,
        ARRAY(SELECT id FROM documents WHERE id = ANY($3::text[])) AS taken,
        $4::bigint IS NOT NULL AND EXISTS (SELECT 1 FROM jobs WHERE source = $2 AND id > $4::bigint AND state = 'done' AND outcome <> 'superseded') AS newer`,
    [article.contentHash, article.source, options, opts.newerThanJob ?? null])).rows[0];
    if (found.newer) return null;
    if (found.same) return { id: found.same, status: 'unchanged', alerts: 0 };
    const previous = found.previous;
    // Deleting the old version deletes its statements: that waits for any corroboration batch, whose
    // caches assume nobody else changes the corroboration tables, and moves the epoch, so that no
    // process goes on using what it read of those tables before.
    if (previous) {
      await lockAll(client, this.schema, [CORROBORATION_LOCK]);
      await client.query('DELETE FROM documents WHERE id = $1', [previous]);
      await client.query('UPDATE corr_epoch SET token = $1, holder = NULL', [randomUUID()]);
    }
    const id = previous ?? options.find((o) => !found.taken.includes(o));
    if (!id) throw new Error(`no free id for ${article.id}`);
    // Entity resolution reads and writes entities only: the document row goes in with its layers.
    const entityIds = await resolveInPostgres(client, this.schema, analysis.entities);
    // Corroboration runs after the commit, in batches (corroboratePending): here the document only joins
    // its queue, with what the analysis already derived for it.
    const alerts = await this.writeDocument(client, id, doc, entityIds);
    return { id, status: previous ? 'replaced' : 'inserted', alerts };
  }

  /** Writes a document with its layers (entities, claims with the entities they name, events), queues
   *  it for corroboration with what its analysis derived, and records the alert hits of its claims,
   *  in one statement (foreign keys are checked at its end, when the document row is there): a save
   *  is a string of round trips, and a worker waits for each. Returns how many alert hits it recorded. */
  private async writeDocument(client: pg.PoolClient, docId: string, doc: AnalysedDocument, entityIds: Record<string, string>): Promise<number> {
    const { analysis } = doc;
    const es = analysis.entities;
    const cs = analysis.claims;
    const vs = analysis.events;
    const corpus = (local: string | null) => (local ? entityIds[local] ?? null : null);
    const about: [string, string][] = [];
    for (const c of cs) {
      for (const e of es) if (e.mentions.some((m) => namesEntity(m) && m.start >= c.start && m.end <= c.end)) about.push([c.id, entityIds[e.id]]);
    }
    const { article } = doc;
    const r = await client.query(`WITH
      document AS (INSERT INTO documents (id, source, format, title, outlet, author, url, published, published_source,
          published_confidence, published_evidence, language, text, content_hash, article_json, analysis_json, sentences_json, search)
        VALUES ($1, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49,
          setweight(to_tsvector('simple', $50), 'A') || to_tsvector('simple', $51))),
      ents AS (INSERT INTO doc_entities (doc_id, local_id, entity_id, name, type, mentions, sanctions_json)
        SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::jsonb[])),
      cls AS (INSERT INTO claims (doc_id, local_id, span_start, span_end, source_entity, source_text, cue, quote, modality, chain_json, text)
        SELECT $1, * FROM unnest($8::text[], $9::int[], $10::int[], $11::text[], $12::text[], $13::text[], $14::bool[], $15::text[], $16::jsonb[], $17::text[])),
      named AS (INSERT INTO claim_entities (doc_id, claim_id, entity_id)
        SELECT $1, * FROM unnest($18::text[], $19::text[]) ON CONFLICT DO NOTHING),
      evs AS (INSERT INTO events (doc_id, idx, type, mode, actor, target, location, date, span_start, span_end, claim_id, context_json, trigger, text)
        SELECT $1, * FROM unnest($20::int[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $26::text[], $27::int[], $28::int[],
          $29::text[], $30::jsonb[], $31::text[], $32::text[])),
      pending AS (INSERT INTO corr_pending (doc_id, derived_json) VALUES ($1, $33))
      ${ALERT_HITS_OF_CLAIMS}`, [
      docId,
      es.map((e) => e.id), es.map((e) => entityIds[e.id]), es.map((e) => e.name), es.map((e) => e.type), es.map((e) => e.mentions.filter(namesEntity).length),
      es.map((e) => JSON.stringify(e.sanctions)),
      cs.map((c) => c.id), cs.map((c) => c.start), cs.map((c) => c.end), cs.map((c) => (c.source ? entityIds[c.source] ?? null : null)),
      cs.map((c) => c.sourceText), cs.map((c) => c.cue), cs.map((c) => c.quote), cs.map((c) => c.modality),
      cs.map((c) => (c.chain ? JSON.stringify(c.chain) : null)), cs.map((c) => analysis.text.slice(c.start, c.end)),
      about.map((a) => a[0]), about.map((a) => a[1]),
      vs.map((_, i) => i), vs.map((v) => v.type), vs.map((v) => v.mode), vs.map((v) => corpus(v.actor)), vs.map((v) => corpus(v.target)),
      vs.map((v) => corpus(v.location)), vs.map((v) => v.date), vs.map((v) => v.start), vs.map((v) => v.end), vs.map((v) => v.claim),
      vs.map((v) => (v.context ? JSON.stringify(v.context) : null)), vs.map((v) => v.trigger ?? null), vs.map((v) => analysis.text.slice(v.start, v.end)),
      doc.derived ? JSON.stringify(doc.derived) : null,
      article.source, article.format, article.title, article.outlet, article.author, article.url, analysis.published,
      article.published ? article.publishedSource : analysis.published ? 'estimated' : null,
      doc.publishedConfidence, doc.publishedEvidence, article.language, article.text, article.contentHash,
      JSON.stringify(article), JSON.stringify(analysis), JSON.stringify(doc.sentences),
      foldForSearch(article.title ?? ''), foldForSearch(article.text),
    ]);
    return r.rowCount ?? 0;
  }

  async documentEntities(): Promise<Map<string, string[]>> {
    const rows = await this.pool.query<[string, string]>({ text: 'SELECT doc_id, entity_id FROM doc_entities GROUP BY doc_id, entity_id ORDER BY doc_id COLLATE "C", entity_id COLLATE "C"', rowMode: 'array' });
    return entitiesByDocument(rows.rows);
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const row = (await this.pool.query('SELECT * FROM documents WHERE id = $1', [id])).rows[0];
    if (!row) return null;
    const entityIds: Record<string, string> = {};
    const ids = await this.pool.query<{ local_id: string; entity_id: string }>('SELECT local_id, entity_id FROM doc_entities WHERE doc_id = $1', [id]);
    for (const r of ids.rows) entityIds[r.local_id] = r.entity_id;
    return {
      id: row.id,
      article: ArticleSchema.parse(row.article_json),
      analysis: row.analysis_json as Analysis,
      entityIds,
      publishedConfidence: row.published_confidence,
      publishedEvidence: row.published_evidence,
      ingestedAt: (row.ingested_at as Date).toISOString(),
    };
  }

  async listDocuments(opts: PageOptions & { outlet?: string } = {}): Promise<Page<DocumentSummary>> {
    const limit = clampLimit(opts.limit);
    const offset = opts.offset ?? 0;
    const p = new Params();
    const where = opts.outlet ? `WHERE d.outlet = ${p.add(opts.outlet)}` : '';
    const total = (await this.pool.query(`SELECT COUNT(*)::int AS n FROM documents d ${where}`, p.values)).rows[0].n as number;
    const items = (await this.pool.query<DocumentSummary>(
      `${SUMMARY} ${where} ORDER BY d.published DESC NULLS LAST, d.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values)).rows;
    return { items, total, limit, offset };
  }

  async listEntities(opts: PageOptions & { type?: EntityType; q?: string } = {}): Promise<Page<EntitySummary>> {
    const limit = clampLimit(opts.limit);
    const offset = opts.offset ?? 0;
    const p = new Params();
    const conditions: string[] = [];
    if (opts.type) conditions.push(`e.type = ${p.add(opts.type)}`);
    if (opts.q) conditions.push(`e.id IN (SELECT entity_id FROM entity_names WHERE folded LIKE ${p.add(`%${foldForLookup(opts.q).replace(/[\\%_]/g, '\\$&')}%`)})`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = (await this.pool.query(`SELECT COUNT(DISTINCT e.id)::int AS n FROM entities e JOIN doc_entities de ON de.entity_id = e.id ${where}`, p.values)).rows[0].n as number;
    const items = (await this.pool.query<EntitySummary>(`${ENTITY} ${where} GROUP BY e.id
      ORDER BY "mentionCount" DESC, "documentCount" DESC, e.name, e.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values)).rows;
    return { items, total, limit, offset };
  }

  async findEntity(nameOrId: string): Promise<EntitySummary | null> {
    const byId = (await this.pool.query<EntitySummary>(`${ENTITY} WHERE e.id = $1 GROUP BY e.id`, [nameOrId])).rows[0];
    if (byId) return byId;
    const byName = (await this.pool.query<EntitySummary>(`${ENTITY} WHERE e.id IN (SELECT entity_id FROM entity_names WHERE folded = $1)
      GROUP BY e.id ORDER BY "mentionCount" DESC, e.id LIMIT 1`, [foldForLookup(nameOrId)])).rows[0];
    return byName ?? null;
  }

  async entityDossier(id: string): Promise<EntityDossier | null> {
    const summary = await this.findEntity(id);
    if (!summary || summary.id !== id) return null;
    const aliases = (await this.pool.query<{ name: string }>('SELECT name FROM entity_names WHERE entity_id = $1 ORDER BY name', [id])).rows.map((r) => r.name);
    const hits = (await this.pool.query<{ sanctions_json: SanctionHit[] }>('SELECT sanctions_json FROM doc_entities WHERE entity_id = $1', [id])).rows
      .map((r) => r.sanctions_json);
    const documents = (await this.pool.query<DocumentSummary>(`${SUMMARY} WHERE d.id IN (SELECT doc_id FROM doc_entities WHERE entity_id = $1)
      ORDER BY d.published DESC NULLS LAST, d.id`, [id])).rows;
    const claims = (await this.listClaims({ entity: id, limit: 1000 })).items;
    const events = (await this.listEvents({ entity: id, limit: 1000 })).items;
    return assembleDossier({ summary, aliases, hits, documents, claims, events });
  }

  async listClaims(q: ClaimQuery = {}): Promise<Page<ClaimRecord>> {
    const limit = clampLimit(q.limit);
    const offset = q.offset ?? 0;
    const p = new Params();
    const conditions: string[] = [];
    if (q.entity) {
      const e = p.add(q.entity);
      conditions.push(`(c.source_entity = ${e} OR EXISTS (SELECT 1 FROM claim_entities ce WHERE ce.doc_id = c.doc_id AND ce.claim_id = c.local_id AND ce.entity_id = ${e}))`);
    }
    if (q.document) conditions.push(`c.doc_id = ${p.add(q.document)}`);
    if (q.modality) conditions.push(`c.modality = ${p.add(q.modality)}`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = (await this.pool.query(`SELECT COUNT(*)::int AS n FROM claims c ${where}`, p.values)).rows[0].n as number;
    const rows = (await this.pool.query<ClaimRow>(`SELECT c.*, d.published, d.outlet, e.name AS source_name,
        ARRAY(SELECT ce.entity_id FROM claim_entities ce WHERE ce.doc_id = c.doc_id AND ce.claim_id = c.local_id ORDER BY ce.entity_id) AS entities
      FROM claims c JOIN documents d ON d.id = c.doc_id LEFT JOIN entities e ON e.id = c.source_entity
      ${where} ORDER BY d.published NULLS FIRST, c.doc_id, c.span_start, c.local_id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values)).rows;
    return { items: rows.map(claimRecord), total, limit, offset };
  }

  async listEvents(q: EventQuery = {}): Promise<Page<EventRecord>> {
    const limit = clampLimit(q.limit);
    const offset = q.offset ?? 0;
    const p = new Params();
    const conditions: string[] = [];
    if (q.entity) {
      const e = p.add(q.entity);
      conditions.push(`(v.actor = ${e} OR v.target = ${e} OR v.location = ${e})`);
    }
    if (q.document) conditions.push(`v.doc_id = ${p.add(q.document)}`);
    if (q.type) conditions.push(`v.type = ${p.add(q.type)}`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = (await this.pool.query(`SELECT COUNT(*)::int AS n FROM events v ${where}`, p.values)).rows[0].n as number;
    const rows = (await this.pool.query<EventRow>(`SELECT v.*, d.published,
        a.name AS actor_name, t.name AS target_name, l.name AS location_name, COALESCE(se.name, c.source_text) AS source_name
      FROM events v JOIN documents d ON d.id = v.doc_id
      LEFT JOIN entities a ON a.id = v.actor LEFT JOIN entities t ON t.id = v.target LEFT JOIN entities l ON l.id = v.location
      LEFT JOIN claims c ON c.doc_id = v.doc_id AND c.local_id = v.claim_id LEFT JOIN entities se ON se.id = c.source_entity
      ${where} ORDER BY COALESCE(v.date, d.published) NULLS FIRST, v.doc_id, v.idx LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values)).rows;
    return { items: rows.map(eventRecord), total, limit, offset };
  }

  async search(query: string, opts: SearchOptions = {}): Promise<Page<SearchHit>> {
    const limit = clampLimit(opts.limit ?? 20);
    const offset = opts.offset ?? 0;
    const terms = queryTerms(query);
    if (!terms.length) return { items: [], total: 0, limit, offset };
    const p = new Params();
    // plainto_tsquery ANDs the words and treats none of them as operators.
    const tsq = `plainto_tsquery('simple', ${p.add(terms.join(' '))})`;
    const conditions = [`d.search @@ ${tsq}`];
    if (opts.outlet) conditions.push(`d.outlet = ${p.add(opts.outlet)}`);
    if (opts.from) conditions.push(`d.published >= ${p.add(opts.from)}`);
    if (opts.to) conditions.push(`d.published <= ${p.add(opts.to)}`);
    if (opts.entity) conditions.push(`d.id IN (SELECT doc_id FROM doc_entities WHERE entity_id = ${p.add(opts.entity)})`);
    if (opts.type) conditions.push(`d.id IN (SELECT doc_id FROM doc_entities WHERE type = ${p.add(opts.type)})`);
    const where = conditions.join(' AND ');
    const total = (await this.pool.query(`SELECT COUNT(*)::int AS n FROM documents d WHERE ${where}`, p.values)).rows[0].n as number;
    const rows = (await this.pool.query<{ id: string; rank: number; text: string; sentences_json: { start: number; end: number }[] }>(
      `SELECT d.id, ts_rank_cd(d.search, ${tsq}) AS rank, d.text, d.sentences_json FROM documents d WHERE ${where}
       ORDER BY rank DESC, d.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values)).rows;
    const summaries = new Map((await this.pool.query<DocumentSummary>(`${SUMMARY} WHERE d.id = ANY($1::text[])`, [rows.map((r) => r.id)])).rows
      .map((s) => [s.id, s]));
    const items = rows.map((r) => ({
      document: summaries.get(r.id)!,
      score: r.rank,
      sentences: matchingSentences(r.text, r.sentences_json, query),
    }));
    return { items, total, limit, offset };
  }

  async replaceLists(entries: ListEntry[]): Promise<number> {
    const lists = [...new Set(entries.map((e) => e.list))];
    await this.transaction(async (client) => {
      await client.query('DELETE FROM list_entries WHERE list = ANY($1::text[])', [lists]);
      // The last entry wins when a list repeats an id, as INSERT OR REPLACE does on SQLite.
      const unique = [...new Map(entries.map((e) => [`${e.list}\u0000${e.id}`, e])).values()];
      for (let i = 0; i < unique.length; i += 5000) {
        const chunk = unique.slice(i, i + 5000);
        await client.query(`INSERT INTO list_entries (list, id, name, kind, aliases_json, programmes_json, remarks)
          SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[])`,
        [chunk.map((e) => e.list), chunk.map((e) => e.id), chunk.map((e) => e.name), chunk.map((e) => e.kind),
          chunk.map((e) => JSON.stringify(e.aliases)), chunk.map((e) => JSON.stringify(e.programmes)), chunk.map((e) => e.remarks)]);
      }
    });
    return entries.length;
  }

  async loadLists(): Promise<ListEntry[]> {
    const rows = (await this.pool.query('SELECT * FROM list_entries ORDER BY list, id')).rows;
    return rows.map((r) => ({ list: r.list, id: r.id, name: r.name, kind: r.kind, aliases: r.aliases_json, programmes: r.programmes_json, remarks: r.remarks }));
  }

  async stats(): Promise<StoreStats> {
    const r = (await this.pool.query(`SELECT
      (SELECT COUNT(*)::int FROM documents) AS documents,
      (SELECT COUNT(DISTINCT entity_id)::int FROM doc_entities) AS entities,
      (SELECT COUNT(*)::int FROM claims) AS claims,
      (SELECT COUNT(*)::int FROM events) AS events,
      (SELECT COUNT(*)::int FROM list_entries) AS "listEntries"`)).rows[0];
    return r as StoreStats;
  }

  listClusters(q?: ClusterQuery): Promise<Page<ClusterSummary>> { return corroboration.listClusters(this.pool, q); }
  getCluster(id: string): Promise<ClusterDetail | null> { return corroboration.getCluster(this.pool, id); }
  timeline(q?: TimelineQuery): Promise<Page<TimelineEntry>> { return corroboration.timeline(this.pool, q); }
  documentLinks(docId: string): Promise<DocumentLink[]> { return corroboration.documentLinks(this.pool, docId); }
  documentNovelty(docId: string): Promise<Novelty[]> { return corroboration.documentNovelty(this.pool, docId); }

  /** Watches an entity (a name or corpus id): new claims about it become alert hits, POSTed to the webhook if given. */
  addAlert(entity: string, webhook: string | null = null): Promise<Alert> {
    return addAlert(this.pool, entity, webhook);
  }

  listAlerts(): Promise<Alert[]> {
    return listAlerts(this.pool);
  }

  removeAlert(id: number): Promise<boolean> {
    return removeAlert(this.pool, id);
  }

  /** New claims about watched entities, newest first. */
  alertHits(opts: { alertId?: number; limit?: number } = {}): Promise<AlertHit[]> {
    return listAlertHits(this.pool, opts);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
