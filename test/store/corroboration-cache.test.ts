// The SQLite store keeps what clustering reads (frequencies, postings, statement clusters, counts)
// in memory across saves. Whatever else writes the file — another connection, a write outside a
// save, a replaced document, a failed save — the cache must never disagree with the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { cacheOf, dropCache } from '../../src/store/sqlite/corroboration-cache.js';
import { MAX_POSTINGS } from '../../src/corroborate/cluster.js';
import type { AnalysedDocument } from '../../src/store/types.js';
import { analysed } from '../corroborate/helpers.js';
import { articlesFromBytes } from '../../src/ingest/index.js';
import { Context } from '../../src/context.js';
import { analyzeArticle } from '../../src/pipeline.js';
import { forStore } from '../../src/runner.js';
import { conllArticles } from '../../scripts/bench-scale.js';

const ENTITIES: [string, 'GPE' | 'ORG' | 'FAC'][] = [['Norland', 'GPE'], ['Kestrel naval yard', 'FAC'], ['Harbor Times', 'ORG']];

/** Articles sharing terms and entities, so every save reads what earlier saves wrote. */
function articles(n: number): AnalysedDocument[] {
  return Array.from({ length: n }, (_, i) => analysed(`d${i}`, [
    `Norland has built a missile assembly plant at the Kestrel naval yard, the Harbor Times reported on day ${i}.`,
    `Workers at the plant assemble ${i % 3 ? 'guided' : 'cruise'} missiles for the navy.`,
    `Fishing boats number ${i} crowded the harbour as the weather cleared.`,
  ].join('\n'), { entities: ENTITIES, outlet: `Outlet ${i % 4}`, published: `2024-03-${String((i % 28) + 1).padStart(2, '0')}` }));
}

/** Every entry the connection remembers must be what the database now says. */
function assertCacheTrue(store: SqliteStore): void {
  const { db } = store;
  const cache = cacheOf(db);
  for (const [term, cell] of cache.frequencies) {
    const row = db.prepare('SELECT n FROM corr_df WHERE key = ?').get(term.startsWith('e:') ? term : `t:${term}`) as { n: number } | undefined;
    assert.equal(cell.n, row?.n ?? 0, `frequency of ${term}`);
  }
  for (const [key, list] of cache.postings) {
    const rows = db.prepare('SELECT s.key FROM corr_keys k JOIN corr_statements s ON s.seq = k.statement WHERE k.key = ? LIMIT ?').pluck().all(key, MAX_POSTINGS + 1) as string[];
    assert.deepEqual(list.map(cache.keyOf).sort(), rows.sort(), `postings of ${key}`);
  }
  for (const [key, row] of cache.rows) {
    const stored = db.prepare('SELECT seq, cluster_id FROM corr_statements WHERE key = ?').get(key) as { seq: number; cluster_id: string } | undefined;
    assert.ok(stored, `statement ${key} is stored`);
    assert.equal(row.seq, stored.seq);
    assert.equal(cache.cluster(row.clusterId), stored.cluster_id, `cluster of ${key}`);
  }
  for (const [id, list] of cache.members) {
    const rows = db.prepare('SELECT key, seq FROM corr_statements WHERE cluster_id = ? ORDER BY seq').all(id);
    assert.deepEqual(list, rows, `members of cluster ${id}`);
  }
  for (const [key, holders] of cache.holders) {
    const rows = (db.prepare('SELECT doc_id FROM corr_doc_keys WHERE key = ?').all(key) as { doc_id: string }[]).map((r) => r.doc_id);
    if (holders) assert.deepEqual([...holders].sort(), rows.sort(), `holders of ${key}`);
    else assert.ok(rows.length > 202, `${key} is held by many documents`);
  }
  for (const [seq, statement] of cache.parsed) {
    const stored = db.prepare('SELECT seq, statement_json FROM corr_statements WHERE key = ?').get(statement.key) as { seq: number; statement_json: string } | undefined;
    // An entry under an old sequence number is never asked for again; one under the current one
    // must be exactly what the row parses to.
    if (stored && stored.seq === seq) assert.deepEqual(statement, JSON.parse(stored.statement_json), `parsed statement ${statement.key}`);
    else assert.ok(stored && stored.seq > seq, `no statement ${statement.key}@${seq} from a save that did not commit`);
  }
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  // The save counts the keys it writes into corr_df; deletes count down through a trigger.
  const miscounted = db.prepare(`SELECT k.key, k.n, d.n AS df FROM (SELECT key, COUNT(*) AS n FROM corr_keys GROUP BY key) k
    LEFT JOIN corr_df d ON d.key = k.key WHERE d.n IS NOT k.n
    UNION ALL SELECT d.key, 0, d.n FROM corr_df d WHERE d.n <> 0 AND NOT EXISTS (SELECT 1 FROM corr_keys k WHERE k.key = d.key)`).all();
  assert.deepEqual(miscounted, [], 'corr_df counts every blocking key as corr_keys holds it');
  if (cache.statements !== null) assert.equal(cache.statements, count('SELECT COUNT(*) AS n FROM corr_statements'));
  if (cache.documents !== null) assert.equal(cache.documents, count('SELECT COUNT(*) AS n FROM corr_docs'));
  if (cache.maxSeq !== null) assert.equal(cache.maxSeq, count('SELECT COALESCE(MAX(seq), 0) AS n FROM corr_statements'));
}

/** Cluster of every statement, as the database holds it. */
const clustering = (store: SqliteStore) =>
  store.db.prepare('SELECT key, cluster_id FROM corr_statements ORDER BY key').all() as { key: string; cluster_id: string }[];

async function withStores(fn: (path: string, open: () => SqliteStore) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-cache-'));
  const opened: SqliteStore[] = [];
  try {
    await fn(join(dir, 'test.db'), () => {
      const store = new SqliteStore(join(dir, 'test.db'));
      opened.push(store);
      return store;
    });
  } finally {
    for (const s of opened) await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('two connections saving in turn: each one\'s cache follows the other\'s commits', () => withStores(async (_path, open) => {
  const a = open();
  const b = open();
  const docs = articles(12);
  for (const [i, doc] of docs.entries()) {
    const store = i % 3 === 2 ? b : a;
    await store.saveDocument(doc);
    assertCacheTrue(store);
  }
  assert.ok(cacheOf(a.db).frequencies.size > 0 && [...cacheOf(a.db).members.values()].some((m) => m.length > 1), 'the cache was used');
  assert.ok([...cacheOf(a.db).holders.values()].some((h) => h && h.length > 1), 'document keys were cached');
  const written = (store: SqliteStore) => store.db.prepare('SELECT key, seq FROM corr_statements WHERE doc_id = ?').all('d10') as { key: string; seq: number }[];
  assert.ok(written(a).length > 0 && written(a).every((r) => cacheOf(a.db).parsed.get(r.seq)?.key === r.key), 'the statements a save wrote are kept as written');
  // The same articles through one connection cluster the same way.
  const dir = mkdtempSync(join(tmpdir(), 'dossier-cache-ref-'));
  const single = new SqliteStore(join(dir, 'ref.db'));
  try {
    for (const doc of docs) await single.saveDocument(doc);
    assert.deepEqual(clustering(a), clustering(single));
  } finally {
    await single.close();
    rmSync(dir, { recursive: true, force: true });
  }
}));

test('a write outside a save, a replaced document and a failed save each leave the cache true', () => withStores(async (_path, open) => {
  const store = open();
  const docs = articles(10);
  for (const doc of docs.slice(0, 6)) await store.saveDocument(doc);
  assertCacheTrue(store);

  // A write on the same connection that is not a save: total_changes() moves, the cache is dropped.
  store.db.prepare('DELETE FROM documents WHERE id = ?').run('d2');
  await store.saveDocument(docs[6]);
  assertCacheTrue(store);

  // A document replaced by new content under the same source.
  const replaced = analysed('d1', 'Norland has closed the missile assembly plant at the Kestrel naval yard.', { entities: ENTITIES, outlet: 'Outlet 1' });
  assert.equal((await store.saveDocument({ ...replaced, article: { ...replaced.article, source: docs[1].article.source } })).status, 'replaced');
  assertCacheTrue(store);

  // A save that fails after its statements were clustered rolls back; the cache must not keep them.
  store.db.exec(`CREATE TEMP TRIGGER refuse_d7 BEFORE INSERT ON corr_docs WHEN new.doc_id = 'd7' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
  await assert.rejects(store.saveDocument(docs[7]), /refused/);
  assert.equal((store.db.prepare('SELECT COUNT(*) AS n FROM corr_statements WHERE doc_id = ?').get('d7') as { n: number }).n, 0);
  for (const doc of docs.slice(8)) await store.saveDocument(doc);
  assertCacheTrue(store);
  assert.ok(cacheOf(store.db).rows.size > 0 && !cacheOf(store.db).rows.has('d7#s0'), 'the failed save left nothing behind');

  // A batch holding a document that fails: rolled back whole, then saved one by one.
  store.db.exec(`CREATE TEMP TRIGGER refuse_d11 BEFORE INSERT ON corr_docs WHEN new.doc_id = 'd11' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
  const settled = await store.saveDocuments(articles(13).slice(10));
  assert.deepEqual(settled.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assertCacheTrue(store);
}));

test('real articles saved in batches: the cache stays true through merges, and clustering equals a store without it', { timeout: 120_000 }, () => withStores(async (_path, open) => {
  const ctx = new Context({ lists: null });
  const items = articlesFromBytes('reuters.jsonl', Buffer.from(conllArticles().slice(0, 200).map((r) => JSON.stringify(r)).join('\n')));
  const docs = items.flatMap((item) => (item.ok ? [forStore(analyzeArticle(item.article, ctx))] : []));
  const store = open();
  const cache = cacheOf(store.db);
  let merges = 0;
  const merged = cache.merged.bind(cache);
  cache.merged = (from, into) => {
    merges++;
    merged(from, into);
  };
  for (let i = 0; i < docs.length; i += 40) {
    assert.ok((await store.saveDocuments(docs.slice(i, i + 40))).every((r) => r.status === 'fulfilled'));
    assertCacheTrue(store);
  }
  assert.ok(merges > 0, 'some statement merged two clusters');
  // The same documents one at a time, the cache dropped before every save.
  const dir = mkdtempSync(join(tmpdir(), 'dossier-cache-ref-'));
  const fresh = new SqliteStore(join(dir, 'ref.db'));
  try {
    for (const doc of docs) {
      dropCache(fresh.db);
      await fresh.saveDocument(doc);
    }
    const everything = (db: SqliteStore['db']) => db.prepare('SELECT key, cluster_id, novelty_json FROM corr_statements ORDER BY key').all();
    assert.deepEqual(everything(store.db), everything(fresh.db));
    assert.deepEqual(store.db.prepare('SELECT * FROM corr_clusters ORDER BY id').all(), fresh.db.prepare('SELECT * FROM corr_clusters ORDER BY id').all());
  } finally {
    await fresh.close();
    rmSync(dir, { recursive: true, force: true });
  }
}));
