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
export const SAME_PROPOSITION = 0.34;

/** Inverse document frequency of a term over statements; unseen terms count as rare. */
export function idf(stats: TermStats, term: string): number {
  return Math.log(1 + (stats.statements + 1) / (stats.df(term) + 1));
}

function weight(terms: string[], stats: TermStats, cache: Map<string, number>): number {
  let sum = 0;
  for (const t of terms) {
    let w = cache.get(t);
    if (w === undefined) cache.set(t, (w = idf(stats, t)));
    sum += w;
  }
  return sum;
}

function intersect<T>(a: readonly T[], b: readonly T[]): T[] {
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

/** Similarity of two statements; `cache` memoises IDF weights within one comparison batch. */
export function statementSimilarity(a: Statement, b: Statement, stats: TermStats, cache = new Map<string, number>()): Similarity {
  const sharedTerms = intersect(a.terms, b.terms);
  const sharedEntities = intersect(a.entities, b.entities);
  const wa = weight(a.terms, stats, cache);
  const wb = weight(b.terms, stats, cache);
  const ws = weight(sharedTerms, stats, cache);
  // Dice rewards statements of like length; containment lets a short restatement meet a long one.
  const dice = wa + wb > 0 ? (2 * ws) / (wa + wb) : 0;
  const containment = Math.min(wa, wb) > 0 ? ws / Math.min(wa, wb) : 0;
  const shortPenalty = Math.min(1, Math.min(a.terms.length, b.terms.length) / 4);
  const termScore = 0.5 * dice + 0.5 * containment * shortPenalty;
  const entityUnion = new Set([...a.entities, ...b.entities]).size;
  const entityScore = entityUnion ? sharedEntities.length / entityUnion : 0;
  const sameEventType = !!a.eventType && a.eventType === b.eventType;
  const numbersAgree = agree(a.quantities, b.quantities) || agree(a.years, b.years);
  const score = 0.7 * termScore + 0.2 * entityScore + (sameEventType ? 0.05 : 0) + (numbersAgree ? 0.05 : 0);
  return { score, sharedTerms, sharedEntities, sameEventType, numbersAgree };
}

function agree(a: number[], b: number[]): boolean {
  return a.length > 0 && b.length > 0 && a.some((x) => b.includes(x));
}

/** Blocking keys of a statement: the corpus entities it names and its content terms. Candidate
 *  clusters are those sharing a key; the index skips keys too common to discriminate. */
export function blockingKeys(s: Statement): string[] {
  return [...s.entities.map((e) => `e:${e}`), ...s.terms.map((t) => `t:${t}`)];
}
