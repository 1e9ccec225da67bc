// The last step of every format: clean the paragraphs, merge what metadata and cleaning found,
// detect the language, hash the raw record, and refuse an article with no text left.
import { createHash } from 'node:crypto';
import type { Article } from '../schema/article.js';
import { DossierError } from '../errors.js';
import { cleanParagraphs, type Paragraph } from './clean.js';
import { normalizeText } from './decode.js';
import { detectLanguage } from './language.js';
import { normalizePublished } from './published.js';

export interface ArticleMetadata {
  title?: string | null;
  author?: string | null;
  outlet?: string | null;
  url?: string | null;
  published?: string | null;
  /** A declared language (HTML lang, a feed's or item's, a record's `language`), used only when the
   *  text itself does not tell. */
  lang?: string | null;
}

export interface ArticleParts {
  id: string;
  source: string;
  format: Article['format'];
  paragraphs: Paragraph[];
  meta: ArticleMetadata;
  /** The raw record the content hash is taken over (file bytes, canonical JSON, item XML). */
  raw: Uint8Array | string;
  /** Plain-text files: a short unpunctuated first line is the title. */
  titleFromFirstLine?: boolean;
}

export function assembleArticle(parts: ArticleParts): Article {
  const paragraphs = parts.paragraphs.map((p) => ({ ...p, text: normalizeText(p.text) }));
  const cleaned = cleanParagraphs(paragraphs, { titleFromFirstLine: parts.titleFromFirstLine });
  if (!cleaned.text.trim()) throw new DossierError('EMPTY', 'has no article text left after cleaning', parts.source);
  const meta = (value: string | null | undefined) => (value ? normalizeText(value.replace(/\s+/g, ' ')).trim() || null : null);
  const published = normalizePublished(parts.meta.published);
  return {
    id: parts.id,
    source: parts.source,
    format: parts.format,
    title: meta(parts.meta.title) ?? cleaned.title,
    outlet: meta(parts.meta.outlet) ?? cleaned.outlet,
    author: meta(parts.meta.author) ?? cleaned.author,
    url: meta(parts.meta.url),
    published,
    publishedSource: published ? 'metadata' : null,
    language: languageOf(cleaned.text, parts.meta.lang),
    text: cleaned.text,
    contentHash: createHash('sha256').update(parts.raw).digest('hex'),
    removed: cleaned.removed,
  };
}

function languageOf(text: string, declared: string | null | undefined): string {
  const detected = detectLanguage(text);
  if (detected !== 'und') return detected;
  const primary = declared?.toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2}$/.test(primary) ? primary : 'und';
}
