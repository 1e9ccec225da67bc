// Incremental cross-document resolution, shared by every store: each entity of a new document joins
// the corpus entity it is the same as (found through blocking keys), or becomes a new one.
import type { Entity, EntityType } from '../schema/analysis.js';
import { identityKeys, matchCorpusEntity } from '../resolve/corpus.js';
import type { Overrides } from '../resolve/overrides.js';

export interface CorpusCandidate {
  id: string;
  name: string;
  type: EntityType;
  kb: string | null;
  aliases: string[];
}

/** The few store operations resolution needs; each store implements them inside its transaction. */
export interface CorpusIndex {
  candidates(keys: string[]): CorpusCandidate[];
  exists(id: string): boolean;
  create(e: { id: string; name: string; type: EntityType; kb: string | null }): void;
  addNames(id: string, names: [name: string, folded: string][]): void;
  addKeys(id: string, keys: string[]): void;
  update(id: string, name: string, kb: string | null): void;
}

/** Lower case, no accents, single spaces: how names are looked up by users ("show mahan air"). */
export function foldForLookup(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function slug(name: string): string {
  return foldForLookup(name).replace(/ /g, '-').slice(0, 60) || 'unnamed';
}

/** A readable, stable id for a new corpus entity: type and name, numbered when taken. */
function newEntityId(e: Entity, index: CorpusIndex): string {
  const base = `${e.type.toLowerCase()}:${slug(e.name)}`;
  if (!index.exists(base)) return base;
  for (let n = 2; ; n++) if (!index.exists(`${base}-${n}`)) return `${base}-${n}`;
}

/** A word of five letters or more in capitals: a headline's "CHICAGO", not an acronym's "NATO". */
const shouted = (name: string) => /\p{Lu}{5}/u.test(name) && !/\p{Ll}/u.test(name);

/** A better canonical name: the same name with its accents, or a fuller form that contains it, or
 *  the same name in ordinary case where the first one seen came from a headline ("AMERICAN",
 *  "UNITED NATIONS"). */
function fuller(candidate: string, current: string): boolean {
  if (foldForLookup(candidate) !== foldForLookup(current)) return false;
  const [c, k] = [candidate.normalize('NFD').length, current.normalize('NFD').length];
  return c > k || (c === k && shouted(current) && !shouted(candidate));
}

/** Maps each document entity id to a corpus entity id, creating corpus entities as needed. */
export function resolveCorpusEntities(entities: Entity[], index: CorpusIndex, overrides?: Overrides): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const e of entities) {
    const keys = identityKeys(e);
    // A bare surname joins a corpus person only when exactly one fits (matchCorpusEntity).
    const { match } = matchCorpusEntity(e, index.candidates(keys), overrides);
    const id = match?.id ?? newEntityId(e, index);
    if (!match) index.create({ id, name: e.name, type: e.type, kb: e.kb });
    else if (fuller(e.name, match.name) || (!match.kb && e.kb)) index.update(id, fuller(e.name, match.name) ? e.name : match.name, e.kb);
    index.addNames(id, [e.name, ...e.aliases].map((n) => [n, foldForLookup(n)]));
    index.addKeys(id, keys);
    ids[e.id] = id;
  }
  return ids;
}
