// The write endpoints: token guard, read-only mode, size limits, uploads (JSON and multipart) with
// progress, and the entity overrides file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getJson, seededServer, TOKEN, type Seeded } from './seeded.js';
import { startServer, type RunningServer } from '../../src/api/server.js';

let s: Seeded;
let base: string;
let readOnly: RunningServer;
before(async () => {
  s = await seededServer();
  base = s.server.url;
  readOnly = await startServer({ store: s.store, port: 0, token: null, maxBodyBytes: 300, maxUploadBytes: 2000, ui: null });
});
after(async () => {
  await readOnly?.close();
  await s?.close();
});

const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

async function post(url: string, body: unknown, headers: Record<string, string> = auth) {
  const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: await res.json() as any };
}

async function finished(jobId: string) {
  for (let i = 0; i < 400; i++) {
    const job = (await getJson(base, `/api/ingest/${jobId}`)).body;
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('ingest job did not finish');
}

test('writes without a token, or with a wrong one, are 401', async () => {
  const none = await post(`${base}/api/overrides/merge`, { entities: ['a', 'b'] }, { 'Content-Type': 'application/json' });
  assert.equal(none.status, 401);
  assert.equal(none.body.error.code, 'UNAUTHORIZED');
  const wrong = await post(`${base}/api/overrides/merge`, { entities: ['a', 'b'] }, { ...auth, Authorization: 'Bearer nope' });
  assert.equal(wrong.status, 401);
});

test('every route that is not a read, as /openapi.json lists them, refuses a missing or wrong token (401) and a read-only server (403)', async () => {
  const spec = (await getJson(base, '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  const writes = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.keys(ops).filter((m) => !['get', 'head', 'options', 'parameters'].includes(m)).map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x') })));
  assert.ok(writes.length >= 3, JSON.stringify(writes));
  for (const { method, path } of writes) {
    const tries: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong' }, { Authorization: `Basic ${TOKEN}` }];
    for (const given of tries) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', ...given };
      const r = await fetch(`${base}${path}`, { method, headers, body: '{}' });
      assert.equal(r.status, 401, `${method} ${path} with ${headers.Authorization ?? 'no token'}`);
    }
    const ro = await fetch(`${readOnly.url}${path}`, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: '{}' });
    assert.equal(ro.status, 403, `${method} ${path} on a read-only server`);
  }
});

test('a server without a configured token is read-only: writes are 403, reads work', async () => {
  const r = await post(`${readOnly.url}/api/ingest`, { articles: [{ text: 'Hello.' }] });
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'FORBIDDEN');
  assert.equal((await getJson(readOnly.url, '/api/health')).body.writable, false);
});

test('request and upload bodies over the limit are 413', async () => {
  const big = await fetch(`${readOnly.url}/api/search?q=gold`, { method: 'GET' });
  assert.equal(big.status, 200);
  const json = await post(`${readOnly.url}/api/overrides/merge`, { entities: Array.from({ length: 40 }, (_, i) => `entity-${i}`) });
  assert.equal(json.status, 413);
  assert.equal(json.body.error.code, 'TOO_LARGE');
  const form = new FormData();
  form.append('file', new Blob(['x'.repeat(5000)]), 'big.txt');
  const upload = await fetch(`${readOnly.url}/api/ingest`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: form });
  assert.equal(upload.status, 413);
});

test('malformed and invalid bodies are 400 with a reason', async () => {
  const bad = await post(`${base}/api/overrides/merge`, '{"entities": [');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'MALFORMED');
  const invalid = await post(`${base}/api/overrides/merge`, { entities: ['only-one'] });
  assert.equal(invalid.status, 400);
  assert.match(invalid.body.error.message, /entities/);
  const empty = await post(`${base}/api/ingest`, {});
  assert.equal(empty.status, 400);
});

test('a JSON upload is analysed in the background, its progress polled, then searchable', async () => {
  const text = 'Mahan Air flew a second cargo of Venezuelan gold to Tehran in March, officials in Caracas said on Tuesday. '
    + 'The shipment of zirconium ore was paid for in bullion.';
  const r = await post(`${base}/api/ingest`, { articles: [{ id: 'upload-test-1', title: 'Zirconium flight', outlet: 'Test Wire', published: '2024-03-05', text }] });
  assert.equal(r.status, 202);
  assert.equal(r.body.total, 1);
  const job = await finished(r.body.id);
  assert.equal(job.state, 'done');
  assert.equal(job.inserted, 1);
  assert.equal(job.documents.length, 1);
  const listed = (await getJson(base, '/api/ingest')).body.items;
  assert.ok(listed.some((j: any) => j.id === job.id));
  const found = await getJson(base, '/api/search?q=zirconium');
  assert.equal(found.body.total, 1);
  assert.equal(found.body.items[0].document.title, 'Zirconium flight');
  const again = await finished((await post(`${base}/api/ingest`, { articles: [{ id: 'upload-test-1', title: 'Zirconium flight', outlet: 'Test Wire', published: '2024-03-05', text }] })).body.id);
  assert.equal(again.unchanged, 1, 'the same upload twice is stored once');
});

test('a multipart upload of a text file, with failures reported per file', async () => {
  const form = new FormData();
  form.append('file', new Blob(['Officials in Caracas confirmed the molybdenum deal with Iran on Monday, according to Reuters.']), 'molybdenum.txt');
  form.append('file', new Blob(['']), 'empty.txt');
  const res = await fetch(`${base}/api/ingest`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: form });
  assert.equal(res.status, 202);
  const job = await finished(((await res.json()) as any).id);
  assert.equal(job.inserted, 1);
  assert.equal(job.errors, 1);
  assert.match(job.failures[0].file ?? job.failures[0].message, /empty\.txt/);
  assert.equal((await getJson(base, '/api/search?q=molybdenum')).body.total, 1);
});

test('merge and split overrides are recorded in the overrides file', async () => {
  const merged = await post(`${base}/api/overrides/merge`, { entities: ['Islamic Revolutionary Guard Corps', 'Quds Force'] });
  assert.equal(merged.status, 200);
  assert.equal(merged.body.merge.length, 1);
  assert.equal(merged.body.merge[0].length, 2);
  const split = await post(`${base}/api/overrides/split`, { entity: 'Infobae', names: ['the outlet'] });
  assert.equal(split.status, 200);
  assert.deepEqual(split.body.split[0].names, ['the outlet']);
  const file = join(s.dir, 'overrides.json');
  assert.ok(existsSync(file));
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), split.body);
  assert.deepEqual((await getJson(base, '/api/overrides')).body, split.body);
  const unknown = await post(`${base}/api/overrides/merge`, { entities: ['No Such Entity', 'Quds Force'] });
  assert.equal(unknown.status, 404);
});
