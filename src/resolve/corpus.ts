// Cross-document identity: cheap, folded, type-aware blocking keys for a document entity, and the
// merge decision against a corpus entity that shares a key. Deciding for a new document needs only
// the candidates its keys retrieve — never a recompute of the corpus.
import type { EntityType } from '../schema/analysis.js';
import { coarseType, isPartialName, nameTokens, tokensAgree } from './cluster.js';
import { acronymVariants, foldName, isAcronym } from './names.js';
import { entityOverrideKeys, sharedMergeGroup, splitBetween, type Overrides } from './overrides.js';

export { foldName } from './names.js';

/** What cross-document identity reads of an entity, in a document or in the corpus. */
export interface CorpusEntityLike {
  name: string;
  type: EntityType;
  aliases: string[];
  kb: string | null;
  /** A corpus entity's id, which override files may name ("person:nicolas-maduro"). */
  id?: string;
}

/** Every name an entity goes by, acronyms and dotted forms included. */
function namesOf(e: CorpusEntityLike): string[] {
  return [...new Set([e.name, ...e.aliases].filter((n) => foldName(n)))];
}

/**
 * Blocking keys: "kb:<id>" when linked; "<CLASS>|<folded name>" for every name (places share one
 * class); for organisations the acronym of each multi-word name ("ORG|irgc"); for people the
 * surname ("PERSON~maduro"), so a bare "Maduro" meets "Nicolás Maduro". Types keep "Saab" the
 * person and "Saab" the company under different keys.
 */
export function identityKeys(e: CorpusEntityLike): string[] {
  const cls = coarseType(e.type);
  const keys = new Set<string>();
  if (e.kb) keys.add(`kb:${e.kb}`);
  for (const n of namesOf(e)) {
    keys.add(`${cls}|${foldName(n)}`);
    if (cls === 'PERSON') {
      const toks = nameTokens(n);
      if (toks.length) keys.add(`PERSON~${toks[toks.length - 1]}`);
    } else if (cls === 'ORG' && /\s/u.test(n.trim())) {
      for (const a of acronymVariants(n)) keys.add(`ORG|${foldName(a)}`);
      const unit = withoutParentPrefix(n);
      if (unit) keys.add(`ORG|${foldName(unit)}`);
    }
  }
  return [...keys].sort();
}

/** "IRGC Quds Force" → "Quds Force", "U.S. Department of Justice" → "Department of Justice". */
function withoutParentPrefix(name: string): string | null {
  const words = name.trim().split(/\s+/u);
  return words.length >= 3 && isAcronym(words[0]) ? words.slice(1).join(' ') : null;
}

/** The full person names (two or more name words) an entity goes by. */
const fullNames = (e: CorpusEntityLike) => namesOf(e).map(nameTokens).filter((t) => t.length >= 2);

function personDecision(a: CorpusEntityLike, b: CorpusEntityLike): { same: boolean; reason: string } {
  const fa = fullNames(a);
  const fb = fullNames(b);
  // Two spelled-out first names with one surname are two people, whatever an initial on either
  // side would allow: "Chris Lewis" is not "Carl Lewis" because the corpus also knows "C. Lewis".
  // First names that begin alike may be one name and its short form ("Jim"/"Jimmy",
  // "Mike"/"Michael") and are left to the rules below.
  const spelled = (t: string[]) => t.every((w) => w.length > 1);
  const otherFirstName = (p: string, q: string) => !tokensAgree(p, q) && p.slice(0, 2) !== q.slice(0, 2);
  for (const x of fa.filter(spelled)) {
    for (const y of fb.filter(spelled)) {
      if (x.length === y.length && tokensAgree(x[x.length - 1], y[y.length - 1]) && otherFirstName(x[0], y[0])) {
        return { same: false, reason: `different first names: "${x.join(' ')}" vs "${y.join(' ')}"` };
      }
    }
  }
  for (const x of fa) {
    for (const y of fb) {
      if (x.length === y.length && x.every((t, i) => tokensAgree(t, y[i]))) return { same: true, reason: `full names agree: "${x.join(' ')}" ~ "${y.join(' ')}"` };
      if (isPartialName(x, y) || isPartialName(y, x)) return { same: true, reason: `partial name: "${x.join(' ')}" within "${y.join(' ')}"` };
    }
  }
  if (fa.length && fb.length) {
    return { same: false, reason: `full names differ: "${fa[0].join(' ')}" vs "${fb[0].join(' ')}"` };
  }
  // One side is a bare surname (or both are): it agrees when it is the other's last name word.
  const bare = fa.length ? b : a;
  const full = fa.length ? a : b;
  const word = nameTokens(bare.name)[0] ?? '';
  const others = fullNames(full);
  if (!others.length) {
    const same = namesOf(a).some((x) => namesOf(b).some((y) => foldName(x) === foldName(y)));
    return { same, reason: same ? `same single name "${word}"` : 'different single names' };
  }
  if (others.some((t) => t.slice(1).some((x) => tokensAgree(x, word)))) {
    return { same: true, reason: `bare surname "${word}" matches "${full.name}" (join only when it is the only such person)` };
  }
  return { same: false, reason: `"${word}" is not a surname of "${full.name}"` };
}

function otherDecision(a: CorpusEntityLike, b: CorpusEntityLike): { same: boolean; reason: string } {
  const na = namesOf(a);
  const nb = namesOf(b);
  const fb = new Set(nb.map(foldName));
  // A one-word name that each side holds only as the head of a longer name ("the Commission" of the
  // European Commission, and of the National Election Commission) is two short forms, not one name.
  const headOf = (names: string[], n: string) => !/\s/u.test(n.trim()) && names.some((m) => /\s/u.test(m.trim()) && foldName(m).endsWith(` ${foldName(n)}`));
  const shared = na.find((n) => fb.has(foldName(n)) && !(headOf(na, n) && headOf(nb, n)));
  if (shared) return { same: true, reason: `shared name "${shared}"` };
  const singular = (s: string) => foldName(s).replace(/s$/u, '');
  const sb = new Set(nb.map(singular));
  const plural = na.find((n) => foldName(n).length > 3 && sb.has(singular(n)) && !(headOf(na, n) && nb.some((m) => singular(m) === singular(n) && headOf(nb, m))));
  if (plural) return { same: true, reason: `singular/plural variant "${plural}"` };
  if (coarseType(a.type) === 'ORG') {
    const fa = new Set(na.map(foldName));
    for (const [x, ys] of [[na, fb], [nb, fa]] as const) {
      const unit = x.find((n) => {
        const u = withoutParentPrefix(n);
        return u !== null && ys.has(foldName(u));
      });
      if (unit) return { same: true, reason: `"${unit}" is the unit named with its parent's acronym` };
    }
    for (const [x, y] of [[na, nb], [nb, na]] as const) {
      for (const acr of x.filter(crossDocumentAcronym)) {
        const expands = (n: string) => /\s/u.test(n) && acronymVariants(n).some((v) => foldName(v) === foldName(acr));
        const exp = y.find(expands);
        if (!exp) continue;
        // An acronym that already goes with a longer name stands for that organisation: "SEC" with
        // "Securities and Exchange Commission" is not also "Shanghai Ek Chor", nor "AOL" with
        // "America Online" the "Association of Lloyd". Without this, one entity gathered every name
        // with its initials, one document at a time. (Names built on the acronym, "IRGC Quds
        // Force", say nothing against it.)
        const own = x.find((n) => /\s/u.test(n) && !n.split(/\s+/u).includes(acr) && !sameExpansion(n, exp));
        if (own) return { same: false, reason: `acronym "${acr}" stands for "${own}", not "${exp}"` };
        return { same: true, reason: `acronym "${acr}" of "${exp}"` };
      }
    }
  }
  return { same: false, reason: 'no shared name' };
}

/** An acronym that may link two documents on its letters alone: three letters or more ("SEC",
 *  "IRGC"). Two letters name too many things ("SC": Security Council, Supreme Court, Sumitomo
 *  Corp); a document that spells one out links it through the shared expansion instead. */
function crossDocumentAcronym(name: string): boolean {
  return isAcronym(name) && name.replace(/[^\p{Lu}]/gu, '').length >= 3;
}

/** Two spelled-out names of one acronym that name one organisation: the words of one among the
 *  other's ("Securities and Exchange Commission", "U.S. Securities and Exchange Commission"), a word
 *  agreeing when spelt alike or sharing its first six letters ("Palestine", "Palestinian"). */
function sameExpansion(a: string, b: string): boolean {
  const wa = foldName(a).split(' ');
  const wb = foldName(b).split(' ');
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const agree = (x: string, y: string) => tokensAgree(x, y) || (x.length >= 6 && y.length >= 6 && x.slice(0, 6) === y.slice(0, 6));
  return short.every((w) => long.some((v) => agree(w, v)));
}

/**
 * Whether a document entity and a corpus entity that share a key are one entity, with the
 * evidence. Overrides first, then knowledge-base ids, then type, then names.
 */
export function sameEntity(a: CorpusEntityLike, b: CorpusEntityLike, overrides?: Overrides): { same: boolean; reason: string } {
  if (overrides) {
    const ka = entityOverrideKeys(a);
    const kb = entityOverrideKeys(b);
    const split = splitBetween(overrides, ka, kb);
    if (split) return { same: false, reason: `override: ${split.names.join(', ')} split off ${split.entity}` };
    const g = sharedMergeGroup(overrides, ka, kb);
    if (g >= 0) return { same: true, reason: `override: merge ${overrides.merge[g].join(' = ')}` };
  }
  if (a.kb && b.kb) {
    return a.kb === b.kb ? { same: true, reason: `same kb id ${a.kb}` } : { same: false, reason: `different kb ids ${a.kb} / ${b.kb}` };
  }
  if (coarseType(a.type) !== coarseType(b.type)) {
    return { same: false, reason: `${a.type} vs ${b.type}, no linking evidence` };
  }
  return coarseType(a.type) === 'PERSON' ? personDecision(a, b) : otherDecision(a, b);
}

/**
 * The corpus entity a document entity joins among the candidates its keys retrieved, or null.
 * Applies sameEntity to each; a bare surname joins only when exactly one corpus person fits.
 */
export function matchCorpusEntity<T extends CorpusEntityLike>(
  e: CorpusEntityLike,
  candidates: T[],
  overrides?: Overrides,
): { match: T | null; reason: string } {
  const hits = candidates.map((c) => ({ c, d: sameEntity(e, c, overrides) })).filter((h) => h.d.same);
  if (!hits.length) return { match: null, reason: 'no candidate agrees' };
  const strong = hits.filter((h) => !/^bare surname/u.test(h.d.reason));
  if (strong.length) return { match: strong[0].c, reason: strong[0].d.reason };
  if (hits.length === 1) return { match: hits[0].c, reason: hits[0].d.reason };
  return { match: null, reason: `bare surname fits ${hits.length} corpus people: left apart` };
}
