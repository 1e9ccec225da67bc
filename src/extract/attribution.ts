// Attribution patterns: for each reporting cue in a sentence, where the reported content is and
// which words name its source — "X said (that) C", "C, X said", "C, said X", "according to X, C",
// "“C,” the report read", "X pointed to C" — with quotations that may run across sentences.
import type { Document, Sentence } from '../schema/document.js';
import type { AttributionLexicon, Cue } from './lexicons.js';
import { matchAt } from './lexicons.js';
import type { Quotation } from './quotes.js';
import { entityIn, phraseAfter, subjectBefore, type SourcePhrase } from './sources.js';

/** A claim before its source is resolved: content span, cue and the phrase naming the source. */
export interface Candidate {
  start: number;
  end: number;
  cueStart: number;
  cueEnd: number;
  cue: Cue;
  /** The cue as written, lower-cased ("has detailed" → "detailed"). */
  cueText: string;
  /** The words naming the source; null when the cue has none ("…,” said.): the last speaker. */
  phrase: SourcePhrase | null;
  quote: boolean;
  /** An "according to X" inside another claim's content only extends that claim's chain. */
  nestedOnly: boolean;
}

const COMPLEMENTIZERS = new Set(['that', 'how', 'whether', 'why', 'what', ':']);
const OPENERS = new Set(['“', '«', '‘', '"']);
const CLOSERS = new Set(['”', '»', '’', '"']);
const FINITE = new Set(
  ('is are was were has have had will would can could may might must should does did do shall ' +
    'remains remain continues continue plans plan wants want needs need').split(' '),
);
/** What may follow a clause-final cue: "…, X said on Wednesday in a statement", "…, the outlet explains." */
const TRAILING = /^\s*(?:(?:on|in|at|this|last|earlier|later|during|to|yesterday|today|elsewhere|via|through|again|too|also|recently|previously|\p{Ll}+ly)\b[^,;]{0,60})?$/u;
const BE = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being']);

export function findCandidates(doc: Document, lex: AttributionLexicon, quotes: Quotation[]): Candidate[] {
  const words = doc.tokens.map((t) => t.text.toLowerCase());
  const out: Candidate[] = [];
  for (const s of doc.sentences) {
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const hit = matchAt(words, k, lex.cuesByFirst, s.tokenEnd);
      if (!hit) continue;
      // A reporting verb is written in lower case; "Reports indicate" and "United States" are not cues.
      if (/^\p{Lu}/u.test(doc.tokens[k].text) && hit.cue.kind !== 'phrase') continue;
      // ", arguing that …", ", adding that …": the same speaker goes on; the claim before covers it.
      const afterComma = doc.tokens[k - 1]?.text === ',' || (CLOSERS.has(doc.tokens[k - 1]?.text ?? '') && doc.tokens[k - 2]?.text === ',');
      const participle = afterComma && hit.cue.kind !== 'phrase' && /ing$/u.test(words[k]);
      if (participle && out.some((c) => c.cueStart >= s.start)) continue;
      // "The opposition criticized the decision, saying C": the sentence's subject says C.
      if (participle && !doc.tokens[k - 1]?.text.match(/^[”»’"]$/u)) {
        const subject = sentenceSubject(doc, s, k, lex);
        const after = subject ? afterCue(doc, s, hit.end, hit.cue, quotes) : null;
        if (subject && after) {
          out.push({ start: after[0], end: after[1], cueStart: doc.tokens[k].start, cueEnd: doc.tokens[hit.end - 1].end, cue: hit.cue, cueText: cueText(doc, k, hit.end), phrase: subject, quote: false, nestedOnly: false });
          k = hit.end - 1;
          continue;
        }
      }
      const found =
        hit.cue.kind === 'phrase' ? accordingTo(doc, s, k, hit.end, hit.cue, lex) : verbCue(doc, s, k, hit.end, hit.cue, lex, quotes);
      if (found) {
        out.push(found);
        k = hit.end - 1;
      }
    }
  }
  return out;
}

const cueText = (doc: Document, k: number, end: number) => doc.text.slice(doc.tokens[k].start, doc.tokens[end - 1].end).toLowerCase();

/** Content bounds trimmed of spaces and clause punctuation at both ends. */
/** A wire dateline opening a story: "BEIJING, March 4 (Reuters) - ". */
const DATELINE = /^\p{Lu}[\p{Lu} .'-]+,\s+[^()\n]{0,30}\(\p{L}[\p{L} .&-]*\)\s*[-–—]+\s*/u;

function content(doc: Document, start: number, end: number): [number, number] {
  const t = doc.text;
  const dateline = DATELINE.exec(t.slice(start, end));
  if (dateline) start += dateline[0].length;
  while (start < end && /[\s,;:—–-]/u.test(t[start])) start++;
  while (end > start && /[\s,;:—–.-]/u.test(t[end - 1])) end--;
  return [start, end];
}

/** How much of a sentence after a final cue is read for the clause that follows it. */
const REST_WINDOW = 2000;

/** Words in a span, counted up to `max`: callers compare with small thresholds, and counting a whole
 *  run-on sentence at every cue made claim extraction quadratic in the sentence's length. */
function wordCount(doc: Document, start: number, end: number, max = 1000): number {
  const word = /[\p{L}\p{N}]+/gu;
  word.lastIndex = start;
  let n = 0;
  for (let m = word.exec(doc.text); m && m.index < end && n < max; m = word.exec(doc.text)) n++;
  return n;
}

/** The quotation closing right before offset `at` (only commas, spaces or a period between). */
function quoteEndingAt(doc: Document, quotes: Quotation[], at: number): Quotation | null {
  for (const q of quotes) if (q.close < at && /^[\s,.]*$/u.test(doc.text.slice(q.close + 1, at))) return q;
  // "“…,” said": the comma may sit inside the marks.
  return null;
}

/** True when a quotation is the sentence's content from its start (or began in an earlier sentence),
 *  not a quoted fragment at the end of the writer's own words ("Russians helped to « keep … », he added"). */
function opensSentence(doc: Document, s: Sentence, q: Quotation): boolean {
  return q.open <= s.start || /^[\s"“«‘']*$/u.test(doc.text.slice(s.start, q.open));
}

function quoteOpeningAt(doc: Document, quotes: Quotation[], at: number): Quotation | null {
  for (const q of quotes) if (q.open >= at && /^[\s:,]*$/u.test(doc.text.slice(at, q.open))) return q;
  return null;
}

function accordingTo(doc: Document, s: Sentence, k: number, end: number, cue: Cue, lex: AttributionLexicon): Candidate | null {
  const toks = doc.tokens;
  const phrase = phraseAfter(doc, end, s.tokenEnd, lex, true);
  if (!phrase) return null;
  const [ls, le] = content(doc, s.start, toks[k].start);
  const [rs, re] = content(doc, phrase.end, s.end);
  const left = wordCount(doc, ls, le);
  const right = wordCount(doc, rs, re);
  const [start, end2] = left >= right ? [ls, le] : [rs, re];
  if (Math.max(left, right) < 3) return null;
  // "stated that, according to unnamed sources, C": the phrase nests inside the outer claim.
  const nestedOnly = /\b(?:that|said|says|stated|reported)\s*,?\s*$/iu.test(doc.text.slice(s.start, toks[k].start));
  return { start, end: end2, cueStart: toks[k].start, cueEnd: toks[end - 1].end, cue, cueText: cueText(doc, k, end), phrase, quote: false, nestedOnly };
}

function verbCue(
  doc: Document, s: Sentence, k: number, end: number, cue: Cue, lex: AttributionLexicon, quotes: Quotation[],
): Candidate | null {
  const toks = doc.tokens;
  const base = { cueStart: toks[k].start, cueEnd: toks[end - 1].end, cue, cueText: cueText(doc, k, end), nestedOnly: false };
  const prev = k > s.tokenStart ? toks[k - 1].text : '';
  // "Poland's foreign minister, Radoslaw Sikorski, said Warsaw would …" and "The United States, which sold
  // …, urged China to …": a subject before an aside, not an inversion.
  if (prev === ',' && k - 1 > s.tokenStart) {
    const after = afterCue(doc, s, end, cue, quotes);
    const subject = after ? subjectBefore(doc, s.tokenStart, k - 1, lex) ?? subjectBeforeAside(doc, s, k - 1, lex) : null;
    const head = subject ? toks[subject.tokenEnd - 1].text : '';
    if (after && subject && (/^\p{Lu}/u.test(head) || lex.sourceNouns.has(head.toLowerCase()))) {
      const [cs, ce] = after;
      if (wordCount(doc, cs, ce, 2) >= 2) return { ...base, start: cs, end: ce, phrase: subject, quote: false };
    }
  }
  // Inverted: "C, said X" / "“C,” said." — the source follows the cue, the content precedes it.
  if ((prev === ',' || CLOSERS.has(prev)) && cue.kind === 'clause') {
    const phrase = phraseAfter(doc, end, s.tokenEnd, lex);
    // The source closes the clause ("…, said X." / "…, say officials, adding …"); otherwise a clause follows.
    if (phrase && !/^(?:\s+[\p{L}’'-]+){0,2}\s*(?:[,.;!?—–]|$|[“"«])/u.test(doc.text.slice(phrase.end, s.end))) return null;
    const q = quoteEndingAt(doc, quotes, toks[k].start);
    if (q && q.end > q.start && opensSentence(doc, s, q)) return { ...base, start: q.start, end: q.end, phrase, quote: true };
    const [cs, ce] = content(doc, s.start, toks[k].start);
    if (wordCount(doc, cs, ce, 3) < 3) return null;
    return { ...base, start: cs, end: ce, phrase, quote: false };
  }
  // "It is believed that", "was reported": a passive cue names no source.
  let b = k - 1;
  while (b > s.tokenStart && /^\p{Ll}+ly$/u.test(toks[b].text)) b--;
  if (BE.has(toks[b]?.text.toLowerCase() ?? '')) return null;
  // "The European Union condemned the attack and said …": the sentence's subject speaks.
  const phrase = prev === 'and' ? sentenceSubject(doc, s, k, lex) : subjectBefore(doc, s.tokenStart, k, lex);
  if (!phrase) return null;
  if (cue.strictSource && !entityIn(doc, phrase) && !lex.sourceNouns.has(toks[phrase.tokenEnd - 1].text.toLowerCase())) return null;
  const after = afterCue(doc, s, end, cue, quotes);
  if (after) {
    const [cs, ce] = after;
    const q = quoteOpeningAt(doc, quotes, cs);
    // The content is a direct quotation when the quotation is all of it ("X said: “C.”").
    if (q && (q.close + 1 >= ce || /^[\s.,]*$/u.test(doc.text.slice(q.close + 1, s.end)))) {
      return { ...base, start: q.start, end: q.end, phrase, quote: true };
    }
    if (wordCount(doc, cs, ce, 2) < 2) return null;
    return { ...base, start: cs, end: ce, phrase, quote: false };
  }
  // Final or parenthetical: "C, X said." / "C1, Infobae has detailed, with C2" / "“C,” the report read."
  const before = toks[phrase.tokenStart - 1];
  if (!before || phrase.tokenStart <= s.tokenStart) return null;
  // Only a short clause (≤ 8 words) may follow a final cue, so a bounded window of the rest decides;
  // reading to the end of a run-on sentence at every cue made this quadratic.
  const restStart = toks[end - 1].end;
  const rest = doc.text.slice(restStart, Math.min(s.end, restStart + REST_WINDOW));
  const restClause = rest.match(/^([^,.;!?]*)([,.;!?]?)([\s\S]*)$/u)!;
  if (!restClause[2] && restStart + REST_WINDOW < s.end) return null;
  const restWords = (restClause[1].match(/[\p{L}\p{N}]+/gu) ?? []).length;
  // "“C,” Li Qiang told the National People's Congress.": a listener may follow "told".
  if ((!TRAILING.test(restClause[1]) && !cue.object) || restWords > 8) return null;
  if (before.text === ',' || CLOSERS.has(before.text)) {
    const q = quoteEndingAt(doc, quotes, phrase.start);
    if (q && q.end > q.start && opensSentence(doc, s, q)) return { ...base, start: q.start, end: q.end, phrase, quote: true };
    if (cue.finalOnly && !(q && opensSentence(doc, s, q))) return null;
    let [cs, ce] = content(doc, s.start, before.start);
    // A parenthetical cue after a short subject ("The United States, he said, has …"): the whole sentence.
    if (wordCount(doc, cs, ce, 4) < 4 && restClause[2] === ',') [cs, ce] = content(doc, s.start, s.end);
    if (wordCount(doc, cs, ce, 3) < 3) return null;
    return { ...base, start: cs, end: ce, phrase, quote: false };
  }
  return null;
}

/** "X, which/who …, said": the subject before a relative aside that ends at token `comma`. */
function subjectBeforeAside(doc: Document, s: Sentence, comma: number, lex: AttributionLexicon): SourcePhrase | null {
  for (let j = comma - 1; j > s.tokenStart + 1; j--) {
    if (doc.tokens[j].text === ',' && /^(?:which|who|whose|whom|where)$/iu.test(doc.tokens[j + 1]?.text ?? '')) {
      return subjectBefore(doc, s.tokenStart, j, lex);
    }
  }
  return null;
}

/** The source phrase opening a sentence ("The European Union condemned … and said"), if any. */
function sentenceSubject(doc: Document, s: Sentence, k: number, lex: AttributionLexicon): SourcePhrase | null {
  const toks = doc.tokens;
  let start = s.tokenStart;
  // Past an opening adverbial: "In September, the State Department sanctioned … and said".
  if (INTRO.test(toks[start]?.text ?? '')) {
    for (let j = s.tokenStart; j < Math.min(k, s.tokenStart + 6); j++) {
      if (toks[j].text === ',') {
        start = j + 1;
        break;
      }
    }
  }
  let end = start;
  while (end < k && end - start < 3 && /^(?:the|a|an)$/iu.test(toks[end].text)) end++;
  // Names, and the words a source phrase may hold ("The opposition", "Finance Minister Pedro Gomez").
  while (end < k && end - start < 10 && (/^\p{Lu}/u.test(toks[end].text) || lex.sourceNouns.has(toks[end].text.toLowerCase()))) end++;
  if (end === start) return null;
  return subjectBefore(doc, start, end, lex);
}

/** Words opening an adverbial before the subject: "In September, …", "However, …". */
const INTRO = /^(?:In|On|At|After|Before|Since|During|Meanwhile|However|Earlier|Later|Last|This|Under|For|With|From|By|Despite|Although|While|When|Once|Then|Yet|Still|Also|Separately|Overnight|Today|Yesterday)$/u;

/** Where the reported content after a cue starts and ends, or null when nothing follows it. */
function afterCue(doc: Document, s: Sentence, end: number, cue: Cue, quotes: Quotation[]): [number, number] | null {
  const toks = doc.tokens;
  if (cue.finalOnly || end >= s.tokenEnd) return null;
  // "stated in its report this week that", "told reporters that": a short gap before the complementizer.
  for (let j = end; j < Math.min(s.tokenEnd, end + 9); j++) {
    const w = toks[j].text.toLowerCase();
    if (w === ',' && j > end) break;
    if (COMPLEMENTIZERS.has(w) && (w === 'that' || w === ':' || j === end)) {
      const from = w === ':' ? toks[j].end : toks[j].end;
      return clauseTo(doc, s, from, quotes);
    }
    if (OPENERS.has(w) && j === end) return clauseTo(doc, s, toks[j].start, quotes);
    if (w === ',' || w === '.') break;
  }
  const first = toks[end];
  if (!first || /^[,.;!?]$/u.test(first.text)) return null;
  // "told reporters that C" was handled above; "told the congress." has no content after it.
  if (cue.object) return null;
  // "denied targeting civilians", "rejected the claim": a denial takes whatever it denies.
  if (cue.kind === 'object' || cue.modality === 'denied') return clauseTo(doc, s, first.start, quotes);
  if (cue.needsThat) return null;
  // A bare clause ("Maduro has said the country will respond"): a subject, then a finite verb soon.
  if (FINITE.has(first.text.toLowerCase()) || /^\p{Ll}+(?:ed|ing)$/u.test(first.text)) return null;
  for (let j = end + 1; j < Math.min(s.tokenEnd, end + 7); j++) {
    const w = toks[j].text.toLowerCase();
    if (w === ',' || w === '.') break;
    if (FINITE.has(w) || (/^\p{Ll}+ed$/u.test(toks[j].text) && j > end)) return clauseTo(doc, s, first.start, quotes);
  }
  return null;
}

/** The content from an offset to the end of its sentence, or of the quotation it opens. */
function clauseTo(doc: Document, s: Sentence, from: number, quotes: Quotation[]): [number, number] | null {
  const q = quoteOpeningAt(doc, quotes, from);
  const stop = q && q.close >= s.end ? q.close + 1 : s.end;
  const [cs, ce] = content(doc, from, stop);
  return ce > cs ? [cs, ce] : null;
}
