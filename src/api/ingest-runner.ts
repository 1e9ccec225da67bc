// Where the server's uploads are analysed and stored. On a store that another connection can open
// (a SQLite file, a PostgreSQL URL) a worker thread does it with its own connection, so analysis and
// saving never hold up the event loop that answers reads; otherwise (an in-memory store) the server's
// own thread does, yielding between articles.
import { existsSync, statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { Article } from '../schema/article.js';
import type { AnalysedDocument, Store } from '../store/types.js';
import { Context } from '../context.js';
import { asDossierError } from '../errors.js';
import { forStore } from '../runner.js';
import { analyzeArticle } from '../pipeline.js';
import { moduleWorker } from '../threads.js';

/** What became of one article of an upload. */
export type ItemOutcome =
  | { ok: true; status: 'inserted' | 'replaced' | 'unchanged'; id: string }
  | { ok: false; code: string; message: string; file: string | null };

export interface IngestRunner {
  /** Analyses and stores the articles in order, reporting each outcome as it is known. */
  run(articles: Article[], onOutcome: (o: ItemOutcome) => void): Promise<void>;
  close(): Promise<void>;
}

/** One analysis context while the override file stays as it is: the tagger, gazetteers and KB load
 *  once. A merge or split through the API changes the file, and the next upload gets a fresh context
 *  so resolution honours it. Watch lists are read from the store when the context is made. */
export class UploadContext {
  private ctx: Context | null = null;
  private version: number | null = null;

  constructor(private readonly store: Store, private readonly overridesPath: string | null) {}

  async get(): Promise<Context> {
    const version = this.overridesPath && existsSync(this.overridesPath) ? statSync(this.overridesPath).mtimeMs : null;
    if (!this.ctx || version !== this.version) {
      this.ctx = new Context({ lists: await this.store.loadLists(), overridesPath: version === null ? null : this.overridesPath });
      this.version = version;
    }
    return this.ctx;
  }
}

/** An upload's analysed documents are saved this many together (one commit on SQLite, one
 *  corroboration batch on PostgreSQL), and at least this often, so outcomes keep coming. */
export const UPLOAD_BATCH = 64;
const UPLOAD_DELAY_MS = 1000;

const failure = (err: unknown, source: string): ItemOutcome => {
  const e = asDossierError(err, source);
  return { ok: false, code: e.code, message: e.message, file: e.file ?? null };
};

/** Analyses and stores an upload's articles, reporting each outcome in input order, turning any
 *  failure into an outcome. `pause` runs between articles (the server's thread lets reads in). */
export async function ingestUpload(store: Store, articles: Article[], ctx: Context, onOutcome: (o: ItemOutcome) => void,
  pause: () => Promise<void> = async () => {}): Promise<void> {
  // Outcomes known, and documents waiting to be saved, in input order.
  let waiting: ({ outcome: ItemOutcome } | { doc: AnalysedDocument })[] = [];
  let since = 0;
  const flush = async () => {
    const items = waiting;
    waiting = [];
    const docs = items.flatMap((i) => ('doc' in i ? [i.doc] : []));
    const saved = docs.length ? await store.saveDocuments(docs) : [];
    let next = 0;
    for (const item of items) {
      if ('outcome' in item) {
        onOutcome(item.outcome);
        continue;
      }
      const r = saved[next++];
      onOutcome(r.status === 'fulfilled' ? { ok: true, status: r.value.status, id: r.value.id } : failure(r.reason, item.doc.article.source));
    }
  };
  for (const article of articles) {
    try {
      if (await store.hasContent(article.contentHash)) waiting.push({ outcome: { ok: true, status: 'unchanged', id: article.id } });
      else {
        if (!waiting.some((i) => 'doc' in i)) since = Date.now();
        waiting.push({ doc: forStore(analyzeArticle(article, ctx)) });
      }
    } catch (err) {
      waiting.push({ outcome: failure(err, article.source) });
    }
    const docs = waiting.filter((i) => 'doc' in i).length;
    if (!docs || docs >= UPLOAD_BATCH || Date.now() - since >= UPLOAD_DELAY_MS) await flush();
    await pause();
  }
  await flush();
}

/** Uploads analysed on the server's own thread (stores only this process can reach). */
export class InProcessRunner implements IngestRunner {
  private readonly context: UploadContext;

  constructor(private readonly store: Store, overridesPath: string | null) {
    this.context = new UploadContext(store, overridesPath);
  }

  async run(articles: Article[], onOutcome: (o: ItemOutcome) => void): Promise<void> {
    // Polls and reads get in between articles.
    await ingestUpload(this.store, articles, await this.context.get(), onOutcome, () => new Promise((r) => setImmediate(r)));
  }

  async close(): Promise<void> {}
}

/** Messages between the server and its ingest thread. */
export type ToThread = { kind: 'run'; articles: Article[] } | { kind: 'close' };
export type FromThread = { kind: 'outcome'; outcome: ItemOutcome } | { kind: 'done' } | { kind: 'failed'; message: string; fatal: boolean };

/** Uploads analysed by a worker thread with its own connection to the store at `location`. The thread
 *  starts on the first upload and is started again after it dies. */
export class ThreadRunner implements IngestRunner {
  private worker: Worker | null = null;

  constructor(private readonly location: string, private readonly overridesPath: string | null) {}

  private thread(): Worker {
    if (!this.worker) {
      const w = moduleWorker(new URL('./ingest-thread.js', import.meta.url), { workerData: { location: this.location, overridesPath: this.overridesPath } });
      w.unref();
      w.once('exit', () => {
        if (this.worker === w) this.worker = null;
      });
      this.worker = w;
    }
    return this.worker;
  }

  /** Stops using a thread that cannot go on; the next upload starts another. */
  private discard(w: Worker): void {
    if (this.worker === w) this.worker = null;
    void w.terminate();
  }

  run(articles: Article[], onOutcome: (o: ItemOutcome) => void): Promise<void> {
    const w = this.thread();
    return new Promise<void>((resolve, reject) => {
      const stop = (err: Error | null) => {
        w.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (err) reject(err);
        else resolve();
      };
      const onMessage = (m: FromThread) => {
        if (m.kind === 'outcome') onOutcome(m.outcome);
        else if (m.kind === 'done') stop(null);
        else if (m.kind === 'failed') {
          if (m.fatal) this.discard(w);
          stop(new Error(`the ingest thread failed: ${m.message}`));
        }
      };
      const onError = (err: Error) => {
        this.discard(w);
        stop(new Error(`the ingest thread failed: ${err.message}`));
      };
      const onExit = (code: number) => stop(new Error(`the ingest thread exited (code ${code})`));
      w.on('message', onMessage).on('error', onError).on('exit', onExit);
      w.postMessage({ kind: 'run', articles } satisfies ToThread);
    });
  }

  /** Lets the thread close its store connection and end (call when no upload is running). */
  async close(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.worker = null;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void w.terminate(), 10_000);
      w.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      w.postMessage({ kind: 'close' } satisfies ToThread);
    });
  }
}

/** A store location a second connection can open: a file or a PostgreSQL URL, not `:memory:`. */
export function shareableLocation(location: string | null | undefined): location is string {
  return !!location && location !== ':memory:' && !location.startsWith('file::memory:');
}
