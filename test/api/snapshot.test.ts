// The corpus snapshot and the response cache while another connection writes: readers keep the last
// snapshot while the next is built, the API's own writes are seen at once, and concurrent misses on one
// URL are answered by one computation.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnapshotCache } from '../../src/api/snapshot.js';
import { createApi } from '../../src/api/app.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/types.js';
import { analysed, entity } from '../store/contract.js';

const TEXT_A = 'Mahan Air flew gold from Caracas to Tehran.';
const TEXT_B = 'Nicolas Maduro met officials of Mahan Air.';
const TEXT_C = 'Conviasa flew to Tehran again.';

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

/** Two connections to one new SQLite file: the server's reader and another writer. */
function twoConnections(): { reader: SqliteStore; writer: SqliteStore } {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-snapshot-'));
  const reader = new SqliteStore(join(dir, 'store.db'));
  const writer = new SqliteStore(join(dir, 'store.db'));
  cleanup.push(() => {
    void reader.close();
    void writer.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { reader, writer };
}

async function until<T>(what: string, probe: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = await probe();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

test('after another connection writes, readers keep the last snapshot until the next one is built', async () => {
  const { reader, writer } = twoConnections();
  await writer.saveDocument(analysed('a', TEXT_A, [entity('e1', 'Mahan Air', 'ORG', TEXT_A), entity('e2', 'Caracas', 'GPE', TEXT_A)]));
  const snapshots = new SnapshotCache(reader, 0);
  const first = await snapshots.get();
  assert.equal(first.documents.size, 1);
  const mahan = (await reader.findEntity('Mahan Air'))!;
  assert.deepEqual(first.documents.get('a')!.entities, [mahan.id, (await reader.findEntity('Caracas'))!.id].sort());

  await writer.saveDocument(analysed('b', TEXT_B, [entity('e1', 'Nicolas Maduro', 'PERSON', TEXT_B), entity('e2', 'Mahan Air', 'ORG', TEXT_B)]));
  assert.equal(await snapshots.get(), first, 'the read right after the write is answered from the last snapshot');
  const next = await until('the rebuilt snapshot', async () => {
    const s = await snapshots.get();
    return s.documents.size === 2 ? s : null;
  });
  assert.notEqual(next.key, first.key);
  assert.ok(next.documents.get('b')!.entities.includes(mahan.id));
  assert.equal(next.claims.length + next.events.length, 0);
});

test("after the API's own write (invalidate) the next read waits for a snapshot that has it", async () => {
  const { reader, writer } = twoConnections();
  await writer.saveDocument(analysed('a', TEXT_A, [entity('e1', 'Mahan Air', 'ORG', TEXT_A)]));
  const snapshots = new SnapshotCache(reader, 60_000);
  assert.equal((await snapshots.get()).documents.size, 1);
  await writer.saveDocument(analysed('c', TEXT_C, [entity('e1', 'Conviasa', 'ORG', TEXT_C)]));
  assert.equal((await snapshots.get()).documents.size, 1, 'within the recheck interval the store is not asked again');
  snapshots.invalidate();
  const fresh = await snapshots.get();
  assert.equal(fresh.documents.size, 2);
  assert.ok(fresh.entities.has((await reader.findEntity('Conviasa'))!.id));
});

/** The store with its dossier reads counted. */
function counting(store: Store): { store: Store; dossiers: () => number } {
  let n = 0;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'entityDossier') return (...args: unknown[]) => (n++, (value as (...a: unknown[]) => unknown).apply(target, args));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, dossiers: () => n };
}

test('concurrent reads of one dossier after a change cost one computation, and all get the answer', async () => {
  const { reader, writer } = twoConnections();
  await writer.saveDocument(analysed('a', TEXT_A, [entity('e1', 'Mahan Air', 'ORG', TEXT_A)]));
  const { store, dossiers } = counting(reader);
  const api = createApi({ store, ui: null });
  const id = (await reader.findEntity('Mahan Air'))!.id;
  const url = `http://localhost/api/entities/${encodeURIComponent(id)}`;
  const bodies = await Promise.all(Array.from({ length: 20 }, async () => {
    const res = await api.app.request(url);
    assert.equal(res.status, 200);
    return res.text();
  }));
  assert.equal(new Set(bodies).size, 1);
  assert.equal(JSON.parse(bodies[0]).name, 'Mahan Air');
  assert.equal(dossiers(), 1, 'one dossier computed for 20 concurrent requests');
  await api.app.request(url);
  assert.equal(dossiers(), 1, 'a repeat read is answered from the cache');
  api.snapshots.invalidate();
  await Promise.all(Array.from({ length: 5 }, () => api.app.request(url)));
  assert.equal(dossiers(), 2, 'after a write the dossier is computed once more');
});
