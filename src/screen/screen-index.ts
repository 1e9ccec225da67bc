// The screening index over every listed name (primary names, aliases, names derived from parenthesised
// acronyms): token rarity (IDF), an inverted index by token, and the variant indexes (plural,
// transliteration, one-deletion neighbourhoods for edit distance, acronyms, exact and compact forms).
import {
  CLASS_WEIGHT, STOPWORDS, TITLES, TRANSLATIONS, foldTokens, stem, tokenClass, translitKey, type TokenClass,
} from './fold.js';
import type { ListEntry } from './types.js';

export type NameOrigin = 'primary name' | 'alias' | 'weak alias' | 'derived';

/** A name as our side or the list side sees it once folded. */
export interface FoldedName {
  /** Folded tokens without stopwords, translated to the list's English where the glossary knows them. */
  tokens: string[];
  /** The same tokens before translation, for explanations. */
  raw: string[];
  /** All folded tokens, stopwords included, joined by spaces: the exact-folded form. */
  full: string;
  /** `full` without spaces: "AL-QAIDA" and "Alqaida" meet here. */
  compact: string;
  /** Number of leading title words in `tokens` (our PERSON names only). */
  titles: number;
}

export interface ListedName extends FoldedName {
  entry: number;
  text: string;
  origin: NameOrigin;
  weights: number[];
  total: number;
  /** Weight of its name-class tokens: a listed name of generic words only ("NATIONAL BANK") has none. */
  informative: number;
  /** For a person listed as "SURNAMES, Given names": the index in `tokens` of the first given name
   *  (the surnames come before it); -1 when the name has no such structure. */
  givenStart: number;
}

/** A name folded for matching. For our PERSON names, `titles` counts the leading titles ("President",
 *  "Gen.") among `tokens`: they stay (a listed "MULLAH OMAR" still matches) but weigh almost nothing. */
export function foldName(text: string, person = false): FoldedName {
  const all = foldTokens(text);
  const raw = all.filter((t) => !STOPWORDS.has(t));
  let titles = 0;
  if (person) while (titles < raw.length - 1 && TITLES.has(raw[titles])) titles++;
  return { tokens: raw.map((t) => TRANSLATIONS[t] ?? t), raw, full: all.join(' '), compact: all.join(''), titles };
}

/** "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE" also stands as "IRGC-QODS FORCE" and without
 *  the parenthesis; "SEPAH-E QODS (JERUSALEM FORCE)" also as "JERUSALEM FORCE". */
export function derivedNames(name: string): string[] {
  const m = /^(.*?)\s*\(([^()]+)\)\s*(.*)$/.exec(name);
  if (!m) return [];
  const [, before, inner, after] = m;
  const out = new Set<string>();
  const join = (a: string, b: string) => [a, b].filter((s) => s.trim()).join(' ').replace(/\s*-\s*/g, '-').replace(/^-|-$/g, '').trim();
  if (before.trim()) out.add(join(before, after));
  if (/\p{L}{2}/u.test(inner)) out.add(join(inner, after));
  out.delete(name);
  return [...out].filter((s) => foldTokens(s).some((t) => !STOPWORDS.has(t)));
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** Acronym letters of a name: the initials of its tokens that are neither stopwords nor legal forms. */
export const initialsOf = (tokens: string[]): string =>
  tokens.filter((t) => tokenClass(t) !== 'legal').map((t) => t[0]).join('');

export class ScreenIndex {
  readonly names: ListedName[] = [];
  readonly postings = new Map<string, number[]>();
  readonly byFull = new Map<string, number[]>();
  readonly byCompact = new Map<string, number[]>();
  readonly byStem = new Map<string, string[]>();
  readonly byTranslit = new Map<string, string[]>();
  readonly byDeletion = new Map<string, string[]>();
  /** Multi-word names by the initials of their content words ("irgc"). */
  readonly byInitials = new Map<string, number[]>();
  /** Multi-word names by the first three letters of their first content word, for syllabic acronyms. */
  readonly byOnset = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  /** The rarity of a token no listed name holds: the most a token can weigh. */
  readonly unseenIdf: number;

  constructor(readonly entries: readonly ListEntry[]) {
    entries.forEach((entry, e) => {
      const seen = new Set<string>();
      const add = (text: string, origin: NameOrigin) => {
        const folded = foldName(text);
        if (!folded.tokens.length || seen.has(folded.full)) return;
        seen.add(folded.full);
        const comma = text.indexOf(',');
        const givenStart = entry.kind === 'person' && comma > 0 ? foldName(text.slice(0, comma)).tokens.length : -1;
        this.names.push({ ...folded, entry: e, text, origin, weights: [], total: 0, informative: 0, givenStart: givenStart < folded.tokens.length ? givenStart : -1 });
      };
      add(entry.name, 'primary name');
      for (const alias of entry.aliases) add(alias, 'alias');
      for (const alias of entry.weakAliases ?? []) add(alias, 'weak alias');
      for (const text of [entry.name, ...entry.aliases]) for (const derived of derivedNames(text)) add(derived, 'derived');
    });
    const df = new Map<string, number>();
    this.names.forEach((name, n) => {
      for (const token of new Set(name.tokens)) {
        df.set(token, (df.get(token) ?? 0) + 1);
        push(this.postings, token, n);
      }
      push(this.byFull, name.full, n);
      push(this.byCompact, name.compact, n);
      const content = name.raw.filter((t) => tokenClass(t) !== 'legal');
      if (content.length >= 2) push(this.byInitials, initialsOf(name.raw), n);
      if (content.length >= 3 && content[0].length >= 3) push(this.byOnset, content[0].slice(0, 3), n);
    });
    const total = this.names.length + 1;
    for (const [token, count] of df) this.idf.set(token, Math.log(total / (count + 1)) + 0.5);
    this.unseenIdf = Math.log(total) + 0.5;
    for (const name of this.names) {
      name.weights = name.tokens.map((t) => this.weight(t));
      name.total = name.weights.reduce((a, b) => a + b, 0);
      name.informative = name.tokens.reduce((sum, t, i) => sum + (tokenClass(t) === 'name' ? name.weights[i] : 0), 0);
    }
    for (const token of df.keys()) push(this.byStem, stem(token), token);
    // Spelling variants are looked up among the words as listed too ("AIRLINES", indexed as "air"), so a
    // misspelt "Airlnies" still finds them; a variant found stands for the word's indexed form.
    const spellings = new Set(df.keys());
    for (const name of this.names) for (const raw of name.raw) spellings.add(raw);
    for (const token of spellings) {
      if (token.length >= 4) push(this.byTranslit, translitKey(token), token);
      if (token.length >= 6 && (tokenClass(token) === 'name' || token.length >= 8)) for (const d of deletions(token)) push(this.byDeletion, d, token);
    }
  }

  /** How much a token counts: its rarity over all listed names times its class multiplier. */
  weight(token: string, cls: TokenClass = tokenClass(token)): number {
    return (this.idf.get(token) ?? this.unseenIdf) * CLASS_WEIGHT[cls];
  }

  /** Number of listed names holding the token (0 when no list uses it). */
  frequency(token: string): number {
    return this.postings.get(token)?.length ?? 0;
  }
}

/** The token itself and every string one deletion away: two tokens within one edit share one of these. */
export function deletions(token: string): string[] {
  const out = new Set<string>([token]);
  for (let i = 0; i < token.length; i++) out.add(token.slice(0, i) + token.slice(i + 1));
  return [...out];
}
