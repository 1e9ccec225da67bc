// CoNLL-2003 files (token POS chunk NER, IOB2, -DOCSTART- between documents), BILOU tags and spans.
import { existsSync, readFileSync } from 'node:fs';
import { DossierError } from '../errors.js';
import type { ConllType } from './refine.js';

export interface LabelledSentence {
  words: string[];
  /** IOB2 tags as in the file: O, B-PER, I-PER… */
  tags: string[];
}

export interface LabelledDocument {
  sentences: LabelledSentence[];
}

export const CONLL_TYPES: readonly ConllType[] = ['PER', 'ORG', 'LOC', 'MISC'];

/** BILOU tag names by index: 0 is O, then B I L U for each CoNLL type. */
export const TAGS: readonly string[] = ['O', ...CONLL_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))];
export const TAG_INDEX = new Map(TAGS.map((t, i) => [t, i]));

/** Reads a CoNLL-2003 file into documents of sentences. */
export function readConll(path: string): LabelledDocument[] {
  if (!existsSync(path)) throw new DossierError('NOT_FOUND', 'CoNLL file not found', path);
  const docs: LabelledDocument[] = [];
  let doc: LabelledDocument | null = null;
  let sent: LabelledSentence = { words: [], tags: [] };
  const flush = (): void => {
    if (!sent.words.length) return;
    if (!doc) docs.push((doc = { sentences: [] }));
    doc.sentences.push(sent);
    sent = { words: [], tags: [] };
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 2) {
      flush();
      continue;
    }
    if (cols[0] === '-DOCSTART-') {
      flush();
      docs.push((doc = { sentences: [] }));
      continue;
    }
    const tag = cols[cols.length - 1];
    if (tag !== 'O' && !/^[BI]-(?:PER|ORG|LOC|MISC)$/.test(tag)) throw new DossierError('MALFORMED', `bad tag ${tag}`, path);
    sent.words.push(cols[0]);
    sent.tags.push(tag);
  }
  flush();
  return docs.filter((d) => d.sentences.length > 0);
}

export interface TypedSpan {
  /** Token indexes, end exclusive. */
  start: number;
  end: number;
  type: ConllType;
}

/** Spans of an IOB (IOB1 or IOB2) tag sequence, conlleval style: an I- after another type starts a span. */
export function iobSpans(tags: readonly string[]): TypedSpan[] {
  const spans: TypedSpan[] = [];
  let cur: TypedSpan | null = null;
  tags.forEach((tag, i) => {
    const [p, t] = tag === 'O' ? ['O', ''] : [tag[0], tag.slice(2)];
    if (cur && (p === 'O' || p === 'B' || t !== cur.type)) {
      spans.push(cur);
      cur = null;
    }
    if (p !== 'O' && !cur) cur = { start: i, end: i + 1, type: t as ConllType };
    else if (cur) cur.end = i + 1;
  });
  if (cur) spans.push(cur);
  return spans;
}

/** BILOU tag indexes for spans over `n` tokens. */
export function spansToBilou(spans: readonly TypedSpan[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (const s of spans) {
    const base = 1 + 4 * CONLL_TYPES.indexOf(s.type);
    if (s.end - s.start === 1) out[s.start] = base + 3;
    else {
      out[s.start] = base;
      for (let k = s.start + 1; k < s.end - 1; k++) out[k] = base + 1;
      out[s.end - 1] = base + 2;
    }
  }
  return out;
}

/** Spans of a BILOU tag index sequence (assumed valid, as Viterbi under constraints gives). */
export function bilouSpans(tags: ArrayLike<number>): TypedSpan[] {
  const spans: TypedSpan[] = [];
  let start = -1;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t === 0) {
      start = -1;
      continue;
    }
    const type = CONLL_TYPES[(t - 1) >> 2];
    const pos = (t - 1) & 3; // 0 B, 1 I, 2 L, 3 U
    if (pos === 3) spans.push({ start: i, end: i + 1, type });
    else if (pos === 0) start = i;
    else if (pos === 2 && start >= 0) {
      spans.push({ start, end: i + 1, type });
      start = -1;
    }
  }
  return spans;
}

/** Whether BILOU tag `next` may follow `prev` (-1: sentence start). */
export function allowedTransition(prev: number, next: number): boolean {
  const prevOpen = prev > 0 && ((prev - 1) & 3) <= 1; // B or I: the span must continue
  const nextPos = next === 0 ? -1 : (next - 1) & 3;
  if (!prevOpen) return next === 0 || nextPos === 0 || nextPos === 3;
  return (nextPos === 1 || nextPos === 2) && (next - 1) >> 2 === (prev - 1) >> 2;
}

/** Whether a sentence may end on tag `t`. */
export function allowedEnd(t: number): boolean {
  return t === 0 || ((t - 1) & 3) >= 2;
}
