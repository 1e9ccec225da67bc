// Corroboration on PostgreSQL: the same incremental clustering, derivation links and summaries as
// src/store/sqlite/corroboration.ts, driven by the pure rules in src/corroborate. Those rules ask
// for data through synchronous callbacks, so they run over a SyncView that records what it lacks;
// the view fetches the misses in one query each and the (pure) rule runs again.
// Saves take one advisory lock for this step, so clusters grow in one order whatever the workers.
import type pg from 'pg';
import type { Analysis, Modality } from '../../schema/analysis.js';
import { statementsOf, type Statement } from '../../corroborate/statements.js';
import { blockingKeys, type TermStats } from '../../corroborate/similarity.js';
import { canonicalMember, chooseCluster, rankByKeys, byAppearance, MAX_POSTINGS } from '../../corroborate/cluster.js';
import { bandKeys, derivation, documentSpecifics, signatureOf, type DocumentLink, type DocumentProfile } from '../../corroborate/syndication.js';
import { creditedSources, provenanceOf, type ProvenanceContext } from '../../corroborate/provenance.js';
import { contradictionsIn, noveltyOf } from '../../corroborate/contradictions.js';
import { dateSortKey } from '../../corroborate/timeline.js';
import { lockAll } from './connection.js';

// The same limits as the SQLite store (src/store/sqlite/corroboration.ts).
const MAX_LINK_CANDIDATES = 20;
/** Document keys (LSH bands, specifics) held by more documents than this are not used for blocking. */
const MAX_KEY_HOLDERS = 200;
/** Cluster summaries look at this many members at most (canonical choice, disagreements). */
const SUMMARY_SAMPLE = 60;

type Db = Pick<pg.PoolClient, 'query'>;

export interface SavedDoc {
  id: string;
  analysis: Analysis;
  sentences: { start: number; end: number }[];
}

/** Lazily filled maps behind the synchronous callbacks of the corroboration rules. */
export class SyncView {
  /** Statement frequency of a key as first read in this save (then fixed, as SQLite memoises it). */
  readonly df = new Map<string, number>();
  /** Frequencies before this save, and the keys this save has added since. */
  private readonly dfBefore = new Map<string, number>();
  private readonly added = new Map<string, number>();
  readonly postings = new Map<string, string[]>();
  readonly links = new Map<string, DocumentLink | null>();
  readonly credits = new Map<string, Set<string>>();
  readonly outlets = new Map<string, string | null>();
  readonly clusters = new Map<string, string | undefined>();
  readonly docDf = new Map<string, number>();
  readonly anchors = new Map<string, Statement | null>();
  readonly entityNames = new Map<string, string | null>();
  private readonly missing = new Map<string, Set<string>>();
  statements = 0;

  constructor(readonly db: Db) {}

  private get<V>(map: Map<string, V>, kind: string, key: string, fallback: V): V {
    if (map.has(key)) return map.get(key)!;
    let set = this.missing.get(kind);
    if (!set) this.missing.set(kind, (set = new Set()));
    set.add(key);
    return fallback;
  }

  termStats(): TermStats {
    return { statements: this.statements, df: (term) => this.frequency(term.startsWith('e:') ? term : `t:${term}`) };
  }

  private frequency(key: string): number {
    const known = this.df.get(key);
    if (known !== undefined) return known;
    const before = this.dfBefore.get(key);
    if (before === undefined) return this.get(this.df, 'df', key, 0);
    const n = before + (this.added.get(key) ?? 0);
    this.df.set(key, n);
    return n;
  }

  /** Reads the frequencies of many keys in one query (a document's statements' keys, up front). */
  async prefetchFrequencies(keys: string[]): Promise<void> {
    const wanted = [...new Set(keys)].filter((k) => !this.dfBefore.has(k));
    if (!wanted.length) return;
    const rows = (await this.db.query('SELECT key, n FROM corr_df WHERE key = ANY($1::text[])', [wanted])).rows;
    const found = new Map(rows.map((r) => [r.key as string, r.n as number]));
    for (const k of wanted) this.dfBefore.set(k, (found.get(k) ?? 0) - (this.added.get(k) ?? 0));
  }

  /** Counts blocking keys this save has written. */
  noteAdded(keys: string[]): void {
    for (const k of new Set(keys)) this.added.set(k, (this.added.get(k) ?? 0) + 1);
  }

  postingsOf = (key: string): string[] => this.get(this.postings, 'postings', key, []);
  clusterOf = (key: string): string | undefined => this.get(this.clusters, 'clusters', key, undefined);
  docFrequency = (specific: string): number => this.get(this.docDf, 'docDf', `s:${specific}`, 0);
  /** The canonical member of a cluster, which joins are anchored against. */
  anchorOf = (clusterId: string): Statement | null => this.get(this.anchors, 'anchors', clusterId, null);
  entityName = (id: string): string | null => this.get(this.entityNames, 'entityNames', id, null);
  /** Display name of a specific: the entity's name for entity specifics, else the term itself. */
  specificName = (x: string): string => (/^[ex]:/.test(x) ? this.entityName(x.slice(2)) ?? x.slice(2) : x.slice(2));

  provenance(): ProvenanceContext {
    return {
      linkOf: (id) => this.get(this.links, 'links', id, null),
      creditsOf: (id) => this.get(this.credits, 'credits', id, new Set<string>()),
      nameOf: (key) => (key.startsWith('name:') ? key.slice(5) : this.entityName(key)),
      labelOf: (id) => {
        const outlet = this.get(this.outlets, 'outlets', id, null);
        return outlet ? `${outlet} (${id})` : id;
      },
    };
  }

  /** Runs a pure rule until it no longer asks for anything the view lacks. */
  async run<T>(rule: () => T): Promise<T> {
    for (let round = 0; round < 12; round++) {
      this.missing.clear();
      const result = rule();
      if (!this.missing.size) return result;
      await this.fetchMissing();
    }
    throw new Error('corroboration kept asking for more data');
  }

  private async fetchMissing(): Promise<void> {
    const want = (kind: string) => [...(this.missing.get(kind) ?? [])];
    await this.prefetchFrequencies(want('df'));
    const postings = want('postings');
    if (postings.length) {
      // At most MAX_POSTINGS + 1 per key: enough to tell a key too common to block on.
      const rows = (await this.db.query(`SELECT k.key, p.statements FROM unnest($1::text[]) AS k(key),
        LATERAL (SELECT array_agg(statement) AS statements FROM (SELECT statement FROM corr_keys WHERE key = k.key LIMIT $2) s) p`,
      [postings, MAX_POSTINGS + 1])).rows;
      for (const r of rows) this.postings.set(r.key, r.statements ?? []);
    }
    const clusters = want('clusters');
    if (clusters.length) {
      const rows = (await this.db.query('SELECT key, cluster_id FROM corr_statements WHERE key = ANY($1::text[])', [clusters])).rows;
      for (const k of clusters) this.clusters.set(k, undefined);
      for (const r of rows) this.clusters.set(r.key, r.cluster_id);
    }
    const docDf = want('docDf');
    if (docDf.length) {
      const rows = (await this.db.query('SELECT key, COUNT(*)::int AS n FROM corr_doc_keys WHERE key = ANY($1::text[]) GROUP BY key', [docDf])).rows;
      for (const k of docDf) this.docDf.set(k, 0);
      for (const r of rows) this.docDf.set(r.key, r.n);
    }
    const links = want('links');
    if (links.length) {
      const rows = (await this.db.query('SELECT * FROM corr_links WHERE doc_id = ANY($1::text[])', [links])).rows;
      for (const k of links) this.links.set(k, null);
      for (const r of rows) this.links.set(r.doc_id, linkRecord(r));
    }
    const credits = want('credits');
    if (credits.length) {
      const rows = (await this.db.query('SELECT doc_id, credits_json FROM corr_docs WHERE doc_id = ANY($1::text[])', [credits])).rows;
      for (const k of credits) this.credits.set(k, new Set());
      for (const r of rows) this.credits.set(r.doc_id, new Set(r.credits_json as string[]));
    }
    const anchors = want('anchors');
    if (anchors.length) {
      const rows = (await this.db.query(`SELECT c.id, s.statement_json FROM corr_clusters c JOIN corr_statements s ON s.key = c.canonical
        WHERE c.id = ANY($1::text[])`, [anchors])).rows;
      for (const k of anchors) this.anchors.set(k, null);
      for (const r of rows) this.anchors.set(r.id, r.statement_json as Statement);
    }
    const names = want('entityNames');
    if (names.length) {
      const rows = (await this.db.query('SELECT id, name FROM entities WHERE id = ANY($1::text[])', [names])).rows;
      for (const k of names) this.entityNames.set(k, null);
      for (const r of rows) this.entityNames.set(r.id, r.name);
    }
    const outlets = want('outlets');
    if (outlets.length) {
      const rows = (await this.db.query('SELECT id, outlet FROM documents WHERE id = ANY($1::text[])', [outlets])).rows;
      for (const k of outlets) this.outlets.set(k, null);
      for (const r of rows) this.outlets.set(r.id, r.outlet);
    }
  }

  /** Forgets postings and cluster assignments a write may have changed. Term frequencies stay
   *  as read at the start of the save, as the SQLite store's memoised TermStats do. */
  invalidate(): void {
    this.postings.clear();
    this.clusters.clear();
    this.anchors.clear();
  }
}

export interface LinkRow { doc_id: string; origin_id: string; kind: DocumentLink['kind']; score: number; evidence_json: string[] }

export const linkRecord = (r: LinkRow): DocumentLink => ({ documentId: r.doc_id, originId: r.origin_id, kind: r.kind, score: r.score, evidence: r.evidence_json });

export async function statementCount(db: Db): Promise<number> {
  return (await db.query('SELECT COUNT(*)::int AS n FROM corr_statements')).rows[0].n;
}

export async function clusterMembers(db: Db, clusterId: string, limit = 100000): Promise<Statement[]> {
  return (await db.query('SELECT statement_json FROM corr_statements WHERE cluster_id = $1 ORDER BY seq LIMIT $2', [clusterId, limit])).rows
    .map((r) => r.statement_json as Statement);
}

/** Adds a saved document's statements to the clusters, links it to what it copies (or what copies
 *  it), and refreshes the summaries of every cluster touched. Runs inside the save transaction. */
export async function updateCorroboration(db: pg.PoolClient, schema: string, doc: SavedDoc, entityIds: Record<string, string>): Promise<void> {
  await lockAll(db, schema, ['dossier:corroborate']);
  const { analysis } = doc;
  const statements = statementsOf({ id: doc.id, outlet: analysis.outlet, published: analysis.published, analysis, sentences: doc.sentences, entityIds });
  const view = new SyncView(db);
  view.statements = await statementCount(db);
  await view.prefetchFrequencies(statements.flatMap(blockingKeys));
  for (const s of statements) {
    const stats = view.termStats();
    const keys = await view.run(() => rankByKeys(s, view.postingsOf, stats));
    const rows = keys.length
      ? (await db.query('SELECT key, statement_json, cluster_id FROM corr_statements WHERE key = ANY($1::text[])', [keys])).rows : [];
    const byKey = new Map(rows.map((r) => [r.key as string, { statement: r.statement_json as Statement, clusterId: r.cluster_id as string }]));
    const candidates = keys.map((k) => byKey.get(k)!).filter(Boolean);
    const a = await view.run(() => chooseCluster(s, candidates, stats, view.anchorOf));
    for (const other of a.merged) {
      await db.query('UPDATE corr_statements SET cluster_id = $1 WHERE cluster_id = $2', [a.clusterId, other]);
      await db.query('DELETE FROM corr_clusters WHERE id = $1', [other]);
      await db.query('DELETE FROM corr_dirty WHERE cluster_id = $1', [other]);
    }
    const novelty = noveltyOf(s, a.clusterId, a.created ? [] : await clusterMembers(db, a.clusterId, 200));
    // One round trip for the statement and its index rows (foreign keys are checked at the end of
    // the statement, when the new corr_statements row is there); this runs under the corroboration lock.
    await db.query(`WITH stmt AS (
        INSERT INTO corr_statements (key, doc_id, local_id, kind, span_start, span_end, cluster_id, statement_json, novelty_json)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)),
      keys AS (INSERT INTO corr_keys (key, statement) SELECT DISTINCT k, $1 FROM unnest($10::text[]) AS k ON CONFLICT DO NOTHING),
      ents AS (INSERT INTO corr_statement_entities (statement, entity_id) SELECT DISTINCT $1, e FROM unnest($11::text[]) AS e ON CONFLICT DO NOTHING),
      dates AS (INSERT INTO corr_dates (statement, sort_key, value, granularity, text)
        SELECT $1, * FROM unnest($12::text[], $13::text[], $14::text[], $15::text[]) ON CONFLICT DO NOTHING)
      INSERT INTO corr_dirty (cluster_id) VALUES ($7) ON CONFLICT DO NOTHING`,
    [s.key, s.documentId, s.localId, s.kind, s.start, s.end, a.clusterId, JSON.stringify(s), JSON.stringify({ ...novelty, match: a.match }),
      blockingKeys(s), s.entities, s.dates.map((d) => dateSortKey(d.value)), s.dates.map((d) => d.value), s.dates.map((d) => d.granularity),
      s.dates.map((d) => d.text)]);
    view.noteAdded(blockingKeys(s));
    view.invalidate();
    view.statements++;
  }
  await linkDocument(db, doc, statements, entityIds);
  await refreshDirtyClusters(db);
}

async function profileOf(db: Db, id: string): Promise<DocumentProfile | null> {
  const row = (await db.query(`SELECT c.signature_json, c.specifics_json, d.published, d.published_confidence FROM corr_docs c JOIN documents d ON d.id = c.doc_id
    WHERE c.doc_id = $1`, [id])).rows[0];
  if (!row) return null;
  const statements = (await db.query('SELECT statement_json FROM corr_statements WHERE doc_id = $1 ORDER BY span_start, key', [id])).rows.map((r) => r.statement_json as Statement);
  return { id, published: row.published, publishedConfidence: row.published_confidence, signature: row.signature_json, specifics: row.specifics_json, statements };
}

const better = (a: DocumentLink, b: { kind: string; score: number } | undefined) =>
  !b || (a.kind === 'near-duplicate' && b.kind !== 'near-duplicate') || (a.kind === b.kind && a.score > b.score);

/** Finds documents that share LSH bands or rare specifics with this one and records derivations. */
async function linkDocument(db: pg.PoolClient, doc: SavedDoc, statements: Statement[], entityIds: Record<string, string>): Promise<void> {
  const signature = signatureOf(doc.analysis.text);
  const specifics = documentSpecifics(doc.analysis, entityIds, statements);
  await db.query('INSERT INTO corr_docs (doc_id, signature_json, specifics_json, credits_json) VALUES ($1, $2, $3, $4)',
    [doc.id, JSON.stringify(signature), JSON.stringify(specifics), JSON.stringify([...creditedSources(statements)].sort())]);
  const keys = [...new Set([...bandKeys(signature), ...specifics.map((x) => `s:${x}`)])];
  await db.query('INSERT INTO corr_doc_keys (key, doc_id) SELECT k, $2 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING', [keys, doc.id]);
  const documents = (await db.query('SELECT COUNT(*)::int AS n FROM corr_docs')).rows[0].n as number;
  const holders = (await db.query(`SELECT k.key, h.docs FROM unnest($1::text[]) AS k(key),
    LATERAL (SELECT array_agg(doc_id) AS docs FROM (SELECT doc_id FROM corr_doc_keys WHERE key = k.key AND doc_id <> $2 LIMIT $3) x) h`,
  [keys, doc.id, MAX_KEY_HOLDERS + 1])).rows as { key: string; docs: string[] | null }[];
  const candidates = new Map<string, number>();
  for (const r of holders) {
    const docs = r.docs ?? [];
    // A specific most documents hold (a head of state) finds nothing in particular: skip it.
    if (docs.length > MAX_KEY_HOLDERS) continue;
    for (const d of docs) candidates.set(d, (candidates.get(d) ?? 0) + (r.key.startsWith('b') ? 3 : 1));
  }
  const ranked = [...candidates.entries()].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_LINK_CANDIDATES);
  if (!ranked.length) return;
  const self = (await profileOf(db, doc.id))!;
  const view = new SyncView(db);
  const found: DocumentLink[] = [];
  for (const [other] of ranked) {
    const profile = await profileOf(db, other);
    if (!profile) continue;
    const link = await view.run(() => derivation(self, profile, view.docFrequency, documents, view.clusterOf, undefined, view.specificName));
    if (link) found.push(link);
  }
  // One origin per document: the strongest evidence wins; a copy of a copy points at its nearest origin.
  found.sort((a, b) => (a.kind === b.kind ? b.score - a.score : a.kind === 'near-duplicate' ? -1 : 1) || a.originId.localeCompare(b.originId));
  for (const link of found) {
    if (link.documentId === link.originId) continue;
    // Never let two documents derive from each other.
    const reverse = await db.query('SELECT 1 FROM corr_links WHERE doc_id = $1 AND origin_id = $2', [link.originId, link.documentId]);
    if (reverse.rowCount) continue;
    const existing = (await db.query('SELECT kind, score FROM corr_links WHERE doc_id = $1', [link.documentId])).rows[0];
    if (!better(link, existing)) continue;
    await db.query(`INSERT INTO corr_links (doc_id, origin_id, kind, score, evidence_json) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (doc_id) DO UPDATE SET origin_id = excluded.origin_id, kind = excluded.kind, score = excluded.score, evidence_json = excluded.evidence_json`,
    [link.documentId, link.originId, link.kind, link.score, JSON.stringify(link.evidence)]);
    await db.query('INSERT INTO corr_dirty (cluster_id) SELECT cluster_id FROM corr_statements WHERE doc_id = $1 ON CONFLICT DO NOTHING', [link.documentId]);
  }
}

function dominantModality(members: Statement[]): Modality {
  const counts = new Map<Modality, number>();
  for (const m of members) counts.set(m.modality, (counts.get(m.modality) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

/** Recomputes the summary of every cluster marked dirty; drops clusters left without members. */
export async function refreshDirtyClusters(db: Db): Promise<void> {
  const ids = (await db.query('SELECT cluster_id FROM corr_dirty ORDER BY cluster_id')).rows.map((r) => r.cluster_id as string);
  if (!ids.length) return;
  const view = new SyncView(db);
  view.statements = await statementCount(db);
  const stats = view.termStats();
  const ctx = view.provenance();
  // Every dirty cluster's members in one query, and every summary written in one more.
  const byCluster = new Map<string, Statement[]>(ids.map((id) => [id, []]));
  for (const r of (await db.query('SELECT cluster_id, statement_json FROM corr_statements WHERE cluster_id = ANY($1::text[]) ORDER BY cluster_id, seq', [ids])).rows) {
    byCluster.get(r.cluster_id)!.push(r.statement_json as Statement);
  }
  const sampleOf = (members: Statement[]) => (members.length > SUMMARY_SAMPLE ? members.slice(-SUMMARY_SAMPLE) : members);
  await view.prefetchFrequencies([...byCluster.values()].flatMap((m) => sampleOf(m).flatMap(blockingKeys)));
  const rows: unknown[][] = [];
  for (const id of ids) {
    const members = byCluster.get(id)!;
    if (!members.length) continue;
    const sample = sampleOf(members);
    const canonical = await view.run(() => canonicalMember(sample, stats));
    const { roots } = await view.run(() => provenanceOf(members, ctx));
    const ordered = [...members].sort(byAppearance);
    const dated = ordered.filter((m) => m.published);
    const first = ordered[0];
    const latest = dated.length ? dated[dated.length - 1] : ordered[ordered.length - 1];
    rows.push([id, canonical.key, canonical.text, members.length, new Set(members.map((m) => m.documentId)).size, roots.length,
      dominantModality(members), first.documentId, first.published, latest.documentId, latest.published,
      contradictionsIn(sample).some((c) => c.kind !== 'modality'), JSON.stringify(roots)]);
  }
  const empty = ids.filter((id) => !byCluster.get(id)!.length);
  if (empty.length) await db.query('DELETE FROM corr_clusters WHERE id = ANY($1::text[])', [empty]);
  if (rows.length) {
    const column = (i: number) => rows.map((r) => r[i]);
    await db.query(`INSERT INTO corr_clusters (id, canonical, canonical_text, members, documents, roots, modality,
        first_doc, first_published, latest_doc, latest_published, contested, roots_json)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[],
        $10::text[], $11::text[], $12::bool[], $13::json[])
      ON CONFLICT (id) DO UPDATE SET canonical = excluded.canonical, canonical_text = excluded.canonical_text, members = excluded.members,
        documents = excluded.documents, roots = excluded.roots, modality = excluded.modality, first_doc = excluded.first_doc,
        first_published = excluded.first_published, latest_doc = excluded.latest_doc, latest_published = excluded.latest_published,
        contested = excluded.contested, roots_json = excluded.roots_json`, Array.from({ length: 13 }, (_, i) => column(i)));
  }
  await db.query('DELETE FROM corr_dirty');
}
