// The job queue on the real PostgreSQL server: deduplicated enqueueing, several workers sharing a
// queue without doing a job twice, retries with backoff, dead letters, and alert webhooks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JobQueue } from '../../src/queue/queue.js';
import { Worker } from '../../src/queue/worker.js';
import type { Article } from '../../src/schema/article.js';
import type { AnalysedDocument } from '../../src/store/types.js';
import { article } from '../helpers/fixtures.js';
import { analysed, entity } from '../store/contract.js';
import { openTestStore, pending } from './helpers.js';

/** A stand-in for the pipeline: the entity named in the text and one claim about it. */
function analyseFixture(a: Article): AnalysedDocument {
  if (a.text.includes('POISON')) throw new Error('cannot analyse this input');
  const doc = analysed(a.id, a.text, [entity('e1', 'Mahan Air', 'ORG', a.text)], {
    claims: [{ id: 'c1', start: 0, end: a.text.length, source: null, sourceText: null, cue: null, quote: false, modality: 'asserted' }],
  }, a.source);
  return { ...doc, article: a };
}

/** Runs `fn` on a queue over a fresh test store (its own schema), dropped afterwards. */
async function withQueue(fn: (store: Awaited<ReturnType<typeof openTestStore>>['store'], queue: JobQueue) => Promise<void>, options?: ConstructorParameters<typeof JobQueue>[1]): Promise<void> {
  const { store, dispose } = await openTestStore('queue');
  try {
    await fn(store, new JobQueue(store, options));
  } finally {
    await dispose();
  }
}

const articles = (n: number, prefix = 'story') =>
  Array.from({ length: n }, (_, i) => article(`${prefix}${i}`, `Mahan Air flew cargo to Caracas on day ${i}.`));

test('postgres queue: the same article is queued once, and not at all when already stored', async () => {
  await withQueue(async (store, queue) => {
    const batch = articles(3);
    assert.deepEqual(await queue.enqueue([...batch, batch[0]]), { queued: 3, skipped: 1 });
    assert.deepEqual(await queue.enqueue(batch), { queued: 0, skipped: 3 });
    await store.saveDocument(analyseFixture(articles(1, 'stored')[0]));
    assert.equal((await queue.enqueue(articles(1, 'stored'))).queued, 0);
    assert.equal((await queue.counts()).queued, 3);
  });
});

test('postgres queue: four workers share the queue and store every article exactly once', async () => {
  await withQueue(async (store, queue) => {
    await queue.enqueue(articles(40));
    const workers = Array.from({ length: 4 }, (_, i) => new Worker(queue, { analyse: analyseFixture, drain: true, concurrency: 2, pollMs: 50, workerId: `w${i}` }));
    const reports = await Promise.all(workers.map((w) => w.run()));
    assert.equal(reports.reduce((n, r) => n + r.processed, 0), 40, 'each job processed by exactly one worker');
    assert.equal((await store.stats()).documents, 40);
    assert.equal((await store.stats()).entities, 1, 'one corpus entity despite concurrent resolution');
    const counts = await queue.counts();
    assert.deepEqual([counts.done, counts.queued, counts.running, counts.failed, counts.dead], [40, 0, 0, 0, 0]);
    // The serial corroboration step ran in batches beside the saves; nothing is left waiting, and the
    // 40 statements about one airline's flights were each clustered once.
    assert.deepEqual(pending(await store.corroborationBacklog()), { waiting: 0, failed: [] });
    assert.equal(reports.reduce((n, r) => n + r.corroborated, 0), 40);
    const statements = (await store.pool.query('SELECT COUNT(*)::int AS n, COUNT(DISTINCT doc_id)::int AS docs FROM corr_statements')).rows[0];
    assert.equal(statements.docs, 40);
  });
});

test('postgres queue: a job whose content was stored after it was queued is finished unchanged, without analysis', async () => {
  await withQueue(async (store, queue) => {
    const [a] = articles(1, 'twice');
    await queue.enqueue([a]);
    await store.saveDocument(analyseFixture(a));
    let analysed = 0;
    const report = await new Worker(queue, { analyse: (x) => (analysed++, analyseFixture(x)), drain: true, pollMs: 20 }).run();
    assert.equal(report.processed, 1);
    assert.equal(analysed, 0, 'the claim said the content is stored');
    const job = (await store.pool.query('SELECT outcome, document_id FROM jobs')).rows[0];
    assert.deepEqual([job.outcome, job.document_id], ['unchanged', 'twice0']);
    assert.equal((await store.stats()).documents, 1);
  });
});

test('postgres queue: an older version of a source, processed after a newer one was stored, is superseded and stores nothing', async () => {
  await withQueue(async (store, queue) => {
    const older = article('item', 'Mahan Air flew cargo to Caracas on Monday.');
    const newer = article('item', 'Mahan Air flew cargo and parts to Caracas on Monday.');
    await queue.enqueue([older]);
    await queue.enqueue([newer]);
    // Both claimed; the newer one is stored first, then the older one runs.
    const worker = new Worker(queue, { analyse: analyseFixture, pollMs: 20 });
    const jobs = await queue.claim('w', 2);
    const byHash = (h: string) => jobs.find((j) => (j.payload as Article).contentHash === h)!;
    assert.equal((await worker.process(byHash(newer.contentHash))).outcome, 'inserted');
    assert.equal((await worker.process(byHash(older.contentHash))).outcome, 'superseded');
    const outcomes = (await store.pool.query('SELECT content_hash, outcome, document_id FROM jobs ORDER BY id')).rows;
    assert.deepEqual(outcomes.map((r) => [r.content_hash, r.outcome, r.document_id]), [[older.contentHash, 'superseded', null], [newer.contentHash, 'inserted', 'item']]);
    const stored = await store.listDocuments();
    assert.equal(stored.total, 1);
    assert.equal((await store.getDocument('item'))?.article.text, newer.text, 'the newer version stays');
  });
});

test('postgres queue: a failing input is retried with backoff, then lands in the dead letters with its error', async () => {
  await withQueue(async (store, queue) => {
    await queue.enqueue([article('poison', 'POISON pill text'), ...articles(2)]);
    const report = await new Worker(queue, { analyse: analyseFixture, drain: true, pollMs: 20 }).run();
    assert.equal(report.processed, 2);
    assert.equal(report.failed, 2, 'two retries');
    assert.equal(report.dead, 1);
    const dead = await queue.list({ state: 'dead' });
    assert.equal(dead.total, 1);
    assert.equal(dead.items[0].source, 'poison.txt');
    assert.equal(dead.items[0].attempts, 3);
    assert.match(dead.items[0].lastError!, /cannot analyse this input/);
    assert.equal((await queue.enqueue([article('poison', 'POISON pill text')])).queued, 0, 'a dead input is not queued again by itself');
    assert.equal(await queue.retryDead(), 1);
    assert.equal((await queue.counts()).queued, 1);
  }, { maxAttempts: 3, backoffMs: 20 });
});

test('postgres queue: a job whose worker vanished is taken over after its lease, and stored once', async () => {
  await withQueue(async (store, queue) => {
    await queue.enqueue(articles(1));
    const [abandoned] = await queue.claim('crashed-worker');
    assert.ok(abandoned);
    assert.equal((await queue.claim('other')).length, 0, 'a leased job is not handed out twice');
    await new Promise((r) => setTimeout(r, 1200));
    const report = await new Worker(queue, { analyse: analyseFixture, drain: true, pollMs: 50 }).run();
    assert.equal(report.processed, 1);
    // The first worker coming back late cannot finish the job a second time.
    await assert.rejects(store.transaction((client) => queue.complete(client, abandoned, 'inserted', null)), /taken over/);
    assert.equal((await store.stats()).documents, 1);
  }, { leaseSeconds: 1 });
});

test('postgres alerts: a new claim about a watched entity is recorded and POSTed to the webhook', async () => {
  const { store, dispose } = await openTestStore('alerts');
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const webhook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await store.addAlert('mahan air', webhook);
    const queue = new JobQueue(store);
    await queue.enqueue(articles(2));
    await new Worker(queue, { analyse: analyseFixture, drain: true, pollMs: 20, allowPrivateWebhooks: true }).run();
    const hits = await store.alertHits();
    assert.equal(hits.length, 2);
    assert.ok(hits.every((h) => h.deliveredAt && h.entityName === 'Mahan Air'));
    assert.equal(received.length, 2);
    assert.deepEqual((received[0] as { entity: { name: string } }).entity.name, 'Mahan Air');
    assert.equal((await store.listAlerts())[0].hits, 2);
  } finally {
    server.close();
    await dispose();
  }
});

test('postgres alerts: without --allow-private a loopback webhook is refused, and the refusal recorded', async () => {
  const { store, dispose } = await openTestStore('alerts');
  try {
    await store.addAlert('Mahan Air', 'http://127.0.0.1:9/hook');
    const queue = new JobQueue(store);
    await queue.enqueue(articles(1));
    await new Worker(queue, { analyse: analyseFixture, drain: true, pollMs: 20 }).run();
    const [hit] = await store.alertHits();
    assert.equal(hit.deliveredAt, null);
    assert.match(hit.deliveryError!, /private address/);
  } finally {
    await dispose();
  }
});

test('postgres queue: a worker whose every job fails the same way stops instead of burying the queue', async () => {
  await withQueue(async (store, queue) => {
    await queue.enqueue(articles(12));
    const broken = () => {
      throw new Error('model file is missing');
    };
    const report = await new Worker(queue, { analyse: broken, drain: true, pollMs: 20 }).run();
    assert.equal(report.halted, 'model file is missing');
    const counts = await queue.counts();
    assert.equal(counts.dead, 0, 'no input was blamed for a broken worker');
    assert.equal(counts.done, 0);
  }, { maxAttempts: 2, backoffMs: 10 });
});
