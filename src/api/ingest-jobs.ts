// Uploads analysed in the background: each upload is a job whose progress the UI polls. Jobs run one
// at a time (analysis is CPU-bound and the store takes one writer), on the runner the server chose
// (ingest-runner.ts); finished jobs are kept for a while.
import { randomUUID } from 'node:crypto';
import type { IngestItem } from '../ingest/index.js';
import type { IngestRunner } from './ingest-runner.js';

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

  constructor(
    private readonly runner: IngestRunner,
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

  private async run(job: IngestJobView, items: IngestItem[]): Promise<void> {
    const fail = (code: string, message: string, file: string | null) => {
      job.errors++;
      job.failures.push({ code, message, file });
    };
    try {
      // Inputs that could not be read fail at once; the rest go to the runner in their order.
      const articles = [];
      for (const item of items) {
        if (item.ok) articles.push(item.article);
        else {
          job.read++;
          fail(item.error.code, item.error.message, item.error.file ?? null);
        }
      }
      await this.runner.run(articles, (o) => {
        job.read++;
        if (!o.ok) return fail(o.code, o.message, o.file);
        job[o.status]++;
        job.documents.push(o.id);
      });
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

  /** Waits for queued jobs, then releases the runner (its thread and store connection). */
  async close(): Promise<void> {
    await this.queue;
    await this.runner.close();
  }
}
