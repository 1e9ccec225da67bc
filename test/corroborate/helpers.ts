// Small hand-built analysed documents for corroboration tests: entities found by their names in the
// text, claims by their snippets, sentences split at full stops and line breaks.
import type { Analysis, Claim, Entity, EntityType, Modality } from '../../src/schema/analysis.js';
import type { AnalysedDocument } from '../../src/store/types.js';
import { article } from '../helpers/fixtures.js';

export interface ClaimSpec {
  snippet: string;
  /** The source's name: an entity of the document when one is named so, else a phrase. */
  source?: string;
  modality?: Modality;
  chain?: string[];
}

export interface DocSpec {
  entities?: [string, EntityType][];
  claims?: ClaimSpec[];
  published?: string | null;
  outlet?: string | null;
  confidence?: number;
}

function allOccurrences(text: string, needle: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) out.push({ start: at, end: at + needle.length });
  return out;
}

export function sentencesOf(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^.!?\n]+[.!?]?/g;
  for (const m of text.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) out.push({ start: m.index + lead, end: m.index + lead + body.length });
  }
  return out;
}

export function analysed(id: string, text: string, spec: DocSpec = {}): AnalysedDocument {
  const entities: Entity[] = (spec.entities ?? []).map(([name, type], i) => ({
    id: `e${i + 1}`, name, type, aliases: [], mentions: allOccurrences(text, name), kb: null, sanctions: [],
  }));
  const byName = new Map(entities.map((e) => [e.name, e.id]));
  const claims: Claim[] = (spec.claims ?? []).map((c, i) => {
    const start = text.indexOf(c.snippet);
    if (start < 0) throw new Error(`snippet not in text: ${c.snippet}`);
    return {
      id: `c${i + 1}`, start, end: start + c.snippet.length,
      source: c.source ? byName.get(c.source) ?? null : null, sourceText: c.source ?? null, cue: c.source ? 'according to' : null,
      quote: false, modality: c.modality ?? (c.source ? 'reported' : 'asserted'),
      ...(c.chain ? { chain: c.chain.map((x) => byName.get(x) ?? x) } : {}),
    };
  });
  const analysis: Analysis = {
    id, title: null, outlet: spec.outlet ?? null, published: spec.published ?? null, text, entities, claims, events: [],
  };
  return {
    article: article(id, text, { outlet: spec.outlet ?? null, published: spec.published ?? null }),
    analysis,
    sentences: sentencesOf(text),
    publishedConfidence: spec.confidence ?? (spec.published ? 1 : 0),
    publishedEvidence: spec.published ? 'metadata' : null,
  };
}
