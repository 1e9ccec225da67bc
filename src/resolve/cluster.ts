// Within-document coreference of names: union-find over name forms, joined by shared keys and by
// name-structure rules (surname and given-name references, partial names, acronyms, plural
// variants, parent-prefixed units, parenthesised and "also known as" aliases, role appositions).
import type { EntityType } from '../schema/analysis.js';
import type { NameForm } from './forms.js';
import { acronymVariants, foldName, isAcronym, NAME_PARTICLES } from './names.js';

export class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  /** Joins two sets; the smaller index stays root so roots follow first mention. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

const PLACE = new Set<EntityType>(['GPE', 'LOC', 'FAC']);

/** Coarse class for compatibility: places are one class. */
export function coarseType(t: EntityType): string {
  return PLACE.has(t) ? 'PLACE' : t;
}

/** The type a set of forms gets: a KB type, else a weighted vote (reliable and titled forms count more). */
export function voteType(forms: NameForm[]): EntityType {
  const linked = forms.find((f) => f.kb);
  if (linked?.kb) return linked.kb.type;
  // Reliable evidence (a gazetteer, a descriptor such as "the outlet Infobae") outvotes any
  // number of tagger guesses; among equals, titled and multi-word person forms weigh more.
  const anyReliable = forms.some((f) => f.reliable && !f.descriptive);
  // Full names and titled forms type a cluster better than the lone words joined to them as
  // surnames or short forms ("Maduro" tagged GPE four times beside one "Nicolas Maduro").
  const full = (f: NameForm) => /\s/u.test(f.bare) || f.titles.length > 0;
  const anyFull = forms.some((f) => !f.descriptive && full(f));
  const score = new Map<EntityType, number>();
  for (const f of forms) {
    if (f.descriptive || (anyReliable ? !f.reliable : anyFull && !full(f))) continue;
    const w = f.reliable ? 3 : f.titles.length ? 3 : f.type === 'PERSON' && /\s/u.test(f.bare) ? 2 : 1;
    score.set(f.type, (score.get(f.type) ?? 0) + w);
  }
  let best: EntityType = forms[0].type;
  let bestScore = -1;
  for (const f of forms) {
    const s = score.get(f.type) ?? -1;
    if (s > bestScore) {
      best = f.type;
      bestScore = s;
    }
  }
  return best;
}

/** Tokens of a person name for matching: transliteration-folded, particles dropped. */
export function nameTokens(bare: string): string[] {
  return foldName(bare).split(' ').filter((t) => t && !NAME_PARTICLES.has(t));
}

const skeleton = (t: string) => t.replace(/[aeiou]/g, '');

/** Two name tokens agree: equal after folding, equal consonant skeletons ("Basher"/"Bashar"), or an initial. */
export function tokensAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  return Math.min(a.length, b.length) >= 4 && skeleton(a) === skeleton(b) && skeleton(a).length >= 3;
}

/** `short` is a partial form of `long`: same first token, the rest found in order. */
export function isPartialName(short: string[], long: string[]): boolean {
  if (short.length < 2 || short.length > long.length || !tokensAgree(short[0], long[0])) return false;
  let j = 1;
  for (let i = 1; i < short.length; i++) {
    while (j < long.length && !tokensAgree(short[i], long[j])) j++;
    if (j === long.length) return false;
    j++;
  }
  return true;
}

interface Group {
  root: number;
  forms: NameForm[];
  type: EntityType;
  reliable: boolean;
  linked: boolean;
  tokens: string[];
}

/** Clusters forms: shared keys first, then the name-structure rules; find(i) is form i's cluster. */
export function clusterForms(forms: NameForm[], text: string): UnionFind {
  const uf = new UnionFind(forms.length);
  const byKey = new Map<string, number>();
  forms.forEach((f, i) => {
    if (f.roleOnly || f.descriptive) return;
    const key = f.kb
      ? `kb:${f.kb.id}`
      : f.foreignKb
        ? `kb:${f.foreignKb}`
        : f.type === 'NORP'
          ? `NORP|${f.key.replace(/s$/u, '')}`
          : f.reliable && (f.type === 'ORG' || f.type === 'PERSON')
            ? `name|${f.key}|${f.type}` // "Saab" the company and "Saab" the man keep apart
            : `name|${f.key}`;
    const first = byKey.get(key);
    if (first === undefined) byKey.set(key, i);
    else uf.union(first, i);
  });
  joinUnlinkedToLinked(forms, uf);
  linkPeople(forms, uf);
  joinWeakToReliable(forms, uf);
  linkOrganisations(forms, uf);
  linkAdjacent(forms, uf, text);
  return uf;
}

function groupsOf(forms: NameForm[], uf: UnionFind): Group[] {
  const map = new Map<number, NameForm[]>();
  forms.forEach((f, i) => {
    if (f.descriptive) return;
    const r = uf.find(i);
    const list = map.get(r);
    if (list) list.push(f);
    else map.set(r, [f]);
  });
  return [...map.entries()].map(([root, fs]) => {
    const longest = fs.reduce((a, b) => (nameTokens(b.bare).length > nameTokens(a.bare).length ? b : a));
    return {
      root,
      forms: fs,
      type: voteType(fs),
      reliable: fs.some((f) => f.reliable),
      linked: fs.some((f) => f.kb || f.foreignKb),
      tokens: nameTokens(longest.bare),
    };
  });
}

/** "Tehran" typed ORG by the tagger joins the linked "Tehran" unless its own type is reliable. */
function joinUnlinkedToLinked(forms: NameForm[], uf: UnionFind): void {
  const linkedKey = new Map<string, number>();
  forms.forEach((f, i) => {
    if (f.kb && !f.roleOnly) for (const k of [f.key, foldName(f.surface)]) if (!linkedKey.has(k)) linkedKey.set(k, i);
  });
  forms.forEach((f, i) => {
    if (f.kb || f.foreignKb || f.reliable || f.roleOnly || f.descriptive || f.type === 'NORP') return;
    const j = linkedKey.get(f.key);
    if (j !== undefined) uf.union(j, i);
  });
}

/**
 * A name the tagger typed, left unattached after person linking, joins the same name where
 * reliable evidence typed it ("Infobae" as PERSON joins "the outlet Infobae"). With two reliable
 * readings ("Saab" the company, "Saab" the man) it stays where it is.
 */
function joinWeakToReliable(forms: NameForm[], uf: UnionFind): void {
  const reliable = new Map<string, Set<number>>();
  forms.forEach((f, i) => {
    if (!f.reliable || f.kb || f.roleOnly || f.descriptive) return;
    const set = reliable.get(f.key) ?? new Set<number>();
    set.add(uf.find(i));
    reliable.set(f.key, set);
  });
  const keysByRoot = new Map<number, Set<string>>();
  forms.forEach((f, i) => {
    const r = uf.find(i);
    const set = keysByRoot.get(r) ?? new Set<string>();
    set.add(f.key);
    keysByRoot.set(r, set);
  });
  forms.forEach((f, i) => {
    if (f.reliable || f.kb || f.foreignKb || f.roleOnly || f.descriptive) return;
    const roots = reliable.get(f.key);
    if (!roots || roots.size !== 1) return;
    // Only forms still among their own kind (not already joined to a fuller person name).
    if (keysByRoot.get(uf.find(i))!.size === 1) uf.union([...roots][0], i);
  });
}

/** The one distinct root among candidates, or -1 when none or several. */
function uniqueRoot(cands: Group[], uf: UnionFind): number {
  const roots = new Set(cands.map((g) => uf.find(g.root)));
  return roots.size === 1 ? [...roots][0] : -1;
}

/** Surname, given-name and partial-name references join the one person they can mean. */
function linkPeople(forms: NameForm[], uf: UnionFind): void {
  const groups = groupsOf(forms, uf);
  const people = groups.filter((g) => g.type === 'PERSON' && g.tokens.length >= 2 && !g.linked);
  // Shorter names first, so "Edmundo Gonzalez" finds "Edmundo Gonzalez Urrutia" before others lean on it.
  const ordered = [...groups].sort((a, b) => a.tokens.length - b.tokens.length || a.root - b.root);
  for (const g of ordered) {
    if (g.linked || g.tokens.length === 0) continue;
    if (g.tokens.length === 1) {
      // A single word joins a person only when its own type does not reliably say otherwise.
      if (g.type !== 'PERSON' && g.reliable) continue;
      // Tagger types on a lone surname are noise ("Maduro" as ORG or GPE, "Erdoğan" as NORP);
      // demonyms are reliable NORP and were skipped above; products are never surnames.
      if (g.type === 'PRODUCT') continue;
      const t = g.tokens[0];
      // An initial stands for a name, but not for any word with its letter: "Hampshire" is not
      // the first name of "H. Morris", nor "Washington" a name of "George W. Bush".
      const named = (x: string) => x.length > 1 && tokensAgree(x, t);
      const bySurname = people.filter((p) => p.root !== g.root && p.tokens.slice(1).some(named));
      let target = uniqueRoot(bySurname, uf);
      if (target < 0 && bySurname.length === 0) {
        target = uniqueRoot(people.filter((p) => p.root !== g.root && named(p.tokens[0]) && t.length > 1), uf);
      }
      if (target >= 0) uf.union(target, g.root);
      continue;
    }
    if (g.type !== 'PERSON') continue;
    const longer = people.filter(
      (p) => uf.find(p.root) !== uf.find(g.root) && p.tokens.length >= g.tokens.length && isPartialName(g.tokens, p.tokens),
    );
    const target = uniqueRoot(longer, uf);
    if (target >= 0) uf.union(target, g.root);
  }
}

const letters = (s: string) => s.replace(/[.\s-]/gu, '').toUpperCase();

/** Acronyms and their expansions, plural variants, and "IRGC Quds Force" with "Quds Force". */
function linkOrganisations(forms: NameForm[], uf: UnionFind): void {
  const groups = groupsOf(forms, uf).filter((g) => g.type !== 'PERSON' && g.type !== 'NORP');
  const expansions = new Map<string, Group[]>();
  for (const g of groups) {
    for (const f of g.forms) {
      if (!/\s/u.test(f.bare)) continue;
      for (const a of acronymVariants(f.bare)) {
        const list = expansions.get(a) ?? [];
        if (!list.includes(g)) list.push(g);
        expansions.set(a, list);
      }
    }
  }
  for (const g of groups) {
    if (g.linked) continue;
    const acr = g.forms.find((f) => isAcronym(f.bare));
    if (acr) {
      const target = uniqueRoot((expansions.get(letters(acr.bare)) ?? []).filter((e) => e !== g), uf);
      if (target >= 0) uf.union(target, g.root);
    }
  }
  const singular = new Map<string, Group>();
  for (const g of groups) {
    if (g.linked) continue;
    for (const f of g.forms) {
      const s = f.key.replace(/s$/u, '');
      const other = singular.get(s);
      if (other && other !== g && coarseType(other.type) === coarseType(g.type) && f.key.length > 3) uf.union(other.root, g.root);
      else singular.set(s, g);
    }
  }
  // "the Times" after "The New York Times": a one-word organisation name that is the head word of
  // exactly one longer organisation name in the text.
  for (const g of groups) {
    if (g.linked || g.type !== 'ORG' || g.forms.some((f) => /\s/u.test(f.bare) || isAcronym(f.bare))) continue;
    const head = g.forms[0].key;
    const longer = groups.filter((o) => o !== g && o.type === 'ORG' && o.forms.some((f) => f.key.endsWith(` ${head}`)));
    const target = uniqueRoot(longer, uf);
    if (target >= 0) uf.union(target, g.root);
  }
  const byKey = new Map<string, Group>();
  for (const g of groups) for (const f of g.forms) byKey.set(f.key, g);
  for (const g of groups) {
    if (g.linked || g.type !== 'ORG') continue;
    for (const f of g.forms) {
      const toks = f.key.split(' ');
      for (let k = 1; k < toks.length; k++) {
        const child = byKey.get(toks.slice(k).join(' '));
        if (!child || child === g || child.type !== 'ORG') continue;
        const prefix = f.bare.split(/\s+/u).slice(0, k).join(' ');
        const parent = byKey.get(toks.slice(0, k).join(' '));
        if ((parent && parent !== g && parent.type === 'ORG') || isAcronym(prefix)) {
          uf.union(child.root, g.root);
          break;
        }
      }
    }
  }
}

const ALIAS_BETWEEN = /^\s*,?\s*(?:also known as|a\.k\.a\.?|aka|known locally as|locally known as|known as|dubbed|formerly known as|now called|renamed)\s+$/iu;

/**
 * Adjacent mentions that name one thing: "ZAMORA V-1 (Shahed-131)", "Islamic Revolutionary Guard
 * Corps (IRGC)", "X, also known as Y", and a role set beside a name ("the President of Venezuela,
 * Nicolas Maduro").
 */
function linkAdjacent(forms: NameForm[], uf: UnionFind, text: string): void {
  const order = forms.map((_, i) => i).filter((i) => !forms[i].descriptive).sort((a, b) => forms[a].start - forms[b].start);
  for (let k = 0; k + 1 < order.length; k++) {
    const a = forms[order[k]];
    const b = forms[order[k + 1]];
    const between = text.slice(a.end, b.start);
    if (between.length > 30) continue;
    const paren = /^[\s'’s]*[([]\s*$/u.test(between) && /^\s*[)\]]/u.test(text.slice(b.end, b.end + 3));
    if (paren || ALIAS_BETWEEN.test(between)) {
      if (namesSameThing(a, b)) uf.union(order[k], order[k + 1]);
      continue;
    }
    if (/^\s*,\s*$/u.test(between)) {
      const role = a.roleOnly ? b : b.roleOnly ? a : null;
      if (role && !role.roleOnly && role.type === 'PERSON') uf.union(order[k], order[k + 1]);
    }
  }
}

function namesSameThing(a: NameForm, b: NameForm): boolean {
  if (a.roleOnly || b.roleOnly) return false;
  if (a.kb && b.kb) return a.kb.id === b.kb.id;
  const acr = isAcronym(b.bare) ? b : isAcronym(a.bare) ? a : null;
  const full = acr === b ? a : b;
  if (acr && /\s/u.test(full.bare)) {
    return acronymVariants(full.bare).some((v) => v.startsWith(letters(acr.bare)) || letters(acr.bare).startsWith(v));
  }
  if (PLACE.has(a.type) || PLACE.has(b.type)) return false;
  return coarseType(a.type) === coarseType(b.type) || a.type === 'PRODUCT' || b.type === 'PRODUCT';
}
