// Markup in every field an article can carry — title, outlet, author, URL, entity names and aliases,
// claim sources and attribution chains, event triggers, watch-list hits, feed fields, upload file
// names — rendered by every view of the UI in real headless Chromium: shown as text, never run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WEB_DIST } from '../../src/api/static-ui.js';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { Context } from '../../src/context.js';
import { articlesFromBytes } from '../../src/ingest/index.js';
import { analyzeArticle } from '../../src/pipeline.js';
import { forStore, ingestArticle } from '../../src/runner.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { article, SEEDS_DIR } from '../helpers/fixtures.js';
import { getJson, TOKEN } from '../api/seeded.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DOC_ID = 'hostile-fields';

/** Markup that would set window.__pwned to `field` if it ever became HTML. */
const img = (field: string) => `<img src=x onerror="window.__pwned='${field}'">`;
const script = (field: string) => `<script>window.__pwned='${field}'</script>`;

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let entityId = '';
let claimPath = '';
let clusterId = '';
const problems: string[] = [];

/** An analysed article whose every stored string carries markup: the analysis is real (the pipeline
 *  ran on plain text), then each name, source and trigger is rewritten as an import file could. */
async function saveHostileDocument(): Promise<void> {
  const text = 'Officials in Caracas said the Zephyr Logistics cargo flight left for Tehran on Monday, according to Reuters. '
    + 'Zephyr Logistics denied any link to the Quds Force, the company said in a statement on Tuesday.';
  const doc = analyzeArticle(article(DOC_ID, text, {
    title: `Cargo flight ${img('title')}`, outlet: `Wire ${script('outlet')}`, author: `Jane ${img('author')}`,
    url: "javascript:window.__pwned='url'", published: '2024-05-01', publishedSource: 'metadata',
  }), new Context({ lists: null }));
  assert.ok(doc.entities.length >= 3 && doc.claims.length >= 1, 'the pipeline found entities and a claim to rewrite');
  for (const e of doc.entities) {
    e.aliases = [...e.aliases, `${e.name} ${script('alias')}`];
    e.name = `${e.name} ${img('entity')}`;
  }
  const org = doc.entities.find((e) => e.type === 'ORG') ?? doc.entities[0]!;
  org.sanctions = [{ list: `SDN ${img('list')}`, id: 'X-1', name: `Listed ${img('hit')}`, score: 0.97, programme: `P ${script('programme')}`, explanation: `alias ${img('why')}` }];
  for (const c of doc.claims) {
    c.sourceText = `the ministry ${img('source')}`;
    c.chain = [...(c.chain ?? []), `unnamed ${img('chain')}`];
  }
  for (const ev of doc.events) ev.trigger = `sent ${img('trigger')}`;
  await store.saveDocument(forStore(doc));
}

before(async () => {
  assert.ok(existsSync(join(WEB_DIST, 'index.html')), 'the web UI is built (npm run build)');
  assert.ok(existsSync(CHROMIUM), `Chromium at ${CHROMIUM} (apt-get install chromium)`);
  dir = mkdtempSync(join(tmpdir(), 'dossier-hostile-'));
  store = await openStore(join(dir, 'store.db'));
  const ctx = new Context({ lists: null });
  const seed = readdirSync(SEEDS_DIR).sort().find((f) => f.startsWith('001'))!;
  for (const item of articlesFromBytes(seed, readFileSync(join(SEEDS_DIR, seed)))) if (item.ok) await ingestArticle(store, item.article, ctx);
  await saveHostileDocument();
  server = await startServer({ store, storeLocation: join(dir, 'store.db'), port: 0, host: '127.0.0.1', token: TOKEN, overridesPath: join(dir, 'overrides.json') });

  // A feed whose channel, item title, author, link and body carry markup, and an upload that fails
  // under a file name made of markup, both through the API.
  const feed = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
    <title>&lt;img src=x onerror="window.__pwned='feed-outlet'"&gt; News</title>
    <item><title>Tanker &lt;script&gt;window.__pwned='feed-title'&lt;/script&gt; seized</title>
      <link>javascript:window.__pwned='feed-link'</link><dc:creator>&lt;img src=x onerror="window.__pwned='feed-author'"&gt;</dc:creator>
      <pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>
      <description><![CDATA[<p>Officials in Caracas said a tanker bound for Bandar Abbas was seized on Monday, according to Reuters.</p><script>window.__pwned='feed-body'</script><img src=x onerror="window.__pwned='feed-img'"><p>The crew was released.</p>]]></description></item>
  </channel></rss>`;
  const form = new FormData();
  form.append('files', new Blob([feed], { type: 'application/rss+xml' }), 'hostile.rss');
  form.append('files', new Blob(['{ not json'], { type: 'application/json' }), `${img('file-name')}.json`);
  const res = await fetch(`${server.url}/api/ingest`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: form });
  assert.equal(res.status, 202, await res.clone().text());
  await server.api.jobs.idle();
  const [job] = server.api.jobs.list();
  assert.equal(job?.inserted, 1, 'the feed item is stored');
  assert.equal(job?.failures.length, 1, 'the broken upload is reported');

  const entities = await getJson(server.url, `/api/entities?q=${encodeURIComponent('Zephyr')}`);
  entityId = entities.body.items[0]?.id ?? '';
  assert.ok(entityId, 'the hostile organisation is listed');
  const claims = await getJson(server.url, `/api/claims?document=${DOC_ID}`);
  const claim = claims.body.items[0];
  assert.ok(claim, 'the hostile document has claims');
  claimPath = `#/claim/${encodeURIComponent(claim.documentId)}/${encodeURIComponent(claim.id)}`;
  const clusters = await getJson(server.url, `/api/clusters?entity=${encodeURIComponent(entityId)}`);
  clusterId = clusters.body.items[0]?.id ?? '';
  assert.ok(clusterId, 'a claim cluster names the hostile organisation');

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return page;
}

/** What an injection would leave behind in the live page. */
async function injected(page: Page): Promise<{ pwned: string | null; elements: number; scriptLinks: number; text: string }> {
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    elements: document.querySelectorAll('img[src="x"], [onerror], [onload], [onclick], #app script, #app iframe').length,
    scriptLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
    text: document.body.innerText,
  }));
}

const VIEWS: [name: string, hash: () => string, shows: RegExp | null][] = [
  ['overview', () => '#/', /onerror="window\.__pwned='(entity|title|feed-title)'"|__pwned='feed-title'/],
  ['dossier', () => `#/entity/${encodeURIComponent(entityId)}`, /onerror="window\.__pwned='entity'"/],
  ['article', () => `#/doc/${DOC_ID}`, /onerror="window\.__pwned='title'"/],
  ['provenance of a claim', () => claimPath, /onerror="window\.__pwned='chain'"/],
  ['provenance of a cluster', () => `#/cluster/${encodeURIComponent(clusterId)}`, /onerror="window\.__pwned='entity'"/],
  ['network', () => `#/graph?entity=${encodeURIComponent(entityId)}`, null],
  ['timeline', () => '#/timeline', /onerror="window\.__pwned='(entity|title)'"/],
  ['map', () => '#/map', null],
  ['search', () => '#/search?q=Zephyr', /onerror="window\.__pwned='title'"/],
  ['ingest', () => '#/ingest', /onerror="window\.__pwned='file-name'"/],
];

for (const [name, hash, shows] of VIEWS) {
  test(`the ${name} view shows hostile fields as inert text`, async () => {
    const page = await open();
    await page.goto(`${server.url}/${hash()}`);
    await page.waitForSelector('#app:not(.loading) .view');
    await page.waitForTimeout(150); // an onerror would fire once the broken image failed to load
    const found = await injected(page);
    assert.equal(found.pwned, null, `no injected script ran in the ${name} view`);
    assert.equal(found.elements, 0, `no element was made from stored text in the ${name} view`);
    assert.equal(found.scriptLinks, 0, `no javascript: link in the ${name} view`);
    if (shows) assert.match(found.text, shows, `the ${name} view shows the hostile text as text`);
    await page.close();
  });
}

test('the stored feed item and the article keep their hostile fields as plain strings', async () => {
  const docs = await getJson(server.url, '/api/documents?limit=50');
  const fed = docs.body.items.find((d: { source: string }) => d.source.includes('hostile.rss'));
  assert.ok(fed, 'the feed item is listed');
  assert.match(fed.title, /<script>window\.__pwned='feed-title'<\/script>/);
  const text = await getJson(server.url, `/api/documents/${encodeURIComponent(fed.id)}/text`);
  assert.doesNotMatch(JSON.stringify(text.body), /feed-body|feed-img/, 'script and image markup of the feed body are not article text');
});

test('no script error or CSP violation happened in any view', () => {
  assert.deepEqual(problems, []);
});
