// The worker queue and alerts on a PostgreSQL store, through the API and in real headless Chromium:
// counts, a dead letter with its error, the corroboration backlog, an alert with its hits — and a
// hostile error message and claim rendered as inert text, a webhook's secret query not shown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '../../src/paths.js';
import { WEB_DIST } from '../../src/api/static-ui.js';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { JobQueue } from '../../src/queue/queue.js';
import { Worker } from '../../src/queue/worker.js';
import { Context } from '../../src/context.js';
import { analyzeArticle } from '../../src/pipeline.js';
import { forStore } from '../../src/runner.js';
import { articlesFromBytes } from '../../src/ingest/index.js';
import { article, SEEDS_DIR } from '../helpers/fixtures.js';
import { openTestStore } from '../postgres/helpers.js';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { getJson } from '../api/seeded.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(REPO_ROOT, 'test-artifacts');
const HOSTILE = 'cannot analyse <img src=x onerror="window.__pwned=1"> this input';

let store: PostgresStore;
let dispose: () => Promise<void>;
let server: RunningServer;
let browser: Browser;

before(async () => {
  assert.ok(existsSync(join(WEB_DIST, 'index.html')), 'the web UI is built (npm run build)');
  ({ store, dispose } = await openTestStore('ui_queue'));
  await store.addAlert('Mahan Air', 'http://127.0.0.1:9/hook?secret=s3cr3t');
  const queue = new JobQueue(store, { maxAttempts: 1 });
  const name = readdirSync(SEEDS_DIR).sort().find((f) => f.startsWith('001'))!;
  const items = articlesFromBytes(name, readFileSync(join(SEEDS_DIR, name))).flatMap((i) => (i.ok ? [i.article] : []));
  await queue.enqueue([...items, article('poison', 'POISON pill article about nothing.')]);
  const ctx = new Context({ lists: null });
  const worker = new Worker(queue, {
    drain: true, pollMs: 50,
    analyse: (a) => {
      if (a.text.includes('POISON')) throw new Error(HOSTILE);
      return forStore(analyzeArticle(a, ctx));
    },
  });
  const report = await worker.run();
  assert.equal(report.dead, 1);
  server = await startServer({ store, port: 0, host: '127.0.0.1' });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await dispose?.();
});

test('API: /api/queue gives counts, dead letters with their error and the corroboration backlog; /api/alerts the hits', async () => {
  const q = await getJson(server.url, '/api/queue?state=dead');
  assert.equal(q.status, 200);
  assert.equal(q.body.available, true);
  assert.equal(q.body.counts.dead, 1);
  assert.equal(q.body.counts.done, 1);
  assert.equal(q.body.jobs.items.length, 1);
  assert.match(q.body.jobs.items[0].source, /poison/);
  assert.equal(q.body.jobs.items[0].lastError, HOSTILE);
  assert.deepEqual(q.body.corroboration, { waiting: 0, failed: [], holder: null }, 'the drained worker said it stopped corroborating');
  const a = await getJson(server.url, '/api/alerts');
  assert.equal(a.body.available, true);
  assert.equal(a.body.alerts.length, 1);
  assert.equal(a.body.alerts[0].webhook, 'http://127.0.0.1:9/hook?…', 'the query string (a secret, perhaps) is not shown');
  assert.ok(a.body.alerts[0].hits > 0, 'claims about Mahan Air raised hits');
  assert.ok(a.body.hits.every((h: { entityName: string }) => h.entityName === 'Mahan Air'));
  assert.ok(!JSON.stringify(a.body).includes('s3cr3t'));
  const bad = await getJson(server.url, '/api/queue?state=nonsense');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'INVALID');
});

test('the Ingest page lists the dead letter, the backlog and the alert hits, all as inert text', async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium at ${CHROMIUM}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const problems: string[] = [];
  // A process corroborating, under a name no process would take: it shows, as text.
  const holder = 'host<img src=x onerror="window.__pwned=2">:7:0badc0de';
  await store.pool.query('UPDATE corr_epoch SET holder = $1, at = $2', [holder, '2026-01-02T03:04:05Z']);
  for (const [width, height] of [[1280, 800], [375, 740]]) {
    const page = await browser.newPage({ viewport: { width, height } });
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.goto(`${server.url}/#/ingest`);
    await page.waitForSelector('.queue-counts');
    assert.match((await page.textContent('.queue-counts')) ?? '', /1 done, 1 dead · 0 saved documents waiting for corroboration/);
    assert.equal(await page.textContent('.dead-letters td.failures'), HOSTILE, 'the error shows as text');
    assert.equal(await page.locator('.dead-letters img').count(), 0, 'no element made from the error');
    assert.equal(await page.textContent('.corroboration-holder'), `Corroborating: ${holder} · last batch ended 2026-01-02 03:04:05 UTC`);
    assert.equal(await page.locator('.queue img').count(), 0, 'no element made from the holder\'s name');
    assert.match((await page.textContent('.alert-list')) ?? '', /Mahan Air/);
    assert.ok(await page.locator('.hits li').count() > 0);
    assert.doesNotMatch((await page.textContent('.alerts')) ?? '', /s3cr3t/);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page overflows by ${overflow}px at ${width}px`);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `queue-${width}.png`), fullPage: true });
    await page.close();
  }
  assert.deepEqual(problems, []);
});
