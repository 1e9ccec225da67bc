// Corpus-wide views: the entity network (neighbourhood, paths), places with coordinates for the
// offline map, the timeline, and claim clusters with their provenance trees.
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { Store } from '../store/types.js';
import { loadKnowledgeBase, type KbEntry, type KnowledgeBase } from '../resolve/kb.js';
import type { SnapshotCache } from './snapshot.js';
import { networkOf } from './graph.js';
import { withDocuments } from './corroboration.js';
import { defineRoute, HttpError, type AnyRoute } from './routes.js';
import * as S from './schemas.js';

const require = createRequire(import.meta.url);

/** ISO alpha-2 → ISO numeric (world-atlas shapes are keyed by the numeric code). */
function numericCodes(): Map<string, string> {
  const countries = require('world-countries') as { cca2: string; ccn3: string }[];
  return new Map(countries.filter((c) => c.ccn3).map((c) => [c.cca2, c.ccn3]));
}

export function corpusRoutes(store: Store, snapshots: SnapshotCache): AnyRoute[] {
  let kb: KnowledgeBase | null = null;
  let ccn3: Map<string, string> | null = null;

  async function entityId(idOrName: string): Promise<string> {
    const snap = await snapshots.get();
    if (snap.entities.has(idOrName)) return idOrName;
    const found = await store.findEntity(idOrName);
    if (!found) throw new HttpError(404, 'NOT_FOUND', `no entity ${JSON.stringify(idOrName)}`);
    return found.id;
  }

  return [
    defineRoute({
      method: 'get', path: '/api/graph/neighbourhood', tag: 'graph',
      summary: 'Entities linked to one entity (named together in claims or events) to depth N, with the events they share',
      query: S.NeighbourhoodQuery, response: S.Graph,
      handler: async ({ query }) => {
        const centre = await entityId(query.entity);
        const network = networkOf(await snapshots.get());
        return network.neighbourhood(centre, query.depth, query.max, query.events === 'true', query);
      },
    }),
    defineRoute({
      method: 'get', path: '/api/graph/paths', tag: 'graph', summary: 'Shortest chains of co-occurrence between two entities',
      query: S.PathQuery, response: S.PathResult,
      handler: async ({ query }) => {
        const [from, to] = [await entityId(query.from), await entityId(query.to)];
        return { paths: networkOf(await snapshots.get()).paths(from, to, query.maxLength, query.limit) };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/places', tag: 'graph', summary: 'Places named in the corpus with coordinates from the knowledge base (for the offline map)',
      response: z.object({ items: z.array(S.Place) }),
      handler: async () => {
        const snap = await snapshots.get();
        kb ??= loadKnowledgeBase();
        ccn3 ??= numericCodes();
        const eventsAt = new Map<string, number>();
        for (const ev of snap.events) if (ev.location) eventsAt.set(ev.location, (eventsAt.get(ev.location) ?? 0) + 1);
        const items = [...snap.entities.values()].filter((e) => e.type === 'GPE' || e.type === 'LOC' || e.type === 'FAC').map((e) => {
          const entry: KbEntry | null = e.kb ? kb!.get(e.kb) : null;
          const country = entry?.country ?? null;
          const kind = e.kb?.startsWith('iso:') ? 'country' : e.kb?.startsWith('geo:') ? 'city' : e.kb?.startsWith('region:') ? 'region' : 'other';
          return {
            id: e.id, name: e.name, type: e.type, kb: e.kb, lat: entry?.lat ?? null, lon: entry?.lon ?? null, country,
            ccn3: country ? ccn3!.get(country) ?? null : null, kind: kind as 'country' | 'city' | 'region' | 'other',
            mentionCount: e.mentionCount, documentCount: e.documentCount, events: eventsAt.get(e.id) ?? 0,
          };
        }).sort((a, b) => b.mentionCount - a.mentionCount || (a.id < b.id ? -1 : 1));
        return { items };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/timeline', tag: 'timeline',
      summary: 'Dated events and claims in the order of the dates they name, with granularity, the words that gave the date and the article',
      query: S.TimelineQuery, response: S.pageOf(S.TimelineEntry, 'TimelinePage'),
      handler: async ({ query }) => {
        const snap = await snapshots.get();
        const entity = query.entity ? await entityId(query.entity) : undefined;
        const page = await store.timeline({ ...query, entity });
        const ref = (id: string) => {
          const e = snap.entities.get(id);
          return { id, name: e?.name ?? id, type: e?.type ?? null };
        };
        return { ...page, items: page.items.map((t) => ({ ...t, entityRefs: t.entities.map(ref) })) };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/clusters', tag: 'claims', summary: 'Claim clusters across documents, with source counts and independent roots',
      query: S.Paging.extend({
        entity: z.string().max(300).optional(), minSources: z.coerce.number().int().min(1).max(100).optional().describe('least independent roots'),
        minMembers: z.coerce.number().int().min(1).max(100).optional().describe('least members (1: singletons too)'),
      }),
      response: S.pageOf(S.ClusterSummary, 'ClusterPage'),
      handler: async ({ query }) => {
        const entity = query.entity ? await entityId(query.entity) : undefined;
        return store.listClusters({ ...query, entity });
      },
    }),
    defineRoute({
      method: 'get', path: '/api/clusters/:id', tag: 'claims', summary: 'One claim cluster with its members and provenance tree (article → cited sources → roots)',
      params: S.IdParam, response: S.ClusterDetail,
      handler: async ({ params }) => {
        const cluster = await store.getCluster(params.id);
        if (!cluster) throw new HttpError(404, 'NOT_FOUND', `no claim cluster ${JSON.stringify(params.id)}`);
        return withDocuments(cluster, await snapshots.get());
      },
    }),
  ];
}
