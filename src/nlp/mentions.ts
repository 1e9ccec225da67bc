// The mentions stage: names in the text, typed with OntoNotes classes. Candidate spans come from
// capitalised name chunks and rules; typed gazetteers and head words give the types.
import type { Context } from '../context.js';
import type { Document, Mention, Token } from '../schema/document.js';
import { loadGazetteers, type Gazetteers } from './gazetteers.js';
import { refineType, type ConllType } from './refine.js';
import { ruleSpans } from './rules.js';

interface Candidate {
  /** Token indexes into the document, end exclusive. */
  start: number;
  end: number;
  mention: Mention;
  /** Higher wins an overlap. */
  priority: number;
}

const CAPITALISED = /^\p{Lu}/u;
const LINKS = new Set(['of', 'de', 'del', 'la', 'al', 'bin', 'van', 'von', 'da', 'dos']);
const SENTENCE_STARTERS = new Set(
  ('The A An In On At But And Among That This These Those It Its He She They We I You His Her Their Our ' +
    'Furthermore However Meanwhile According After Before While When Where As For From With By If Since ' +
    'Although Despite Other Some Many Most Such Both Each Several Former Last Next One Two What Who Why How').split(' '),
);

/** Capitalised chunks of a sentence, typed by gazetteer and head words. */
function chunkSpans(gaz: Gazetteers, words: string[]): { start: number; end: number; conll: ConllType }[] {
  const spans: { start: number; end: number; conll: ConllType }[] = [];
  let i = 0;
  while (i < words.length) {
    if (!CAPITALISED.test(words[i]) || SENTENCE_STARTERS.has(words[i])) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < words.length) {
      if (CAPITALISED.test(words[end])) end++;
      else if (LINKS.has(words[end]) && end + 1 < words.length && CAPITALISED.test(words[end + 1])) end += 2;
      else break;
    }
    const lower = words.slice(i, end).map((w) => w.toLowerCase());
    const cls = gaz.entries.get(lower.join(' '))?.classes;
    let conll: ConllType;
    if (cls && (cls.has('country') || cls.has('city') || cls.has('state') || cls.has('region'))) conll = 'LOC';
    else if (cls && (cls.has('demonym') || cls.has('norp') || cls.has('regionadj'))) conll = 'MISC';
    else if (cls && (cls.has('org') || cls.has('airline'))) conll = 'ORG';
    else if (end - i >= 2 && end - i <= 3 && lower.every((w) => !gaz.heads.has(w))) conll = 'PER';
    else conll = 'ORG';
    spans.push({ start: i, end, conll });
    i = end;
  }
  return spans;
}

function makeMention(doc: Document, tokens: Token[], start: number, end: number, m: Omit<Mention, 'start' | 'end' | 'text'>): Mention {
  const s = tokens[start].start;
  const e = tokens[end - 1].end;
  return { start: s, end: e, text: doc.text.slice(s, e), ...m };
}

/** Keeps the best of overlapping candidates: higher priority, then longer, then earlier. */
function resolveOverlaps(cands: Candidate[]): Mention[] {
  const ranked = [...cands].sort(
    (a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const taken: Candidate[] = [];
  for (const c of ranked) {
    if (taken.some((t) => t.start < c.end && c.start < t.end)) continue;
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start).map((c) => c.mention);
}

/** Pipeline stage: fills `doc.mentions`, sorted by start and non-overlapping. */
export function findMentions(doc: Document, ctx: Context): Document {
  const gaz = ctx.resource('gazetteers', loadGazetteers);
  const cands: Candidate[] = [];
  for (const sent of doc.sentences) {
    const tokens = doc.tokens.slice(sent.tokenStart, sent.tokenEnd);
    const words = tokens.map((t) => t.text);
    for (const r of ruleSpans(gaz, tokens)) {
      cands.push({
        start: sent.tokenStart + r.start,
        end: sent.tokenStart + r.end,
        priority: 2,
        mention: makeMention(doc, tokens, r.start, r.end, { type: r.type, origin: r.origin }),
      });
    }
    for (const s of chunkSpans(gaz, words)) {
      const typed = refineType(gaz, words.slice(s.start, s.end), s.conll);
      if (!typed) continue;
      const m = makeMention(doc, tokens, s.start, s.end, { type: typed.type, origin: 'rule' });
      if (typed.refersTo) m.refersTo = typed.refersTo;
      cands.push({ start: sent.tokenStart + s.start, end: sent.tokenStart + s.end, priority: 1, mention: m });
    }
  }
  doc.mentions = resolveOverlaps(cands);
  return doc;
}
