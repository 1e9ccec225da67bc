// `npm run crash:postgres [-- --kills N --articles N --max-delay-ms N --seed N]`: kill -9 durability
// of the PostgreSQL worker. Queues real Reuters text (CoNLL-2003 train documents), then starts
// `dossier worker` again and again and SIGKILLs it at random points — while it loads, analyses, saves
// or corroborates a batch. After every kill the store must hold every article once or not at all,
// every stored article must have its job done (and no done job lack its article), and every stored
// article must be either corroborated once or waiting for it. Finally a draining worker must
// complete the corpus with nothing left waiting. Prints one row per kill; when the corpus completes
// between kills, it is queued again on a fresh schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { option, random, runKilled as run, writeCorpus } from './crash-sqlite.js';

const PG_URL = process.env.DOSSIER_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Census { documents: number; problems: string[]; corroborated: number; waiting: number }

/** What the schema holds, and every broken invariant. */
async function census(db: pg.Client, schema: string): Promise<Census> {
  const one = async (sql: string) => (await db.query(sql.replaceAll('S.', `"${schema}".`))).rows[0].n as number;
  const problems: string[] = [];
  const checks: [string, string][] = [
    ['sources stored twice', 'SELECT COUNT(*)::int AS n FROM (SELECT source FROM S.documents GROUP BY source HAVING COUNT(*) > 1) x'],
    ['contents stored twice', 'SELECT (COUNT(*) - COUNT(DISTINCT content_hash))::int AS n FROM S.documents'],
    ['stored articles without a done job', `SELECT COUNT(*)::int AS n FROM S.documents d WHERE NOT EXISTS
      (SELECT 1 FROM S.jobs j WHERE j.document_id = d.id AND j.state = 'done')`],
    ['done jobs without their article', `SELECT COUNT(*)::int AS n FROM S.jobs j WHERE j.state = 'done'
      AND NOT EXISTS (SELECT 1 FROM S.documents d WHERE d.id = j.document_id AND d.content_hash = j.content_hash)`],
    ['articles both corroborated and waiting', `SELECT COUNT(*)::int AS n FROM S.corr_docs c JOIN S.corr_pending p ON p.doc_id = c.doc_id`],
    ['articles neither corroborated nor waiting', `SELECT COUNT(*)::int AS n FROM S.documents d WHERE NOT EXISTS
      (SELECT 1 FROM S.corr_docs c WHERE c.doc_id = d.id) AND NOT EXISTS (SELECT 1 FROM S.corr_pending p WHERE p.doc_id = d.id)`],
    ['statements of uncorroborated articles', `SELECT COUNT(*)::int AS n FROM S.corr_statements s JOIN S.corr_pending p ON p.doc_id = s.doc_id`],
    ['corroboration failures', 'SELECT COUNT(*)::int AS n FROM S.corr_pending WHERE error IS NOT NULL'],
    ['dead jobs', 'SELECT COUNT(*)::int AS n FROM S.dead_jobs'],
  ];
  for (const [what, sql] of checks) {
    const n = await one(sql);
    if (n) problems.push(`${n} ${what}`);
  }
  return {
    documents: await one('SELECT COUNT(*)::int AS n FROM S.documents'),
    corroborated: await one('SELECT COUNT(*)::int AS n FROM S.corr_docs'),
    waiting: await one('SELECT COUNT(*)::int AS n FROM S.corr_pending'),
    problems,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const kills = option(argv, '--kills', 50);
  const articles = option(argv, '--articles', 400);
  const maxDelayMs = option(argv, '--max-delay-ms', 9000);
  const seed = option(argv, '--seed', Date.now() % 2 ** 31);
  const schema = `crash_pg_${process.pid}`;
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  const work = mkdtempSync(join(tmpdir(), 'dossier-crash-pg-'));
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const started = Date.now();
  let ok = true;
  try {
    writeCorpus(join(work, 'corpus'), articles);
    const fresh = async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      const queued = await run(['ingest', '--queue', join(work, 'corpus'), '--db', url.toString()], null);
      if (queued.code !== 0) throw new Error(`enqueue failed: ${queued.stderr}`);
    };
    await fresh();
    let rounds = 0;
    console.log(`crash:postgres: ${kills} kills, ${articles} articles, kill after 300–${maxDelayMs} ms, seed ${seed}`);
    console.log(' run delay_ms outcome before  after corroborated waiting  problems');
    const rand = random(seed);
    let before = 0;
    let killed = 0;
    const worker = ['worker', '--db', url.toString(), '--quiet', '--lease', '3'];
    for (let i = 1; killed < kills && i <= kills * 2; i++) {
      const delayMs = Math.round(300 + rand() * (maxDelayMs - 300));
      const r = await run(worker, delayMs);
      if (r.killed) killed++;
      const c = await census(admin, schema);
      if (c.problems.length) ok = false;
      console.log(`${String(i).padStart(4)} ${String(delayMs).padStart(8)} ${(r.killed ? 'killed' : `exit ${r.code}`).padEnd(7)} ${String(before).padStart(6)} ${String(c.documents).padStart(6)} `
        + `${String(c.corroborated).padStart(12)} ${String(c.waiting).padStart(7)}  ${c.problems.join('; ') || 'ok'}`);
      before = c.documents;
      if (c.documents === articles && c.waiting === 0 && killed < kills) {
        // The corpus completed between kills: queue it again on a fresh schema until every kill is spent.
        rounds++;
        await fresh();
        before = 0;
      }
    }
    // Leases of the last killed worker's jobs run out after 3 s; a draining worker then finishes.
    await new Promise((r) => setTimeout(r, 3500));
    const final = await run([...worker.filter((a) => a !== '--quiet'), '--drain', '--quiet'], null);
    const c = await census(admin, schema);
    const complete = final.code === 0 && c.documents === articles && c.corroborated === articles && c.waiting === 0 && !c.problems.length;
    if (!complete) ok = false;
    if (final.code !== 0) process.stderr.write(final.stderr);
    console.log(`\n${killed} kills, ${rounds} corpora completed between kills; resume: exit ${final.code}, ${c.documents}/${articles} articles stored, ${c.corroborated} corroborated, `
      + `${c.waiting} waiting${c.problems.length ? `, ${c.problems.join('; ')}` : ''}`);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${ok ? 'PASS' : 'FAIL'} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (!ok) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
