// Hand-built Documents for the extraction tests: the text segmented by the real tokenizer, and
// entities given by hand (name, type and the words that mention them), so the tests do not hang
// on the tagger or the resolver.
import type { Claim, EntityType, Event } from '../../src/schema/analysis.js';
import type { Article } from '../../src/schema/article.js';
import { newDocument, type Document } from '../../src/schema/document.js';
import { segment } from '../../src/nlp/tokenize.js';
import { Context } from '../../src/context.js';
import { extractDates } from '../../src/extract/time.js';
import { extractClaims } from '../../src/extract/claims.js';
import { extractEvents } from '../../src/extract/events.js';
import { article } from '../helpers/fixtures.js';

export interface HandEntity {
  name: string;
  type: EntityType;
  /** Every form that mentions it ("Maduro", "Nicolás Maduro"); each whole-word occurrence becomes a mention. */
  forms: string[];
  /** For a demonym form standing for the country ("Iranian" → "Iran"). */
  refersTo?: Record<string, string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** A segmented Document whose entity layer is exactly the given entities. */
export function handDocument(text: string, entities: HandEntity[], extra: Partial<Article> = {}): Document {
  const doc = segment(newDocument(article('t', text, extra)));
  const taken: Array<[number, number]> = [];
  const list: Document['entities'] = [];
  // Longer forms first, so "Nicolás Maduro" is one mention, not "Maduro" inside it.
  const forms = entities
    .flatMap((e, i) => e.forms.map((f) => ({ f, i })))
    .sort((a, b) => b.f.length - a.f.length);
  const spans = entities.map(() => [] as Array<{ start: number; end: number }>);
  for (const { f, i } of forms) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(f)}(?![\\p{L}\\p{N}])`, 'gu');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const [s, e] = [m.index, m.index + f.length];
      if (taken.some(([a, b]) => s < b && a < e)) continue;
      taken.push([s, e]);
      spans[i].push({ start: s, end: e });
      const refersTo = entities[i].refersTo?.[f];
      doc.mentions.push({ start: s, end: e, text: f, type: entities[i].type, origin: 'rule', ...(refersTo ? { refersTo } : {}) });
    }
  }
  doc.mentions.sort((a, b) => a.start - b.start);
  entities.forEach((e, i) => {
    const mentions = spans[i].sort((a, b) => a.start - b.start);
    list.push({ id: `e${i + 1}`, name: e.name, type: e.type, aliases: e.forms.filter((f) => f !== e.name), mentions, kb: null, sanctions: [] });
    doc.entityMentions.set(`e${i + 1}`, mentions.map((m) => doc.mentions.findIndex((x) => x.start === m.start)));
  });
  doc.entities = list;
  return doc;
}

/** Runs the dates, claims and events stages on a hand-built Document. */
export function extractAll(doc: Document, ctx = new Context()): Document {
  return extractEvents(extractClaims(extractDates(doc, ctx), ctx), ctx);
}

/** The text of a claim's content. */
export const contentOf = (doc: Document, c: Claim) => doc.text.slice(c.start, c.end);

/** The name of the entity with an id, or the id itself. */
export const nameOf = (doc: Document, id: string | null) => (id === null ? null : doc.entities.find((e) => e.id === id)?.name ?? id);

/** Events as "ACTOR TYPE TARGET" lines, for readable assertions. */
export const eventLines = (doc: Document, events: Event[] = doc.events) =>
  events.map((e) => `${nameOf(doc, e.actor)} ${e.type} ${nameOf(doc, e.target)}`);

/** The attributed claims (a source or source words) with content, source name and cue. */
export const attributed = (doc: Document) =>
  doc.claims
    .filter((c) => c.source !== null || c.sourceText !== null)
    .map((c) => ({ content: contentOf(doc, c), source: nameOf(doc, c.source) ?? c.sourceText, cue: c.cue, quote: c.quote, modality: c.modality }));
