// The API's view of the store's corroboration (claim clusters, provenance, document links): a dossier
// needs each cluster with its member spans, and a claim needs the cluster that holds it.
import type { Store } from '../store/types.js';
import type { ClusterDetail, ClusterSummary } from '../corroborate/records.js';
import type { CorpusSnapshot } from './snapshot.js';

export type ClusterWithMembers = ClusterSummary & { memberRefs: { documentId: string; start: number; end: number; kind: string }[] };

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** The clusters naming an entity, each with the spans of its members (so claims can be grouped). */
export async function clustersAbout(store: Store, entity: string): Promise<ClusterWithMembers[]> {
  const page = await store.listClusters({ entity, limit: 200, offset: 0 });
  const out: ClusterWithMembers[] = [];
  for (const summary of page.items) {
    const detail = await store.getCluster(summary.id);
    out.push({ ...summary, memberRefs: (detail?.memberList ?? []).map(({ documentId, start, end, kind }) => ({ documentId, start, end, kind })) });
  }
  return out;
}

/** The cluster holding a claim, found through the clusters of the entities the claim names. */
export async function clusterOfSpan(store: Store, documentId: string, span: { start: number; end: number }, entities: string[]): Promise<ClusterDetail | null> {
  const seen = new Set<string>();
  let best: ClusterDetail | null = null;
  for (const entity of entities) {
    for (const { id } of (await store.listClusters({ entity, limit: 200, offset: 0 })).items) {
      if (seen.has(id)) continue;
      seen.add(id);
      const detail = await store.getCluster(id);
      if (!detail?.memberList.some((m) => m.documentId === documentId && overlaps(m, span))) continue;
      // Prefer the cluster whose member is the claim itself over one holding a neighbouring sentence.
      if (!best || detail.memberList.some((m) => m.documentId === documentId && m.kind === 'claim' && overlaps(m, span))) best = detail;
      if (best === detail && detail.members > 1) return detail;
    }
  }
  return best;
}

/** A cluster with the titles, outlets and dates of the articles it names, so views can show more
 *  than document ids. */
export function withDocuments(cluster: ClusterDetail, snap: CorpusSnapshot): ClusterDetail & { articles: Record<string, { title: string | null; outlet: string | null; published: string | null }> } {
  const ids = new Set(cluster.memberList.map((m) => m.documentId));
  const walk = (nodes: ClusterDetail['provenance']['tree']) => nodes.forEach((n) => {
    if (n.key.startsWith('doc:')) ids.add(n.key.slice(4));
    walk(n.children);
  });
  walk(cluster.provenance.tree);
  const articles: Record<string, { title: string | null; outlet: string | null; published: string | null }> = {};
  for (const id of [...ids].sort()) {
    const d = snap.documents.get(id)?.summary;
    if (d) articles[id] = { title: d.title, outlet: d.outlet, published: d.published };
  }
  return { ...cluster, articles };
}
