// Corroboration parity: the same documents saved into SQLite and PostgreSQL give the same clusters,
// provenance, timeline, derivation links and novelty, also when saves only queue their documents and
// corroboration runs later in batches; a document that cannot be clustered is set aside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { AnalysedDocument, Store } from '../../src/store/types.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { CORROBORATION_LOCK } from '../../src/store/postgres/corroboration.js';
import { lockAll } from '../../src/store/postgres/connection.js';
import type { Claim } from '../../src/schema/analysis.js';
import { analysed, entity } from '../store/contract.js';
import { openTestStore, schemaUrl, pending } from './helpers.js';
import { SEEDS_DIR } from '../helpers/fixtures.js';
import { articlesFromBytes } from '../../src/ingest/index.js';
import { Context } from '../../src/context.js';
import { analyzeArticle } from '../../src/pipeline.js';
import { forStore } from '../../src/runner.js';
import { conllArticles } from '../../scripts/bench-scale.js';

const BASE = 'Iran has established a drone development base at the El Libertador air base in Maracay, officials said. '
  + 'The base trains Venezuelan military personnel to fly the drones. In March 2023 Mahan Air flights carried parts to Caracas.';
const RESTATED = 'Officials said Iran built a drone development base at El Libertador air base near Maracay. '
  + 'Venezuelan personnel are trained at the base. The opposition denied that 40 drones were delivered in 2024.';

function claimOver(text: string, sentence: string, id: string, modality: Claim['modality'] = 'reported'): Claim {
  const start = text.indexOf(sentence);
  return { id, start, end: start + sentence.length, source: null, sourceText: 'officials', cue: 'said', quote: false, modality };
}

function corpus() {
  const docs = [
    { id: 'wire', text: BASE, outlet: 'Wire', published: '2024-05-01' },
    { id: 'copy', text: `${BASE} The report could not be verified.`, outlet: 'Copier', published: '2024-05-02' },
    { id: 'other', text: RESTATED, outlet: 'Other', published: '2024-05-03' },
  ];
  return docs.map((d) => {
    const entities = [entity('e1', 'Iran', 'GPE', d.text), entity('e2', 'El Libertador', 'FAC', d.text), entity('e3', 'Maracay', 'GPE', d.text),
      entity('e4', 'Mahan Air', 'ORG', d.text)].filter((e) => e.mentions.length);
    const first = d.text.slice(0, d.text.indexOf('.') + 1);
    return analysed(d.id, d.text, entities, { outlet: d.outlet, published: d.published, claims: [claimOver(d.text, first, 'c1')] });
  });
}

/** A fresh SQLite store and a fresh PostgreSQL schema, closed and dropped afterwards. */
async function bothStores(fn: (sqlite: SqliteStore, postgres: PostgresStore) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-corr-'));
  const sqlite = new SqliteStore(join(dir, 'c.db'));
  const { store: postgres, dispose } = await openTestStore('corr');
  try {
    await fn(sqlite, postgres);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    await dispose();
  }
}

async function everything(store: Store, ids = ['wire', 'copy', 'other']) {
  const clusters = await store.listClusters({ minMembers: 1, limit: 1000 });
  const details = await Promise.all(clusters.items.map((c) => store.getCluster(c.id)));
  const perDoc = await Promise.all(ids.map(async (id) => ({ links: await store.documentLinks(id), novelty: await store.documentNovelty(id) })));
  return { clusters, details, timeline: await store.timeline(), perDoc };
}

test('postgres: corroboration gives the same clusters, timeline, links and novelty as SQLite', async () => {
  await bothStores(async (sqlite, postgres) => {
    for (const doc of corpus()) {
      await sqlite.saveDocument(doc);
      await postgres.saveDocument(doc);
    }
    const expected = await everything(sqlite);
    const actual = await everything(postgres);
    assert.ok(expected.clusters.items.some((c) => c.members >= 2), 'the corpus does produce a shared proposition');
    assert.ok(expected.perDoc[1].links.length > 0, 'the copy is linked to its origin');
    assert.deepEqual(actual, expected);
  });
});

test('postgres: replacing a document refreshes the clusters it was in', async () => {
  const { store, dispose } = await openTestStore('corr');
  try {
    const [wire, copy] = corpus();
    await store.saveDocument(wire);
    await store.saveDocument(copy);
    const before = (await store.listClusters({ minMembers: 2 })).total;
    assert.ok(before > 0);
    const changed = analysed('copy', 'Completely different news about football results today.', [], {}, copy.article.source);
    assert.equal((await store.saveDocument(changed)).status, 'replaced');
    assert.equal((await store.listClusters({ minMembers: 2 })).total, 0, 'no cluster keeps a member of the replaced analysis');
    assert.deepEqual(await store.documentLinks('wire'), []);
  } finally {
    await dispose();
  }
});

test('postgres: the seed articles, analysed by the pipeline, corroborate exactly as on SQLite', async () => {
  const ctx = new Context({ lists: null });
  const docs = readdirSync(SEEDS_DIR).sort().flatMap((name) => articlesFromBytes(name, readFileSync(join(SEEDS_DIR, name))))
    .flatMap((item) => (item.ok ? [forStore(analyzeArticle(item.article, ctx))] : []));
  assert.ok(docs.length >= 5);
  await bothStores(async (sqlite, postgres) => {
    for (const doc of docs) {
      await sqlite.saveDocument(doc);
      await postgres.saveDocument(doc);
    }
    const ids = docs.map((d) => d.article.id);
    const expected = await everything(sqlite, ids);
    assert.ok(expected.clusters.items.some((c) => c.documents >= 2), 'the seeds share propositions');
    assert.deepEqual(await everything(postgres, ids), expected);
  });
});

/** Seeds, the small corpus above and real Reuters articles, analysed by the pipeline. */
function mixedCorpus() {
  const ctx = new Context({ lists: null });
  const seeds = readdirSync(SEEDS_DIR).sort().flatMap((name) => articlesFromBytes(name, readFileSync(join(SEEDS_DIR, name))));
  const reuters = articlesFromBytes('reuters.jsonl', Buffer.from(conllArticles().slice(0, 30).map((r) => JSON.stringify(r)).join('\n')));
  const analysed = [...seeds, ...reuters].flatMap((item) => (item.ok ? [forStore(analyzeArticle(item.article, ctx))] : []));
  return [...analysed.slice(0, 5), ...corpus(), ...analysed.slice(5)];
}

test('postgres: saves queued for corroboration and clustered in batches give exactly what SQLite gives', { timeout: 120_000 }, async () => {
  const docs = mixedCorpus();
  assert.ok(docs.length >= 35);
  await bothStores(async (sqlite, postgres) => {
    for (const doc of docs) {
      await sqlite.saveDocument(doc);
      await postgres.transaction((client) => postgres.saveWith(client, doc));
    }
    assert.equal((await postgres.corroborationBacklog()).waiting, docs.length, 'a save only queues its document');
    assert.equal((await postgres.listClusters({ minMembers: 1 })).total, 0);
    // Batches of 4 documents: the batch's caches must stay true across documents and batches.
    assert.equal(await postgres.corroborate({ wait: true, batch: 4 }), docs.length);
    assert.deepEqual(pending(await postgres.corroborationBacklog()), { waiting: 0, failed: [] });
    const ids = docs.map((d) => d.article.id);
    const expected = await everything(sqlite, ids);
    assert.ok(expected.clusters.items.some((c) => c.documents >= 3), 'some proposition spans three articles');
    assert.deepEqual(await everything(postgres, ids), expected);
  });
});

test('postgres: a document whose corroboration fails is set aside with its error, the others are clustered', async () => {
  const { store, dispose } = await openTestStore('corr');
  try {
    const docs = corpus();
    for (const doc of docs) await store.transaction((client) => store.saveWith(client, doc));
    // Damage one stored analysis so that clustering it throws.
    const saved = await store.pool.query<{ analysis_json: unknown }>('SELECT analysis_json FROM documents WHERE id = $1', ['copy']);
    await store.pool.query(`UPDATE documents SET analysis_json = '{"claims": 7}' WHERE id = 'copy'`);
    assert.equal(await store.corroborate({ wait: true }), 2);
    const backlog = await store.corroborationBacklog();
    assert.equal(backlog.waiting, 0);
    assert.deepEqual(backlog.failed.map((f) => [f.documentId, f.attempts]), [['copy', 1]]);
    assert.ok(backlog.failed[0].error.length > 0);
    assert.equal((await store.pool.query(`SELECT COUNT(*)::int AS n FROM corr_docs`)).rows[0].n, 2, 'wire and other are corroborated');
    // Skipped from then on, until retried once repaired.
    assert.equal(await store.corroborate({ wait: true }), 0);
    await store.pool.query('UPDATE documents SET analysis_json = $1 WHERE id = $2', [JSON.stringify(saved.rows[0].analysis_json), 'copy']);
    assert.equal(await store.retryCorroboration(), 1);
    assert.equal(await store.corroborate({ wait: true }), 1);
    assert.deepEqual(pending(await store.corroborationBacklog()), { waiting: 0, failed: [] });
    assert.ok((await store.documentLinks('copy')).length > 0, 'the repaired copy is linked to its origin');
  } finally {
    await dispose();
  }
});

test('postgres: processes taking turns at corroboration, with a document replaced between turns, give exactly what SQLite gives', { timeout: 120_000 }, async () => {
  const docs = mixedCorpus();
  await bothStores(async (sqlite, a) => {
    // A second process on the same schema: its batches move the epoch under the first one's kept state.
    const b = await PostgresStore.open(schemaUrl(a.schema));
    try {
      const turns: [PostgresStore, AnalysedDocument[]][] = [[a, docs.slice(0, 10)], [b, docs.slice(10, 20)], [a, docs.slice(20, 28)], [a, docs.slice(28)]];
      for (const [i, [store, chunk]] of turns.entries()) {
        for (const doc of chunk) {
          await sqlite.saveDocument(doc);
          await store.transaction((client) => store.saveWith(client, doc));
        }
        if (i === 3) {
          // Before the last turn the first process ran the last batch, but a replaced document
          // deleted statements since: it must not go on from what it kept.
          const changed = analysed('copy', 'Completely different news about football results today.', [], {}, docs.find((d) => d.article.id === 'copy')!.article.source);
          await sqlite.saveDocument(changed);
          await b.transaction((client) => b.saveWith(client, changed));
        }
        assert.equal(await store.corroborate({ wait: true, batch: 4 }), chunk.length + (i === 3 ? 1 : 0));
      }
      const ids = docs.map((d) => d.article.id);
      const expected = await everything(sqlite, ids);
      assert.deepEqual(await everything(a, ids), expected);
    } finally {
      await b.close();
    }
  });
});

/** Two processes' stores on one new schema (the first the test's own); both closed, the schema dropped. */
async function withTwoStores(fn: (a: PostgresStore, b: PostgresStore, schema: string) => Promise<void>): Promise<void> {
  const { store: a, schema, dispose } = await openTestStore('corr');
  const b = await PostgresStore.open(schemaUrl(schema));
  try {
    await fn(a, b, schema);
  } finally {
    await b.close();
    await dispose();
  }
}

test('postgres: the process that ran the last batch runs the next; another takes over once it has gone quiet', () => withTwoStores(async (a, b) => {
  const [wire, copy, other] = corpus();
  await a.transaction((client) => a.saveWith(client, wire));
  assert.equal((await a.corroborationBacklog()).holder, null, 'nobody corroborates yet');
  assert.equal(await b.corroborate({ min: 1 }), 1, 'with no holder yet, anyone may start');
  const holder = (await a.corroborationBacklog()).holder;
  assert.equal(holder?.process, b.corroboratorId, 'the backlog names the process that ran the batch');
  assert.match(holder!.process!, new RegExp(`^[^:]+:${process.pid}:[0-9a-f]{8}$`), 'host:pid:id, as a worker is named');
  assert.equal(holder!.running, false);
  assert.ok(Date.now() - Date.parse(holder!.lastBatchAt!) < 60_000, `the batch ended just now: ${holder!.lastBatchAt}`);
  await a.transaction((client) => a.saveWith(client, copy));
  assert.equal(await a.corroborate({ min: 1 }), 0, 'another process ran the last batch a moment ago');
  assert.equal(await b.corroborate({ min: 1 }), 1);
  await a.transaction((client) => a.saveWith(client, other));
  await a.pool.query(`UPDATE corr_epoch SET at = now() - interval '1 minute'`);
  assert.equal(await a.corroborate({ min: 1 }), 1, 'the holder has run no batch for a minute');
  assert.deepEqual(pending(await a.corroborationBacklog()), { waiting: 0, failed: [] });
}));

test('postgres: a draining process leaves the waiting documents to the one corroborating until that one stops', () => withTwoStores(async (a, b, schema) => {
  const [wire, copy] = corpus();
  await b.transaction((client) => b.saveWith(client, wire));
  assert.equal(await b.corroborate({ min: 1 }), 1, 'b holds corroboration');
  await a.transaction((client) => a.saveWith(client, copy));
  // b is in a batch that has run longer than a quiet holder's wait (its last batch ended a minute
  // ago): that is no reason to queue for the lock, which would take the next batch from b.
  await a.pool.query(`UPDATE corr_epoch SET at = now() - interval '1 minute'`);
  const running = await b.pool.connect();
  await running.query('BEGIN');
  await lockAll(running, schema, [CORROBORATION_LOCK]);
  let done: number | null = null;
  const draining = a.corroborate({ wait: true, leaveToHolder: true }).then((n) => (done = n));
  const pause = () => new Promise((resolve) => setTimeout(resolve, 600));
  await pause();
  assert.deepEqual({ ...(await a.corroborationBacklog()).holder, lastBatchAt: null }, { process: b.corroboratorId, running: true, lastBatchAt: null },
    'a batch of b\'s holds the lock');
  await running.query('UPDATE corr_epoch SET at = clock_timestamp()');
  await running.query('COMMIT');
  running.release();
  await pause();
  assert.equal(done, null, 'a waits while b, whose batch ended a moment ago, may still take the document');
  await b.releaseCorroboration();
  assert.equal(await draining, 1, 'once b says it stopped, a takes the document at once');
  assert.equal((await a.corroborationBacklog()).holder?.process, a.corroboratorId);
  await a.releaseCorroboration();
  assert.equal((await a.corroborationBacklog()).holder, null, 'a stopped: nobody corroborates');
  assert.deepEqual(pending(await a.corroborationBacklog()), { waiting: 0, failed: [] });
}));

test('postgres: a draining process waits for the documents that waited when it began, not for those queued since', () => withTwoStores(async (a, b) => {
  const [wire, copy, other] = corpus();
  await b.transaction((client) => b.saveWith(client, wire));
  assert.equal(await b.corroborate({ min: 1 }), 1, 'b holds corroboration');
  await a.transaction((client) => a.saveWith(client, copy));
  let done: number | null = null;
  const draining = a.corroborate({ wait: true, leaveToHolder: true }).then((n) => (done = n));
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.equal(done, null, 'the copy waits, and b is at work');
  // A document queued after a began draining; then a batch of b's takes the copy alone (as its
  // first batch would, were it to find the copy first): a is done, and the newer one is b's.
  await b.transaction((client) => b.saveWith(client, other));
  await b.pool.query(`WITH taken AS (DELETE FROM corr_pending WHERE doc_id = 'copy') UPDATE corr_epoch SET at = clock_timestamp()`);
  assert.equal(await draining, 0, 'a corroborated nothing itself');
  assert.equal((await a.corroborationBacklog()).waiting, 1, 'the document queued since is left waiting, for b');
  assert.equal(await b.corroborate({ min: 1 }), 1);
}));
