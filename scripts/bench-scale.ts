// Scale-out benchmark on real news: the ~1,400 Reuters documents of CoNLL-2003 rebuilt as JSONL
// articles, ingested by one process on SQLite and by 1, 2 and 4 queue workers on PostgreSQL.
// Prints articles/s and the peak memory of each process. Usage: npm run bench:scale
// (DOSSIER_BENCH_PG overrides the server, default postgres://postgres@127.0.0.1:5432/test).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SHARED_DIR } from '../src/paths.js';

const PG_URL = process.env.DOSSIER_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONLL_FILES = ['train.txt', 'dev.txt', 'test.txt'];

const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m)$/;
const NO_SPACE_AFTER = /^(?:[([{$])$/;

/** Joins CoNLL tokens back into text: no space before closing punctuation and clitics, none after
 *  opening brackets, and straight double quotes attached to what they enclose. A hyphen token is a
 *  dash between words ("SOCCER - JAPAN GET LUCKY WIN", "update - Syria - Lloyds Shipping"):
 *  hyphenated words are single tokens in CoNLL ("Anglo-Dutch", "1996-08-22"). Until stop 28 it was
 *  glued to its neighbours, which made words the articles never had ("SOCCER-JAPAN"). */
export function detokenize(tokens: string[]): string {
  let out = '';
  let openQuote = false;
  let glueNext = false;
  for (const t of tokens) {
    let space = out.length > 0 && !glueNext;
    glueNext = false;
    if (t === '"') {
      if (openQuote) space = false;
      else glueNext = true;
      openQuote = !openQuote;
    } else if (NO_SPACE_BEFORE.test(t)) space = false;
    if (NO_SPACE_AFTER.test(t)) glueNext = true;
    out += (space ? ' ' : '') + t;
  }
  return out;
}

interface Record { id: string; title: string; text: string; outlet: string; published?: string }

/** The CoNLL-2003 documents as article records: the first line is the headline, a dateline
 *  ("BRUSSELS 1996-08-22") gives the date, each CoNLL sentence is a line of the text. */
export function conllArticles(): Record[] {
  const records: Record[] = [];
  for (const file of CONLL_FILES) {
    const docs = readFileSync(join(SHARED_DIR, 'data', 'conll2003', file), 'utf8').split(/^-DOCSTART-.*$/m);
    let n = 0;
    for (const doc of docs) {
      const sentences = doc.split(/\n\s*\n/).map((block) => block.split('\n').filter((l) => l.trim()).map((l) => l.split(' ')[0]))
        .filter((tokens) => tokens.length).map(detokenize);
      if (sentences.length < 2) continue;
      const date = sentences.slice(0, 4).join(' ').match(/\b(19\d\d-\d\d-\d\d)\b/)?.[1];
      records.push({
        id: `conll-${file.replace('.txt', '')}-${String(++n).padStart(4, '0')}`,
        title: sentences[0],
        text: sentences.join('\n\n'),
        outlet: 'Reuters',
        ...(date ? { published: date } : {}),
      });
    }
  }
  return records;
}

/** The CLI entry point matching how this script runs (compiled, or TypeScript under tsx). */
function cliCommand(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const compiled = join(here, '..', 'src', 'cli', 'main.js');
  return existsSync(compiled) ? [compiled] : [...process.execArgv, join(here, '..', 'src', 'cli', 'main.ts')];
}

/** Runs the CLI under /usr/bin/time (and on the CPUs listed, through taskset, when given); resolves
 *  with the exit code, the peak resident memory and the CPU seconds it used. */
function runCli(args: string[], cpuList?: string): Promise<{ code: number | null; peakMb: number; cpuSeconds: number; output: string }> {
  return new Promise((resolve) => {
    const timed = ['/usr/bin/time', '-f', 'BENCH-TIME %U %S %M', process.execPath, ...cliCommand(), ...args];
    const [command, ...rest] = cpuList ? ['taskset', '-c', cpuList, ...timed] : timed;
    const child = spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => {
      const m = output.match(/BENCH-TIME ([\d.]+) ([\d.]+) (\d+)/);
      resolve({ code, peakMb: m ? Number(m[3]) / 1024 : NaN, cpuSeconds: m ? Number(m[1]) + Number(m[2]) : NaN, output });
    });
  });
}

interface Row { setup: string; processes: number; articles: number; seconds: number; rate: number; cpuMs: number; serverCpuMs: number | null; memory: string }

const CLOCK_TICKS = 100;

/** Fields of /proc/PID/stat after the command name (which may hold spaces): [0] is the state. */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds the local PostgreSQL server has used so far: its postmaster's reaped children (the
 *  backends of connections closed since) and its live processes. Null when the server is not a
 *  process this one can see (another machine, a container). Read through one of its backends. */
async function serverCpu(admin: pg.Client): Promise<number | null> {
  const backend = (await admin.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
  const postmaster = Number(procStat(backend)?.[1]);
  const own = procStat(postmaster);
  if (!own) return null;
  // utime, stime, cutime, cstime are fields 14-17 of the stat line, 11-14 here.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    const f = /^\d+$/.test(entry) ? procStat(Number(entry)) : null;
    if (f && Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** `ingest` into a new SQLite file; on one CPU when `oneCpu` (it then analyses on its main thread,
 *  since it starts one analysis thread fewer than the CPUs it may use). */
async function benchSqlite(file: string, dir: string, n: number, oneCpu = false): Promise<Row> {
  const db = join(dir, `bench-${oneCpu ? 1 : 'all'}.db`);
  const start = performance.now();
  const r = await runCli(['ingest', file, '--db', db], oneCpu ? '0' : undefined);
  const seconds = (performance.now() - start) / 1000;
  if (r.code !== 0) throw new Error(`sqlite ingest failed:\n${r.output.slice(-2000)}`);
  return {
    setup: `SQLite, dossier ingest${oneCpu ? ', 1 CPU (taskset)' : ''}`, processes: 1, articles: n, seconds, rate: n / seconds, cpuMs: (r.cpuSeconds * 1000) / n,
    serverCpuMs: null, memory: `${r.peakMb.toFixed(0)} MB`,
  };
}

async function benchPostgres(file: string, workers: number, n: number, oneCpu = false): Promise<Row> {
  const schema = `bench_scale_${process.pid}_${workers}${oneCpu ? '_1cpu' : ''}`;
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  try {
    const queued = await runCli(['ingest', '--queue', file, '--db', url.toString()]);
    if (queued.code !== 0) throw new Error(`enqueue failed:\n${queued.output.slice(-2000)}`);
    const serverBefore = await serverCpu(admin);
    const start = performance.now();
    const runs = await Promise.all(Array.from({ length: workers }, () => runCli(['worker', '--drain', '--quiet', '--db', url.toString()], oneCpu ? '0' : undefined)));
    const seconds = (performance.now() - start) / 1000;
    const serverAfter = await serverCpu(admin);
    const failed = runs.find((r) => r.code !== 0);
    if (failed) throw new Error(`worker failed:\n${failed.output.slice(-2000)}`);
    const stored = (await admin.query(`SELECT COUNT(*)::int AS n FROM ${schema}.documents`)).rows[0].n as number;
    const dead = (await admin.query(`SELECT COUNT(*)::int AS n FROM ${schema}.dead_jobs`)).rows[0].n as number;
    if (stored !== n) {
      const error = (await admin.query(`SELECT error FROM ${schema}.dead_jobs LIMIT 1`)).rows[0]?.error;
      throw new Error(`expected ${n} articles stored, found ${stored} (${dead} dead${error ? `: ${error}` : ''})`);
    }
    return {
      setup: `PostgreSQL, ${workers} × dossier worker${oneCpu ? ', workers on 1 CPU (taskset; the server on all)' : ''}`, processes: workers, articles: stored, seconds, rate: stored / seconds,
      cpuMs: (runs.reduce((sum, r) => sum + r.cpuSeconds, 0) * 1000) / stored,
      serverCpuMs: serverBefore === null || serverAfter === null ? null : ((serverAfter - serverBefore) * 1000) / stored,
      memory: runs.map((r) => `${r.peakMb.toFixed(0)}`).join(' / ') + ' MB',
    };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-scale-'));
  try {
    // --articles N: the first N articles only (a quicker run); other arguments pick setups: sqlite
    // sqlite-1cpu pg1 pg2 pg4 pg2-1cpu (the -1cpu ones run the dossier processes on CPU 0 alone).
    const args = process.argv.slice(2);
    const at = args.indexOf('--articles');
    const records = conllArticles().slice(0, at >= 0 ? Number(args[at + 1]) : undefined);
    const only = args.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
    const file = join(dir, 'conll2003-reuters.jsonl');
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const mb = records.reduce((s, r) => s + Buffer.byteLength(r.text), 0) / 1e6;
    console.log(`corpus: ${records.length} Reuters articles from CoNLL-2003 (${mb.toFixed(1)} MB of text); ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}`);
    const rows: Row[] = [];
    const wanted = (setup: string) => !only.length || only.includes(setup);
    if (wanted('sqlite')) rows.push(await benchSqlite(file, dir, records.length));
    if (wanted('sqlite-1cpu')) rows.push(await benchSqlite(file, dir, records.length, true));
    for (const w of [1, 2, 4]) if (wanted(`pg${w}`)) rows.push(await benchPostgres(file, w, records.length));
    if (wanted('pg2-1cpu')) rows.push(await benchPostgres(file, 2, records.length, true));
    console.log('\n| setup | processes | articles | seconds | articles/s | client CPU ms/article | server CPU ms/article | peak memory per process |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) {
      const server = r.serverCpuMs === null ? '—' : r.serverCpuMs.toFixed(1);
      console.log(`| ${r.setup} | ${r.processes} | ${r.articles} | ${r.seconds.toFixed(1)} | ${r.rate.toFixed(1)} | ${r.cpuMs.toFixed(1)} | ${server} | ${r.memory} |`);
    }
    console.log('\nTimes include each process starting and loading its models; enqueueing is not timed. Server CPU is the');
    console.log('local PostgreSQL server\'s (its processes, read from /proc over the run; — where it cannot be seen).');
    console.log(`load average at the end: ${loadavg()[0].toFixed(1)} (other processes on the machine share the CPUs)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Runs only as a script, so the corpus builder can be imported on its own.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
