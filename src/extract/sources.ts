// Who says it: the noun phrase naming a claim's source, found around the cue, and its resolution
// to an entity — directly, or through "he"/"she" (the last speaker), "the outlet"/"the report"
// (the last publication quoted) and titles ("the top US commander": a person named nearby).
import type { Document, Token } from '../schema/document.js';
import type { AttributionLexicon } from './lexicons.js';
import { entitySpans, spansWithin, type EntitySpan } from './spans.js';

/** Words between a subject and its reporting verb: "has also", "publicly", "reportedly". */
const AUX = new Set(
  ('has have had is was were be been also publicly repeatedly previously reportedly allegedly already recently ' +
    'later then further again once would will did does do could may might not never long separately earlier ' +
    'immediately subsequently privately openly explicitly directly').split(' '),
);
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);

export interface SourcePhrase {
  start: number;
  end: number;
  /** Token indexes of the phrase, [first, last + 1). */
  tokenStart: number;
  tokenEnd: number;
}

const isCapitalised = (t: string) => /^\p{Lu}/u.test(t);
const isWordy = (t: string) => /[\p{L}\p{N}]/u.test(t);

/** True for a token that can sit inside a source noun phrase. */
function npToken(tok: Token, lex: AttributionLexicon): boolean {
  const t = tok.text;
  const low = t.toLowerCase();
  if (isCapitalised(t) && isWordy(t)) return true;
  if (lex.sourceNouns.has(low) || lex.npModifiers.has(low)) return true;
  if (/^(?:then|ex|former|self)-/u.test(low)) return true;
  if (/^\p{Lu}[\p{L}.-]*$/u.test(t)) return true;
  return false;
}

/** The source phrase ending just before token `cue` (skipping "has", "also", "-ly" adverbs), or null. */
export function subjectBefore(doc: Document, sentenceStart: number, cue: number, lex: AttributionLexicon): SourcePhrase | null {
  const toks = doc.tokens;
  let k = cue - 1;
  while (k >= sentenceStart && (AUX.has(toks[k].text.toLowerCase()) || /^\p{Ll}+ly$/u.test(toks[k].text))) k--;
  if (k < sentenceStart) return null;
  const last = k;
  if (PRONOUNS.has(toks[k].text.toLowerCase())) return { start: toks[k].start, end: toks[k].end, tokenStart: k, tokenEnd: k + 1 };
  // A short tail after the head: "the top commander for the region", "a spokesman for the ministry",
  // "people familiar with the matter", "sources close to the talks".
  for (let j = k - 1; j >= Math.max(sentenceStart + 1, k - 4); j--) {
    const w = toks[j].text.toLowerCase();
    if (w === ',' || w === '.') break;
    if (!/^(?:of|for|at|in|with|to|on)$/u.test(w)) continue;
    const before = toks[j - 1].text.toLowerCase();
    if (lex.sourceNouns.has(before)) {
      k = j - 1;
      break;
    }
    if (/^(?:familiar|close|briefed|knowledgeable|involved)$/u.test(before) && j - 2 >= sentenceStart && lex.sourceNouns.has(toks[j - 2].text.toLowerCase())) {
      k = j - 2;
      break;
    }
  }
  let headAt = k;
  while (k >= sentenceStart && last - k < 14) {
    if (!npToken(toks[k], lex)) {
      // Ordinary modifiers after a determiner: "the finance ministry", "its state news agency".
      const DET = /^(?:the|a|an|its|their|his|her|['’]s)$/iu;
      let d = k;
      while (d > sentenceStart && k - d < 2 && !DET.test(toks[d].text) && /^\p{Ll}[\p{Ll}-]*$/u.test(toks[d].text)) d--;
      if (d < k && DET.test(toks[d].text) && /^\p{Ll}/u.test(toks[k].text)) {
        k = d - 1;
        // "Lebanon's health ministry": the possessor belongs to the phrase.
        if (/^['’]s$/u.test(toks[d].text)) continue;
        break;
      }
      break;
    }
    const low = toks[k].text.toLowerCase();
    // "and" joins two modifiers ("American and Western officials"), never two clauses.
    if (low === 'and' && !(k > sentenceStart && isCapitalised(toks[k - 1].text) && isCapitalised(toks[k + 1].text))) break;
    k--;
  }
  // "Analysts at the International Institute for Strategic Studies estimate": the analysts speak.
  if (k > sentenceStart && /^(?:at|of|for|from|with)$/iu.test(toks[k].text) && lex.sourceNouns.has(toks[k - 1].text.toLowerCase())) {
    headAt = k - 1;
    k -= 2;
    while (k >= sentenceStart && last - k < 18 && npToken(toks[k], lex) && !/^(?:and)$/iu.test(toks[k].text)) k--;
  }
  let first = k + 1;
  // A phrase starts with its determiner or a content word, not with "of", "and" or "’s".
  while (first <= last && /^(?:of|and|for|['’]s|-|de|del)$/iu.test(toks[first].text)) first++;
  if (first > last) return null;
  // It ends with a head: a name or a source noun ("officials"), not a modifier ("the", "top"), nor
  // a determiner capitalised at the start of a sentence ("The suspect said", where "suspect" was
  // read as the verb, gave the source "The").
  const head = toks[headAt].text;
  if (DETERMINER.test(head)) return null;
  if (!isCapitalised(head) && !lex.sourceNouns.has(head.toLowerCase()) && !/^[\p{Lu}.]+$/u.test(head)) return null;
  return { start: toks[first].start, end: toks[last].end, tokenStart: first, tokenEnd: last + 1 };
}

const DETERMINER = /^(?:the|a|an|this|that|these|those|its|their|his|her|our|some|any|each|every|both|all|no)$/iu;

/** The source phrase starting at token `from` and running to the next comma or stop (after "said", "according to"). */
export function phraseAfter(doc: Document, from: number, limit: number, lex: AttributionLexicon, loose = false): SourcePhrase | null {
  const toks = doc.tokens;
  let k = from;
  while (k < limit && k - from < 16) {
    const t = toks[k].text;
    if (/^[,.;:!?—–()\[\]"“”«»]$/u.test(t)) break;
    // After "according to", the phrase runs to punctuation ("the company and flight tracking data");
    // after an inverted verb ("said the admiral X"), it stops where a clause would begin.
    if (!loose && !npToken(toks[k], lex)) break;
    k++;
  }
  if (k === from) return null;
  return { start: toks[from].start, end: toks[k - 1].end, tokenStart: from, tokenEnd: k };
}

const TYPE_RANK: Record<string, number> = { PERSON: 0, ORG: 1, NORP: 2, GPE: 3 };

/** The entity a source phrase names: a person before an organisation before a place. */
export function entityIn(doc: Document, phrase: { start: number; end: number }): EntitySpan | null {
  // A mention may run past the phrase when the phrase stopped at an odd word ("Craig faller").
  const inside = entitySpans(doc).filter((s) => s.start >= phrase.start && s.start < phrase.end && s.end <= phrase.end + 24 && s.type in TYPE_RANK);
  inside.sort((a, b) => TYPE_RANK[a.type] - TYPE_RANK[b.type] || a.start - b.start);
  return inside[0] ?? null;
}

/** The head of a phrase: its last word before a preposition ("commander" in "the top US commander for X"). */
export function headIndex(doc: Document, p: SourcePhrase): number {
  for (let k = p.tokenStart + 1; k < p.tokenEnd; k++) {
    if (/^(?:of|for|at|in|with|from|to|on)$/iu.test(doc.tokens[k].text)) return k - 1;
  }
  return p.tokenEnd - 1;
}

/** How a phrase refers: a pronoun, a publication named before, a title, or a name/description. */
export function phraseKind(doc: Document, p: SourcePhrase, lex: AttributionLexicon): 'pronoun' | 'outlet' | 'role' | 'direct' {
  const words = doc.tokens.slice(p.tokenStart, p.tokenEnd).map((t) => t.text.toLowerCase());
  if (words.length === 1 && PRONOUNS.has(words[0])) return 'pronoun';
  const definite = ['the', 'this', 'that', 'its'].includes(words[0]);
  const head = doc.tokens[headIndex(doc, p)].text.toLowerCase();
  const inside = spansWithin(doc, p.start, p.end);
  const namedInside = inside.length
    ? inside.some((x) => x.type === 'ORG' || x.type === 'PERSON')
    : doc.tokens.slice(p.tokenStart + 1, p.tokenEnd).some((t) => isCapitalised(t.text) && !isDemonymLike(doc, t));
  if (definite && lex.outletNouns.has(head) && !namedInside) return 'outlet';
  // Only a definite title refers back or ahead ("the commander"); "a spokesperson" is a new source.
  if (lex.roleNouns.has(head) && !inside.some((s) => s.type === 'PERSON') && (/^(?:the|this|that)$/u.test(words[0]) || words.length === 1)) return 'role';
  return 'direct';
}

/** A capitalised word that describes rather than names: a demonym or an adjective of place. */
function isDemonymLike(doc: Document, t: Token): boolean {
  const m = doc.mentions.find((x) => x.start <= t.start && x.end >= t.end);
  if (m) return m.type === 'NORP' || !!m.refersTo;
  return /(?:an|ian|ine|ese|ish|i|ic|ch)$/u.test(t.text);
}

/** The name-like core of a phrase with no entity: "Danny Citrinowicz" in "Danny Citrinowicz of INSS". */
export function coreName(doc: Document, p: SourcePhrase): string {
  const toks = doc.tokens.slice(p.tokenStart, p.tokenEnd);
  const text = doc.text.slice(p.start, p.end);
  // "the Argentine outlet Infobae", "spokesperson Esmaeil Baqaei": the names after the last common noun.
  let i = toks.length;
  while (i > 0 && isCapitalised(toks[i - 1].text)) i--;
  if (i > 0 && i < toks.length && !isCapitalised(toks[i - 1].text) && !/^(?:of|for|and|['’]s)$/iu.test(toks[i - 1].text)) {
    return doc.text.slice(toks[i].start, p.end);
  }
  const of = toks.findIndex((t, k) => k > 0 && t.text === 'of');
  if (of > 0 && toks.slice(0, of).every((t) => isCapitalised(t.text))) return doc.text.slice(toks[0].start, toks[of - 1].end);
  return text;
}

/** The last PERSON mention before an offset, within a window. */
export function personBefore(doc: Document, offset: number, window = 600): EntitySpan | null {
  const spans = entitySpans(doc);
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i];
    if (s.end > offset) continue;
    if (offset - s.end > window) break;
    if (s.type === 'PERSON') return s;
  }
  return null;
}

/** The first PERSON mention after an offset, within a window: "the commander said … Admiral Faller". */
export function personAfter(doc: Document, offset: number, window = 400): EntitySpan | null {
  for (const s of entitySpans(doc)) {
    if (s.start < offset) continue;
    if (s.start - offset > window) break;
    if (s.type === 'PERSON') return s;
  }
  return null;
}
