// Full-text query handling shared by the stores: turning user words into a safe FTS query and
// picking the sentences of a hit that contain the words.

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a user query, folded; punctuation and FTS operators are dropped. */
export function queryTerms(query: string): string[] {
  return [...new Set(fold(query).match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 32);
}

/** An FTS5 MATCH expression requiring every word (each quoted, so no operator can be injected). */
export function ftsQuery(query: string): string | null {
  const terms = queryTerms(query);
  return terms.length ? terms.map((t) => `"${t}"`).join(' ') : null;
}

/** The sentences containing query words, most words first, then in text order; at most `max`. */
export function matchingSentences(
  text: string,
  sentences: { start: number; end: number }[],
  query: string,
  max = 3,
): { start: number; end: number; text: string }[] {
  const terms = queryTerms(query);
  if (!terms.length) return [];
  const scored = sentences.map((s) => {
    const words = new Set(fold(text.slice(s.start, s.end)).match(/[\p{L}\p{N}]+/gu) ?? []);
    return { s, hits: terms.filter((t) => words.has(t)).length };
  });
  return scored
    .filter((x) => x.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.s.start - b.s.start)
    .slice(0, max)
    .sort((a, b) => a.s.start - b.s.start)
    .map(({ s }) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) }));
}
