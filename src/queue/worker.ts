// A queue worker: claims jobs, analyses each article, and saves it together with marking its job
// done in one transaction; failures are retried with backoff; any number of workers may run at once.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ArticleSchema, type Article } from '../schema/article.js';
import type { AnalysedDocument } from '../store/types.js';
import { saveLocks } from '../store/postgres/postgres-store.js';
import { CORROBORATE_AFTER, type CorroborateOptions } from '../store/postgres/corroboration.js';
import { JobQueue, LostClaimError, type ClaimedJob } from './queue.js';
import { deliverAlerts } from './alerts.js';
import { sleep } from './sleep.js';

export interface WorkerOptions {
  /** Jobs in flight at once in this process (default 1; analysis is CPU-bound, so scale out with processes). */
  concurrency?: number;
  /** Stop when nothing is queued, running or waiting to retry. */
  drain?: boolean;
  /** Longest wait between polls when idle, in ms (NOTIFY wakes the worker sooner). */
  pollMs?: number;
  /** Analyses one article; the CLI passes the pipeline. */
  analyse: (article: Article) => AnalysedDocument;
  /** Stops the worker after the jobs in flight finish. */
  signal?: AbortSignal;
  /** Called after every job, for progress lines and logs. */
  onJob?: (event: JobEvent) => void;
  /** Called when the queue cannot be reached (the worker keeps retrying). */
  onError?: (err: Error) => void;
  /** May webhooks of alerts go to private addresses? */
  allowPrivateWebhooks?: boolean;
  workerId?: string;
}

export interface JobEvent {
  job: ClaimedJob;
  outcome: 'inserted' | 'replaced' | 'unchanged' | 'superseded' | 'retry' | 'dead' | 'lost';
  documentId?: string;
  error?: string;
}

export interface WorkerReport {
  processed: number;
  failed: number;
  dead: number;
  /** Documents this worker clustered (its own and other workers'). */
  corroborated: number;
  startedAt: number;
  /** Set when the worker stopped because different jobs kept failing with one error (a broken
   *  model or configuration, not bad inputs): it would otherwise empty the queue into the dead letters. */
  halted?: string;
}

/** Consecutive failures of distinct jobs with the same error that stop a worker. */
export const HALT_AFTER = 5;
/** A busy worker asks whether a corroboration batch is due after this many saves, or this long. */
const CHECK_EVERY = 8;
const CHECK_MS = 1000;

export class Worker {
  readonly id: string;
  private readonly inFlight = new Set<ClaimedJob>();
  private wake: (() => void) | null = null;
  private listener: pg.Client | null = null;
  private readonly failures: { id: number; error: string }[] = [];
  /** Saves since this worker last asked whether a corroboration batch is due, and when it asked. */
  private savesUnchecked = 0;
  private checkedAt = 0;
  private halted: string | null = null;

  constructor(readonly queue: JobQueue, readonly opts: WorkerOptions) {
    this.id = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** Runs until the signal aborts (or, with drain, until the queue is empty). */
  async run(): Promise<WorkerReport> {
    const report: WorkerReport = { processed: 0, failed: 0, dead: 0, corroborated: 0, startedAt: Date.now() };
    const beat = setInterval(() => void this.queue.heartbeat([...this.inFlight]).catch(() => {}), (this.queue.leaseSeconds * 1000) / 3);
    await this.listen();
    try {
      const slots = Array.from({ length: Math.max(1, this.opts.concurrency ?? 1) }, () => this.slot(report));
      await Promise.all(slots);
      // A draining worker leaves nothing uncorroborated: it lets whoever is corroborating finish, then
      // takes what they left (each worker does this as it exits, so the last one catches everything).
      if (this.opts.drain && !this.opts.signal?.aborted) await this.corroborate(report, { wait: true, leaveToHolder: true });
    } finally {
      clearInterval(beat);
      await this.queue.store.releaseCorroboration().catch((err: Error) => this.opts.onError?.(err));
      await this.listener?.end().catch(() => {});
    }
    return report;
  }

  /** LISTENs on the queue's channel on a dedicated connection so idle workers wake on enqueue. */
  private async listen(): Promise<void> {
    try {
      this.listener = new pg.Client(this.queue.store.clientConfig);
      this.listener.on('error', () => {});
      await this.listener.connect();
      this.listener.on('notification', () => this.wake?.());
      await this.listener.query(`LISTEN ${JSON.stringify(this.queue.channel)}`);
    } catch {
      this.listener = null; // polling alone still works
    }
  }

  private async idle(): Promise<void> {
    await Promise.race([sleep(this.opts.pollMs ?? 1000, this.opts.signal), new Promise<void>((r) => { this.wake = r; })]);
  }

  private async slot(report: WorkerReport): Promise<void> {
    while (!this.opts.signal?.aborted && !this.halted) {
      let job: ClaimedJob | undefined;
      try {
        [job] = await this.queue.claim(this.id, 1);
        if (!job && this.opts.drain && this.inFlight.size === 0 && (await this.queue.pending()) === 0) return;
        if (!job) await this.corroborate(report, { wait: false });
      } catch (err) {
        // The database is unreachable or restarting: keep trying; claimed jobs come back by lease.
        this.opts.onError?.(err as Error);
        await sleep(2000, this.opts.signal);
        continue;
      }
      if (!job) {
        await this.idle();
        continue;
      }
      this.inFlight.add(job);
      try {
        const event = await this.process(job);
        if (event.outcome === 'retry') report.failed++;
        else if (event.outcome === 'dead') report.dead++;
        else if (event.outcome !== 'lost') report.processed++;
        this.watchFailures(event, report);
        this.opts.onJob?.(event);
        if ((event.outcome === 'inserted' || event.outcome === 'replaced') && this.corroborationDue()) {
          await this.corroborate(report, { wait: false, min: CORROBORATE_AFTER });
        }
      } catch (err) {
        // Even recording the failure failed (database gone): the lease hands the job back later.
        this.opts.onError?.(err as Error);
      } finally {
        this.inFlight.delete(job);
      }
    }
  }

  /** Whether to ask, after a save, if a corroboration batch is due: after every CHECK_EVERY saves or
   *  CHECK_MS, not after each one (the batch waits for CORROBORATE_AFTER documents anyway, and asking
   *  costs every worker a round trip a job). */
  private corroborationDue(): boolean {
    if (++this.savesUnchecked < CHECK_EVERY && Date.now() - this.checkedAt < CHECK_MS) return false;
    this.savesUnchecked = 0;
    this.checkedAt = Date.now();
    return true;
  }

  /** Clusters saved documents unless another worker is doing so (saves only queue them for that, so
   *  the serial step never holds up the others' analysis). A busy worker waits for a full batch; an
   *  idle one takes whatever waits. Errors are reported, not thrown: the documents stay queued. */
  private async corroborate(report: WorkerReport, opts: CorroborateOptions): Promise<void> {
    try {
      report.corroborated += await this.queue.store.corroborate(opts);
    } catch (err) {
      this.opts.onError?.(err as Error);
    }
  }

  /** Stops claiming when the last HALT_AFTER jobs, all different, failed with the same error. */
  private watchFailures(event: JobEvent, report: WorkerReport): void {
    if (!event.error || event.outcome === 'lost') {
      if (event.outcome !== 'lost') this.failures.length = 0;
      return;
    }
    this.failures.push({ id: event.job.id, error: event.error });
    const last = this.failures.slice(-HALT_AFTER);
    if (last.length === HALT_AFTER && new Set(last.map((f) => f.id)).size === HALT_AFTER && new Set(last.map((f) => f.error)).size === 1) {
      this.halted = report.halted = event.error;
    }
  }

  /** One job: analyse (unless the content is already stored or a newer version of the source
   *  is), then save and finish the job in one transaction. */
  async process(job: ClaimedJob): Promise<JobEvent> {
    const store = this.queue.store;
    try {
      const article = ArticleSchema.parse(job.payload);
      const stored = job.stored ?? (await store.hasContent(article.contentHash));
      const doc = stored ? null : this.opts.analyse(article);
      // The save's own locks, taken as the transaction begins, before the check for a newer version of the source.
      const result = await store.transaction(async (client) => {
        // A newer job of the same source already stored it: this one is superseded (null). The save
        // checks that in its first round trip; for content stored already it is checked here.
        const saved = doc ? await store.saveWith(client, doc, { locked: true, newerThanJob: job.id })
          : (await client.query(`SELECT 1 FROM jobs WHERE source = $1 AND id > $2 AND state = 'done' AND outcome <> 'superseded' LIMIT 1`,
            [article.source, job.id])).rowCount ? null : await store.findByContent(client, article.contentHash);
        if (!saved) {
          await this.queue.complete(client, job, 'superseded', null);
          return { outcome: 'superseded' as const, alerts: 0 };
        }
        await this.queue.complete(client, job, saved.status, saved.id);
        return { outcome: saved.status, documentId: saved.id, alerts: saved.alerts };
      }, saveLocks(article));
      if (result.alerts) await deliverAlerts(store, { allowPrivate: this.opts.allowPrivateWebhooks }).catch(() => {});
      return { job, outcome: result.outcome, documentId: 'documentId' in result ? result.documentId : undefined };
    } catch (err) {
      if (err instanceof LostClaimError) return { job, outcome: 'lost', error: err.message };
      const message = err instanceof Error ? `${err.name === 'ZodError' ? 'invalid article: ' : ''}${err.message}` : String(err);
      const outcome = await this.queue.fail(job, message.slice(0, 2000));
      return { job, outcome, error: message };
    }
  }
}
