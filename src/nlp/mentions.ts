// The mentions stage: names in the text, typed with OntoNotes classes. Spans come from the trained
// tagger (CoNLL classes), rules for systems and facilities, and gazetteers; refine.ts gives the types.
import type { Context } from '../context.js';
import type { Document, Mention, Token } from '../schema/document.js';
import { join } from 'node:path';
import { MODELS_DIR } from '../paths.js';
import { bilouSpans } from './conll.js';
import { matchAll, type Gazetteers } from './gazetteers.js';
import { cachedGazetteers } from './gazetteer-cache.js';
import { loadModel } from './model.js';
import { tagDocument } from './tagger.js';
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

/** The tagger learnt from Reuters text with straight quotes and ASCII dashes: typography is mapped to that. */
function asTrainingText(word: string): string {
  return word.replace(/[“”«»„]/g, '"').replace(/[‘’‚]/g, "'").replace(/[–—]/g, '-');
}

/** Gazetteer places, demonyms and listed systems the tagger left out: they only fill gaps. */
function gazetteerSpans(gaz: Gazetteers, words: string[]): { start: number; end: number; conll: ConllType }[] {
  const out: { start: number; end: number; conll: ConllType }[] = [];
  const lower = words.map((w) => w.toLowerCase());
  // Places joined by a hyphen in one token ("Iran-Bolivia ties"); split into two mentions later.
  words.forEach((w, i) => {
    if (w.includes('-') && w.split('-').every((p) => isPlace(gaz, p))) out.push({ start: i, end: i + 1, conll: 'LOC' });
  });
  for (const m of matchAll(gaz, lower)) {
    if (!CAPITALISED.test(words[m.start]) || !CAPITALISED.test(words[m.end - 1])) continue;
    const c = m.entry.classes;
    if (c.has('country') || c.has('state') || c.has('region') || c.has('bigcity')) out.push({ start: m.start, end: m.end, conll: 'LOC' });
    else if (c.has('demonym') || c.has('people') || c.has('regionadj') || c.has('product')) out.push({ start: m.start, end: m.end, conll: 'MISC' });
  }
  return out;
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
  // Tokens already covered, so each candidate checks its own few tokens rather than every mention
  // taken so far (quadratic on a long text full of names).
  const covered = new Uint8Array(cands.reduce((n, c) => Math.max(n, c.end), 0));
  const overlaps = (c: Candidate) => {
    if (c.end <= c.start) return taken.some((t) => t.start < c.end && c.start < t.end);
    for (let i = c.start; i < c.end; i++) if (covered[i]) return true;
    return false;
  };
  for (const c of ranked) {
    if (overlaps(c)) continue;
    taken.push(c);
    covered.fill(1, c.start, c.end);
  }
  return taken.sort((a, b) => a.start - b.start).map((c) => c.mention);
}

/** Pipeline stage: fills `doc.mentions`, sorted by start and non-overlapping. */
export function findMentions(doc: Document, ctx: Context): Document {
  const gaz = ctx.resource('gazetteers', () => cachedGazetteers());
  const model = ctx.resource('ner-model', () => loadModel(join(MODELS_DIR, 'ner.bin')));
  const sentenceWords = doc.sentences.map((s) => doc.tokens.slice(s.tokenStart, s.tokenEnd).map((t) => asTrainingText(t.text)));
  const tags = tagDocument(model, gaz, sentenceWords);
  const cands: Candidate[] = [];
  doc.sentences.forEach((sent, si) => {
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
    const tagged = bilouSpans(tags[si]).map((s) => ({ ...s, conll: s.type, origin: 'tagger', priority: 1 }));
    const listed = gazetteerSpans(gaz, words).map((s) => ({ ...s, origin: 'gazetteer', priority: 0 }));
    for (const s of [...tagged, ...listed]) {
      const typed = refineType(gaz, words.slice(s.start, s.end), s.conll);
      if (!typed) continue;
      const m = makeMention(doc, tokens, s.start, s.end, { type: typed.type, origin: s.origin });
      if (typed.refersTo) m.refersTo = typed.refersTo;
      cands.push({ start: sent.tokenStart + s.start, end: sent.tokenStart + s.end, priority: s.priority, mention: m });
    }
  });
  doc.mentions = splitPlaceCompounds(gaz, harmoniseTypes(surnamesArePeople(gaz, resolveOverlaps(cands))));
  return doc;
}

const NAME_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'LOC', 'FAC']);

/**
 * A one-word name that is the surname of a person named in full in the same document is that
 * person ("Nicolas Maduro" … "protects Maduro"), unless the word is itself a listed place.
 */
function surnamesArePeople(gaz: Gazetteers, mentions: Mention[]): Mention[] {
  const surnames = new Set<string>();
  for (const m of mentions) {
    const words = m.text.split(/\s+/);
    if (m.type === 'PERSON' && words.length >= 2) surnames.add(words[words.length - 1]);
  }
  for (const m of mentions) {
    if (m.origin !== 'tagger' || m.type === 'PERSON' || !NAME_TYPES.has(m.type) || !surnames.has(m.text)) continue;
    if (isPlace(gaz, m.text)) continue;
    m.type = 'PERSON';
  }
  return mentions;
}

/**
 * One name, one type within a document: where the tagger typed the same string differently
 * ("Infobae" once ORG, once PERSON), every occurrence takes the type most of them have (ties: the
 * first occurrence's).
 */
function harmoniseTypes(mentions: Mention[]): Mention[] {
  const byText = new Map<string, Mention[]>();
  for (const m of mentions) {
    if (m.origin !== 'tagger' || !NAME_TYPES.has(m.type)) continue;
    const list = byText.get(m.text);
    if (list) list.push(m);
    else byText.set(m.text, [m]);
  }
  for (const list of byText.values()) {
    if (list.length < 2) continue;
    const counts = new Map<string, number>();
    for (const m of list) counts.set(m.type, (counts.get(m.type) ?? 0) + 1);
    let best = list[0].type;
    for (const [type, n] of counts) if (n > (counts.get(best) ?? 0)) best = type as Mention['type'];
    for (const m of list) m.type = best;
  }
  return mentions;
}

function isPlace(gaz: Gazetteers, word: string): boolean {
  const c = gaz.entries.get(word.toLowerCase())?.classes;
  return !!c && (c.has('country') || c.has('state') || c.has('bigcity'));
}

/** "Iran-Bolivia" or "Venezuela Iran" (cooperation) names two places: each becomes its own GPE mention. */
function splitPlaceCompounds(gaz: Gazetteers, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const parts = m.text.split(/([\s-]+)/);
    const names = parts.filter((_, k) => k % 2 === 0);
    const places = names.length > 1 && !isPlace(gaz, m.text) && names.every((p) => isPlace(gaz, p));
    if (!places) {
      out.push(m);
      continue;
    }
    let offset = m.start;
    parts.forEach((p, k) => {
      if (k % 2 === 0) out.push({ start: offset, end: offset + p.length, text: p, type: 'GPE', origin: m.origin });
      offset += p.length;
    });
  }
  return out;
}
