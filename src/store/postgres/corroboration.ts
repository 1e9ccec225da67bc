// Corroboration on PostgreSQL: the same incremental clustering, derivation links and summaries as
// src/store/sqlite/corroboration.ts, driven by the pure rules in src/corroborate. Those rules ask
// for data through synchronous callbacks, so they run over a SyncView that records what it lacks;
// the view fetches the misses in one query each and the (pure) rule runs again.
// Saves only queue their document (corr_pending); whoever holds the corroboration lock clusters the
// queued documents in batches, in queue order, so clusters grow in one order whatever the workers
// (docs/decisions/postgres.md).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import type { Analysis, Modality } from '../../schema/analysis.js';
import { finishStatements, statementsOf, type Statement } from '../../corroborate/statements.js';
import { blockingKeys, frozenFrequency, newGeneration, type FrequencyCell, type TermStats } from '../../corroborate/similarity.js';
import { canonicalMember, chooseCluster, byAppearance, MAX_POSTINGS, NumberedRanker } from '../../corroborate/cluster.js';
import { bandKeys, derivation, documentSpecifics, signatureOf, type DocumentLink, type DocumentProfile } from '../../corroborate/syndication.js';
import { creditedSources, provenanceOf, type ProvenanceContext } from '../../corroborate/provenance.js';
import { contradictionsIn, noveltyOf, type Novelty } from '../../corroborate/contradictions.js';
import { dateSortKey } from '../../corroborate/timeline.js';
import type { AnalysedDocument } from '../types.js';
import { inTransaction, lockAll, schemaLockKey } from './connection.js';
import { refreshStatistics } from './statistics.js';

// The same limits as the SQLite store (src/store/sqlite/corroboration.ts).
const MAX_LINK_CANDIDATES = 20;
/** Document keys (LSH bands, specifics) held by more documents than this are not used for blocking. */
const MAX_KEY_HOLDERS = 200;
/** Cluster summaries look at this many members at most (canonical choice, disagreements). */
const SUMMARY_SAMPLE = 60;
/** Novelty compares a statement with this many earlier members of its cluster. */
const NOVELTY_SAMPLE = 200;
/** Queued documents corroborated in one transaction (larger batches reuse more of what they read:
 *  on the Reuters benchmark 200 took 25 ms a document where 50 took 32). */
export const CORROBORATION_BATCH = 200;
/** A busy worker starts corroborating once this many documents wait. */
export const CORROBORATE_AFTER = 100;
/** A worker that did not run the last batch leaves the next one to the process that did (which
 *  still holds what it read) until that process has gone quiet: no batch running, and none ended
 *  for this long. */
const HOLDER_STALE_SECONDS = 5;
/** The advisory lock a corroboration batch holds (and a save that deletes statements takes). */
export const CORROBORATION_LOCK = 'dossier:corroborate';
/** Entries of any one kind (statements, postings, frequencies, documents) a process keeps between batches at most. */
const MAX_KEPT = 300_000;

type Db = Pick<pg.PoolClient, 'query'>;

export interface SavedDoc {
  id: string;
  analysis: Analysis;
  sentences: { start: number; end: number }[];
  /** What the analysis derived for corroboration, when the saver sent it (AnalysedDocument.derived). */
  derived?: AnalysedDocument['derived'] | null;
  /** The outlet stored with the document (the article's), when read with it. */
  outlet?: string | null;
}

/** What corroboration batches have read, kept true by applying their own writes to it. It is valid
 *  inside a batch's transaction, since the corroboration lock keeps every other writer out of the
 *  corroboration tables meanwhile (a save replacing a document takes the lock too), and from one
 *  batch to the next while no other process has written them (`Corroborator`). */
export class BatchState {
  /** Statement frequencies of the terms read so far ("drone", "e:ID", as clustering names them; the
   *  corr_df key is "t:drone", "e:ID"), counting every statement clustered so far, written or not.
   *  One cell per term, so statements being compared hold on to their features' cells. */
  readonly cells = new Map<string, FrequencyCell>();
  /** The batch's statements counted under each corr_df key and not yet added to corr_df: the batch
   *  writes them with its last statement, one upsert per key rather than one per key and document. */
  readonly unwrittenFrequencies = new Map<string, number>();
  /** Statements holding a blocking key (at most MAX_POSTINGS + 1 read: enough to tell a key too common). */
  readonly postings = new Map<string, string[]>();
  readonly statements = new Map<string, Statement>();
  /** The cluster of a statement as read or written (undefined: no such statement); merges are
   *  followed through `aliases` (see `clusterOf`). */
  readonly clusters = new Map<string, string | undefined>();
  /** A cluster folded into another, and the one it went into. */
  private readonly aliases = new Map<string, string>();
  /** The canonical member of a cluster (null: no summary row yet, or the cluster is gone). */
  readonly anchors = new Map<string, Statement | null>();
  /** Every member of a cluster in seq order, for the clusters whose members the batch has read in full. */
  readonly members = new Map<string, Statement[]>();
  /** Cluster summaries the batch has worked out and not yet written (null: the cluster is gone),
   *  written with the batch's last statement: a cluster refreshed by many documents of a batch is
   *  written once, and a document's refresh costs no round trip. Nothing in the batch reads them
   *  back from the table, since the anchors it would read are kept here. */
  readonly summaries = new Map<string, unknown[] | null>();
  /** Statements whose frequency keys have been read. */
  readonly covered = new WeakSet<Statement>();
  /** What provenance asks of a document: the derivation it has (null: none), the sources it credits
   *  (from its corroboration profile) and its outlet. Only corroboration writes the first two, and a
   *  document keeps its outlet until it is replaced (which starts a new epoch). */
  readonly links = new Map<string, DocumentLink | null>();
  readonly credits = new Map<string, Set<string>>();
  readonly outlets = new Map<string, string | null>();
  /** Statements in the store, and documents with a corroboration profile. */
  count = 0;
  documents = 0;
  /** Statement keys numbered densely for ranking (NumberedRanker), and each posting list so numbered
   *  (with the list it was made from and how much of it). */
  readonly ranker = new NumberedRanker();
  private readonly numbers = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly numbered = new Map<string, { from: readonly string[]; list: number[] }>();

  /** The statement key a ranking number stands for. */
  readonly keyOf = (n: number): string => this.keys[n];

  /** A posting list of statement keys as ranking numbers; lists only grow, so a list seen before is
   *  numbered from where it was left. */
  numberedPostings(key: string, postings: readonly string[]): readonly number[] {
    let entry = this.numbered.get(key);
    if (!entry || entry.from !== postings) this.numbered.set(key, (entry = { from: postings, list: [] }));
    for (let i = entry.list.length; i < postings.length; i++) {
      let n = this.numbers.get(postings[i]);
      if (n === undefined) {
        this.numbers.set(postings[i], (n = this.keys.length));
        this.keys.push(postings[i]);
      }
      entry.list.push(n);
    }
    return entry.list;
  }

  /** The cluster a statement is in now, following merges; undefined when it is not known. */
  clusterOf(key: string): string | undefined {
    const id = this.clusters.get(key);
    if (id === undefined) return undefined;
    let current = id;
    for (let next = this.aliases.get(current); next !== undefined; next = this.aliases.get(current)) current = next;
    if (current !== id) this.clusters.set(key, current);
    return current;
  }

  /** Has this cluster been folded into another? */
  folded(clusterId: string): boolean {
    return this.aliases.has(clusterId);
  }

  /** Points the statements of the merged clusters at the one they were folded into. */
  renameClusters(merged: string[], into: string): void {
    for (const id of merged) {
      if (id !== into) this.aliases.set(id, into);
      this.anchors.set(id, null);
      this.summaries.set(id, null);
    }
    // The merged clusters' members interleave by seq: read them again when needed.
    for (const id of [...merged, into]) this.members.delete(id);
  }

  /** Too much to keep from one batch to the next (memory stays bounded; the next batch reads afresh). */
  get large(): boolean {
    return [this.statements, this.postings, this.cells, this.links, this.credits, this.outlets, this.numbers].some((m) => m.size > MAX_KEPT);
  }
}

/** The term clustering weighs for a corr_df key, and back. */
const termOfKey = (key: string) => (key.startsWith('t:') ? key.slice(2) : key);
const keyOfTerm = (term: string) => (term.startsWith('e:') ? term : `t:${term}`);

/** Lazily filled maps behind the synchronous callbacks of the corroboration rules. */
export class SyncView {
  /** Cells handed out for terms whose frequency is not read yet (answering 0 until it is). */
  private readonly unread = new Map<string, FrequencyCell>();
  private readonly unwritten = new Map<string, string[]>();
  readonly postings: Map<string, string[]>;
  readonly links: Map<string, DocumentLink | null>;
  readonly credits: Map<string, Set<string>>;
  readonly outlets: Map<string, string | null>;
  readonly docDf = new Map<string, number>();
  readonly anchors: Map<string, Statement | null>;
  readonly entityNames = new Map<string, string | null>();
  private readonly missing = new Map<string, Set<string>>();
  statements = 0;
  /** A term's frequency is read as it stands at its first reading through the view, then held for
   *  the view's life (as SQLite holds it for a save): the generation of the cells' frozen values.
   *  A new one starts when the view fetches frequencies a rule lacked (see `run`). */
  private generation = newGeneration();

  /** `state` shares what a corroboration batch has read; a view of its own starts empty. */
  constructor(readonly db: Db, readonly state = new BatchState()) {
    this.postings = state.postings;
    this.anchors = state.anchors;
    this.links = state.links;
    this.credits = state.credits;
    this.outlets = state.outlets;
  }

  private get<V>(map: Map<string, V>, kind: string, key: string, fallback: V): V {
    if (map.has(key)) return map.get(key)!;
    this.miss(kind, key);
    return fallback;
  }

  /** Notes something a rule asked for and the view lacks (fetched before the rule runs again). */
  private miss(kind: string, key: string): void {
    let set = this.missing.get(kind);
    if (!set) this.missing.set(kind, (set = new Set()));
    set.add(key);
  }

  termStats(): TermStats {
    const view = this;
    return {
      statements: this.statements,
      get generation() {
        return view.generation;
      },
      cells: { source: this.state.cells, cell: this.cell },
      df: (term) => frozenFrequency(this.cell(term), this.generation),
    };
  }

  /** A term's frequency cell; one not read yet is missing (its cell becomes the real one once read). */
  private readonly cell = (term: string): FrequencyCell => {
    const known = this.state.cells.get(term);
    if (known) return known;
    let cell = this.unread.get(term);
    if (!cell) this.unread.set(term, (cell = { n: 0, generation: 0, frozen: 0 }));
    this.miss('df', keyOfTerm(term));
    return cell;
  };

  /** Reads the frequencies of many keys in one query (a document's statements' keys, up front): as
   *  stored, plus the batch's statements not counted there yet. */
  async prefetchFrequencies(keys: string[]): Promise<void> {
    const wanted = [...new Set(keys)].filter((k) => !this.state.cells.has(termOfKey(k)));
    if (!wanted.length) return;
    const rows = (await this.db.query('SELECT key, n FROM corr_df WHERE key = ANY($1::text[])', [wanted])).rows;
    const found = new Map(rows.map((r) => [r.key as string, r.n as number]));
    for (const k of wanted) {
      const term = termOfKey(k);
      const cell = this.unread.get(term) ?? { n: 0, generation: 0, frozen: 0 };
      this.unread.delete(term);
      cell.n = (found.get(k) ?? 0) + (this.state.unwrittenFrequencies.get(k) ?? 0);
      cell.generation = 0;
      this.state.cells.set(term, cell);
    }
  }

  /** Reads the statements holding each of many blocking keys in one query (at most MAX_POSTINGS + 1
   *  per key: enough to tell a key too common to block on), with this save's unwritten statements. */
  async prefetchPostings(keys: string[]): Promise<void> {
    const wanted = [...new Set(keys)].filter((k) => !this.postings.has(k));
    if (!wanted.length) return;
    const rows = (await this.db.query(`SELECT k.key, p.statements FROM unnest($1::text[]) AS k(key),
      LATERAL (SELECT array_agg(statement) AS statements FROM (SELECT statement FROM corr_keys WHERE key = k.key LIMIT $2) s) p`,
    [wanted, MAX_POSTINGS + 1])).rows;
    for (const r of rows) this.postings.set(r.key, [...(r.statements ?? []), ...(this.unwritten.get(r.key) ?? [])]);
  }

  /** Reads the canonical members of many clusters in one query. */
  async prefetchAnchors(clusterIds: string[]): Promise<void> {
    const wanted = [...new Set(clusterIds)].filter((id) => !this.anchors.has(id));
    if (!wanted.length) return;
    const rows = (await this.db.query(`SELECT c.id, s.statement_json FROM corr_clusters c JOIN corr_statements s ON s.key = c.canonical
      WHERE c.id = ANY($1::text[])`, [wanted])).rows;
    for (const k of wanted) this.anchors.set(k, null);
    for (const r of rows) this.anchors.set(r.id, r.statement_json as Statement);
  }

  /** Makes a statement clustered in this save, not yet written, count in frequencies and postings. */
  noteUnwritten(s: Statement): void {
    for (const k of new Set(blockingKeys(s))) {
      this.state.unwrittenFrequencies.set(k, (this.state.unwrittenFrequencies.get(k) ?? 0) + 1);
      const cell = this.state.cells.get(termOfKey(k));
      if (cell) cell.n++;
      const list = this.unwritten.get(k);
      if (list) list.push(s.key);
      else this.unwritten.set(k, [s.key]);
      // A list past MAX_POSTINGS only tells that the key is too common: it need not grow.
      const known = this.postings.get(k);
      if (known && known.length <= MAX_POSTINGS) known.push(s.key);
    }
  }

  postingsOf = (key: string): string[] => this.get(this.postings, 'postings', key, []);
  clusterOf = (key: string): string | undefined => (this.state.clusters.has(key) ? this.state.clusterOf(key) : this.get(this.state.clusters, 'clusters', key, undefined));
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
      outletOf: (id) => this.get(this.outlets, 'outlets', id, null),
    };
  }

  /** Runs a pure rule until it no longer asks for anything the view lacks. */
  async run<T>(rule: () => T): Promise<T> {
    for (let round = 0; round < 12; round++) {
      this.missing.clear();
      const result = rule();
      if (!this.missing.size) return result;
      if (this.missing.has('df')) {
        // The frequencies read so far keep the values they were first read at; those missing are
        // read afresh (their cells answered 0 in the generation that ends).
        const old = this.generation;
        this.generation = newGeneration();
        for (const cell of this.state.cells.values()) if (cell.generation === old) cell.generation = this.generation;
      }
      await this.fetchMissing();
    }
    throw new Error('corroboration kept asking for more data');
  }

  private async fetchMissing(): Promise<void> {
    const want = (kind: string) => [...(this.missing.get(kind) ?? [])];
    await this.prefetchFrequencies(want('df'));
    await this.prefetchPostings(want('postings'));
    const clusters = want('clusters');
    if (clusters.length) {
      const rows = (await this.db.query('SELECT key, cluster_id FROM corr_statements WHERE key = ANY($1::text[])', [clusters])).rows;
      for (const k of clusters) this.state.clusters.set(k, undefined);
      for (const r of rows) this.state.clusters.set(r.key, r.cluster_id);
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
    await this.prefetchAnchors(want('anchors'));
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
}

export interface LinkRow { doc_id: string; origin_id: string; kind: DocumentLink['kind']; score: number; evidence_json: string[] }

export const linkRecord = (r: LinkRow): DocumentLink => ({ documentId: r.doc_id, originId: r.origin_id, kind: r.kind, score: r.score, evidence: r.evidence_json });

export async function clusterMembers(db: Db, clusterId: string, limit = 100000): Promise<Statement[]> {
  return (await db.query('SELECT statement_json FROM corr_statements WHERE cluster_id = $1 ORDER BY seq LIMIT $2', [clusterId, limit])).rows
    .map((r) => r.statement_json as Statement);
}

/** A document's statements: its drafts finished with the corpus ids, or made here when it came without. */
const statementsOfDoc = ({ id, analysis, sentences, derived }: SavedDoc, entityIds: Record<string, string>): Statement[] =>
  derived?.statements
    ? finishStatements(derived.statements, id, entityIds, analysis.text)
    : statementsOf({ id, outlet: analysis.outlet, published: analysis.published, analysis, sentences, entityIds, dates: derived?.dates });

interface Clustered { statement: Statement; novelty: Novelty & { match: unknown } }

/** Adds a saved document's statements to the clusters, links it to what it copies (or what copies
 *  it), and refreshes the summaries of every cluster touched. Runs inside a corroboration batch's
 *  transaction; the document's statements are written in one statement once all are clustered. */
export async function corroborateDocument(db: pg.PoolClient, state: BatchState, doc: SavedDoc, entityIds: Record<string, string>,
  statements = statementsOfDoc(doc, entityIds)): Promise<void> {
  const view = new SyncView(db, state);
  view.statements = state.count;
  const keys = statements.flatMap(blockingKeys);
  await view.prefetchFrequencies(statements.flatMap((s) => frequencyKeys(s, state)));
  await view.prefetchPostings(keys);
  const clustered: Clustered[] = [];
  /** Clusters this document's statements started. */
  const created = new Set<string>();
  for (const s of statements) {
    const stats = view.termStats();
    const keys = await view.run(() => state.ranker.rank(s, (k) => state.numberedPostings(k, view.postingsOf(k)), stats, state.keyOf));
    await loadStatements(db, state, keys);
    const candidates = keys.flatMap((k) => {
      const statement = state.statements.get(k);
      const clusterId = state.clusterOf(k);
      return statement && clusterId ? [{ statement, clusterId }] : [];
    });
    // The frequencies the rule will ask for, read before it runs so that it seldom runs twice.
    await view.prefetchFrequencies(candidates.flatMap((c) => frequencyKeys(c.statement, state)));
    const a = await view.run(() => chooseCluster(s, candidates, stats, view.anchorOf));
    if (a.merged.length) {
      await db.query(`WITH moved AS (UPDATE corr_statements SET cluster_id = $1 WHERE cluster_id = ANY($2::text[])),
          gone AS (DELETE FROM corr_clusters WHERE id = ANY($2::text[]))
        DELETE FROM corr_dirty WHERE cluster_id = ANY($2::text[])`, [a.clusterId, a.merged]);
      state.renameClusters(a.merged, a.clusterId);
    }
    let before: Statement[] = [];
    if (a.created) created.add(a.clusterId);
    else {
      // Earlier members: those stored, then this document's own clustered so far (they come later in seq order).
      const known = state.members.get(a.clusterId);
      if (known) before = known.slice(0, NOVELTY_SAMPLE);
      else {
        before = await clusterMembers(db, a.clusterId, NOVELTY_SAMPLE);
        // Fewer than asked for is every stored member: the batch keeps them (this document's own are added as they are written).
        if (before.length < NOVELTY_SAMPLE) state.members.set(a.clusterId, [...before]);
      }
      for (const c of clustered) if (before.length < NOVELTY_SAMPLE && state.clusterOf(c.statement.key) === a.clusterId) before.push(c.statement);
    }
    clustered.push({ statement: s, novelty: { ...noveltyOf(s, a.clusterId, before), match: a.match } });
    state.statements.set(s.key, s);
    state.clusters.set(s.key, a.clusterId);
    view.noteUnwritten(s);
    view.statements++;
    state.count++;
  }
  const dirty = await writeStatements(db, state, clustered, created);
  const marked = await linkDocument(db, doc, statements, entityIds, state);
  // The clusters to summarise: those the statements' write named, and any marked in corr_dirty
  // since (a derivation found) or before it (when there were no statements to write).
  await refreshDirtyClusters(db, state, dirty && !marked ? dirty : [...(dirty ?? []), ...(await takeDirty(db))]);
}

/** Empties corr_dirty, returning the clusters it held. */
async function takeDirty(db: Db): Promise<string[]> {
  return (await db.query('DELETE FROM corr_dirty RETURNING cluster_id')).rows.map((r) => r.cluster_id as string);
}

/** The corr_df keys of every feature similarity weighs: terms, entities, borrowed context, frames. */
function frequencyKeys(s: Statement, state: BatchState): string[] {
  // A statement whose keys the batch has read once needs nothing more: frequencies stay known.
  if (state.covered.has(s)) return [];
  state.covered.add(s);
  const terms = [...s.terms, ...(s.context ?? []).filter((f) => !f.startsWith('~')), ...(s.frames ?? [])];
  return [...terms.map((t) => (t.startsWith('e:') ? t : `t:${t}`)), ...s.entities.map((e) => `e:${e}`)];
}

/** Reads the statements (and their clusters) the batch has not seen yet. */
async function loadStatements(db: Db, state: BatchState, keys: string[]): Promise<void> {
  const wanted = keys.filter((k) => !state.statements.has(k));
  if (!wanted.length) return;
  for (const r of (await db.query('SELECT key, statement_json, cluster_id FROM corr_statements WHERE key = ANY($1::text[])', [wanted])).rows) {
    state.statements.set(r.key, r.statement_json as Statement);
    state.clusters.set(r.key, r.cluster_id);
  }
}

/** Writes a document's clustered statements with their index rows in one round trip (foreign keys
 *  are checked at the end of the statement, when the corr_statements rows are there). Rows are
 *  numbered in clustering order, which is the order cluster members are read back in.
 *  A cluster the document started has only its statements as members, unless an older statement
 *  carries the same id (ids come from the founding statement's key, and a replaced document's
 *  statements come back with their keys while others may still sit in the cluster they founded):
 *  the same round trip tells which, so the batch knows the others' members without reading them. */
async function writeStatements(db: Db, state: BatchState, clustered: Clustered[], created: ReadonlySet<string>): Promise<string[] | null> {
  if (!clustered.length) return null;
  const ss = clustered.map((c) => c.statement);
  const clusterOf = (s: Statement) => state.clusterOf(s.key)!;
  const keyRows = ss.flatMap((s) => [...new Set(blockingKeys(s))].map((k) => [k, s.key]));
  const entityRows = ss.flatMap((s) => [...new Set(s.entities)].map((e) => [s.key, e]));
  const dateRows = ss.flatMap((s) => {
    const seen = new Set<string>();
    return s.dates.filter((d) => !seen.has(d.value) && seen.add(d.value)).map((d) => [s.key, dateSortKey(d.value), d.value, d.granularity, d.text]);
  });
  const col = (rows: unknown[][], i: number) => rows.map((r) => r[i]);
  // Merges may have folded a started cluster into another since: only those still standing count.
  const started = [...created].filter((id) => !state.folded(id) && !state.members.has(id));
  const result = await db.query(`WITH stmt AS (
      INSERT INTO corr_statements (key, doc_id, local_id, kind, span_start, span_end, cluster_id, statement_json, novelty_json)
      SELECT key, doc_id, local_id, kind, span_start, span_end, cluster_id, statement_json, novelty_json
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::json[], $9::json[]) WITH ORDINALITY
        AS t(key, doc_id, local_id, kind, span_start, span_end, cluster_id, statement_json, novelty_json, ord)
      ORDER BY ord),
    keys AS (INSERT INTO corr_keys (key, statement) SELECT * FROM unnest($10::text[], $11::text[])),
    ents AS (INSERT INTO corr_statement_entities (statement, entity_id) SELECT * FROM unnest($12::text[], $13::text[]) ON CONFLICT DO NOTHING),
    dates AS (INSERT INTO corr_dates (statement, sort_key, value, granularity, text)
      SELECT * FROM unnest($14::text[], $15::text[], $16::text[], $17::text[], $18::text[]) ON CONFLICT DO NOTHING),
    taken AS (DELETE FROM corr_dirty RETURNING cluster_id)
    SELECT DISTINCT true AS older, cluster_id FROM corr_statements WHERE cluster_id = ANY($19::text[])
    UNION ALL SELECT false, cluster_id FROM taken`, [
    ss.map((s) => s.key), ss.map((s) => s.documentId), ss.map((s) => s.localId), ss.map((s) => s.kind), ss.map((s) => s.start), ss.map((s) => s.end),
    ss.map(clusterOf), ss.map((s) => JSON.stringify(s)), clustered.map((c) => JSON.stringify(c.novelty)),
    col(keyRows, 0), col(keyRows, 1), col(entityRows, 0), col(entityRows, 1),
    col(dateRows, 0), col(dateRows, 1), col(dateRows, 2), col(dateRows, 3), col(dateRows, 4), started,
  ]);
  // The query's snapshot predates its own inserts: the ids it returns were held by older statements.
  const older = new Set(result.rows.filter((r) => r.older).map((r) => r.cluster_id as string));
  for (const id of started) if (!older.has(id)) state.members.set(id, []);
  // Their keys were counted in the batch's frequencies as they were clustered (noteUnwritten).
  for (const s of ss) state.members.get(clusterOf(s))?.push(s);
  // The clusters to summarise: the statements' own, and those marked dirty before (a replaced
  // document's statements deleted), which the statement took out of corr_dirty.
  return [...ss.map(clusterOf), ...result.rows.filter((r) => !r.older).map((r) => r.cluster_id as string)];
}

export interface CorroborateOptions {
  /** Wait for the lock (and so for a batch running elsewhere); otherwise return at once when
   *  another process is corroborating. */
  wait?: boolean;
  /** Documents per transaction (default CORROBORATION_BATCH). */
  batch?: number;
  /** Start only when at least this many documents wait (default 1): a busy worker leaves them to
   *  gather into full batches, which reuse what they read. */
  min?: number;
  /** With `wait`: while another process is corroborating (it goes on while documents wait), wait
   *  for it to take the documents waiting now, instead of taking the lock between its batches and
   *  starting a batch cold; what is queued after is left to it (see whileOthersCorroborate). */
  leaveToHolder?: boolean;
}

/** One process's side of corroboration: what its last batch left in memory and the epoch token that
 *  batch wrote. The next batch starts from that state when the token is still the current one (no
 *  other process corroborated or wrote the tables in between), instead of reading postings,
 *  statements, clusters and frequencies again. */
export class Corroborator {
  /** Host, process id and a random part, as a worker names itself: `dossier jobs` and the UI show
   *  which process corroborates. */
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private kept: { epoch: string; state: BatchState } | null = null;

  /** The state to start a batch from, when `previous` is the token the last batch kept here wrote.
   *  It is handed over, not shared: a batch that fails (or is retried) leaves nothing to start from. */
  take(previous: string | null): BatchState | null {
    const kept = this.kept;
    this.kept = null;
    return kept && kept.epoch === previous ? kept.state : null;
  }

  /** Keeps the state of a batch that has committed. */
  keep(epoch: string, state: BatchState): void {
    this.kept = state.large ? null : { epoch, state };
  }
}

/** Corroborates queued documents in queue order, a batch per transaction, while this process holds
 *  the corroboration lock. A document that fails on its own keeps its queue row with the error and
 *  is skipped from then on. Returns how many documents it corroborated. */
export async function corroboratePending(pool: pg.Pool, schema: string, opts: CorroborateOptions = {}, self = new Corroborator()): Promise<number> {
  let done = 0;
  let size = opts.batch ?? CORROBORATION_BATCH;
  const min = Math.max(1, opts.min ?? 1);
  if (!opts.wait && !(await due(pool, schema, min, self))) return 0;
  if (opts.wait && opts.leaveToHolder && (await whileOthersCorroborate(pool, schema, self)) === 'left') return 0;
  for (;;) {
    if (!opts.wait && !(await waiting(pool, 1))) return done;
    let batch: Batch | null;
    try {
      batch = await inTransaction(pool, async (client) => {
        if (opts.wait) await lockAll(client, schema, [CORROBORATION_LOCK]);
        else if (!(await tryLock(client, schema, CORROBORATION_LOCK))) return null;
        return corroborateBatch(client, size, self);
      });
    } catch (err) {
      if (size > 1) {
        size = 1; // find the document that fails, one at a time
        continue;
      }
      await recordFailure(pool, schema, err as Error);
      continue;
    }
    if (!batch || !batch.documents) return done;
    self.keep(batch.epoch, batch.state);
    done += batch.documents;
    // The batch's process checks, once a batch, whether the tables have outgrown their plans.
    await refreshStatistics(pool, schema);
    size = opts.batch ?? CORROBORATION_BATCH;
  }
}

/** How many documents wait for corroboration, counting up to `cap`. */
async function waiting(pool: pg.Pool, cap: number): Promise<number> {
  return (await pool.query('SELECT COUNT(*)::int AS n FROM (SELECT 1 FROM corr_pending WHERE error IS NULL LIMIT $1) p', [cap])).rows[0].n;
}

/** How many documents wait for corroboration (counting up to `cap`; only those queued up to `upTo`,
 *  a corr_pending seq, when given); the process that ran the last batch (null: nobody has, or it
 *  said it stopped); and whether that process has gone quiet: no batch is running (the
 *  corroboration lock is free) and none ended in the last HOLDER_STALE_SECONDS. A batch's own end
 *  time is no sign of life while it runs: a batch can take longer than that on a machine shared
 *  with busy workers. */
async function holderState(pool: pg.Pool, schema: string, cap: number, upTo: string | null = null): Promise<{ n: number; holder: string | null; quiet: boolean }> {
  return (await pool.query(`SELECT (SELECT COUNT(*)::int FROM (SELECT 1 FROM corr_pending WHERE error IS NULL AND seq <= COALESCE($5::bigint, seq) LIMIT $1) p) AS n,
      e.holder, e.at < now() - make_interval(secs => $2) AND NOT ${lockHeld('$3', '$4')} AS quiet
    FROM corr_epoch e`, [cap, HOLDER_STALE_SECONDS, ...lockParameters(schema), upTo])).rows[0];
}

/** Whether a transaction holds the schema's corroboration lock, as pg_locks shows it; `high` and
 *  `low` are the parameters that carry the lock's key as `lockParameters` gives it. */
const lockHeld = (high: string, low: string) => `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND l.classid = ${high}::oid AND l.objid = ${low}::oid
  AND l.objsubid = 1)`;

/** The corroboration lock's key as pg_locks shows an advisory lock on a bigint: its high and low 32 bits. */
function lockParameters(schema: string): [string, string] {
  const key = BigInt.asUintN(64, schemaLockKey(schema, CORROBORATION_LOCK));
  return [(key >> 32n).toString(), (key & 0xffffffffn).toString()];
}

/** Who corroborates: the process that ran the last batch (null once it said it stopped), when the
 *  last finished batch ended (a running batch's writes show when it commits), and whether a batch (or
 *  a save replacing a document) holds the lock now. Null when nobody holds the job and nothing runs. */
export interface CorroborationHolder {
  process: string | null;
  lastBatchAt: string | null;
  running: boolean;
}

export async function corroborationHolder(pool: pg.Pool, schema: string): Promise<CorroborationHolder | null> {
  const r = (await pool.query(`SELECT e.holder, e.at, ${lockHeld('$1', '$2')} AS running FROM corr_epoch e`, lockParameters(schema))).rows[0] as { holder: string | null; at: Date | null; running: boolean } | undefined;
  if (!r || (!r.holder && !r.running)) return null;
  return { process: r.holder, lastBatchAt: r.at ? r.at.toISOString() : null, running: r.running };
}

/** Should this process start corroborating without waiting? When `min` documents wait, if it ran
 *  the last batch (or nobody has, or the one who did has stopped); another's only once that one has
 *  gone quiet. Taking over from a process still at work would start a batch cold, and be slower. */
async function due(pool: pg.Pool, schema: string, min: number, self: Corroborator): Promise<boolean> {
  const state = await holderState(pool, schema, min);
  return state.n >= min && (!state.holder || state.holder === self.id || state.quiet);
}

/** How often a process leaving corroboration to another asks whether that one is done. */
const HOLDER_POLL_MS = 200;

/** Waits while another process corroborates the documents that wait now. Says 'take' once this
 *  process should corroborate what is left: the last batch was its own or nobody's (that process
 *  said it stopped), or that process has gone quiet. Says 'left' once the documents waiting when it
 *  began are done and that process is still at work: those queued since are its to take (were this
 *  process to wait for them too, a stream of new documents could keep it waiting for ever). */
async function whileOthersCorroborate(pool: pg.Pool, schema: string, self: Corroborator): Promise<'take' | 'left'> {
  // With nothing waiting, seq 0 (before the first) leaves nothing to wait for.
  const last = (await pool.query(`SELECT COALESCE(MAX(seq), 0)::text AS seq FROM corr_pending WHERE error IS NULL`)).rows[0].seq as string;
  for (;;) {
    const state = await holderState(pool, schema, 1, last);
    if (!state.holder || state.holder === self.id || state.quiet) return 'take';
    if (!state.n) return 'left';
    await new Promise((resolve) => setTimeout(resolve, HOLDER_POLL_MS));
  }
}

/** Says that this process runs no more batches (it is stopping), so that others need not wait
 *  HOLDER_STALE_SECONDS before they take over. */
export async function releaseCorroboration(pool: pg.Pool, self: Corroborator): Promise<void> {
  await pool.query('UPDATE corr_epoch SET holder = NULL WHERE holder = $1', [self.id]);
}

async function tryLock(client: pg.PoolClient, schema: string, key: string): Promise<boolean> {
  return (await client.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS ok', [schemaLockKey(schema, key).toString()])).rows[0].ok;
}

interface Batch { documents: number; epoch: string; state: BatchState }

/** The first `size` queued documents, corroborated in this transaction (which holds the lock). */
async function corroborateBatch(client: pg.PoolClient, size: number, self: Corroborator): Promise<Batch | null> {
  const rows = (await client.query(`SELECT p.seq, d.id, d.outlet, d.analysis_json, d.sentences_json, p.derived_json FROM corr_pending p JOIN documents d ON d.id = p.doc_id
    WHERE p.error IS NULL ORDER BY p.seq LIMIT $1`, [size])).rows;
  if (!rows.length) return null;
  const epoch = randomUUID();
  const previous = (await client.query(`WITH old AS (SELECT token FROM corr_epoch)
    UPDATE corr_epoch SET token = $1, holder = $2, at = now() RETURNING (SELECT token FROM old)`, [epoch, self.id])).rows[0].token as string | null;
  let state = self.take(previous);
  if (!state) {
    state = new BatchState();
    const counts = (await client.query('SELECT (SELECT COUNT(*) FROM corr_statements)::int AS s, (SELECT COUNT(*) FROM corr_docs)::int AS d')).rows[0];
    state.count = counts.s;
    state.documents = counts.d;
  }
  const ids = rows.map((r) => r.id as string);
  const entityIds = new Map<string, Record<string, string>>(ids.map((id) => [id, {}]));
  for (const e of (await client.query('SELECT doc_id, local_id, entity_id FROM doc_entities WHERE doc_id = ANY($1::text[])', [ids])).rows) {
    entityIds.get(e.doc_id)![e.local_id] = e.entity_id;
  }
  // Every blocking key of the batch read up front; the batch keeps them current as it writes.
  const docs = rows.map((r) => {
    const doc: SavedDoc = { id: r.id, analysis: r.analysis_json as Analysis, sentences: r.sentences_json, derived: r.derived_json, outlet: r.outlet };
    return { doc, entityIds: entityIds.get(r.id)!, statements: statementsOfDoc(doc, entityIds.get(r.id)!) };
  });
  const prefetch = new SyncView(client, state);
  const keys = docs.flatMap((d) => d.statements.flatMap(blockingKeys));
  await prefetch.prefetchFrequencies(docs.flatMap((d) => d.statements.flatMap((s) => frequencyKeys(s, state))));
  await prefetch.prefetchPostings(keys);
  for (const d of docs) await corroborateDocument(client, state, d.doc, d.entityIds, d.statements);
  await finishBatch(client, state, rows.map((r) => r.seq));
  return { documents: rows.length, epoch, state };
}

/** Marks the first queued document, which failed on its own, with the error; later batches skip it. */
async function recordFailure(pool: pg.Pool, schema: string, err: Error): Promise<void> {
  await inTransaction(pool, async (client) => {
    await lockAll(client, schema, [CORROBORATION_LOCK]);
    await client.query(`UPDATE corr_pending SET attempts = attempts + 1, error = $1
      WHERE seq = (SELECT seq FROM corr_pending WHERE error IS NULL ORDER BY seq LIMIT 1)`, [err.message.slice(0, 2000)]);
  });
}

/** The corroboration profiles of these documents (those that have one), in one query. */
async function profilesOf(db: Db, ids: string[]): Promise<Map<string, DocumentProfile>> {
  const rows = (await db.query(`SELECT c.doc_id, c.signature_json, c.specifics_json, d.published, d.published_confidence,
      ARRAY(SELECT s.statement_json::text FROM corr_statements s WHERE s.doc_id = c.doc_id ORDER BY s.span_start, s.key) AS statements
    FROM corr_docs c JOIN documents d ON d.id = c.doc_id WHERE c.doc_id = ANY($1::text[])`, [ids])).rows;
  return new Map(rows.map((r) => [r.doc_id as string, {
    id: r.doc_id, published: r.published, publishedConfidence: r.published_confidence, signature: r.signature_json, specifics: r.specifics_json,
    statements: (r.statements as string[]).map((json) => JSON.parse(json) as Statement),
  }]));
}

const better = (a: DocumentLink, b: { kind: string; score: number } | undefined) =>
  !b || (a.kind === 'near-duplicate' && b.kind !== 'near-duplicate') || (a.kind === b.kind && a.score > b.score);

/** Finds documents that share LSH bands or rare specifics with this one and records derivations;
 *  says whether it marked clusters dirty (those of a document given a derivation). */
async function linkDocument(db: pg.PoolClient, doc: SavedDoc, statements: Statement[], entityIds: Record<string, string>, state: BatchState): Promise<boolean> {
  const signature = doc.derived?.signature ?? signatureOf(doc.analysis.text);
  const specifics = documentSpecifics(doc.analysis, entityIds, statements);
  const keys = [...new Set([...bandKeys(signature), ...specifics.map((x) => `s:${x}`)])];
  const credits = [...creditedSources(statements)].sort();
  // The profile, its keys and the other holders of each key in one statement (the holders are read
  // in the statement's snapshot, which does not hold its own inserts: this document is not among them).
  const holders = (await db.query(`WITH profile AS (INSERT INTO corr_docs (doc_id, signature_json, specifics_json, credits_json) VALUES ($1, $2, $3, $4)),
      keyed AS (INSERT INTO corr_doc_keys (key, doc_id) SELECT k, $1 FROM unnest($5::text[]) AS k ON CONFLICT DO NOTHING)
    SELECT k.key, h.docs FROM unnest($5::text[]) AS k(key),
      LATERAL (SELECT array_agg(doc_id) AS docs FROM (SELECT doc_id FROM corr_doc_keys WHERE key = k.key AND doc_id <> $1 LIMIT $6) x) h`,
  [doc.id, JSON.stringify(signature), JSON.stringify(specifics), JSON.stringify(credits), keys, MAX_KEY_HOLDERS + 1])).rows as { key: string; docs: string[] | null }[];
  state.credits.set(doc.id, new Set(credits));
  // Provenance asks for the document's outlet and derivation: the outlet was read with the document,
  // and a document has no derivation before this step gives it one.
  if (doc.outlet !== undefined) state.outlets.set(doc.id, doc.outlet);
  if (!state.links.has(doc.id)) state.links.set(doc.id, null);
  const documents = ++state.documents;
  const view = new SyncView(db, state);
  const candidates = new Map<string, number>();
  for (const r of holders) {
    const docs = r.docs ?? [];
    // A list read whole gives the key's document frequency (this document is the one left out).
    if (docs.length <= MAX_KEY_HOLDERS) view.docDf.set(r.key, docs.length + 1);
    // A specific most documents hold (a head of state) finds nothing in particular: skip it.
    if (docs.length > MAX_KEY_HOLDERS) continue;
    for (const d of docs) candidates.set(d, (candidates.get(d) ?? 0) + (r.key.startsWith('b') ? 3 : 1));
  }
  const ranked = [...candidates.entries()].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_LINK_CANDIDATES);
  if (!ranked.length) return false;
  const profiles = await profilesOf(db, [doc.id, ...ranked.map(([other]) => other)]);
  const self = profiles.get(doc.id)!;
  const found: DocumentLink[] = [];
  let marked = false;
  for (const [other] of ranked) {
    const profile = profiles.get(other);
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
    const evidence = JSON.stringify(link.evidence);
    await db.query(`INSERT INTO corr_links (doc_id, origin_id, kind, score, evidence_json) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (doc_id) DO UPDATE SET origin_id = excluded.origin_id, kind = excluded.kind, score = excluded.score, evidence_json = excluded.evidence_json`,
    [link.documentId, link.originId, link.kind, link.score, evidence]);
    state.links.set(link.documentId, linkRecord({ doc_id: link.documentId, origin_id: link.originId, kind: link.kind, score: link.score, evidence_json: JSON.parse(evidence) }));
    await db.query('INSERT INTO corr_dirty (cluster_id) SELECT cluster_id FROM corr_statements WHERE doc_id = $1 ON CONFLICT DO NOTHING', [link.documentId]);
    marked = true;
  }
  return marked;
}

function dominantModality(members: Statement[]): Modality {
  const counts = new Map<Modality, number>();
  for (const m of members) counts.set(m.modality, (counts.get(m.modality) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

/** Recomputes the summary of each of these clusters (ids may repeat); drops clusters left without
 *  members. The batch learns each cluster's new canonical member (what later joins are anchored against). */
async function refreshDirtyClusters(db: Db, state: BatchState, dirty: string[]): Promise<void> {
  const ids = [...new Set(dirty)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!ids.length) return;
  const view = new SyncView(db, state);
  view.statements = state.count;
  const stats = view.termStats();
  const ctx = view.provenance();
  // Every dirty cluster's members in one query, and every summary written in one more.
  const unread = ids.filter((id) => !state.members.has(id));
  for (const id of unread) state.members.set(id, []);
  if (unread.length) {
    for (const r of (await db.query('SELECT cluster_id, statement_json FROM corr_statements WHERE cluster_id = ANY($1::text[]) ORDER BY cluster_id, seq', [unread])).rows) {
      state.members.get(r.cluster_id)!.push(r.statement_json as Statement);
    }
  }
  const byCluster = new Map<string, Statement[]>(ids.map((id) => [id, state.members.get(id)!]));
  const sampleOf = (members: Statement[]) => (members.length > SUMMARY_SAMPLE ? members.slice(-SUMMARY_SAMPLE) : members);
  await view.prefetchFrequencies([...byCluster.values()].flatMap((m) => sampleOf(m).flatMap(blockingKeys)));
  const rows: unknown[][] = [];
  for (const id of ids) {
    const members = byCluster.get(id)!;
    if (!members.length) continue;
    const sample = sampleOf(members);
    const canonical = await view.run(() => canonicalMember(sample, stats));
    state.anchors.set(id, canonical);
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
  for (const id of empty) {
    state.anchors.set(id, null);
    state.summaries.set(id, null);
  }
  for (const row of rows) state.summaries.set(row[0] as string, row);
}

/** The batch's last statement: writes the cluster summaries it worked out (deleting those of
 *  clusters gone) and the statement frequencies it counted, and takes its documents off the queue. */
async function finishBatch(db: Db, state: BatchState, seqs: unknown[]): Promise<void> {
  const rows = [...state.summaries.values()].filter((r): r is unknown[] => r !== null);
  const gone = [...state.summaries].filter(([, r]) => r === null).map(([id]) => id);
  const column = (i: number) => rows.map((r) => r[i]);
  const counted = [...state.unwrittenFrequencies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // The batch's end time, which tells others that its process is still at work (`holderState`).
  await db.query(`WITH gone AS (DELETE FROM corr_clusters WHERE id = ANY($14::text[])),
      ended AS (UPDATE corr_epoch SET at = clock_timestamp()),
      df AS (INSERT INTO corr_df (key, n) SELECT * FROM unnest($16::text[], $17::int[])
        ON CONFLICT (key) DO UPDATE SET n = corr_df.n + excluded.n),
      written AS (INSERT INTO corr_clusters (id, canonical, canonical_text, members, documents, roots, modality,
        first_doc, first_published, latest_doc, latest_published, contested, roots_json)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[],
        $10::text[], $11::text[], $12::bool[], $13::json[])
      ON CONFLICT (id) DO UPDATE SET canonical = excluded.canonical, canonical_text = excluded.canonical_text, members = excluded.members,
        documents = excluded.documents, roots = excluded.roots, modality = excluded.modality, first_doc = excluded.first_doc,
        first_published = excluded.first_published, latest_doc = excluded.latest_doc, latest_published = excluded.latest_published,
        contested = excluded.contested, roots_json = excluded.roots_json)
    DELETE FROM corr_pending WHERE seq = ANY($15::bigint[])`, [...Array.from({ length: 13 }, (_, i) => column(i)), gone, seqs,
    counted.map(([key]) => key), counted.map(([, n]) => n)]);
  state.summaries.clear();
  state.unwrittenFrequencies.clear();
}
