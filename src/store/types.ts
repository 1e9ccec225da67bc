// The Store interface: everything the CLI, the API and the workers ask of a store. SQLite
// (src/store/sqlite) and PostgreSQL (src/store/postgres) implement it; SQL lives only there.
import type { Analysis, Claim, EntityType, Event, Modality, SanctionHit } from '../schema/analysis.js';
import type { Article } from '../schema/article.js';
import type { DateMention } from '../schema/document.js';
import type { ListEntry } from '../screen/types.js';
import type { ClusterDetail, ClusterQuery, ClusterSummary, Novelty, TimelineQuery } from '../corroborate/records.js';
import type { DocumentLink } from '../corroborate/syndication.js';
import type { TimelineEntry } from '../corroborate/timeline.js';
import type { DraftStatement } from '../corroborate/statements.js';

export type { ClusterDetail, ClusterQuery, ClusterSummary, DocumentLink, Novelty, TimelineEntry, TimelineQuery };

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PageOptions {
  limit?: number;
  offset?: number;
}

/** What saving one analysed document did. */
export interface SaveResult {
  /** The store's id of the document. */
  id: string;
  status: 'inserted' | 'unchanged' | 'replaced';
}

/** A document as the analysis of it was saved: the article, the FORMAT.md analysis, and where its
 *  entities went in the corpus (local entity id → corpus entity id). */
export interface StoredDocument {
  id: string;
  article: Article;
  analysis: Analysis;
  entityIds: Record<string, string>;
  publishedConfidence: number;
  publishedEvidence: string | null;
  ingestedAt: string;
}

export interface DocumentSummary {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  language: string;
  source: string;
  entities: number;
  claims: number;
  events: number;
}

export interface EntitySummary {
  id: string;
  name: string;
  type: EntityType;
  kb: string | null;
  mentionCount: number;
  documentCount: number;
  sanctioned: boolean;
}

/** A claim with the corpus ids of its source and the entities it names, and its document. */
export interface ClaimRecord extends Omit<Claim, 'source'> {
  documentId: string;
  /** Corpus entity id of the source, when the source is an entity. */
  source: string | null;
  sourceName: string | null;
  text: string;
  entities: string[];
  published: string | null;
  outlet: string | null;
}

export interface EventRecord extends Omit<Event, 'actor' | 'target' | 'location'> {
  documentId: string;
  index: number;
  actor: string | null;
  target: string | null;
  location: string | null;
  actorName: string | null;
  targetName: string | null;
  locationName: string | null;
  sourceName: string | null;
  published: string | null;
  text: string;
}

export interface EntityDossier extends EntitySummary {
  aliases: string[];
  sanctions: SanctionHit[];
  documents: DocumentSummary[];
  claims: ClaimRecord[];
  events: EventRecord[];
  /** Who is cited as a source in claims naming this entity, with counts. */
  sources: { name: string; entityId: string | null; claims: number }[];
}

export interface SearchHit {
  document: DocumentSummary;
  score: number;
  /** The sentences of the document that contain query terms, with their offsets. */
  sentences: { start: number; end: number; text: string }[];
}

export interface SearchOptions extends PageOptions {
  outlet?: string;
  entity?: string;
  type?: EntityType;
  from?: string;
  to?: string;
}

export interface ClaimQuery extends PageOptions {
  entity?: string;
  document?: string;
  modality?: Modality;
}

export interface EventQuery extends PageOptions {
  entity?: string;
  document?: string;
  type?: string;
}

export interface StoreStats {
  documents: number;
  entities: number;
  claims: number;
  events: number;
  listEntries: number;
}

/** The analysed document handed to the store: the article and its FORMAT.md analysis, plus the
 *  layers the store indexes (sentences for search snippets, the publication-date evidence). */
export interface AnalysedDocument {
  article: Article;
  analysis: Analysis;
  sentences: { start: number; end: number }[];
  publishedConfidence: number;
  publishedEvidence: string | null;
  /** What corroboration derives from the analysis alone — the dates its statements read, the
   *  text's MinHash signature and the draft statements (local entity ids) — worked out where the
   *  analysis ran (an analysis thread) so that the save, which runs one at a time, does not; a
   *  store works them out itself when absent. */
  derived?: { dates: DateMention[]; signature: number[]; statements?: DraftStatement[] };
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Is this exact content (by hash) already stored? Lets ingest skip analysis of unchanged input. */
  hasContent(contentHash: string): Promise<boolean>;
  /** Saves one analysed document in one transaction: inserted, unchanged, or replacing the old
   *  analysis of the same source. Corpus entities are resolved incrementally here. */
  saveDocument(doc: AnalysedDocument): Promise<SaveResult>;
  /** Saves documents in order, each all or nothing, with the outcome of each. The store may commit
   *  several in one transaction (SQLite does: a commit costs as much as a save); when that fails it
   *  saves them one by one, so one bad document never takes the others with it. */
  saveDocuments(docs: AnalysedDocument[]): Promise<PromiseSettledResult<SaveResult>[]>;
  getDocument(id: string): Promise<StoredDocument | null>;
  /** The corpus entity ids each document names (ids sorted; documents naming none are absent). */
  documentEntities(): Promise<Map<string, string[]>>;
  listDocuments(opts?: PageOptions & { outlet?: string }): Promise<Page<DocumentSummary>>;
  listEntities(opts?: PageOptions & { type?: EntityType; q?: string }): Promise<Page<EntitySummary>>;
  /** An entity by corpus id, exact name or alias (folded), best-mentioned first. */
  findEntity(nameOrId: string): Promise<EntitySummary | null>;
  entityDossier(id: string): Promise<EntityDossier | null>;
  listClaims(q?: ClaimQuery): Promise<Page<ClaimRecord>>;
  listEvents(q?: EventQuery): Promise<Page<EventRecord>>;
  search(query: string, opts?: SearchOptions): Promise<Page<SearchHit>>;
  replaceLists(entries: ListEntry[]): Promise<number>;
  loadLists(): Promise<ListEntry[]>;
  stats(): Promise<StoreStats>;
  /** Claim clusters (the same proposition across documents), most independent roots first. */
  listClusters(q?: ClusterQuery): Promise<Page<ClusterSummary>>;
  /** A cluster with its members, provenance tree, independent roots and contradictions. */
  getCluster(id: string): Promise<ClusterDetail | null>;
  /** Dated claims and events, ordered by the date they name. */
  timeline(q?: TimelineQuery): Promise<Page<TimelineEntry>>;
  /** Derivations (near-duplicate, uncredited copy) a document takes part in, with evidence. */
  documentLinks(docId: string): Promise<DocumentLink[]>;
  /** What each statement of a document added to the corpus when it arrived. */
  documentNovelty(docId: string): Promise<Novelty[]>;
  close(): Promise<void>;
}
