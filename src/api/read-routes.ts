// Read endpoints over the store: documents and their highlighted text, entities and dossiers, claims,
// events, full-text search with facets, and the watch-list hits.
import { z } from 'zod';
import { namesEntity } from '../schema/analysis.js';
import type { ClaimRecord, Store } from '../store/types.js';
import type { SnapshotCache } from './snapshot.js';
import { defineRoute, HttpError, type AnyRoute } from './routes.js';
import * as S from './schemas.js';
import { clusterOfSpan, clustersAbout, withDocuments } from './corroboration.js';

/** The claim's own attribution as a tree, root source first: "unnamed sources" → Infobae → the article. */
function attributionTree(c: ClaimRecord): z.input<typeof S.ProvenanceNode> {
  const article = {
    key: `doc:${c.documentId}`, label: c.outlet ?? c.documentId, kind: 'document' as const, relation: null,
    statements: [{ key: c.id, text: c.text, modality: c.modality }], children: [],
  };
  // The chain is outermost first and starts with the article's own outlet when it names it.
  const chain = [...(c.chain ?? [])].filter((link, i) => !(i === 0 && c.outlet && link === c.outlet));
  const sourceName = c.sourceName ?? c.sourceText;
  if (sourceName && !chain.includes(sourceName) && !(c.source && chain.includes(c.source))) chain.push(sourceName);
  let node: z.input<typeof S.ProvenanceNode> = article;
  for (const link of chain) {
    node = { key: `name:${link}`, label: link, kind: 'source', relation: 'credits', statements: [], children: [node] };
  }
  return node;
}

/** The claim's chain with the document's local entity ids ("e5") replaced by names: the claim's own
 *  source by its corpus name (so the tree does not name it twice), other entities by their name here. */
async function namedChain(store: Store, c: ClaimRecord): Promise<string[]> {
  if (!c.chain?.length) return [];
  const doc = await store.getDocument(c.documentId);
  const local = new Map((doc?.analysis.entities ?? []).map((e) => [e.id, e.name]));
  return c.chain.map((link) => {
    if (!local.has(link)) return link;
    if (c.source && doc!.entityIds[link] === c.source) return c.sourceName ?? local.get(link)!;
    return local.get(link)!;
  });
}

export function readRoutes(store: Store, snapshots: SnapshotCache, writable: boolean): AnyRoute[] {

  /** The dossier of an entity by corpus id, or by name/alias when no id matches. */
  async function dossierOf(idOrName: string) {
    const direct = await store.entityDossier(idOrName);
    if (direct) return direct;
    const found = await store.findEntity(idOrName);
    const dossier = found ? await store.entityDossier(found.id) : null;
    if (!dossier) throw new HttpError(404, 'NOT_FOUND', `no entity ${JSON.stringify(idOrName)}`);
    return dossier;
  }

  return [
    defineRoute({
      method: 'get', path: '/api/health', tag: 'meta', summary: 'Liveness, store counts and whether writes are enabled',
      response: S.Health,
      handler: async () => ({ ok: true, store: store.kind, writable, stats: await store.stats() }),
    }),
    defineRoute({
      method: 'get', path: '/api/documents', tag: 'documents', summary: 'Documents, newest first',
      query: S.DocumentQuery, response: S.pageOf(S.DocumentSummary, 'DocumentPage'),
      handler: ({ query }) => store.listDocuments(query),
    }),
    defineRoute({
      method: 'get', path: '/api/documents/:id', tag: 'documents', summary: 'One document: the article, its analysis and where its entities went in the corpus',
      params: S.IdParam, response: z.unknown(),
      handler: async ({ params }) => {
        const doc = await store.getDocument(params.id);
        if (!doc) throw new HttpError(404, 'NOT_FOUND', `no document ${JSON.stringify(params.id)}`);
        return doc;
      },
    }),
    defineRoute({
      method: 'get', path: '/api/documents/:id/text', tag: 'documents', summary: 'The cleaned text with entity, claim and event spans to highlight',
      params: S.IdParam, response: S.DocumentText,
      handler: async ({ params }) => {
        const doc = await store.getDocument(params.id);
        if (!doc) throw new HttpError(404, 'NOT_FOUND', `no document ${JSON.stringify(params.id)}`);
        const { article, analysis, entityIds } = doc;
        const nameOf = new Map(analysis.entities.map((e) => [e.id, e.name]));
        const bySpan = <T extends { start: number; id: string }>(a: T, b: T) => a.start - b.start || (a.id < b.id ? -1 : 1);
        return {
          id: doc.id, title: article.title, outlet: article.outlet, author: article.author, url: article.url,
          published: analysis.published, publishedEvidence: doc.publishedEvidence, source: article.source, text: analysis.text,
          // Names only: an event's longer phrase for an entity holds other names and is not highlighted.
          entities: analysis.entities.flatMap((e) => e.mentions.filter(namesEntity).map((m) => ({
            start: m.start, end: m.end, id: entityIds[e.id] ?? e.id, label: e.name, type: e.type, sanctioned: e.sanctions.length > 0,
          }))).sort(bySpan),
          claims: analysis.claims.map((c) => ({
            start: c.start, end: c.end, id: c.id, label: c.sourceText ?? (c.source ? nameOf.get(c.source) ?? c.source : 'unattributed'),
            modality: c.modality, sourceText: c.sourceText, source: c.source ? entityIds[c.source] ?? null : null,
            chain: (c.chain ?? []).map((link) => nameOf.get(link) ?? link),
          })).sort(bySpan),
          events: analysis.events.map((ev, i) => ({ start: ev.start, end: ev.end, id: String(i), label: ev.type, type: ev.type })).sort(bySpan),
          removed: article.removed,
          links: await store.documentLinks(doc.id),
        };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/documents/:id/claims/:claim', tag: 'claims',
      summary: "One claim with its provenance: the attribution chain from the article to its sources, and the claim's cluster with the corpus-wide tree",
      params: z.object({ id: z.string().min(1).max(300), claim: z.string().min(1).max(100) }), response: S.ClaimProvenance,
      handler: async ({ params }) => {
        const claims = await store.listClaims({ document: params.id, limit: 1000 });
        const claim = claims.items.find((c) => c.id === params.claim);
        if (!claim) throw new HttpError(404, 'NOT_FOUND', `no claim ${params.claim} in document ${params.id}`);
        const entities = [...new Set([...(claim.source ? [claim.source] : []), ...claim.entities])];
        const cluster = await clusterOfSpan(store, claim.documentId, claim, entities);
        return { claim, chain: attributionTree({ ...claim, chain: await namedChain(store, claim) }), cluster: cluster ? withDocuments(cluster, await snapshots.get()) : null };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/entities', tag: 'entities', summary: 'Entities, most mentioned first; filter by type, name or watch-list status',
      query: S.EntityQuery, response: S.pageOf(S.EntitySummary, 'EntityPage'),
      handler: async ({ query }) => {
        if (!query.sanctioned) return store.listEntities(query);
        // The store has no watch-list filter: filter the snapshot's entity list, in the store's order.
        const snap = await snapshots.get();
        const want = query.sanctioned === 'true';
        const all = [...snap.entities.values()].filter((e) => e.sanctioned === want && (!query.type || e.type === query.type)
          && (!query.q || e.name.toLowerCase().includes(query.q.toLowerCase())));
        return { items: all.slice(query.offset, query.offset + query.limit), total: all.length, limit: query.limit, offset: query.offset };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/entities/:id', tag: 'entities', summary: "An entity's dossier (by corpus id, or by name or alias)",
      params: S.IdParam, response: S.EntityDossier,
      handler: async ({ params }) => {
        const dossier = await dossierOf(params.id);
        return { ...dossier, clusters: await clustersAbout(store, dossier.id) };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/claims', tag: 'claims', summary: 'Claims, by entity, document or modality',
      query: S.ClaimQuery, response: S.pageOf(S.ClaimRecord, 'ClaimPage'),
      handler: ({ query }) => store.listClaims(query),
    }),
    defineRoute({
      method: 'get', path: '/api/events', tag: 'events', summary: 'PLOVER events, by entity, document or type, in date order',
      query: S.EventQuery, response: S.pageOf(S.EventRecord, 'EventPage'),
      handler: ({ query }) => store.listEvents(query),
    }),
    defineRoute({
      method: 'get', path: '/api/search', tag: 'search', summary: 'Full-text search with facets (outlet, entity, entity type, year)',
      query: S.SearchQuery, response: S.SearchResult,
      handler: async ({ query }) => {
        const { q, limit, offset, ...filters } = query;
        const page = await store.search(q, { ...filters, limit, offset });
        // Facets count over every matching document (the store caps one page at 1000).
        const all = offset === 0 && page.total <= limit ? page : await store.search(q, { ...filters, limit: 1000, offset: 0 });
        const snap = await snapshots.get();
        const facets = { outlet: new Map<string, number>(), entity: new Map<string, number>(), type: new Map<string, number>(), year: new Map<string, number>() };
        const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
        for (const hit of all.items) {
          if (hit.document.outlet) bump(facets.outlet, hit.document.outlet);
          if (hit.document.published) bump(facets.year, hit.document.published.slice(0, 4));
          const ids = snap.documents.get(hit.document.id)?.entities ?? [];
          for (const id of ids) bump(facets.entity, id);
          for (const t of new Set(ids.map((id) => snap.entities.get(id)?.type).filter(Boolean) as string[])) bump(facets.type, t);
        }
        const top = (m: Map<string, number>, n: number, label: (k: string) => string = (k) => k) => [...m]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([value, count]) => ({ value, label: label(value), count }));
        return {
          ...page,
          facets: {
            outlet: top(facets.outlet, 20), type: top(facets.type, 20), year: top(facets.year, 30),
            entity: top(facets.entity, 20, (id) => snap.entities.get(id)?.name ?? id),
          },
        };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/sanctions', tag: 'screening', summary: 'Entities with watch-list hits, each hit with its explained score',
      query: S.Paging, response: S.pageOf(S.SanctionsEntity, 'SanctionsPage'),
      handler: async ({ query }) => {
        const snap = await snapshots.get();
        const all = [...snap.sanctions].map(([id, hits]) => ({ ...snap.entities.get(id)!, hits }))
          .sort((a, b) => (b.hits[0]?.score ?? 0) - (a.hits[0]?.score ?? 0) || b.mentionCount - a.mentionCount || (a.id < b.id ? -1 : 1));
        return { items: all.slice(query.offset, query.offset + query.limit), total: all.length, limit: query.limit, offset: query.offset };
      },
    }),
  ];
}
