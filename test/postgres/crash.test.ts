// Crash safety: a worker process killed with SIGKILL in the middle of a batch, then restarted,
// leaves every article stored exactly once and none lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobQueue } from '../../src/queue/queue.js';
import { article } from '../helpers/fixtures.js';
import { nodeFlags, openTestStore, schemaUrl, pending } from './helpers.js';

// The helper script sits beside this file: .ts under tsx, .js once compiled to dist/.
const here = dirname(fileURLToPath(import.meta.url));
const script = existsSync(join(here, 'crash-worker.js')) ? join(here, 'crash-worker.js') : join(here, 'crash-worker.ts');

function startWorker(url: string, drain: boolean) {
  const child = spawn(process.execPath, [...nodeFlags(), script, url, '1', ...(drain ? ['drain'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let done = 0;
  child.stdout.on('data', (chunk: Buffer) => (done += (chunk.toString().match(/^(inserted|replaced|unchanged)/gm) ?? []).length));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, done: () => done };
}

test('postgres: a worker killed mid-batch and restarted stores every article exactly once', { timeout: 120_000 }, async () => {
  const { store, schema, dispose } = await openTestStore('crash');
  try {
    const queue = new JobQueue(store);
    const total = 80;
    await queue.enqueue(Array.from({ length: total }, (_, i) => article(`wire${i}`, `Mahan Air cargo flight ${i} landed in Caracas.`)));
    const url = schemaUrl(schema);

    const first = startWorker(url, false);
    const deadline = Date.now() + 60_000;
    while (first.done() < 15 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await first.exited;
    const afterKill = (await store.stats()).documents;
    assert.ok(afterKill >= 15 && afterKill < total, `killed part-way (${afterKill} of ${total} stored)`);

    const second = startWorker(url, true);
    assert.equal(await second.exited, 0);

    const stats = await store.stats();
    assert.equal(stats.documents, total, 'nothing lost');
    const perSource = await store.pool.query('SELECT source, COUNT(*)::int AS n FROM documents GROUP BY source HAVING COUNT(*) > 1');
    assert.equal(perSource.rowCount, 0, 'nothing stored twice');
    const counts = await queue.counts();
    assert.deepEqual([counts.done, counts.queued, counts.running, counts.failed, counts.dead], [total, 0, 0, 0, 0]);
    const done = await store.pool.query(`SELECT COUNT(*)::int AS n FROM jobs j JOIN documents d ON d.id = j.document_id AND d.content_hash = j.content_hash`);
    assert.equal(done.rows[0].n, total, 'every job names the document it stored');
    assert.equal(stats.entities, 1);
    // Corroboration, deferred to batches, caught up too: every document has its profile, none waits.
    assert.deepEqual(pending(await store.corroborationBacklog()), { waiting: 0, failed: [] });
    const profiled = await store.pool.query('SELECT COUNT(*)::int AS n FROM corr_docs');
    assert.equal(profiled.rows[0].n, total, 'every stored article corroborated once');
  } finally {
    await dispose();
  }
});
