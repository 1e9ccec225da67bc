// The job queue on PostgreSQL: one job per article (deduplicated by content hash), claimed with
// FOR UPDATE SKIP LOCKED under a lease, finished in the same transaction that saves the document,
// retried with exponential backoff, and moved to a dead-letter table after its last attempt.
import type pg from 'pg';
import type { Article } from '../schema/article.js';
import type { Page, PageOptions } from '../store/types.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { DossierError } from '../errors.js';

export const JOB_STATES = ['queued', 'running', 'failed', 'done', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobRecord {
  id: number;
  state: JobState;
  source: string;
  contentHash: string;
  attempts: number;
  maxAttempts: number;
  /** When a queued or failed job may run next. */
  runAt: string | null;
  lockedBy: string | null;
  lastError: string | null;
  documentId: string | null;
  outcome: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A job a worker has claimed: the token proves the claim is still its own when it finishes. */
export interface ClaimedJob {
  id: number;
  token: string;
  attempts: number;
  maxAttempts: number;
  source: string;
  payload: unknown;
  /** Was its content already stored when it was claimed? (Then there is nothing to analyse.) */
  stored?: boolean;
}

export interface QueueOptions {
  /** Attempts before a job goes to the dead letters (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubled on each attempt, capped at 15 minutes (default 2000 ms). */
  backoffMs?: number;
  /** How long a claim lasts without a heartbeat before another worker may take the job (default 60 s). */
  leaseSeconds?: number;
}

/** The claim was taken over by another worker (its lease ran out); this worker's result is dropped. */
export class LostClaimError extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} was taken over by another worker`);
  }
}

export class JobQueue {
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly leaseSeconds: number;

  constructor(readonly store: PostgresStore, opts: QueueOptions = {}) {
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.backoffMs = opts.backoffMs ?? 2000;
    this.leaseSeconds = opts.leaseSeconds ?? 60;
  }

  private get pool(): pg.Pool {
    return this.store.pool;
  }

  /** The NOTIFY channel workers LISTEN on to wake as soon as work arrives. */
  get channel(): string {
    return `dossier_jobs_${this.store.schema}`.toLowerCase().slice(0, 63);
  }

  /** Adds one job per article not already stored, queued, or dead (same content hash). */
  async enqueue(articles: Article[]): Promise<{ queued: number; skipped: number }> {
    let queued = 0;
    for (let i = 0; i < articles.length; i += 500) {
      const chunk = articles.slice(i, i + 500);
      const r = await this.pool.query(`INSERT INTO jobs (content_hash, source, payload, max_attempts)
        SELECT t.h, t.s, t.p, $4 FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS t(h, s, p)
        WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.content_hash = t.h)
          AND NOT EXISTS (SELECT 1 FROM dead_jobs x WHERE x.content_hash = t.h)
        ON CONFLICT (content_hash) DO NOTHING`,
      [chunk.map((a) => a.contentHash), chunk.map((a) => a.source), chunk.map((a) => JSON.stringify(a)), this.maxAttempts]);
      queued += r.rowCount ?? 0;
    }
    if (queued) await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, String(queued)]);
    return { queued, skipped: articles.length - queued };
  }

  /** Claims up to `n` runnable jobs: queued, due for retry, or abandoned by a worker whose lease ran out. */
  async claim(workerId: string, n = 1): Promise<ClaimedJob[]> {
    // Jobs ready to run and jobs whose lease ran out are picked through their own partial indexes and
    // then merged: one scan with the two conditions OR-ed read the whole table, done jobs included,
    // for every claim (2 ms at 1,400 jobs, growing with every job ever run).
    const r = await this.pool.query(`WITH ready AS (
        SELECT id, run_at FROM jobs WHERE state IN ('queued', 'failed') AND run_at <= now()
        ORDER BY run_at, id LIMIT $1 FOR UPDATE SKIP LOCKED),
      lapsed AS (
        SELECT id, run_at FROM jobs WHERE state = 'running' AND locked_until < now()
        ORDER BY run_at, id LIMIT $1 FOR UPDATE SKIP LOCKED),
      next AS (SELECT id FROM (SELECT * FROM ready UNION ALL SELECT * FROM lapsed) c ORDER BY run_at, id LIMIT $1)
      UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, claim_token = gen_random_uuid(), locked_by = $2,
        locked_until = now() + make_interval(secs => $3)
      FROM next WHERE j.id = next.id
      RETURNING j.id::int, j.claim_token AS token, j.attempts, j.max_attempts, j.source, j.payload, j.last_error,
        EXISTS (SELECT 1 FROM documents d WHERE d.content_hash = j.content_hash) AS stored`,
    [n, workerId, this.leaseSeconds]);
    const jobs: ClaimedJob[] = [];
    for (const row of r.rows.sort((a, b) => a.id - b.id)) {
      const job: ClaimedJob = { id: row.id, token: row.token, attempts: row.attempts, maxAttempts: row.max_attempts, source: row.source, payload: row.payload, stored: row.stored };
      // A job past its last attempt here was abandoned mid-run every time (the worker died): bury it.
      if (job.attempts > job.maxAttempts) {
        await this.bury(job, row.last_error ?? `the worker processing it stopped ${job.maxAttempts} times`);
      } else jobs.push(job);
    }
    return jobs;
  }

  /** Extends the leases of jobs still being worked on. */
  async heartbeat(jobs: ClaimedJob[]): Promise<void> {
    if (!jobs.length) return;
    await this.pool.query(`UPDATE jobs SET locked_until = now() + make_interval(secs => $2)
      WHERE claim_token = ANY($1::uuid[]) AND state = 'running'`, [jobs.map((j) => j.token), this.leaseSeconds]);
  }

  /** Marks the job done inside the caller's transaction (the one that saved its document). */
  async complete(client: pg.PoolClient, job: ClaimedJob, outcome: string, documentId: string | null): Promise<void> {
    const r = await client.query(`UPDATE jobs SET state = 'done', outcome = $3, document_id = $4, finished_at = now(),
        claim_token = NULL, locked_by = NULL, locked_until = NULL, last_error = NULL
      WHERE id = $1 AND claim_token = $2 AND state = 'running'`, [job.id, job.token, outcome, documentId]);
    if (!r.rowCount) throw new LostClaimError(job.id);
  }

  /** Records a failed attempt: retried after a growing delay, or moved to the dead letters. */
  async fail(job: ClaimedJob, error: string): Promise<'retry' | 'dead'> {
    if (job.attempts >= job.maxAttempts) {
      await this.bury(job, error);
      return 'dead';
    }
    const delay = Math.min(this.backoffMs * 2 ** (job.attempts - 1), 15 * 60_000) * (0.8 + Math.random() * 0.4);
    await this.pool.query(`UPDATE jobs SET state = 'failed', last_error = $3, run_at = now() + make_interval(secs => $4),
        claim_token = NULL, locked_by = NULL, locked_until = NULL
      WHERE id = $1 AND claim_token = $2`, [job.id, job.token, error, delay / 1000]);
    return 'retry';
  }

  private async bury(job: ClaimedJob, error: string): Promise<void> {
    await this.pool.query(`WITH gone AS (DELETE FROM jobs WHERE id = $1 AND claim_token = $2 RETURNING *)
      INSERT INTO dead_jobs (id, content_hash, source, payload, attempts, error, created_at)
      SELECT id, content_hash, source, payload, LEAST(attempts, max_attempts), $3, created_at FROM gone
      ON CONFLICT (content_hash) DO NOTHING`, [job.id, job.token, error]);
  }

  /** Jobs by state (dead ones from the dead letters), oldest first. */
  async list(opts: PageOptions & { state?: JobState } = {}): Promise<Page<JobRecord>> {
    const limit = Math.max(1, Math.min(opts.limit ?? 50, 1000));
    const offset = opts.offset ?? 0;
    const all = `(SELECT id, state, source, content_hash, attempts, max_attempts, run_at, locked_by, last_error, document_id, outcome, created_at, finished_at FROM jobs
      UNION ALL SELECT id, 'dead', source, content_hash, attempts, attempts, NULL, NULL, error, NULL, NULL, created_at, died_at FROM dead_jobs) j`;
    const where = opts.state ? 'WHERE j.state = $1' : 'WHERE $1::text IS NULL';
    const state = opts.state ?? null;
    const total = (await this.pool.query(`SELECT COUNT(*)::int AS n FROM ${all} ${where}`, [state])).rows[0].n as number;
    const rows = (await this.pool.query(`SELECT j.id::int AS id, j.* FROM ${all} ${where} ORDER BY j.id LIMIT $2 OFFSET $3`, [state, limit, offset])).rows;
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const items = rows.map((r): JobRecord => ({
      id: r.id, state: r.state, source: r.source, contentHash: r.content_hash, attempts: r.attempts, maxAttempts: r.max_attempts,
      runAt: iso(r.run_at), lockedBy: r.locked_by, lastError: r.last_error, documentId: r.document_id, outcome: r.outcome,
      createdAt: iso(r.created_at)!, finishedAt: iso(r.finished_at),
    }));
    return { items, total, limit, offset };
  }

  /** How many jobs are in each state. */
  async counts(): Promise<Record<JobState, number>> {
    const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    const rows = (await this.pool.query(`SELECT state, COUNT(*)::int AS n FROM jobs GROUP BY state
      UNION ALL SELECT 'dead', COUNT(*)::int FROM dead_jobs`)).rows as { state: JobState; n: number }[];
    for (const r of rows) counts[r.state] += r.n;
    return counts;
  }

  /** Is anything left to do (queued, running, or waiting to retry)? */
  async pending(): Promise<number> {
    return (await this.pool.query(`SELECT COUNT(*)::int AS n FROM jobs WHERE state IN ('queued', 'running', 'failed')`)).rows[0].n;
  }

  /** Puts dead jobs (all, or the given ids) back in the queue with fresh attempts. */
  async retryDead(ids?: number[]): Promise<number> {
    const r = await this.pool.query(`WITH back AS (DELETE FROM dead_jobs WHERE $1::bigint[] IS NULL OR id = ANY($1::bigint[]) RETURNING *)
      INSERT INTO jobs (id, content_hash, source, payload, max_attempts, created_at)
      SELECT id, content_hash, source, payload, $2, created_at FROM back ON CONFLICT DO NOTHING`, [ids ?? null, this.maxAttempts]);
    if (r.rowCount) await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, String(r.rowCount)]);
    return r.rowCount ?? 0;
  }
}

/** The queue of a store, which must be PostgreSQL. */
export function queueOf(store: object, opts?: QueueOptions): JobQueue {
  if (!(store instanceof PostgresStore)) {
    throw new DossierError('UNSUPPORTED', 'the job queue needs a PostgreSQL store (--db postgres://… or DOSSIER_DB)');
  }
  return new JobQueue(store, opts);
}
