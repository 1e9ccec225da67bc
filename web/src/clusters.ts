// Groups a dossier's claims by the claim cluster they belong to (matched by document and span), so
// the dossier shows each proposition once with its source count and independent roots. Claims no
// cluster holds are grouped by their document.
import type { ClaimRecord, EntityDossier } from './api.js';

export interface ClusterRef {
  id: string;
  canonical: { statement: string; documentId: string; text: string };
  members: number;
  documents: number;
  roots: number;
  modality: string;
  contested: boolean;
  memberRefs?: { documentId: string; start: number; end: number }[];
}

export interface ClaimGroup {
  title: string;
  clusterId: string | null;
  sources: number;
  roots: number | null;
  modalities: string[];
  contested: boolean;
  claims: ClaimRecord[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export function claimGroups(d: EntityDossier): ClaimGroup[] {
  const clusters = (d.clusters as ClusterRef[]).filter((c) => c.memberRefs?.length);
  const groups: ClaimGroup[] = [];
  const placed = new Set<ClaimRecord>();
  for (const cluster of clusters) {
    const claims = d.claims.filter((c) => !placed.has(c) && cluster.memberRefs!.some((m) => m.documentId === c.documentId && overlaps(m, c)));
    if (!claims.length) continue;
    claims.forEach((c) => placed.add(c));
    groups.push({
      title: cluster.canonical.text, clusterId: cluster.id, sources: cluster.documents, roots: cluster.roots,
      modalities: [...new Set(claims.map((c) => c.modality))].sort(), contested: cluster.contested, claims,
    });
  }
  const byDoc = new Map<string, ClaimRecord[]>();
  for (const c of d.claims) if (!placed.has(c)) (byDoc.get(c.documentId) ?? byDoc.set(c.documentId, []).get(c.documentId)!).push(c);
  for (const [doc, claims] of byDoc) {
    groups.push({
      title: `Reported only in ${claims[0].outlet ?? doc}`, clusterId: null, sources: 1, roots: null,
      modalities: [...new Set(claims.map((c) => c.modality))].sort(), contested: false, claims,
    });
  }
  // Best-corroborated first; ties in a stable order.
  return groups.sort((a, b) => b.sources - a.sources || (b.roots ?? 0) - (a.roots ?? 0) || b.claims.length - a.claims.length || (a.title < b.title ? -1 : 1));
}
