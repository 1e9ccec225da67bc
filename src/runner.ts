// Ingest runs: read inputs, skip content already stored, analyse, save — one transaction per document.
// Shared by the CLI, the HTTP upload route and the queue workers.
import type { Article } from './schema/article.js';
import type { Document } from './schema/document.js';
import type { AnalysedDocument, SaveResult, Store } from './store/types.js';
import type { Context } from './context.js';
import { analyzeArticle, stagesFor, toAnalysis } from './pipeline.js';
import { documentDates, draftStatements } from './corroborate/statements.js';
import { signatureOf } from './corroborate/syndication.js';
import { makeArticle, readPending, type IngestOptions, type PendingArticle, type ReadItem } from './ingest/index.js';
import { asDossierError, type DossierError } from './errors.js';

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
  const analysis = toAnalysis(doc);
  const sentences = doc.sentences.map((s) => ({ start: s.start, end: s.end }));
  // The dates stage resolved every date against the publication date it settled on, which is what
  // the statements read; an article that skipped the stage has them worked out here.
  const dates = stagesFor(doc.article).some((s) => s.name === 'dates') ? doc.dates : documentDates(analysis.text, analysis.published);
  return {
    article: doc.article,
    analysis,
    sentences,
    publishedConfidence: doc.published.confidence,
    publishedEvidence: doc.published.evidence,
    derived: {
      dates,
      signature: signatureOf(analysis.text),
      statements: draftStatements({ id: doc.article.id, outlet: analysis.outlet, published: analysis.published, analysis, sentences, dates }),
    },
  };
}

/** Analyses one article and saves it, unless the same content is already stored. */
export async function ingestArticle(store: Store, article: Article, ctx: Context): Promise<SaveResult> {
  if (await store.hasContent(article.contentHash)) return { id: article.id, status: 'unchanged' };
  return store.saveDocument(forStore(analyzeArticle(article, ctx)));
}

/** Documents saved together (one commit for all) while analyses are ready ahead of the saves; a
 *  batch also goes once its first document has waited this long. A commit costs about as much for
 *  one document as for many (the pages of the key indexes a batch touches are written once), so
 *  batches are large: on the Reuters corpus 256 a commit took ~2.5% off the run against 64. */
export const SAVE_BATCH = 256;
const SAVE_DELAY_MS = 3000;

/** What is analysed: an article, or one still to make from what was read. */
export type ArticleInput = Article | PendingArticle;

/** The article of an input, made when it is still pending. */
export const articleOf = (input: ArticleInput): Article => ('task' in input ? makeArticle(input) : input);

export interface IngestRunOptions {
  /** Analyses an input, perhaps on another thread (which then makes the article); by default here, with `ctx`. */
  analyse?: (input: ArticleInput) => Promise<AnalysedDocument>;
  /** Articles being analysed at once, ahead of the saves (the depth of the pipeline). */
  ahead?: number;
}

/** Ingests a stream of items, counting outcomes; a failure of one input never stops the others.
 *  Articles are analysed ahead of the saves and saved in input order, several to a commit. */
export async function ingestItems(
  store: Store,
  items: AsyncIterable<ReadItem> | Iterable<ReadItem>,
  ctx: Context,
  onProgress?: (p: RunProgress) => void,
  opts: IngestRunOptions = {},
): Promise<RunReport> {
  const report: RunReport = { read: 0, inserted: 0, replaced: 0, unchanged: 0, errors: 0, startedAt: Date.now(), failures: [] };
  const analyse = opts.analyse ?? (async (input: ArticleInput) => forStore(analyzeArticle(articleOf(input), ctx)));
  const ahead = Math.max(1, opts.ahead ?? 1);
  const analysing: { source: string; doc: Promise<AnalysedDocument>; settled: boolean }[] = [];
  let batch: AnalysedDocument[] = [];
  let batchSince = 0;
  const fail = (err: unknown, source: string) => {
    report.errors++;
    report.failures.push(asDossierError(err, source));
  };
  const flush = async () => {
    if (!batch.length) return;
    const docs = batch;
    batch = [];
    for (const [i, r] of (await store.saveDocuments(docs)).entries()) {
      if (r.status === 'fulfilled') report[r.value.status]++;
      else fail(r.reason, docs[i].article.source);
    }
    onProgress?.(report);
  };
  // Whether an analysis is under way and not done, once the results waiting in the event loop (an
  // analysis thread's replies, while saves held the thread) have been taken in. With none under
  // way (analysis on this thread, or the input not read yet) nothing says the saves would wait.
  const nextUnderWay = async () => {
    const next = analysing[0];
    if (!next || next.settled) return false;
    await new Promise((resolve) => setImmediate(resolve));
    return !next.settled;
  };
  // Takes the oldest analysis off the pipeline into the batch, saving the batch when it is due.
  const settleOne = async () => {
    const { source, doc } = analysing.shift()!;
    try {
      if (!batch.length) batchSince = Date.now();
      batch.push(await doc);
    } catch (err) {
      fail(err, source);
      onProgress?.(report);
    }
    // A batch is saved when full, when its first document has waited long enough, or when the
    // next analysis is under way and not done: then the saves would only wait, so they go now (at
    // the start of a run, while the analysis threads warm up, this saves one document at a time).
    if (batch.length >= SAVE_BATCH || Date.now() - batchSince >= SAVE_DELAY_MS || (await nextUnderWay())) await flush();
  };
  for await (const item of items) {
    report.read++;
    if (!item.ok) {
      fail(item.error, item.error.file ?? '');
      onProgress?.(report);
      continue;
    }
    const input = 'pending' in item ? item.pending : item.article;
    try {
      if (await store.hasContent(input.contentHash)) {
        report.unchanged++;
        onProgress?.(report);
        continue;
      }
    } catch (err) {
      fail(err, input.source);
      continue;
    }
    const entry = { source: input.source, doc: analyse(input), settled: false };
    // Failures are handled in settleOne, in order.
    entry.doc.then(() => (entry.settled = true), () => (entry.settled = true));
    analysing.push(entry);
    while (analysing.length >= ahead) await settleOne();
  }
  while (analysing.length) await settleOne();
  await flush();
  return report;
}

/** Ingests files and folders into the store; articles are made where they are analysed. */
export function ingestPaths(store: Store, paths: string[], ctx: Context, opts: IngestOptions = {}, onProgress?: (p: RunProgress) => void, run: IngestRunOptions = {}) {
  return ingestItems(store, readPending(paths, opts), ctx, onProgress, run);
}
