// A worker process for the crash test: the real Worker and queue, with a small deterministic
// analyser (so the test does not depend on the models) that takes a few milliseconds per article.
// Usage: node crash-worker.js STORE-URL LEASE-SECONDS [drain]
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { JobQueue } from '../../src/queue/queue.js';
import { Worker } from '../../src/queue/worker.js';
import type { Article } from '../../src/schema/article.js';
import { analysed, entity } from '../store/contract.js';

const [url, lease, mode] = process.argv.slice(2);

function analyse(a: Article) {
  const until = Date.now() + 15;
  while (Date.now() < until); // stands in for CPU-bound analysis
  const doc = analysed(a.id, a.text, [entity('e1', 'Mahan Air', 'ORG', a.text)], {}, a.source);
  return { ...doc, article: a };
}

const store = await PostgresStore.open(url);
const queue = new JobQueue(store, { leaseSeconds: Number(lease) });
const worker = new Worker(queue, {
  analyse, concurrency: 2, drain: mode === 'drain', pollMs: 50,
  onJob: (e) => process.stdout.write(`${e.outcome} ${e.job.id}\n`),
});
await worker.run();
await store.close();
