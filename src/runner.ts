// Ingest runs: read inputs, skip content already stored, analyse, save — one transaction per document.
// Shared by the CLI, the HTTP upload route and the queue workers.
import type { Article } from './schema/article.js';
import type { Document } from './schema/document.js';
import type { AnalysedDocument, SaveResult, Store } from './store/types.js';
import type { Context } from './context.js';
import { analyzeArticle, toAnalysis } from './pipeline.js';
import { readInputs, type IngestItem, type IngestOptions } from './ingest/index.js';
import { DossierError } from './errors.js';

export interface RunProgress {
  read: number;
  inserted: number;
  replaced: number;
  unchanged: number;
  errors: number;
  startedAt: number;
}

export interface RunReport extends RunProgress {
  failures: DossierError[];
}

/** The store's view of an analysed document. */
export function forStore(doc: Document): AnalysedDocument {
  return {
    article: doc.article,
    analysis: toAnalysis(doc),
    sentences: doc.sentences.map((s) => ({ start: s.start, end: s.end })),
    publishedConfidence: doc.published.confidence,
    publishedEvidence: doc.published.evidence,
  };
}

/** Analyses one article and saves it, unless the same content is already stored. */
export async function ingestArticle(store: Store, article: Article, ctx: Context): Promise<SaveResult> {
  if (await store.hasContent(article.contentHash)) return { id: article.id, status: 'unchanged' };
  return store.saveDocument(forStore(analyzeArticle(article, ctx)));
}

/** Ingests a stream of items, counting outcomes; a failure of one input never stops the others. */
export async function ingestItems(
  store: Store,
  items: AsyncIterable<IngestItem> | Iterable<IngestItem>,
  ctx: Context,
  onProgress?: (p: RunProgress) => void,
): Promise<RunReport> {
  const report: RunReport = { read: 0, inserted: 0, replaced: 0, unchanged: 0, errors: 0, startedAt: Date.now(), failures: [] };
  for await (const item of items) {
    report.read++;
    if (!item.ok) {
      report.errors++;
      report.failures.push(item.error);
    } else {
      try {
        const result = await ingestArticle(store, item.article, ctx);
        report[result.status]++;
      } catch (err) {
        report.errors++;
        report.failures.push(err instanceof DossierError ? err : new DossierError('STORE', (err as Error).message, item.article.source));
      }
    }
    onProgress?.(report);
  }
  return report;
}

/** Ingests files and folders into the store. */
export function ingestPaths(store: Store, paths: string[], ctx: Context, opts: IngestOptions = {}, onProgress?: (p: RunProgress) => void) {
  return ingestItems(store, readInputs(paths, opts), ctx, onProgress);
}
