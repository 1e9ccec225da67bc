// A read-only, in-memory view of the corpus for the questions the Store interface does not answer in
// one call (co-occurrence graph, facets, places, timeline, sanctions list). Built from Store pages and
// rebuilt when the store's counts change or the API itself wrote; never a second source of truth.
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

const PAGE = 1000;

async function everything<T>(load: (p: PageOptions) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await load({ limit: PAGE, offset });
    all.push(...page.items);
    if (page.items.length < PAGE || all.length >= page.total) return all;
  }
}

async function buildSnapshot(store: Store, key: string): Promise<CorpusSnapshot> {
  const entityList = await everything((p) => store.listEntities(p));
  const entities = new Map(entityList.map((e) => [e.id, e]));
  const documents = new Map<string, DocumentFacts>();
  for (const summary of await everything((p) => store.listDocuments(p))) {
    const stored = await store.getDocument(summary.id);
    const ids = stored ? [...new Set(Object.values(stored.entityIds))].sort() : [];
    documents.set(summary.id, { summary, entities: ids });
  }
  const claims = await everything((p) => store.listClaims(p));
  const events = await everything((p) => store.listEvents(p));
  const sanctions = new Map<string, SanctionHit[]>();
  for (const e of entityList) {
    if (!e.sanctioned) continue;
    const dossier = await store.entityDossier(e.id);
    if (dossier?.sanctions.length) sanctions.set(e.id, dossier.sanctions);
  }
  return { key, builtAt: Date.now(), entities, documents, claims, events, sanctions };
}

const statsKey = (s: StoreStats) => `${s.documents}|${s.entities}|${s.claims}|${s.events}|${s.listEntries}`;

/** Hands out the current snapshot; checks the store's counts at most once per `recheckMs`. */
export class SnapshotCache {
  private current: CorpusSnapshot | null = null;
  private building: Promise<CorpusSnapshot> | null = null;
  private checkedAt = 0;
  private generation = 0;

  constructor(private readonly store: Store, private readonly recheckMs = 1000) {}

  /** Forget the snapshot: the API has just written to the store. */
  invalidate(): void {
    this.generation++;
    this.current = null;
  }

  async get(): Promise<CorpusSnapshot> {
    const now = Date.now();
    if (this.current && now - this.checkedAt < this.recheckMs) return this.current;
    const key = `${this.generation}|${statsKey(await this.store.stats())}`;
    this.checkedAt = now;
    if (this.current?.key === key) return this.current;
    if (!this.building) {
      this.building = buildSnapshot(this.store, key).finally(() => {
        this.building = null;
      });
    }
    this.current = await this.building;
    return this.current;
  }
}
