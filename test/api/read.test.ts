// The read endpoints against a real SQLite store seeded from the demo corpus, over real HTTP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/paths.js';
import { getJson, seededServer, type Seeded } from './seeded.js';

let s: Seeded;
let base: string;
before(async () => {
  s = await seededServer();
  base = s.server.url;
});
after(() => s?.close());

test('health reports the store and that writes are enabled', async () => {
  const r = await getJson(base, '/api/health');
  assert.equal(r.status, 200);
  assert.equal(r.body.writable, true);
  assert.equal(r.body.stats.documents, 5);
});

test('every response carries the security headers and no CORS grant', async () => {
  const r = await fetch(`${base}/api/health`, { headers: { Origin: 'https://evil.example' } });
  const csp = r.headers.get('content-security-policy') ?? '';
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('access-control-allow-origin'), null);
});

test('documents page with limit/offset, a total, and a stable order', async () => {
  const first = await getJson(base, '/api/documents?limit=2');
  const second = await getJson(base, '/api/documents?limit=2&offset=2');
  const all = await getJson(base, '/api/documents?limit=50');
  assert.equal(first.body.total, 5);
  assert.equal(first.body.items.length, 2);
  assert.deepEqual([...first.body.items, ...second.body.items].map((d: any) => d.id), all.body.items.slice(0, 4).map((d: any) => d.id));
  assert.deepEqual((await getJson(base, '/api/documents?limit=50')).body, all.body, 'same request, same answer');
});

test('one document, and a JSON 404 for a missing one', async () => {
  const doc = await getJson(base, '/api/documents/001_d614e4c1e9a83542');
  assert.equal(doc.status, 200);
  assert.equal(doc.body.article.id, '001_d614e4c1e9a83542');
  const missing = await getJson(base, '/api/documents/nope');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, 'NOT_FOUND');
  assert.equal(typeof missing.body.error.message, 'string');
});

test('document text comes with entity and claim spans inside the text, in order', async () => {
  const r = await getJson(base, '/api/documents/001_d614e4c1e9a83542/text');
  const { text, entities, claims } = r.body;
  assert.ok(entities.length > 5 && claims.length > 3);
  for (const span of [...entities, ...claims]) assert.ok(span.start >= 0 && span.end <= text.length && span.start < span.end);
  assert.deepEqual(entities.map((e: any) => e.start), [...entities.map((e: any) => e.start)].sort((a, b) => a - b));
  const mahan = entities.find((e: any) => text.slice(e.start, e.end) === 'Mahan Air');
  assert.ok(mahan, 'Mahan Air is highlighted');
  assert.equal(mahan.sanctioned, true);
  // Names only: the phrases events name entities by ("President Javier Milei") hold other names.
  const stored = (await getJson(base, '/api/documents/001_d614e4c1e9a83542')).body.analysis;
  const phrases = stored.entities.flatMap((e: any) => e.mentions.filter((m: any) => m.phrase));
  assert.ok(phrases.length > 0, 'the seed has event phrases');
  for (const p of phrases) assert.ok(!entities.some((e: any) => e.start === p.start && e.end === p.end), 'a phrase is not highlighted');
});

test('entities filter by type, name and watch-list status; bad filters are 400', async () => {
  const people = await getJson(base, '/api/entities?type=PERSON&limit=100');
  assert.ok(people.body.items.length > 0);
  assert.ok(people.body.items.every((e: any) => e.type === 'PERSON'));
  const named = await getJson(base, '/api/entities?q=mahan');
  assert.ok(named.body.items.some((e: any) => e.name === 'Mahan Air'));
  const listed = await getJson(base, '/api/entities?sanctioned=true&limit=200');
  assert.ok(listed.body.items.length > 0 && listed.body.items.every((e: any) => e.sanctioned));
  const bad = await getJson(base, '/api/entities?type=ALIEN');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'INVALID');
  assert.equal((await getJson(base, '/api/entities?limit=0')).status, 400);
});

test('an entity dossier by name or id: watch-list hit with explanation, claims, documents', async () => {
  const byName = await getJson(base, `/api/entities/${encodeURIComponent('Mahan Air')}`);
  assert.equal(byName.status, 200);
  const d = byName.body;
  assert.equal(d.type, 'ORG');
  assert.ok(d.sanctions.some((h: any) => h.list.includes('OFAC') && h.explanation), 'OFAC hit with an explanation');
  assert.ok(d.claims.length > 0 && d.documents.length >= 2);
  const byId = await getJson(base, `/api/entities/${encodeURIComponent(d.id)}`);
  assert.equal(byId.body.id, d.id);
  assert.equal((await getJson(base, '/api/entities/no-such-thing')).status, 404);
});

test('claims and events filter by entity and document', async () => {
  const mahan = (await getJson(base, '/api/entities/Mahan%20Air')).body;
  const claims = await getJson(base, `/api/claims?entity=${encodeURIComponent(mahan.id)}`);
  assert.ok(claims.body.total > 0);
  assert.ok(claims.body.items.every((c: any) => c.source === mahan.id || c.entities.includes(mahan.id)));
  const byDoc = await getJson(base, '/api/claims?document=002_96cfd5f636ac567f&modality=reported');
  assert.ok(byDoc.body.items.every((c: any) => c.documentId === '002_96cfd5f636ac567f' && c.modality === 'reported'));
  const events = await getJson(base, '/api/events?limit=5');
  assert.ok(events.body.total > 0);
  assert.ok(events.body.items.length <= 5);
});

test('a claim with its attribution chain ending in its article', async () => {
  const claim = (await getJson(base, '/api/claims?document=001_d614e4c1e9a83542&limit=100')).body.items.find((c: any) => c.sourceText || c.source);
  const r = await getJson(base, `/api/documents/001_d614e4c1e9a83542/claims/${claim.id}`);
  assert.equal(r.status, 200);
  let node = r.body.chain;
  assert.equal(node.kind, 'source', 'the tree starts at a source');
  while (node.children.length) node = node.children[0];
  assert.equal(node.kind, 'document');
  assert.equal(node.statements[0].text, claim.text);
  assert.equal((await getJson(base, '/api/documents/001_d614e4c1e9a83542/claims/c999')).status, 404);
});

test('a chained claim names its sources: "unnamed sources" credited by Infobae, no local entity ids', async () => {
  const claims = (await getJson(base, '/api/claims?document=001_d614e4c1e9a83542&limit=200')).body.items;
  const chained = claims.filter((c: any) => (c.chain ?? []).length > 1);
  assert.ok(chained.length > 0, 'the article has claims with nested attribution');
  for (const claim of chained) {
    const r = await getJson(base, `/api/documents/001_d614e4c1e9a83542/claims/${claim.id}`);
    const labels: string[] = [];
    for (let node = r.body.chain; node; node = node.children[0]) labels.push(node.label);
    for (const label of labels) assert.doesNotMatch(label, /^e\d+$/, `claim ${claim.id}: a local entity id shown as a source (${labels.join(' → ')})`);
    assert.equal(new Set(labels).size, labels.length, `claim ${claim.id}: a source appears twice (${labels.join(' → ')})`);
  }
});

test('search "gold" finds the gold-for-oil articles with facets and sentences', async () => {
  const r = await getJson(base, '/api/search?q=gold');
  assert.ok(r.body.total >= 2);
  for (const hit of r.body.items) assert.ok(hit.sentences.some((x: any) => /gold/i.test(x.text)));
  assert.ok(r.body.facets.entity.length > 0 && r.body.facets.type.length > 0);
  const entity = r.body.facets.entity.find((f: any) => f.count < r.body.total);
  if (entity) {
    const narrowed = await getJson(base, `/api/search?q=gold&entity=${encodeURIComponent(entity.value)}`);
    assert.equal(narrowed.body.total, entity.count, 'a facet count is what filtering by it returns');
  }
  assert.equal((await getJson(base, '/api/search?q=gold&from=2024-13')).status, 400);
  assert.equal((await getJson(base, '/api/search')).status, 400);
});

test('sanctions lists the screened entities with explained hits', async () => {
  const r = await getJson(base, '/api/sanctions');
  const mahan = r.body.items.find((e: any) => e.name === 'Mahan Air');
  assert.ok(mahan);
  assert.ok(mahan.hits[0].score > 0.5 && mahan.hits[0].explanation);
});

test('graph neighbourhood grows with depth and honours the type filter', async () => {
  const one = await getJson(base, '/api/graph/neighbourhood?entity=Mahan%20Air&events=false');
  const ids = new Set(one.body.nodes.map((n: any) => n.id));
  assert.equal(one.body.nodes[0].label, 'Mahan Air');
  assert.equal(one.body.nodes[0].depth, 0);
  assert.ok(one.body.nodes.length > 2);
  for (const e of one.body.edges) assert.ok(ids.has(e.source) && ids.has(e.target), 'edges join returned nodes');
  const two = await getJson(base, '/api/graph/neighbourhood?entity=Mahan%20Air&depth=2&events=false&max=500');
  assert.ok(two.body.nodes.length > one.body.nodes.length);
  const places = await getJson(base, '/api/graph/neighbourhood?entity=Mahan%20Air&type=GPE&events=false');
  assert.ok(places.body.nodes.filter((n: any) => n.depth > 0).every((n: any) => n.type === 'GPE'));
  const reported = await getJson(base, '/api/graph/neighbourhood?entity=Venezuela&modality=reported&events=false');
  assert.ok(reported.body.edges.length > 0);
  assert.ok(reported.body.edges.every((e: any) => e.modalities.length === 1 && e.modalities[0] === 'reported'));
  const recent = await getJson(base, '/api/graph/neighbourhood?entity=Venezuela&from=2024&events=false');
  assert.ok(recent.body.edges.every((e: any) => e.first >= '2024'));
  assert.ok(recent.body.edges.length < (await getJson(base, '/api/graph/neighbourhood?entity=Venezuela&events=false')).body.edges.length);
  const withEvents = await getJson(base, '/api/graph/neighbourhood?entity=Venezuela');
  assert.ok(withEvents.body.nodes.some((n: any) => n.kind === 'event'));
});

test('paths between two entities start and end where asked', async () => {
  const r = await getJson(base, `/api/graph/paths?from=${encodeURIComponent('Mahan Air')}&to=${encodeURIComponent('Nicolás Maduro')}`);
  assert.ok(r.body.paths.length > 0);
  for (const p of r.body.paths) {
    assert.equal(p.nodes[0].name, 'Mahan Air');
    assert.equal(p.nodes.at(-1).name, 'Nicolás Maduro');
    assert.equal(p.edges.length, p.nodes.length - 1);
  }
});

test('places carry coordinates and ISO numeric codes for the offline map', async () => {
  const r = await getJson(base, '/api/places');
  const venezuela = r.body.items.find((p: any) => p.name === 'Venezuela');
  assert.equal(venezuela.ccn3, '862');
  assert.equal(venezuela.kind, 'country');
  const city = r.body.items.find((p: any) => p.kind === 'city');
  assert.ok(city && typeof city.lat === 'number' && typeof city.lon === 'number');
});

test('timeline is in date order and narrows to one entity', async () => {
  const all = await getJson(base, '/api/timeline?limit=1000');
  const years = all.body.items.map((i: any) => i.date.slice(0, 3));
  assert.deepEqual(years, [...years].sort(), 'ordered by the dates named');
  assert.ok(all.body.items.some((i: any) => i.kind === 'claim'));
  assert.ok(all.body.items.every((i: any) => i.dateText && i.granularity));
  const venezuela = (await getJson(base, '/api/entities/Venezuela')).body.id;
  const one = await getJson(base, '/api/timeline?entity=Venezuela&limit=1000');
  assert.ok(one.body.total > 0 && one.body.total < all.body.total);
  assert.ok(one.body.items.every((i: any) => i.entities.includes(venezuela)));
  assert.ok(one.body.items[0].entityRefs.some((e: any) => e.name === 'Venezuela'));
});

test('claim clusters list source counts and independent roots; one has its provenance tree', async () => {
  const r = await getJson(base, '/api/clusters?limit=200');
  assert.equal(r.status, 200);
  assert.ok(r.body.total > 0);
  const shared = r.body.items.find((c: any) => c.documents > 1);
  assert.ok(shared, 'some proposition is reported by more than one article');
  const detail = await getJson(base, `/api/clusters/${encodeURIComponent(shared.id)}`);
  assert.equal(detail.body.memberList.length, shared.members);
  assert.ok(detail.body.provenance.tree.length > 0);
  assert.ok(detail.body.provenance.roots.length >= 1);
  const mahan = (await getJson(base, '/api/entities/Mahan%20Air')).body;
  assert.ok(mahan.clusters.length > 0 && mahan.clusters.every((c: any) => c.memberRefs.length === c.members));
  assert.equal((await getJson(base, '/api/clusters/no-such-cluster')).status, 404);
});

test('reads carry an ETag and answer 304 to If-None-Match', async () => {
  const first = await fetch(`${base}/api/entities?limit=5`);
  const tag = first.headers.get('etag');
  assert.ok(tag);
  const again = await fetch(`${base}/api/entities?limit=5`, { headers: { 'If-None-Match': tag! } });
  assert.equal(again.status, 304);
  const other = await fetch(`${base}/api/entities?limit=6`, { headers: { 'If-None-Match': tag! } });
  assert.equal(other.status, 200);
});

test('the OpenAPI 3.1 document describes every route with its schemas', async () => {
  const r = await getJson(base, '/openapi.json');
  assert.equal(r.body.openapi, '3.1.0');
  for (const route of s.server.api.routes) {
    const path = route.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    assert.ok(r.body.paths[path]?.[route.method], `${route.method} ${path} documented`);
  }
  const entities = r.body.paths['/api/entities'].get;
  assert.ok(entities.parameters.some((p: any) => p.name === 'type' && p.schema.enum.includes('PERSON')));
  assert.ok(r.body.components.schemas.EntityDossier);
  const refs = JSON.stringify(r.body).match(/"\$ref":"[^"]+"/g) ?? [];
  for (const ref of refs) assert.ok(r.body.components.schemas[ref.split('/').pop()!.replace('"', '')], `${ref} resolves`);
  assert.ok(Object.keys(r.body.components.schemas).every((name) => !name.startsWith('__')), 'every component has a name');
  assert.ok(r.body.paths['/api/ingest'].post.security);
});

test('queue and alerts say they need PostgreSQL on a SQLite store', async () => {
  const q = await getJson(base, '/api/queue');
  assert.equal(q.status, 200);
  assert.deepEqual(q.body, { available: false, counts: null, jobs: null, corroboration: null });
  const a = await getJson(base, '/api/alerts');
  assert.deepEqual(a.body, { available: false, alerts: [], hits: [] });
  assert.equal((await getJson(base, '/api/alerts?hits=0')).status, 400);
});

test('unknown API routes are JSON 404s', async () => {
  const r = await getJson(base, '/api/nothing-here');
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, 'NOT_FOUND');
});

/** A GET with the path sent exactly as written (fetch would normalise "..", and so would URL). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('no request path reaches a file outside the built UI (path traversal)', async () => {
  const repoFile = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');
  const attempts = [
    '/../package.json', '/../../../../etc/passwd', '/..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2fpackage.json', '/assets/%2e%2e%5c%2e%2e%5cpackage.json', '/assets/../../src/api/app.ts',
    '//etc/passwd', '/index.html%00.json', '/%252e%252e/package.json', '/api/documents/..%2f..%2fpackage.json',
    '/api/entities/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/web/dist/index.html', '/node_modules/hono/package.json',
  ];
  for (const path of attempts) {
    const r = await rawGet(path);
    assert.ok(r.status < 500, `${path}: ${r.status}`);
    assert.ok(!r.body.includes('root:x:0:0') && !r.body.includes(repoFile.slice(0, 60)) && !r.body.includes('secureHeaders'), `${path} leaked a file`);
    assert.ok(r.status === 404 || r.status === 400 || r.body.includes('<main id="app"'), `${path}: only the UI's own page, or a refusal (${r.status})`);
  }
});
