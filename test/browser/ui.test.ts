// The web UI in real headless Chromium (Debian's /usr/bin/chromium via playwright-core) against a
// server over the seeded store: dossier → provenance, search, network, map, the reader with hostile
// article text, and phone width. Screenshots go to test-artifacts/ for a person to look at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../src/paths.js';
import { WEB_DIST } from '../../src/api/static-ui.js';
import { Context } from '../../src/context.js';
import { ingestPaths } from '../../src/runner.js';
import { seededServer, TOKEN, type Seeded } from '../api/seeded.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(REPO_ROOT, 'test-artifacts');
const HOSTILE_ID = 'hostile-markup';
// A file deep in a folder with a long unbroken name: its source path must not widen a phone page,
// whatever path the checkout itself lives at.
const LONG_DIR = 'an_unbroken_folder_name_far_wider_than_a_phone_screen_'.repeat(3);
let longDocId = '';

let s: Seeded;
let browser: Browser;
const problems: string[] = [];

before(async () => {
  assert.ok(existsSync(join(WEB_DIST, 'index.html')), 'the web UI is built (npm run build)');
  assert.ok(existsSync(CHROMIUM), `Chromium at ${CHROMIUM} (apt-get install chromium)`);
  mkdirSync(SHOTS, { recursive: true });
  s = await seededServer();
  const text = 'Officials in Caracas said the cargo left for Tehran. <script>window.__pwned = "script"</script> '
    + 'A second paragraph mentions <img src=x onerror="window.__pwned = \'img\'"> and Mahan Air again.';
  const res = await fetch(`${s.server.url}/api/ingest`, {
    method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ articles: [{ id: HOSTILE_ID, title: 'Cargo <img src=x onerror="window.__pwned=\'title\'">', outlet: 'Test Wire', published: '2024-05-01', text }] }),
  });
  const job = (await res.json()) as { id: string };
  await s.server.api.jobs.idle();
  assert.equal(s.server.api.jobs.get(job.id)?.inserted, 1);
  mkdirSync(join(s.dir, LONG_DIR));
  writeFileSync(join(s.dir, LONG_DIR, 'long-source.txt'), 'Officials in Caracas said the cargo left for Tehran on Monday, according to Reuters.\n'
    + 'The manifest listed https://example.org/' + 'x'.repeat(180) + ' as its reference.\n');
  const report = await ingestPaths(s.store, [join(s.dir, LONG_DIR)], new Context({ lists: await s.store.loadLists() }));
  assert.equal(report.inserted, 1);
  const page = (await (await fetch(`${s.server.url}/api/documents?limit=100`)).json()) as { items: { id: string; source: string }[] };
  longDocId = page.items.find((d) => d.source.includes(LONG_DIR))?.id ?? '';
  assert.ok(longDocId, 'the deep file is listed');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await s?.close();
});

async function open(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.setDefaultTimeout(60_000); // the suite may share a busy machine
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return page;
}

async function go(page: Page, hash: string): Promise<void> {
  await page.goto(`${s.server.url}/${hash}`);
  await page.waitForSelector('#app:not(.loading) .view');
}

test('the Mahan Air dossier shows its watch-list hit, claims and documents; a claim leads to its provenance tree', async () => {
  const page = await open(1280, 800);
  await go(page, '#/entity/Mahan%20Air');
  assert.equal(await page.textContent('h1'), 'Mahan Air');
  assert.match((await page.textContent('.table')) ?? '', /OFAC/);
  assert.ok(await page.locator('.claim').count() > 0);
  await page.screenshot({ path: join(SHOTS, 'dossier-1280.png'), fullPage: true });
  await page.locator('a.provenance-link').first().click();
  await page.waitForSelector('.prov-tree');
  assert.equal(await page.textContent('h1'), 'Claim provenance');
  assert.ok(await page.locator('.prov-node.prov-document').count() > 0, 'the tree reaches the article');
  await page.screenshot({ path: join(SHOTS, 'provenance-1280.png'), fullPage: true });
  await page.close();
});

test('searching "gold" from the top bar lists matching articles with facets that narrow them', async () => {
  const page = await open(1280, 800);
  await go(page, '#/');
  await page.fill('#quicksearch input', 'gold');
  await page.press('#quicksearch input', 'Enter');
  await page.waitForSelector('.result');
  const before = await page.locator('.result').count();
  assert.ok(before >= 2);
  assert.ok(await page.locator('.snippet mark').count() > 0, 'query words are marked');
  await page.screenshot({ path: join(SHOTS, 'search-1280.png'), fullPage: true });
  const facet = page.locator('.facet a[data-facet="outlet"]').first();
  if (await facet.count()) {
    await facet.click();
    await page.waitForSelector('.facet li.active');
    assert.ok(await page.locator('.result').count() <= before);
  }
  await page.close();
});

test('the network draws the neighbourhood, finds paths to another entity, and a click opens a dossier', async () => {
  const page = await open(1280, 800);
  await go(page, '#/graph?entity=Mahan%20Air');
  await page.waitForSelector('#graph-canvas canvas');
  assert.ok(await page.locator('.columns li').count() > 2, 'linked entities are listed');
  await page.fill('.path-form input', 'Nicolás Maduro');
  await page.click('.path-form button');
  await page.waitForSelector('.paths li');
  assert.match((await page.textContent('.paths li')) ?? '', /Mahan Air.*Nicolás Maduro/s);
  await page.screenshot({ path: join(SHOTS, 'graph-1280.png'), fullPage: true });
  await page.locator('.columns li a.entity-link').first().click();
  await page.waitForSelector('.page-head h1');
  assert.match(page.url(), /#\/entity\//);
  await page.close();
});

test('the offline map shades named countries and plots cities', async () => {
  const page = await open(1280, 800);
  await go(page, '#/map');
  assert.ok(await page.locator('path.country.named').count() >= 3);
  assert.ok(await page.locator('g.place').count() >= 1);
  await page.screenshot({ path: join(SHOTS, 'map-1280.png'), fullPage: true });
  await page.close();
});

test('article text with <script> and <img onerror> renders as inert text', async () => {
  const page = await open(1280, 800);
  await go(page, `#/doc/${HOSTILE_ID}`);
  await page.waitForSelector('.article-text');
  const shown = (await page.textContent('.article-text')) ?? '';
  assert.match(shown, /<script>window\.__pwned = "script"<\/script>/);
  assert.match(shown, /<img src=x onerror=/);
  assert.equal(await page.locator('.article-text script, .article-text img, h1 img').count(), 0);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null), null, 'no injected script ran');
  assert.match((await page.textContent('h1')) ?? '', /<img src=x/);
  await page.screenshot({ path: join(SHOTS, 'article-hostile-1280.png'), fullPage: true });
  await page.close();
});

test('timeline, overview, reader and ingest views render', async () => {
  const page = await open(1280, 800);
  await go(page, '#/timeline');
  assert.ok(await page.locator('.entry').count() > 5);
  await page.screenshot({ path: join(SHOTS, 'timeline-1280.png'), fullPage: true });
  await go(page, '#/');
  assert.ok(await page.locator('.stat').count() >= 4);
  assert.ok(await page.locator('a[href^="#/cluster/"]').count() > 0, 'claims reported by several articles lead to their provenance');
  await page.screenshot({ path: join(SHOTS, 'overview-1280.png'), fullPage: true });
  await go(page, '#/doc/001_d614e4c1e9a83542');
  assert.ok(await page.locator('.article-text a.mention').count() > 5);
  assert.ok(await page.locator('.article-text a.claim-span').count() > 3);
  await page.screenshot({ path: join(SHOTS, 'article-1280.png') });
  await go(page, '#/ingest');
  assert.ok(await page.locator('.job').count() >= 1, 'the upload made in setup is listed');
  await page.fill('input[name=token]', TOKEN);
  await page.setInputFiles('input[type=file]', { name: 'tungsten.txt', mimeType: 'text/plain', buffer: Buffer.from('Officials in Caracas said a tungsten shipment left for Bandar Abbas on Monday, according to Reuters.') });
  await page.click('form.upload button[type=submit]');
  await page.waitForSelector('.job-done:has-text("tungsten.txt")');
  assert.match((await page.textContent('.job-done:has-text("tungsten.txt")')) ?? '', /1 added/);
  await page.screenshot({ path: join(SHOTS, 'ingest-1280.png'), fullPage: true });
  await page.close();
});

test('at phone width (375px) the views fit without sideways scrolling', async () => {
  const page = await open(375, 812);
  for (const [hash, name] of [['#/entity/Mahan%20Air', 'dossier'], ['#/doc/001_d614e4c1e9a83542', 'article'], [`#/doc/${encodeURIComponent(longDocId)}`, 'long-source'], ['#/search?q=gold', 'search'], ['#/map', 'map'], ['#/graph?entity=Venezuela', 'graph']]) {
    await go(page, hash);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${name} overflows by ${overflow}px`);
    await page.screenshot({ path: join(SHOTS, `${name}-375.png`), fullPage: name !== 'article' });
  }
  await page.close();
});

test('no script error or CSP violation happened in any view', () => {
  assert.deepEqual(problems, []);
});
