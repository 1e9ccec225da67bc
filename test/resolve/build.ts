// Builds Documents by hand for resolver tests: text plus mentions located by their words.
import type { EntityType } from '../../src/schema/analysis.js';
import { newDocument, type Document, type Mention } from '../../src/schema/document.js';
import type { Entity } from '../../src/schema/analysis.js';

/** [mention text, type, options]: `nth` picks the nth occurrence (0-based) of the text. */
export type MentionSpec = [string, EntityType, { nth?: number; origin?: string; kb?: string; refersTo?: string }?];

export function buildDoc(text: string, specs: MentionSpec[]): Document {
  const doc = newDocument({
    id: 'test', source: 'test', format: 'text', title: null, outlet: null, author: null, url: null,
    published: null, publishedSource: null, language: 'en', text, contentHash: 'x', removed: [],
  });
  const mentions: Mention[] = specs.map(([t, type, o = {}]) => {
    let at = -1;
    for (let k = 0; k <= (o.nth ?? 0); k++) {
      at = text.indexOf(t, at + 1);
      if (at < 0) throw new Error(`"${t}" (occurrence ${o.nth ?? 0}) not in text`);
    }
    const m: Mention = { start: at, end: at + t.length, text: t, type, origin: o.origin ?? 'tagger' };
    if (o.kb) m.kb = o.kb;
    if (o.refersTo) m.refersTo = o.refersTo;
    return m;
  });
  doc.mentions = mentions.sort((a, b) => a.start - b.start);
  return doc;
}

/** The entity whose name or alias is `name`. */
export function entityNamed(doc: Document, name: string): Entity | undefined {
  return doc.entities.find((e) => e.name === name || e.aliases.includes(name));
}

/** The texts of an entity's mentions, in order. */
export function mentionTexts(doc: Document, e: Entity): string[] {
  return e.mentions.map((s) => doc.text.slice(s.start, s.end));
}
