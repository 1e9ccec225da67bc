// A read-only, in-memory view of the corpus for the questions the Store interface does not answer in
// one call (co-occurrence graph, facets, places, timeline, sanctions list). Built from Store pages and
// rebuilt when the store's counts change or the API itself wrote; never a second source of truth.
// Builds yield to waiting requests between store reads.
import type { ClaimRecord, DocumentSummary, EntitySummary, EventRecord, Page, PageOptions, Store, StoreStats } from '../store/types.js';
import type { SanctionHit } from '../schema/analysis.js';

export interface DocumentFacts {
  summary: DocumentSummary;
  /** Corpus entity ids named in the document, sorted. */
  entities: string[];
}

export interface CorpusSnapshot {
  key: string;
  builtAt: number;
  entities: Map<string, EntitySummary>;
  documents: Map<string, DocumentFacts>;
  claims: ClaimRecord[];
  events: EventRecord[];
  sanctions: Map<string, SanctionHit[]>;
}

/** Rows per store read; the build yields to waiting requests between reads. */
const PAGE = 500;

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every item, page by page. While another connection writes, a row can move across a page boundary:
 *  it is kept once (by id), and a row that moved the other way is picked up by the next build, which
 *  the write has already made due (the store's counts changed). */
async function everything<T>(load: (p: PageOptions) => Promise<Page<T>>, idOf: (item: T) => string): Promise<T[]> {
  const byId = new Map<string, T>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await load({ limit: PAGE, offset });
    for (const item of page.items) if (!byId.has(idOf(item))) byId.set(idOf(item), item);
    await yieldToRequests();
    if (page.items.length < PAGE || offset + PAGE >= page.total) return [...byId.values()];
  }
}

const byId = (item: { id: string }) => item.id;

async function buildSnapshot(store: Store, key: string): Promise<CorpusSnapshot> {
  const entityList = await everything((p) => store.listEntities(p), byId);
  const entities = new Map(entityList.map((e) => [e.id, e]));
  const named = await store.documentEntities();
  await yieldToRequests();
  const documents = new Map<string, DocumentFacts>();
  for (const summary of await everything((p) => store.listDocuments(p), byId)) {
    documents.set(summary.id, { summary, entities: named.get(summary.id) ?? [] });
  }
  const claims = await everything((p) => store.listClaims(p), byId);
  const events = await everything((p) => store.listEvents(p), (ev) => `${ev.documentId}#${ev.index}`);
  const sanctions = new Map<string, SanctionHit[]>();
  for (const e of entityList) {
    if (!e.sanctioned) continue;
    const dossier = await store.entityDossier(e.id);
    if (dossier?.sanctions.length) sanctions.set(e.id, dossier.sanctions);
    await yieldToRequests();
  }
  return { key, builtAt: Date.now(), entities, documents, claims, events, sanctions };
}

const statsKey = (s: StoreStats) => `${s.documents}|${s.entities}|${s.claims}|${s.events}|${s.listEntries}`;

/** Hands out the current snapshot; checks the store's counts at most once per `recheckMs`.
 *  When another writer (the ingest thread, a worker, the CLI) has changed the store, readers keep the
 *  snapshot they have while the next one is built in the background, and builds are spaced (at least
 *  three build-times apart) so a long ingest cannot keep the server busy rebuilding. After the API's
 *  own write (`invalidate`), readers wait for a fresh snapshot instead. */
export class SnapshotCache {
  private current: CorpusSnapshot | null = null;
  private building: { key: string; promise: Promise<CorpusSnapshot> } | null = null;
  private checkedAt = 0;
  private lastBuiltAt = 0;
  private lastBuildMs = 0;
  private generation = 0;

  constructor(private readonly store: Store, private readonly recheckMs = 1000) {}

  /** Forget the snapshot: the API has just written to the store. */
  invalidate(): void {
    this.generation++;
    this.current = null;
    this.checkedAt = 0;
  }

  async get(): Promise<CorpusSnapshot> {
    const now = Date.now();
    if (this.current && now - this.checkedAt < this.recheckMs) return this.current;
    this.checkedAt = now;
    const key = `${this.generation}|${statsKey(await this.store.stats())}`;
    if (this.current?.key === key) return this.current;
    if (!this.current) return this.build(key);
    if (!this.building && now - this.lastBuiltAt >= Math.max(this.recheckMs, 3 * this.lastBuildMs)) {
      this.build(key).catch((err: Error) => {
        console.error(`rebuilding the corpus snapshot failed (the next read retries): ${err.message}`);
        this.checkedAt = 0;
      });
    }
    return this.current;
  }

  /** A build for `key`, after any build already running (one at a time, newest last). */
  private build(key: string): Promise<CorpusSnapshot> {
    if (this.building?.key === key) return this.building.promise;
    const generation = this.generation;
    const previous = this.building?.promise.catch(() => null) ?? Promise.resolve(null);
    const promise: Promise<CorpusSnapshot> = previous.then(async () => {
      const started = Date.now();
      const snapshot = await buildSnapshot(this.store, key);
      this.lastBuiltAt = Date.now();
      this.lastBuildMs = this.lastBuiltAt - started;
      if (generation === this.generation) this.current = snapshot;
      return snapshot;
    }).finally(() => {
      if (this.building?.promise === promise) this.building = null;
    });
    this.building = { key, promise };
    return promise;
  }
}
