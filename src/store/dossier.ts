// Assembling an entity's dossier from what a store read: the parts every backend computes alike.
import type { SanctionHit } from '../schema/analysis.js';
import type { ClaimRecord, DocumentSummary, EntityDossier, EntitySummary, EventRecord } from './types.js';

/** The best hit per list entry across an entity's documents, strongest first. */
export function strongestHits(perDocument: SanctionHit[][]): SanctionHit[] {
  const hits = new Map<string, SanctionHit>();
  for (const list of perDocument) {
    for (const h of list) {
      const key = `${h.list}|${h.id}`;
      if (!hits.has(key) || hits.get(key)!.score < h.score) hits.set(key, h);
    }
  }
  return [...hits.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** Who is cited as the source of the claims, with counts, most cited first. */
export function citedSources(claims: ClaimRecord[]): EntityDossier['sources'] {
  const sources = new Map<string, { name: string; entityId: string | null; claims: number }>();
  for (const c of claims) {
    const name = c.sourceName ?? c.sourceText;
    if (!name) continue;
    const key = c.source ?? name;
    const s = sources.get(key) ?? { name, entityId: c.source, claims: 0 };
    s.claims++;
    sources.set(key, s);
  }
  return [...sources.values()].sort((a, b) => b.claims - a.claims || a.name.localeCompare(b.name));
}

export function assembleDossier(parts: {
  summary: EntitySummary; aliases: string[]; hits: SanctionHit[][]; documents: DocumentSummary[];
  claims: ClaimRecord[]; events: EventRecord[];
}): EntityDossier {
  return {
    ...parts.summary,
    aliases: parts.aliases.filter((n) => n !== parts.summary.name),
    sanctions: strongestHits(parts.hits),
    documents: parts.documents,
    claims: parts.claims,
    events: parts.events,
    sources: citedSources(parts.claims),
  };
}

/** (document id, entity id) pairs, sorted, grouped into each document's entity ids. */
export function entitiesByDocument(pairs: [string, string][]): Map<string, string[]> {
  const byDoc = new Map<string, string[]>();
  for (const [doc, entity] of pairs) {
    const ids = byDoc.get(doc);
    if (ids) ids.push(entity);
    else byDoc.set(doc, [entity]);
  }
  return byDoc;
}
