// Analysis on worker threads, so that on a machine with more than one core the articles ahead are
// analysed while the main thread saves the ones before them (ingest is analysis plus saving, and
// saving, with corroboration, is the larger part). Results come back per article; the caller keeps
// the input order (runner.ts).
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ArticleInput } from './runner.js';
import type { AnalysedDocument } from './store/types.js';
import type { ContextOptions } from './context.js';
import { DossierError, type ErrorCode } from './errors.js';
import { moduleWorker } from './threads.js';

export type ToAnalysis = { id: number; input: ArticleInput } | { options: ContextOptions };
export type FromAnalysis = { ready: true } | { id: number; doc: AnalysedDocument } | { id: number; error: { code: ErrorCode; message: string; file: string } };

/** Analysis threads worth starting here: one core stays with the saves. */
export function defaultAnalysisThreads(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

interface Pending { resolve: (doc: AnalysedDocument) => void; reject: (err: Error) => void; source: string }

/** A thread, what it holds, whether it has said it started, and how many threads in a row died in
 *  its place before they did. */
interface Thread { worker: Worker; pending: Map<number, Pending>; started: boolean; silentDeaths: number }

/** Threads that die this many times in a row before they have started are not started again: they
 *  cannot start here (a broken install, too little memory), and starting them forever would spin.
 *  A thread that dies after it started is replaced whatever happened before (an article killed it). */
export const MAX_SILENT_DEATHS = 3;

const ANALYSIS_THREAD = new URL('./analysis-thread.js', import.meta.url);

/** A pool started before the command that uses it had loaded (see `prestart`), not yet taken. */
let prestarted: AnalysisPool | null = null;

export class AnalysisPool {
  private readonly threads: Thread[] = [];
  private next = 0;
  private closed = false;
  private options: ContextOptions | null = null;
  /** Why the last thread was given up (see MAX_SILENT_DEATHS), once none is left. */
  private broken: string | null = null;

  /** Starts the threads; each loads its models at once and analyses once `configure` has run.
   *  `script` is the thread's module (tests start others). */
  constructor(size: number, private readonly script: URL = ANALYSIS_THREAD) {
    for (let i = 0; i < Math.max(1, size); i++) this.threads.push(this.start(0));
  }

  /** Starts the analysis threads of an ingest run as the process starts, when its arguments ask for
   *  one (`ingest` without --queue, or `start`): loading the command line's modules and opening the
   *  store take about a second, and the threads load their models (another second) meanwhile. The
   *  arguments are only peeked at; the command parses them. Until taken, the threads do not keep
   *  the process alive (a command that fails first exits as it would have). */
  static prestart(args: readonly string[]): void {
    const [command, ...rest] = args;
    if (prestarted || (command !== 'ingest' && command !== 'start') || rest.some((a) => a === '--queue' || a === '--help' || a === '-h')) return;
    const at = rest.findIndex((a) => a === '--threads' || a.startsWith('--threads='));
    const size = at < 0 ? defaultAnalysisThreads() : Number(rest[at].includes('=') ? rest[at].split('=')[1] : rest[at + 1]);
    if (!Number.isInteger(size) || size < 1 || size > 64) return;
    prestarted = new AnalysisPool(size);
    for (const t of prestarted.threads) t.worker.unref();
  }

  /** A pool of `size` threads: the prestarted one when it has that size, else a new one. */
  static take(size: number): AnalysisPool {
    const early = prestarted;
    prestarted = null;
    if (early?.size === size) {
      for (const t of early.threads) t.worker.ref();
      return early;
    }
    void early?.close();
    return new AnalysisPool(size);
  }

  /** What the threads analyse with (the store's watch lists, the overrides file); before the first article. */
  configure(options: ContextOptions): this {
    this.options = options;
    for (const t of this.threads) t.worker.postMessage({ options } satisfies ToAnalysis);
    return this;
  }

  get size(): number {
    return this.threads.length;
  }

  private start(silentDeaths: number): Thread {
    const worker = moduleWorker(this.script);
    if (this.options) worker.postMessage({ options: this.options } satisfies ToAnalysis);
    const thread: Thread = { worker, pending: new Map<number, Pending>(), started: false, silentDeaths };
    worker.on('message', (m: FromAnalysis) => {
      thread.started = true;
      if ('ready' in m) return;
      const job = thread.pending.get(m.id);
      if (!job) return;
      thread.pending.delete(m.id);
      if ('doc' in m) job.resolve(m.doc);
      else job.reject(new DossierError(m.error.code, m.error.message, m.error.file));
    });
    // A thread that dies (out of memory, a crash) fails what it held, and another takes its place,
    // unless threads in its place keep dying before they have started.
    const lost = (reason: string) => {
      for (const job of thread.pending.values()) job.reject(new DossierError('STORE', `analysis thread stopped: ${reason}`, job.source));
      thread.pending.clear();
      const at = this.threads.indexOf(thread);
      if (at < 0 || this.closed) return;
      const silentDeaths = thread.started ? 0 : thread.silentDeaths + 1;
      if (silentDeaths < MAX_SILENT_DEATHS) {
        this.threads[at] = this.start(silentDeaths);
        return;
      }
      this.threads.splice(at, 1);
      if (!this.threads.length) this.broken = `analysis threads cannot start (${MAX_SILENT_DEATHS} in a row stopped before they started: ${reason})`;
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => { if (!this.closed) lost(`exit code ${code}`); });
    return thread;
  }

  /** Analyses one article (made there first when it is pending) on the least busy thread. */
  analyse(input: ArticleInput): Promise<AnalysedDocument> {
    if (this.closed) return Promise.reject(new DossierError('STORE', 'the analysis pool is closed', input.source));
    if (!this.options) return Promise.reject(new DossierError('STORE', 'the analysis pool is not configured', input.source));
    if (this.broken) return Promise.reject(new DossierError('STORE', this.broken, input.source));
    const thread = this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject, source: input.source });
      thread.worker.postMessage({ id, input } satisfies ToAnalysis);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
