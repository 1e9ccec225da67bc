// Uploads analysed in the background: each upload is a job whose progress the UI polls. Jobs run one
// at a time (analysis is CPU-bound and the store takes one writer); finished jobs are kept for a while.
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import type { Store } from '../store/types.js';
import { Context } from '../context.js';
import { ingestArticle } from '../runner.js';
import { DossierError } from '../errors.js';
import type { IngestItem } from '../ingest/index.js';

export interface IngestJobView {
  id: string;
  state: 'running' | 'done' | 'failed';
  files: string[];
  total: number;
  read: number;
  inserted: number;
  replaced: number;
  unchanged: number;
  errors: number;
  failures: { code: string; message: string; file: string | null }[];
  documents: string[];
  startedAt: string;
  finishedAt: string | null;
}

const KEEP_FINISHED = 50;

export class IngestJobs {
  private readonly jobs = new Map<string, IngestJobView>();
  private queue: Promise<void> = Promise.resolve();
  private ctx: Context | null = null;
  private ctxOverrides: number | null = null;

  constructor(
    private readonly store: Store,
    private readonly overridesPath: string | null,
    /** Called after each job so cached corpus views are rebuilt. */
    private readonly onWrite: () => void,
  ) {}

  /** Starts a job over already-read items (read errors included) and returns it at once. */
  start(files: string[], items: IngestItem[]): IngestJobView {
    const job: IngestJobView = {
      id: randomUUID(), state: 'running', files, total: items.length, read: 0, inserted: 0, replaced: 0, unchanged: 0,
      errors: 0, failures: [], documents: [], startedAt: new Date().toISOString(), finishedAt: null,
    };
    this.jobs.set(job.id, job);
    this.prune();
    this.queue = this.queue.then(() => this.run(job, items));
    return { ...job };
  }

  private async context(): Promise<Context> {
    // One context while the override file stays as it is: the tagger, gazetteers and KB load once.
    // A merge or split through the API changes the file, and the next job gets a fresh context so
    // resolution honours it. Watch lists are read when the context is made.
    const version = this.overridesPath && existsSync(this.overridesPath) ? statSync(this.overridesPath).mtimeMs : null;
    if (!this.ctx || version !== this.ctxOverrides) {
      this.ctx = new Context({ lists: await this.store.loadLists(), overridesPath: version === null ? null : this.overridesPath });
      this.ctxOverrides = version;
    }
    return this.ctx;
  }

  private async run(job: IngestJobView, items: IngestItem[]): Promise<void> {
    try {
      const ctx = await this.context();
      // Item by item (not ingestItems) so the job can name the stored document ids.
      for (const item of items) {
        job.read++;
        if (!item.ok) {
          job.errors++;
          job.failures.push({ code: item.error.code, message: item.error.message, file: item.error.file ?? null });
          continue;
        }
        try {
          const result = await ingestArticle(this.store, item.article, ctx);
          job[result.status]++;
          job.documents.push(result.id);
        } catch (err) {
          job.errors++;
          const e = err instanceof DossierError ? err : new DossierError('STORE', (err as Error).message, item.article.source);
          job.failures.push({ code: e.code, message: e.message, file: e.file ?? null });
        }
        // Let polls and reads in between documents.
        await new Promise((r) => setImmediate(r));
      }
      job.documents.sort();
      job.state = 'done';
    } catch (err) {
      job.failures.push({ code: 'INTERNAL', message: (err as Error).message, file: null });
      job.state = 'failed';
    } finally {
      job.finishedAt = new Date().toISOString();
      this.onWrite();
    }
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(j.id);
  }

  get(id: string): IngestJobView | null {
    const job = this.jobs.get(id);
    return job ? { ...job } : null;
  }

  /** Running jobs first, then the most recent. */
  list(): IngestJobView[] {
    return [...this.jobs.values()].map((j) => ({ ...j }))
      .sort((a, b) => (a.state === 'running' ? 0 : 1) - (b.state === 'running' ? 0 : 1) || (a.startedAt < b.startedAt ? 1 : -1));
  }

  /** Resolves when every queued job has finished (used on shutdown and by tests). */
  idle(): Promise<void> {
    return this.queue;
  }
}
