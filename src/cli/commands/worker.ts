// `dossier worker` (process queued articles; run as many as you like, on any machines) and
// `dossier jobs` (what is queued, running, failed or dead).
import type { Command } from 'commander';
import { Context } from '../../context.js';
import { analyzeArticle } from '../../pipeline.js';
import { forStore } from '../../runner.js';
import { openStore, storeLocation } from '../../store/open.js';
import { JOB_STATES, queueOf, type JobState } from '../../queue/queue.js';
import type { CorroborationBacklog } from '../../store/postgres/postgres-store.js';
import { HALT_AFTER, Worker } from '../../queue/worker.js';
import { DossierError } from '../../errors.js';
import { printJson, printTable } from '../io.js';

const int = (v: string) => Number.parseInt(v, 10);

interface WorkerFlags {
  db?: string; concurrency: number; drain?: boolean; lease: number; maxAttempts: number; backoffMs: number;
  allowPrivate?: boolean; quiet?: boolean;
}

export function workerCommand(program: Command): void {
  program
    .command('worker')
    .description('process queued articles (PostgreSQL store): analyse each and save it with its job in one transaction')
    .option('--db <url>', 'postgres:// URL (default $DOSSIER_DB)')
    .option('--concurrency <n>', 'jobs in flight in this process (analysis is CPU-bound: for more throughput run more workers)', int, 1)
    .option('--drain', 'exit once nothing is queued, running or waiting to retry')
    .option('--lease <seconds>', 'how long a claimed job stays ours without a heartbeat before others may take it', int, 60)
    .option('--max-attempts <n>', 'attempts before a failing job goes to the dead letters', int, 5)
    .option('--backoff-ms <ms>', 'first retry delay, doubled on each attempt', int, 2000)
    .option('--allow-private', 'let alert webhooks reach private and loopback addresses')
    .option('--quiet', 'no line per job')
    .action(async (opts: WorkerFlags) => {
      const store = await openStore(storeLocation(opts.db));
      try {
        const queue = queueOf(store, { leaseSeconds: opts.lease, maxAttempts: opts.maxAttempts, backoffMs: opts.backoffMs });
        const ctx = new Context({ lists: await store.loadLists() });
        const stop = new AbortController();
        let signals = 0;
        const onSignal = () => {
          if (++signals > 1) process.exit(130);
          process.stderr.write('dossier worker: finishing the jobs in flight (again to quit now)\n');
          stop.abort();
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        const worker = new Worker(queue, {
          concurrency: opts.concurrency,
          drain: opts.drain,
          signal: stop.signal,
          allowPrivateWebhooks: opts.allowPrivate,
          analyse: (article) => forStore(analyzeArticle(article, ctx)),
          onError: (err) => process.stderr.write(`dossier worker: ${err.message}; retrying\n`),
          onJob: (e) => {
            if (opts.quiet && !e.error) return;
            const what = e.documentId ? `${e.outcome} as ${e.documentId}` : e.outcome;
            process.stderr.write(`job ${e.job.id} ${e.job.source}: ${what}${e.error ? ` (attempt ${e.job.attempts}/${e.job.maxAttempts}: ${e.error})` : ''}\n`);
          },
        });
        const r = await worker.run();
        const seconds = (Date.now() - r.startedAt) / 1000;
        console.log(`${r.processed} processed, ${r.failed} failed (will retry), ${r.dead} dead (${seconds.toFixed(1)} s)`);
        if (r.halted) {
          process.stderr.write(`dossier worker: stopped: ${HALT_AFTER} different jobs in a row failed with "${r.halted}"; fix that and start the worker again\n`);
          process.exitCode = 1;
        }
      } finally {
        await store.close();
      }
    });
}

/** Who corroborates, for `dossier jobs`. */
function holderLine(h: NonNullable<CorroborationBacklog['holder']>): string {
  const when = h.lastBatchAt ? `${h.lastBatchAt.slice(0, 19).replace('T', ' ')} UTC` : null;
  if (!h.process) return 'corroboration: the lock is held by a save replacing a document';
  return `corroboration: ${h.process}${h.running ? ', a batch is running' : ''}${when ? `, last batch ended ${when}` : ''}`;
}

export function jobsCommand(program: Command): void {
  program
    .command('jobs')
    .description('list queued, running, failed and dead jobs (PostgreSQL store)')
    .option('--db <url>', 'postgres:// URL (default $DOSSIER_DB)')
    .option('--state <state>', `only jobs in this state: ${JOB_STATES.join(', ')}`)
    .option('--limit <n>', 'how many', int, 50)
    .option('--offset <n>', 'skip this many', int, 0)
    .option('--retry-dead [ids...]', 'put dead jobs (all, or these ids) back in the queue; with no ids, failed corroborations too')
    .option('--json', 'print JSON')
    .action(async (opts: { db?: string; state?: string; limit: number; offset: number; retryDead?: true | string[]; json?: boolean }) => {
      if (opts.state && !(JOB_STATES as readonly string[]).includes(opts.state)) {
        throw new DossierError('INVALID', `unknown state '${opts.state}' (expected ${JOB_STATES.join(', ')})`);
      }
      const store = await openStore(storeLocation(opts.db));
      try {
        const queue = queueOf(store);
        if (opts.retryDead) {
          const n = await queue.retryDead(opts.retryDead === true ? undefined : opts.retryDead.map(int));
          console.log(`${n} dead job${n === 1 ? '' : 's'} queued again`);
          if (opts.retryDead === true) {
            const c = await queue.store.retryCorroboration();
            if (c) console.log(`${c} document${c === 1 ? '' : 's'} queued for corroboration again`);
          }
          return;
        }
        const counts = await queue.counts();
        const page = await queue.list({ state: opts.state as JobState | undefined, limit: opts.limit, offset: opts.offset });
        const corroboration = await queue.store.corroborationBacklog();
        if (opts.json) {
          printJson({ counts, ...page, corroboration });
          return;
        }
        console.log(JOB_STATES.map((s) => `${counts[s]} ${s}`).join(', ')
          + `; ${corroboration.waiting} saved document${corroboration.waiting === 1 ? '' : 's'} waiting for corroboration`);
        const holder = corroboration.holder;
        if (holder) console.log(holderLine(holder));
        for (const f of corroboration.failed) console.log(`corroboration failed for ${f.documentId}: ${f.error.split('\n')[0]} (--retry-dead retries it)`);
        printTable(['id', 'state', 'attempts', 'source', 'document', 'error'],
          page.items.map((j) => [j.id, j.state, `${j.attempts}/${j.maxAttempts}`, j.source, j.documentId, j.lastError?.split('\n')[0] ?? null]));
        if (page.total > page.offset + page.items.length) console.log(`… ${page.total - page.offset - page.items.length} more (--offset)`);
      } finally {
        await store.close();
      }
    });
}
