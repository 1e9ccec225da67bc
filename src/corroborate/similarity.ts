// How alike two statements are: IDF-weighted content-term overlap, entity overlap, event type and
// number/date agreement, combined into one score with the evidence that produced it.
import type { Statement } from './statements.js';

/** Term rarity in the corpus: how many statements hold the term, out of how many. */
export interface TermStats {
  statements: number;
  df: (term: string) => number;
}

export interface Similarity {
  score: number;
  sharedTerms: string[];
  sharedEntities: string[];
  sameEventType: boolean;
  /** Both give numbers (or years) and at least one agrees. */
  numbersAgree: boolean;
}

/** Statements scoring at least this much state the same proposition. */
export const SAME_PROPOSITION = Number(process.env.DOSSIER_SAME ?? 0.4);

/** Inverse document frequency of a term over statements; unseen terms count as rare. */
export function idf(stats: TermStats, term: string): number {
  return Math.log(1 + (stats.statements + 1) / (stats.df(term) + 1));
}

// Squaring IDF lets one rare specific (a base's name, a model code) outweigh several common words
// ("two countries", "cooperation") — the common words are what unrelated statements share.
const IDF_POWER = Number(process.env.DOSSIER_IDF_POWER ?? 2);

/** Weight of a multi-word name's words, relative to the entity feature that stands for the name. */
const NAME_WORD_WEIGHT = 0.35;

function weight(terms: string[], stats: TermStats, cache: Map<string, number>, nameTerms: Set<string> = new Set()): number {
  let sum = 0;
  for (const t of terms) {
    let w = cache.get(t);
    if (w === undefined) cache.set(t, (w = idf(stats, t) ** IDF_POWER));
    sum += nameTerms.has(t) ? w * NAME_WORD_WEIGHT : w;
  }
  return sum;
}

function intersect<T>(a: readonly T[], b: readonly T[]): T[] {
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

/** The weighted features of a statement: its content terms and the corpus entities it names. */
export const featuresOf = (s: Statement): string[] => [...s.terms, ...s.entities.map((e) => `e:${e}`)];

/** Similarity of two statements; `cache` memoises IDF weights within one comparison batch. */
export function statementSimilarity(a: Statement, b: Statement, stats: TermStats, cache = new Map<string, number>()): Similarity {
  const fa = featuresOf(a);
  const fb = featuresOf(b);
  const shared = intersect(fa, fb);
  const namesA = new Set(a.nameTerms ?? []);
  const namesB = new Set(b.nameTerms ?? []);
  const names = new Set([...namesA].filter((t) => namesB.has(t)));
  const wa = weight(fa, stats, cache, namesA);
  const wb = weight(fb, stats, cache, namesB);
  const ws = weight(shared, stats, cache, names);
  // Dice rewards statements of like length; containment lets a short restatement meet a long one.
  const dice = wa + wb > 0 ? (2 * ws) / (wa + wb) : 0;
  const containment = Math.min(wa, wb) > 0 ? ws / Math.min(wa, wb) : 0;
  const shortPenalty = Math.min(1, Math.min(fa.length, fb.length) / 5);
  const sameEventType = !!a.eventType && a.eventType === b.eventType;
  const numbersAgree = agree(a.quantities, b.quantities) || agree(a.years, b.years);
  // Sharing only place names ("Russia", "Venezuela") is sharing the beat, not the proposition.
  const placesA = new Set(a.places ?? []);
  const placesB = new Set(b.places ?? []);
  const specific = shared.some((f) => !placesA.has(f) && !placesB.has(f));
  const score = (0.5 * dice + 0.5 * containment * shortPenalty + (sameEventType ? 0.03 : 0) + (numbersAgree ? 0.05 : 0)) * (specific ? 1 : 0.4);
  return {
    score,
    sharedTerms: shared.filter((t) => !t.startsWith('e:')),
    sharedEntities: shared.filter((t) => t.startsWith('e:')).map((t) => t.slice(2)),
    sameEventType,
    numbersAgree,
  };
}

function agree(a: number[], b: number[]): boolean {
  return a.length > 0 && b.length > 0 && a.some((x) => b.includes(x));
}

/** Blocking keys of a statement: the corpus entities it names and its content terms. Candidate
 *  clusters are those sharing a key; the index skips keys too common to discriminate. */
export function blockingKeys(s: Statement): string[] {
  return featuresOf(s).map((f) => (f.startsWith('e:') ? f : `t:${f}`));
}
