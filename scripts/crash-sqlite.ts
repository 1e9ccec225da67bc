// `npm run crash:sqlite [-- --kills N --articles N --max-delay-ms N --seed N]`: kill -9 durability of
// the SQLite store. Builds a corpus of real Reuters text (CoNLL-2003 train documents, tokens joined
// back), runs `node bin/dossier.js ingest` on it and SIGKILLs it at random points, again and again.
// After every kill the store must pass `dossier check` and hold every article once or not at all;
// finally an uninterrupted run must complete the corpus. Prints one row per kill. When the corpus
// completes between kills (a `done` row), the next kill starts on a fresh store.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { checkSqliteStore } from '../src/store/sqlite/check.js';
import { REPO_ROOT, SHARED_DIR } from '../src/paths.js';

export const CONLL_TRAIN = join(SHARED_DIR, 'data', 'conll2003', 'train.txt');

/** CoNLL-2003 documents as plain text: -DOCSTART- separates documents, blank lines sentences,
 *  the first column is the token. Punctuation is re-attached so the text reads like prose. */
export function conllDocuments(path = CONLL_TRAIN): string[] {
  const docs = readFileSync(path, 'utf8').split(/^-DOCSTART- .*$/m).slice(1);
  return docs
    .map((doc) => doc.split(/\n\s*\n/).map((sentence) => sentence.split('\n').filter((l) => l.trim()).map((l) => l.split(' ')[0]).join(' '))
      .filter(Boolean)
      .map((s) => s.replace(/ ([,.;:!?%)]|'s|n't)/g, '$1').replace(/([($]) /g, '$1'))
      .join('\n\n'))
    .filter((text) => text.length > 40);
}

/** Writes `count` CoNLL documents as .txt files into `dir`; returns their paths. */
export function writeCorpus(dir: string, count: number): string[] {
  const docs = conllDocuments();
  if (docs.length < count) throw new Error(`only ${docs.length} CoNLL documents in ${CONLL_TRAIN}`);
  mkdirSync(dir, { recursive: true });
  return docs.slice(0, count).map((text, i) => {
    const path = join(dir, `reuters-${String(i + 1).padStart(4, '0')}.txt`);
    writeFileSync(path, `${text}\n`);
    return path;
  });
}

export interface KillRow {
  kill: number;
  delayMs: number;
  /** The ingest ended on its own before the kill landed. */
  finished: boolean;
  before: number;
  after: number;
  checkOk: boolean;
  findings: string;
  duplicates: number;
  strangers: number;
}

export interface CrashReport {
  articles: number;
  rows: KillRow[];
  finalDocuments: number;
  finalCheckOk: boolean;
  finalExitCode: number | null;
  ok: boolean;
}

const BIN = join(REPO_ROOT, 'bin', 'dossier.js');

/** Runs `dossier ingest`, killing it with SIGKILL after `killAfterMs` (null: let it finish). */
const runIngest = (corpus: string, db: string, killAfterMs: number | null) => runKilled(['ingest', corpus, '--db', db], killAfterMs);

/** Runs a `dossier` command, killing it with SIGKILL after `killAfterMs` (null: let it finish). */
export function runKilled(args: string[], killAfterMs: number | null): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === null ? null : setTimeout(() => {
      killed = child.exitCode === null && child.kill('SIGKILL');
    }, killAfterMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ killed, code, stderr });
    });
  });
}

/** What the store holds, by source: duplicates and sources that are not corpus files. */
function census(db: string, sources: Set<string>): { documents: number; duplicates: number; strangers: number } {
  const conn = new Database(db, { fileMustExist: true });
  try {
    const rows = conn.prepare('SELECT source, COUNT(*) AS n FROM documents GROUP BY source').all() as { source: string; n: number }[];
    // Content hashes are unique too: the same article under two sources would show here.
    const hashes = conn.prepare('SELECT COUNT(*) - COUNT(DISTINCT content_hash) AS n FROM documents').get() as { n: number };
    return {
      documents: rows.reduce((n, r) => n + r.n, 0),
      duplicates: rows.filter((r) => r.n > 1).length + hashes.n,
      strangers: rows.filter((r) => !sources.has(r.source)).length,
    };
  } finally {
    conn.close();
  }
}

/** A small seeded random generator, so a run can be repeated. */
export function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

export interface CrashOptions {
  kills: number;
  articles: number;
  maxDelayMs: number;
  seed: number;
  /** Called after each kill (the script prints rows as they come). */
  onRow?: (row: KillRow) => void;
}

export async function crashTest(opts: CrashOptions): Promise<CrashReport> {
  const work = mkdtempSync(join(tmpdir(), 'dossier-crash-'));
  try {
    const corpus = join(work, 'corpus');
    const paths = writeCorpus(corpus, opts.articles);
    const sources = new Set(paths);
    const db = join(work, 'store.db');
    const rand = random(opts.seed);
    const rows: KillRow[] = [];
    let before = 0;
    // Runs until `kills` of them were killed (a run that ends first is a `done` row), bounded at twice that.
    for (let kill = 1, killed = 0; killed < opts.kills && kill <= opts.kills * 2; kill++) {
      const delayMs = Math.round(50 + rand() * (opts.maxDelayMs - 50));
      const run = await runIngest(corpus, db, delayMs);
      let row: KillRow = { kill, delayMs, finished: !run.killed, before, after: before, checkOk: false, findings: '', duplicates: 0, strangers: 0 };
      try {
        const report = checkSqliteStore(db);
        const c = census(db, sources);
        row = { ...row, after: c.documents, checkOk: report.ok, duplicates: c.duplicates, strangers: c.strangers,
          findings: report.findings.map((f) => `${f.severity} ${f.check}: ${f.message}`).join('; ') };
      } catch (err) {
        // The very first kill may land before the store file exists.
        row = { ...row, checkOk: before === 0, findings: `no store yet (${(err as Error).message})` };
      }
      rows.push(row);
      if (!row.finished) killed++;
      opts.onRow?.(row);
      before = row.after;
      if (row.finished && row.after === paths.length) {
        // The corpus completed between kills: start again on a fresh store until every kill is spent.
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
        before = 0;
      }
    }
    const final = await runIngest(corpus, db, null);
    const finalCheck = checkSqliteStore(db);
    const c = census(db, sources);
    const ok = rows.every((r) => r.checkOk && r.duplicates === 0 && r.strangers === 0) &&
      final.code === 0 && finalCheck.ok && c.documents === paths.length && c.duplicates === 0 && c.strangers === 0;
    if (final.code !== 0) process.stderr.write(final.stderr);
    return { articles: paths.length, rows, finalDocuments: c.documents, finalCheckOk: finalCheck.ok, finalExitCode: final.code, ok };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatRow(r: KillRow): string {
  return `${String(r.kill).padStart(4)} ${String(r.delayMs).padStart(7)} ${(r.finished ? 'done' : 'killed').padEnd(7)} ${String(r.before).padStart(6)} ${String(r.after).padStart(6)}  ${r.checkOk ? 'ok  ' : 'FAIL'} ${String(r.duplicates).padStart(4)} ${String(r.strangers).padStart(4)}  ${r.findings}`;
}

export function option(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opts: CrashOptions = {
    kills: option(argv, '--kills', 50),
    articles: option(argv, '--articles', 600),
    maxDelayMs: option(argv, '--max-delay-ms', 4000),
    seed: option(argv, '--seed', Date.now() % 2 ** 31),
    onRow: (r) => console.log(formatRow(r)),
  };
  console.log(`crash:sqlite: ${opts.kills} kills, ${opts.articles} articles, kill after 50–${opts.maxDelayMs} ms, seed ${opts.seed}`);
  console.log(` run delay_ms outcome before  after  check dups alien  findings`);
  const started = Date.now();
  const report = await crashTest(opts);
  const killed = report.rows.filter((r) => !r.finished).length;
  const rounds = report.rows.filter((r) => r.finished).length;
  const saving = report.rows.filter((r) => !r.finished && r.after > r.before).length;
  console.log(`\n${killed} kills (${saving} after saving had begun, the rest during start-up or re-reading), ${rounds} completed corpora, ` +
    `${report.rows.filter((r) => r.checkOk).length}/${report.rows.length} checks passed, ` +
    `${report.rows.reduce((n, r) => n + r.duplicates, 0)} duplicates, ${report.rows.reduce((n, r) => n + r.strangers, 0)} strangers`);
  console.log(`resume: exit ${report.finalExitCode}, ${report.finalDocuments}/${report.articles} articles stored, check ${report.finalCheckOk ? 'ok' : 'FAILED'}`);
  console.log(`${report.ok ? 'PASS' : 'FAIL'} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (!report.ok) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
