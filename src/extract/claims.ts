// Claims stage: every attributed statement (content span, source, cue, quote, modality, chain of
// attribution) and the article's own statements, attributed to its outlet.
import type { Context } from '../context.js';
import type { Claim, Modality } from '../schema/analysis.js';
import type { Document } from '../schema/document.js';
import { findCandidates, type Candidate } from './attribution.js';
import { attributionLexicon, type AttributionLexicon } from './lexicons.js';
import { findQuotations, type Quotation } from './quotes.js';
import { coreName, entityIn, headIndex, personAfter, personBefore, phraseKind, type SourcePhrase } from './sources.js';
import { overlaps, sentenceAt } from './spans.js';

interface Speaker {
  id: string | null;
  text: string;
  type: string | null;
  plural: boolean;
  at: number;
}

interface Attributed extends Candidate {
  source: string | null;
  sourceText: string | null;
  speaker: Speaker | null;
  chain: string[];
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/^the\s+/u, '').replace(/[^\p{L}\p{N}]/gu, '');

/** The entity standing for the article's outlet, when the text names it. */
function outletEntity(doc: Document): string | null {
  const outlet = doc.article.outlet;
  if (!outlet) return null;
  const f = fold(outlet);
  return doc.entities.find((e) => [e.name, ...e.aliases].some((n) => fold(n) === f))?.id ?? null;
}

/** Nouns for groups that speak for their state: "US officials" is the United States speaking; "analysts" are not. */
const STATE_VOICES = new Set(['officials', 'official', 'authorities', 'government', 'ministry', 'office', 'army', 'police', 'presidency', 'diplomats', 'spokesperson', 'spokesman', 'spokeswoman', 'embassy', 'military', 'administration', 'regime', 'leaders', 'police']);

/** A publication or institution quoted before (for "the outlet", "it"): not a person, not a crowd. */
const outletLike = (s: Speaker) => !s.plural && (s.type === 'ORG' || (s.type !== 'NORP' && s.type !== 'GPE' && /^\p{Lu}\S*$/u.test(s.text)));

/** A source named directly: its entity, and the words naming it (the name, or the whole "US officials"). */
function directSpeaker(doc: Document, p: SourcePhrase, lex: AttributionLexicon, at: number): Speaker {
  const headTok = doc.tokens[headIndex(doc, p)];
  const head = headTok.text.toLowerCase();
  const e = entityIn(doc, p);
  if (/^\p{Ll}/u.test(headTok.text) || (lex.sourceNouns.has(head) && !/^(?:he|she|it|they|we|i)$/u.test(head))) {
    // A description ("Venezuelan analysts", "the company"): the words as written, the entity only when it is the speaker.
    const text = doc.text.slice(p.start, p.end).replace(/^(?:the|a|an)\s+/iu, '');
    const speaks = e && (STATE_VOICES.has(head) || e.start <= p.start + 4 && e.end >= p.end - 1);
    return { id: speaks ? e.entity : null, text, type: speaks ? e.type : null, plural: /s$/u.test(head), at };
  }
  const text = e ? doc.text.slice(e.start, e.end) : coreName(doc, p);
  return { id: e?.entity ?? null, text, type: e?.type ?? null, plural: false, at };
}

/** Resolves each candidate's source in reading order, keeping the speakers seen so far. */
function resolveSources(doc: Document, cands: Candidate[], lex: AttributionLexicon): Attributed[] {
  const history: Speaker[] = [];
  const out: Attributed[] = [];
  const last = (pred: (s: Speaker) => boolean, at: number, window = 2500) => {
    for (let i = history.length - 1; i >= 0; i--) if (at - history[i].at < window && pred(history[i])) return history[i];
    return null;
  };
  for (const c of [...cands].sort((a, b) => a.cueStart - b.cueStart)) {
    let speaker: Speaker | null = null;
    let resolved = true;
    const p = c.phrase;
    const kind = p ? phraseKind(doc, p, lex) : null;
    const word = p ? doc.text.slice(p.start, p.end).toLowerCase() : '';
    if (!p) {
      speaker = last(() => true, c.cueStart, 800);
    } else if (kind === 'pronoun') {
      if (word === 'he' || word === 'she') {
        speaker = last((s) => s.type === 'PERSON' || (s.type === null && !s.plural && s.text.includes(' ')), c.cueStart);
        const person = speaker ? null : personBefore(doc, p.start);
        if (person) speaker = { id: person.entity, text: person.name, type: 'PERSON', plural: false, at: c.cueStart };
      } else if (word === 'they') speaker = last((s) => s.plural, c.cueStart) ?? last(() => true, c.cueStart, 800);
      else speaker = last((s) => s.type !== 'PERSON' && !s.plural, c.cueStart);
      resolved = speaker !== null;
    } else if (kind === 'outlet') {
      speaker = last(outletLike, c.cueStart, 100000);
    } else if (kind === 'role') {
      // "Pedro Gomez, the finance minister, said": the person the title is set beside.
      const apposed = personBefore(doc, p.start, 4);
      speaker = apposed && /^\s*,\s*$/u.test(doc.text.slice(apposed.end, p.start)) && /^\s*,/u.test(doc.text.slice(p.end, c.cueStart))
        ? { id: apposed.entity, text: apposed.name, type: 'PERSON', plural: false, at: c.cueStart }
        : last((s) => s.type === 'PERSON', c.cueStart, 600);
      const person = speaker ? null : personAfter(doc, p.end);
      if (person) speaker = { id: person.entity, text: person.name, type: 'PERSON', plural: false, at: c.cueStart };
    }
    if (p && !speaker && resolved) speaker = directSpeaker(doc, p, lex, c.cueStart);
    if (speaker) {
      speaker = { ...speaker, at: c.cueStart };
      history.push(speaker);
    }
    out.push({ ...c, source: speaker?.id ?? null, sourceText: speaker?.text ?? null, speaker, chain: [] });
  }
  return out;
}

const hasWord = (text: string, phrases: string[]) => {
  const low = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}’']+/gu, ' ')} `;
  return phrases.some((h) => low.includes(` ${h} `));
};

/** asserted | reported | hedged | speculative | denied, from the cue and the words of the claim. */
function modalityOf(cueModality: Modality | undefined, text: string, attributed: boolean, lex: AttributionLexicon): Modality {
  if (cueModality === 'denied' || /\b(?:denied|rejected the claim|dismissed the claim)\b/iu.test(text)) return 'denied';
  if (hasWord(text, lex.speculative)) return 'speculative';
  if (cueModality === 'hedged' || hasWord(text, lex.hedges)) return 'hedged';
  return attributed ? 'reported' : 'asserted';
}

/** Quotations not yet claimed, right after a quoted claim ("“A,” X said. “B.”"): the same speaker. */
function continuations(doc: Document, claims: Attributed[], quotes: Quotation[]): Attributed[] {
  const extra: Attributed[] = [];
  for (const q of quotes) {
    if (claims.some((c) => overlaps(c, q) || (c.cueStart >= q.open && c.cueStart <= q.close + 3))) continue;
    const prev = [...claims, ...extra].filter((c) => c.quote && c.end <= q.open).sort((a, b) => b.end - a.end)[0];
    if (!prev || !prev.speaker) continue;
    const between = doc.text.slice(Math.max(prev.end, prev.cueEnd), q.open);
    // Only the attribution and sentence punctuation between them, no new paragraph of narration.
    if (between.length > 120 || /\n\s*\n/u.test(between) || (between.match(/[.!?]/gu) ?? []).length > 1) continue;
    const s = sentenceAt(doc, q.open);
    // "“A,” he added, “B.”" continues in the same sentence; otherwise the quotation opens its sentence.
    const sameSentence = /^[\s,]*$/u.test(doc.text.slice(prev.cueEnd, q.open).replace(/^[^,]*?(?=,)/u, ''));
    if (s >= 0 && q.open - doc.sentences[s].start > 2 && !sameSentence) continue;
    extra.push({ ...prev, start: q.start, end: q.end, cueStart: q.open, cueEnd: q.open, nestedOnly: false });
  }
  return extra;
}

/** Pipeline stage: fills `doc.claims`. */
export function extractClaims(doc: Document, ctx?: Context): Document {
  const lex = attributionLexicon(ctx);
  const quotes = findQuotations(doc.text);
  const cands = findCandidates(doc, lex, quotes);
  let attributed = resolveSources(doc, cands, lex);
  // An "according to X" nested in another claim becomes a link of that claim's chain.
  const holds = (o: Attributed, n: Attributed) => o !== n && o.cue.kind !== 'phrase' && n.cueStart >= o.start - 1 && n.cueEnd <= o.end + 2;
  const nested = attributed.filter((n) => n.cue.kind === 'phrase' && (n.nestedOnly || attributed.some((o) => holds(o, n))));
  attributed = attributed.filter((c) => !nested.includes(c));
  for (const n of nested) {
    const outer = attributed.find((o) => holds(o, n));
    if (!outer) continue;
    outer.chain.push(n.source ?? n.sourceText ?? '');
    // "that, according to unnamed sources, C": the content is C.
    if (n.cueStart <= outer.start + 1 && n.phrase) {
      const m = doc.text.slice(n.phrase.end, outer.end).match(/^[\s,]*/u);
      outer.start = n.phrase.end + (m ? m[0].length : 0);
    }
  }
  attributed.push(...continuations(doc, attributed, quotes));

  const outlet = doc.article.outlet;
  const outletId = outletEntity(doc);
  const claims: Claim[] = [];
  for (const c of attributed) {
    const chain = [...(outlet ? [outletId ?? outlet] : []), ...(c.source ?? c.sourceText ? [c.source ?? c.sourceText!] : []), ...c.chain.filter(Boolean)];
    const text = doc.text.slice(c.start, c.end);
    const isOutlet = c.source !== null && c.source === outletId;
    claims.push({
      id: '',
      start: c.start,
      end: c.end,
      source: c.source,
      sourceText: c.sourceText,
      cue: c.cueText,
      quote: c.quote,
      modality: modalityOf(c.cue.modality, text, !isOutlet, lex),
      ...(chain.length > 1 ? { chain } : {}),
    });
  }
  // The article's own statements: each sentence no attributed claim covers.
  for (const s of doc.sentences) {
    if (attributed.some((c) => overlaps(c, s) || (c.cueStart >= s.start && c.cueStart < s.end))) continue;
    const text = doc.text.slice(s.start, s.end);
    if ((text.match(/[\p{L}\p{N}]+/gu) ?? []).length < 6 || !/[.!?]["”’»]?$/u.test(text.trim()) || !/\p{Ll}/u.test(text)) continue;
    const quote = quotes.some((q) => q.open <= s.start && q.close >= s.end - 2);
    claims.push({
      id: '',
      start: s.start,
      end: s.end,
      source: outletId,
      // No words in the text name the article's own voice; the outlet is the first link of the chain.
      sourceText: null,
      cue: null,
      quote,
      modality: modalityOf(undefined, text, false, lex),
      ...(outlet ? { chain: [outletId ?? outlet] } : {}),
    });
  }
  claims.sort((a, b) => a.start - b.start || a.end - b.end);
  claims.forEach((c, i) => (c.id = `c${i + 1}`));
  doc.claims = claims;
  return doc;
}
