// Ingest with analysis on worker threads, ahead of the saves (articles made there from what was
// read): the same documents, clusters and outcomes as on the main thread, saved in input order; a
// bad input still fails alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runIngest } from '../../src/cli/commands/ingest.js';
import { REPO_ROOT, SHARED_DIR } from '../../src/paths.js';
import { Context } from '../../src/context.js';
import { readInputs } from '../../src/ingest/index.js';
import { analyzeArticle } from '../../src/pipeline.js';
import { articleOf, forStore, ingestItems, type ArticleInput } from '../../src/runner.js';
import { AnalysisPool, MAX_SILENT_DEATHS } from '../../src/analysis-pool.js';
import type { Article } from '../../src/schema/article.js';
import type { ListEntry } from '../../src/screen/types.js';
import { documentDates } from '../../src/corroborate/statements.js';
import type { AnalysedDocument } from '../../src/store/types.js';
import { recordSaveBatches } from '../helpers/fixtures.js';

const SEEDS = join(SHARED_DIR, 'corpus', 'seeds');

/** The seeds, with a binary file among them. */
function corpus(dir: string): string {
  const folder = join(dir, 'in');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  for (const name of readdirSync(SEEDS).sort()) copyFileSync(join(SEEDS, name), join(folder, name));
  writeFileSync(join(folder, '002b_broken.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
  // An HTML page and JSON lines (one record without text): made into articles where they are analysed.
  for (const name of ['article.html', 'records.jsonl']) copyFileSync(join(REPO_ROOT, 'test', 'fixtures', 'ingest', name), join(folder, `005_${name}`));
  return folder;
}

async function ingestWith(threads: number, dir: string) {
  const store = new SqliteStore(join(dir, `t${threads}.db`));
  try {
    const report = await runIngest(store, [corpus(dir)], { threads });
    const { db } = store;
    return {
      report: { read: report.read, inserted: report.inserted, errors: report.errors, failed: report.failures.map((f) => f.file?.split('/').pop()) },
      documents: db.prepare('SELECT id, title, analysis_json FROM documents ORDER BY rowid').all(),
      statements: db.prepare('SELECT key, cluster_id, seq FROM corr_statements ORDER BY seq').all(),
      clusters: db.prepare('SELECT id, canonical, members, roots FROM corr_clusters ORDER BY id').all(),
      entities: db.prepare('SELECT id, name, type FROM entities ORDER BY id').all(),
    };
  } finally {
    await store.close();
  }
}

test('analysis threads give what the main thread gives, in input order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-pipelined-'));
  try {
    const here = await ingestWith(0, dir);
    const threaded = await ingestWith(2, dir);
    assert.deepEqual(threaded.report, here.report);
    assert.equal(here.report.inserted, 8);
    assert.deepEqual(here.report.failed, ['002b_broken.txt', '005_records.jsonl#3']);
    assert.deepEqual(threaded.documents, here.documents, 'the same analyses, stored in the same order');
    assert.deepEqual(threaded.statements, here.statements);
    assert.deepEqual(threaded.clusters, here.clusters);
    assert.deepEqual(threaded.entities, here.entities);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('what an analysis thread derives for corroboration (dates, signature, draft statements) is what the store derives without it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-derived-'));
  const ctx = new Context({ lists: null });
  const docs: AnalysedDocument[] = [];
  for await (const item of readInputs([SEEDS])) if (item.ok) docs.push(forStore(analyzeArticle(item.article, ctx)));
  assert.ok(docs.length === 5 && docs.every((d) => d.derived && d.derived.signature.length > 0));
  assert.ok(docs.some((d) => d.derived!.dates.length > 0), 'the seeds name dates');
  for (const d of docs) assert.deepEqual(d.derived!.dates, documentDates(d.analysis.text, d.analysis.published), `dates of ${d.analysis.id}`);
  assert.ok(docs.every((d) => d.derived!.statements && d.derived!.statements.length > 0), 'each seed has draft statements');
  const saved = async (name: string, list: AnalysedDocument[]) => {
    const store = new SqliteStore(join(dir, name));
    try {
      for (const d of list) await store.saveDocument(d);
      return {
        statements: store.db.prepare('SELECT key, cluster_id, statement_json, novelty_json FROM corr_statements ORDER BY key').all(),
        documents: store.db.prepare('SELECT doc_id, signature_json, specifics_json FROM corr_docs ORDER BY doc_id').all(),
        links: store.db.prepare('SELECT * FROM corr_links ORDER BY doc_id').all(),
      };
    } finally {
      await store.close();
    }
  };
  try {
    const given = await saved('given.db', docs);
    const own = await saved('own.db', docs.map(({ derived: _derived, ...rest }) => rest));
    assert.deepEqual(given, own);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The seeds as read from disk. */
async function seedArticles(): Promise<Article[]> {
  const articles: Article[] = [];
  for await (const item of readInputs([SEEDS])) if (item.ok) articles.push(item.article);
  return articles;
}

test('a prestarted pool is the one an ingest takes, and screens with the lists it is configured with after starting', async () => {
  AnalysisPool.prestart(['ingest', 'corpus', '--threads', '1']);
  const pool = AnalysisPool.take(1);
  try {
    const again = AnalysisPool.take(1);
    await again.close();
    assert.notEqual(again, pool, 'a prestarted pool is taken once');
    const article = (await seedArticles()).find((a) => a.text.includes('Mahan Air'))!;
    await assert.rejects(pool.analyse(article), /not configured/);
    const listed: ListEntry = { list: 'Test list', id: 'T-1', name: 'Mahan Air', aliases: [], kind: 'organization', programmes: ['TEST'], remarks: null };
    pool.configure({ lists: [listed] });
    const doc = await pool.analyse(article);
    const mahan = doc.analysis.entities.find((e) => e.name === 'Mahan Air');
    assert.ok(mahan, 'the seed names Mahan Air');
    assert.deepEqual(mahan.sanctions?.map((h) => h.id), ['T-1'], 'screened against the configured list, not the none it started with');
  } finally {
    await pool.close();
  }
  AnalysisPool.prestart(['ingest', 'corpus', '--queue']);
  AnalysisPool.prestart(['entities']);
  const other = AnalysisPool.take(1);
  try {
    assert.equal(other.size, 1, 'nothing was prestarted for a queued ingest or another command: a new pool');
  } finally {
    await other.close();
  }
});

test('a batch is saved as soon as the next analysis is not done, not only when full', { timeout: 30_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-batch-'));
  const store = new SqliteStore(join(dir, 'b.db'));
  const ctx = new Context({ lists: null });
  try {
    const [first, second] = await seedArticles();
    // The second analysis finishes only once the first document is stored: a runner that waited
    // for a full batch (or for the second analysis) would wait for ever.
    const analyse = async (input: ArticleInput): Promise<AnalysedDocument> => {
      const article = articleOf(input);
      if (article === second) while (!(await store.hasContent(first.contentHash))) await new Promise((r) => setTimeout(r, 5));
      return forStore(analyzeArticle(article, ctx));
    };
    const report = await ingestItems(store, [first, second].map((article) => ({ ok: true as const, article })), ctx, undefined, { analyse, ahead: 4 });
    assert.equal(report.inserted, 2);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('analysing on the saving thread, documents are still saved many to a commit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-batch-'));
  const store = new SqliteStore(join(dir, 'c.db'));
  const batches = recordSaveBatches(store);
  try {
    const items = (await seedArticles()).map((article) => ({ ok: true as const, article }));
    const report = await ingestItems(store, items, new Context({ lists: null }));
    assert.equal(report.inserted, 5);
    assert.deepEqual(batches, [5], 'nothing under way elsewhere is no reason to save early');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('analysis threads that keep dying before they start are given up: articles fail with why, nothing spins', async () => {
  // A thread that exits as it starts, as one would whose modules cannot load.
  const pool = new AnalysisPool(2, new URL('data:text/javascript,process.exit(3)')).configure({ lists: null });
  const article = (await seedArticles())[0];
  try {
    const seen = new Set<string>();
    for (let i = 0; i < 200 && pool.size > 0; i++) {
      await pool.analyse(article).then(() => assert.fail('a dead thread analysed'), (err: Error) => seen.add(err.message.replace(/\(.*/, '')));
    }
    assert.equal(pool.size, 0, 'both threads given up');
    await assert.rejects(pool.analyse(article), (err: Error) => /analysis threads cannot start \(3 in a row stopped before they started: exit code 3\)/.test(err.message));
    assert.ok([...seen].every((m) => /analysis thread stopped: exit code 3|analysis threads cannot start/.test(m)), [...seen].join('; '));
  } finally {
    await pool.close();
  }
});

test('an analysis thread that started and then dies on each article is replaced every time', async () => {
  // Says it started, then dies on any article, as a thread killed by a hostile input would.
  const script = `import { parentPort } from 'node:worker_threads';
    parentPort.postMessage({ ready: true });
    parentPort.on('message', (m) => { if ('id' in m) process.exit(4); });`;
  const pool = new AnalysisPool(1, new URL(`data:text/javascript,${encodeURIComponent(script)}`)).configure({ lists: null });
  const article = (await seedArticles())[0];
  try {
    for (let i = 0; i < MAX_SILENT_DEATHS + 2; i++) {
      // Each new thread gets the article only once it has started, as a fresh pool's would after warming up.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await assert.rejects(pool.analyse(article), /analysis thread stopped: exit code 4/);
    }
    assert.equal(pool.size, 1, 'still one thread: the articles killed them, they did start');
  } finally {
    await pool.close();
  }
});
