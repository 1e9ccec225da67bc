// An ingested article: cleaned text plus metadata. Produced by src/ingest, stored by src/store.
import { z } from 'zod';

export const PublishedSource = z.enum(['metadata', 'text', 'estimated']);

export const ArticleSchema = z.object({
  /** FORMAT.md id: a file's name without extension, or a record's/item's own id. */
  id: z.string().min(1),
  /** Where it came from: a path, with `#N` for the Nth record or item of a multi-article file. */
  source: z.string(),
  /** The input format it was read from. */
  format: z.enum(['text', 'html', 'json', 'jsonl', 'rss', 'atom']),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  author: z.string().nullable(),
  url: z.string().nullable(),
  /** ISO date (YYYY-MM-DD, YYYY-MM or YYYY) or null when unknown. */
  published: z.string().nullable(),
  publishedSource: PublishedSource.nullable(),
  /** ISO 639-1 code, or 'und' when undetermined. Only 'en' is analysed. */
  language: z.string(),
  /** The cleaned body text; every offset in the analysis indexes it. */
  text: z.string(),
  /** sha256 (hex) of the raw record: the same content gives the same row. */
  contentHash: z.string(),
  /** What cleaning removed, for transparency: kind and the removed line. */
  removed: z.array(z.object({ kind: z.string(), text: z.string() })).default([]),
});
export type Article = z.infer<typeof ArticleSchema>;
