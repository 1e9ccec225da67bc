// The corroboration methods of the store (claim clusters, provenance, timeline, document links),
// reached through one adapter so routes work the same whether or not a store implements them yet.
import type { Store } from '../store/types.js';

interface MemberSpan {
  documentId: string;
  start: number;
  end: number;
}

interface PageLike {
  items: unknown[];
  total: number;
  limit?: number;
  offset?: number;
}

/** The corroboration part of the Store interface, as the API calls it. */
interface CorroboratingStore {
  listClusters(q: { entity?: string; minSources?: number; limit?: number; offset?: number }): Promise<PageLike>;
  getCluster(id: string): Promise<unknown | null>;
  timeline(q: { entity?: string; from?: string; to?: string }): Promise<unknown>;
  documentLinks(docId: string): Promise<unknown[]>;
}

export interface Corroboration {
  available: boolean;
  listClusters(q: { entity?: string; minSources?: number; limit: number; offset: number }): Promise<PageLike>;
  getCluster(id: string): Promise<unknown | null>;
  clustersAbout(entity: string): Promise<unknown[]>;
  /** The cluster holding a claim (found through the clusters of the entities it names), or null. */
  clusterOfSpan(documentId: string, span: { start: number; end: number }, entities: string[]): Promise<unknown | null>;
  documentLinks(docId: string): Promise<unknown[]>;
  /** The store's own timeline, or null when it has none (the API then builds one from events). */
  timeline(q: { entity?: string; from?: string; to?: string }): Promise<unknown | null>;
}

const has = <K extends keyof CorroboratingStore>(s: object, k: K): s is Pick<CorroboratingStore, K> =>
  typeof (s as Record<string, unknown>)[k] === 'function';

export function corroborationOf(store: Store): Corroboration {
  return {
    available: has(store, 'listClusters'),
    async listClusters(q) {
      if (!has(store, 'listClusters')) return { items: [], total: 0, limit: q.limit, offset: q.offset };
      return store.listClusters(q);
    },
    async getCluster(id) {
      return has(store, 'getCluster') ? store.getCluster(id) : null;
    },
    async clustersAbout(entity) {
      if (!has(store, 'listClusters')) return [];
      const items = (await store.listClusters({ entity, limit: 100, offset: 0 })).items as { id: string }[];
      // With the spans of their members, so a dossier can put each claim under its cluster.
      return Promise.all(items.map(async (summary) => {
        const detail = has(store, 'getCluster') ? (await store.getCluster(summary.id)) as { memberList?: MemberSpan[] } | null : null;
        return { ...summary, memberRefs: (detail?.memberList ?? []).map(({ documentId, start, end }) => ({ documentId, start, end })) };
      }));
    },
    async clusterOfSpan(documentId, span, entities) {
      if (!has(store, 'listClusters') || !has(store, 'getCluster')) return null;
      for (const entity of entities) {
        const items = (await store.listClusters({ entity, limit: 200, offset: 0 })).items as { id: string }[];
        for (const { id } of items) {
          const detail = (await store.getCluster(id)) as { memberList?: MemberSpan[] } | null;
          if (detail?.memberList?.some((m) => m.documentId === documentId && m.start < span.end && span.start < m.end)) return detail;
        }
      }
      return null;
    },
    async documentLinks(docId) {
      return has(store, 'documentLinks') ? store.documentLinks(docId) : [];
    },
    async timeline(q) {
      return has(store, 'timeline') ? store.timeline(q) : null;
    },
  };
}
