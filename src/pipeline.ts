// The ordered list of stages — the one place that says what runs, and in what order.
// A stage takes the Document and the Context and returns the Document with its layer added.
import type { Article } from './schema/article.js';
import type { Analysis } from './schema/analysis.js';
import { newDocument, type Document } from './schema/document.js';
import type { Context } from './context.js';
import { segment } from './nlp/tokenize.js';
import { mostlyLatin } from './ingest/language.js';
import { findMentions } from './nlp/mentions.js';
import { extractDates } from './extract/time.js';
import { resolveEntities } from './resolve/entities.js';
import { extractClaims } from './extract/claims.js';
import { extractEvents } from './extract/events.js';
import { screenEntities } from './screen/stage.js';

export interface Stage {
  name: string;
  run: (doc: Document, ctx: Context) => Document;
}

export const STAGES: readonly Stage[] = [
  { name: 'segment', run: segment },
  { name: 'mentions', run: findMentions },
  { name: 'dates', run: extractDates },
  { name: 'entities', run: resolveEntities },
  { name: 'claims', run: extractClaims },
  { name: 'events', run: extractEvents },
  { name: 'screen', run: screenEntities },
];

/** Does the pipeline analyse this article? English, and Latin-script text whose language cannot be
 *  told ('und': under 8 words, or too few function words — a headline, a feed item's summary, a
 *  results table). English is the only language the models know, and such text is most often
 *  English; skipping it left a short feed item without entities, claims or alerts. Undetermined
 *  text in another script is not English. */
const analysed = (article: Article) => article.language === 'en' || (article.language === 'und' && mostlyLatin(article.text));

/** The stages an article goes through: all of them, or for an article in another language,
 *  segmenting only. */
export const stagesFor = (article: Article): readonly Stage[] => (analysed(article) ? STAGES : STAGES.slice(0, 1));

/** Runs every stage over an article. Articles in another language than English (or undetermined)
 *  are segmented only. */
export function analyzeArticle(article: Article, ctx: Context): Document {
  let doc = newDocument(article);
  for (const stage of stagesFor(article)) doc = stage.run(doc, ctx);
  return doc;
}

/** The FORMAT.md view of an analysed document, with stable ordering. */
export function toAnalysis(doc: Document): Analysis {
  return {
    id: doc.id,
    title: doc.article.title,
    outlet: doc.article.outlet,
    published: doc.published.value,
    text: doc.text,
    entities: doc.entities,
    claims: doc.claims,
    events: doc.events,
  };
}
