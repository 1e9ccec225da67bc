// The runners that analyse and store uploads: a worker thread with its own connection to a SQLite
// file, and the server's own thread for a store no other connection can open. Both store the same.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessRunner, shareableLocation, ThreadRunner, type ItemOutcome } from '../../src/api/ingest-runner.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { article, recordSaveBatches } from '../helpers/fixtures.js';

const ARTICLES = [
  article('flight-1', 'Mahan Air flew a cargo of Venezuelan gold from Caracas to Tehran in March, officials said.', { published: '2024-03-05' }),
  article('flight-2', 'Conviasa resumed flights between Caracas and Tehran, according to Reuters.', { published: '2024-04-02' }),
];

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-runner-'));
  dirs.push(dir);
  return dir;
}

async function runAll(runner: { run: (a: typeof ARTICLES, cb: (o: ItemOutcome) => void) => Promise<void> }) {
  const outcomes: ItemOutcome[] = [];
  await runner.run(ARTICLES, (o) => outcomes.push(o));
  return outcomes;
}

test('the ingest thread stores uploads through its own connection, the same as the server thread would', async () => {
  const threadDb = join(newDir(), 'thread.db');
  const serverDb = join(newDir(), 'server.db');
  const threadStore = new SqliteStore(threadDb);
  const serverStore = new SqliteStore(serverDb);
  const thread = new ThreadRunner(threadDb, null);
  try {
    const viaThread = await runAll(thread);
    const viaServer = await runAll(new InProcessRunner(serverStore, null));
    assert.deepEqual(viaThread, [{ ok: true, status: 'inserted', id: 'flight-1' }, { ok: true, status: 'inserted', id: 'flight-2' }]);
    assert.deepEqual(viaServer, viaThread);
    assert.deepEqual(await threadStore.stats(), await serverStore.stats(), 'the reader sees what the thread stored');
    assert.deepEqual((await threadStore.getDocument('flight-1'))!.analysis, (await serverStore.getDocument('flight-1'))!.analysis);
    assert.deepEqual(await runAll(thread), viaThread.map((o) => ({ ...o, status: 'unchanged' })), 'a second upload of the same content changes nothing');
  } finally {
    await thread.close();
    await threadStore.close();
    await serverStore.close();
  }
});

test('a store the thread cannot open fails the upload with the reason, and the next upload starts a new thread', async () => {
  const dir = newDir();
  const location = join(dir, 'later.db');
  mkdirSync(location); // a directory where the store file should be
  const thread = new ThreadRunner(location, null);
  try {
    await assert.rejects(runAll(thread), /ingest thread failed: .*(directory|unable to open|SQLITE_CANTOPEN)/i);
    rmSync(location, { recursive: true });
    assert.deepEqual((await runAll(thread)).map((o) => o.ok), [true, true]);
  } finally {
    await thread.close();
  }
});

test('only locations a second connection can open get a thread', () => {
  assert.equal(shareableLocation('dossier.db'), true);
  assert.equal(shareableLocation('postgres://127.0.0.1/test'), true);
  assert.equal(shareableLocation(':memory:'), false);
  assert.equal(shareableLocation(null), false);
});

test('an upload is saved many documents together, with every outcome in input order', async () => {
  const store = new SqliteStore(join(newDir(), 'batched.db'));
  const calls = recordSaveBatches(store);
  try {
    await runAll(new InProcessRunner(store, null)); // flight-1 and flight-2 stored before
    calls.length = 0;
    const more = Array.from({ length: 5 }, (_, i) => article(`report-${i}`, `Report ${i}: the Iranian drone plant at El Libertador air base expanded, officials said.`));
    const copy = { ...more[1], id: 'report-1-copy', source: 'report-1-copy.txt' };
    const upload = [more[0], ARTICLES[0], more[1], copy, ...more.slice(2)];
    const outcomes: ItemOutcome[] = [];
    await new InProcessRunner(store, null).run(upload, (o) => outcomes.push(o));
    assert.deepEqual(outcomes.map((o) => (o.ok ? `${o.id} ${o.status}` : o.message)), [
      'report-0 inserted', 'flight-1 unchanged', 'report-1 inserted', 'report-1 unchanged', 'report-2 inserted', 'report-3 inserted', 'report-4 inserted',
    ], 'a copy of an article earlier in the same upload is the one stored');
    // Together, unless a slow machine took over a second (UPLOAD_DELAY_MS) to analyse them.
    assert.equal(calls.reduce((a, b) => a + b, 0), 6);
    assert.ok(calls.length <= 2, `the six analysed documents saved together, not one by one: ${calls}`);
    assert.equal((await store.stats()).documents, 7);
  } finally {
    await store.close();
  }
});
