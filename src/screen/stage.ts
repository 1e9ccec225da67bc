// The screening stage: every ORG, PERSON and PRODUCT entity (name and aliases) is screened against the
// lists in ctx.options.lists; hits go to entity.sanctions with their score and explanation.
import type { Context } from '../context.js';
import type { SanctionHit } from '../schema/analysis.js';
import type { Document } from '../schema/document.js';
import { Screener } from './matcher.js';

const SCREENED_TYPES = new Set(['ORG', 'PERSON', 'PRODUCT']);

/** The knowledge-base id a listed organisation or system takes from its list entry: only for a
 *  near-exact, unambiguous hit, and never for people (namesakes share names; a person stays unlinked). */
export function listedKb(type: string, hits: SanctionHit[]): string | null {
  if (type === 'PERSON' || !hits.length || hits[0].score < 0.97) return null;
  if (hits.length > 1 && hits[1].score >= hits[0].score - 0.02) return null;
  const list = hits[0].list.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `list:${list}:${hits[0].id}`;
}

export function screenEntities(doc: Document, ctx: Context): Document {
  const lists = ctx.options.lists;
  if (!lists) {
    return { ...doc, entities: doc.entities.map((e) => (e.sanctions ? e : { ...e, sanctions: [] })) };
  }
  const screener = ctx.resource('screener', () => new Screener(lists));
  const entities = doc.entities.map((entity) => {
    if (!SCREENED_TYPES.has(entity.type)) return { ...entity, sanctions: entity.sanctions ?? [] };
    const sanctions: SanctionHit[] = screener
      .screen(entity.name, { type: entity.type, aliases: entity.aliases })
      .map((hit) => ({
        list: hit.entry.list,
        id: hit.entry.id,
        name: hit.entry.name,
        score: Math.round(hit.score * 1000) / 1000,
        programme: hit.entry.programmes.length ? hit.entry.programmes.join('; ') : null,
        explanation: hit.explanation,
      }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.list < b.list ? -1 : a.list > b.list ? 1 : 0));
    return { ...entity, sanctions, kb: entity.kb ?? listedKb(entity.type, sanctions) };
  });
  return { ...doc, entities };
}
