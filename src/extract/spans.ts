// Offset helpers shared by the extractors: which entity a span names, which sentence holds an
// offset, and the entity mentions inside a range — all over the Document's layers, never the text.
import type { Document } from '../schema/document.js';
import { namesEntity, type EntityType } from '../schema/analysis.js';

/** One entity mention with the entity it belongs to, as the extractors see it. */
export interface EntitySpan {
  start: number;
  end: number;
  entity: string;
  type: EntityType;
  name: string;
}

// Keyed by the entities array itself, so a stage that replaces the entities gets a fresh index.
const spanIndexes = new WeakMap<Document['entities'], EntitySpan[]>();

/** Every entity mention in the document, sorted by offset (built once per entity layer). */
export function entitySpans(doc: Document): EntitySpan[] {
  let spans = spanIndexes.get(doc.entities);
  if (spans) return spans;
  spans = [];
  for (const e of doc.entities) {
    for (const m of e.mentions) if (namesEntity(m)) spans.push({ start: m.start, end: m.end, entity: e.id, type: e.type, name: e.name });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end || (a.entity < b.entity ? -1 : 1));
  spanIndexes.set(doc.entities, spans);
  return spans;
}

/** Index of the first mention starting at or after an offset (mentions are sorted by start). */
function firstFrom(spans: EntitySpan[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Entity mentions lying wholly inside [start, end), in offset order. */
export function spansWithin(doc: Document, start: number, end: number): EntitySpan[] {
  const spans = entitySpans(doc);
  const out: EntitySpan[] = [];
  for (let i = firstFrom(spans, start); i < spans.length && spans[i].start < end; i++) if (spans[i].end <= end) out.push(spans[i]);
  return out;
}

/** The sentence index holding an offset, or -1. */
export function sentenceAt(doc: Document, offset: number): number {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** True when two spans share at least one character. */
export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;
