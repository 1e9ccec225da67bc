// `dossier ingest PATH...`: analyse and store, idempotently, with progress on a TTY.
import type { Command } from 'commander';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Context } from '../../context.js';
import { DossierError } from '../../errors.js';
import { openStore, storeLocation } from '../../store/open.js';
import { ingestPaths, SAVE_BATCH, type ArticleInput, type RunReport } from '../../runner.js';
import { AnalysisPool, defaultAnalysisThreads } from '../../analysis-pool.js';
import type { Store } from '../../store/types.js';
import { endProgress, printFailure, progressLine } from '../io.js';
import { readInputs } from '../../ingest/index.js';
import { queueOf } from '../../queue/queue.js';
import { enqueueItems } from '../../queue/watch.js';

/** How many files a set of paths holds (for the ETA); counted only when a person is watching. */
function countFiles(paths: string[]): number | null {
  if (!process.stderr.isTTY) return null;
  let n = 0;
  const seen = new Set<string>();
  const walk = (p: string, depth: number) => {
    try {
      const st = statSync(p);
      if (st.isDirectory()) {
        const key = `${st.dev}:${st.ino}`;
        if (seen.has(key) || depth > 64) return;
        seen.add(key);
        for (const name of readdirSync(p)) if (!name.startsWith('.')) walk(join(p, name), depth + 1);
      } else n++;
    } catch {
      n++;
    }
  };
  paths.forEach((p) => walk(p, 0));
  return n;
}

/** Ingests paths into an open store, printing progress and one line per failure. */
export async function runIngest(store: Store, paths: string[], opts: { maxBytes?: number; threads?: number } = {}): Promise<RunReport> {
  const lists = await store.loadLists();
  const ctx = new Context({ lists });
  const total = countFiles(paths);
  const threads = opts.threads ?? defaultAnalysisThreads();
  const pool = threads > 0 ? AnalysisPool.take(threads).configure({ lists }) : null;
  let report: RunReport;
  try {
    // Deep enough that the threads keep analysing while a batch of saves holds the main thread.
    const run = pool ? { analyse: (input: ArticleInput) => pool.analyse(input), ahead: 2 * SAVE_BATCH + 2 * pool.size } : {};
    report = await ingestPaths(store, paths, ctx, { maxBytes: opts.maxBytes }, (p) => progressLine(p.read, total, p.errors, p.startedAt), run);
  } finally {
    await pool?.close();
  }
  endProgress();
  report.failures.forEach(printFailure);
  return report;
}

export function ingestCommand(program: Command): void {
  program
    .command('ingest')
    .description('add files, folders or feeds to the store (the same content is stored once; a changed file replaces its analysis)')
    .argument('<paths...>', 'files or folders')
    .option('--db <path>', 'store: a SQLite file or postgres:// URL (default $DOSSIER_DB or ./dossier.db)')
    .option('--max-bytes <n>', 'largest input accepted, in bytes', (v) => Number.parseInt(v, 10))
    .option('--threads <n>', 'analysis threads beside the one that saves (default: cores - 1, at most 4; 0: analyse on the main thread)', (v) => Number.parseInt(v, 10))
    .option('--queue', 'enqueue one job per article for `dossier worker` instead of analysing here (PostgreSQL store)')
    .action(async (paths: string[], opts: { db?: string; maxBytes?: number; queue?: boolean; threads?: number }) => {
      if (opts.threads !== undefined && !(Number.isInteger(opts.threads) && opts.threads >= 0 && opts.threads <= 64)) {
        throw new DossierError('INVALID', '--threads takes a whole number from 0 to 64');
      }
      const store = await openStore(storeLocation(opts.db));
      try {
        if (opts.queue) {
          const r = await enqueueItems(queueOf(store), readInputs(paths, { maxBytes: opts.maxBytes }));
          r.failures.forEach(printFailure);
          console.log(`${r.queued} queued, ${r.read - r.queued - r.failures.length} already stored or queued, ${r.failures.length} failed`);
          if (r.failures.length) process.exitCode = 1;
          return;
        }
        const r = await runIngest(store, paths, opts);
        const seconds = (Date.now() - r.startedAt) / 1000;
        console.log(`${r.inserted} added, ${r.replaced} replaced, ${r.unchanged} unchanged, ${r.errors} failed (${seconds.toFixed(1)} s)`);
        if (r.errors) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
