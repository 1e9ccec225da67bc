// `dossier watch`, `dossier ingest --queue`, `dossier jobs` and `dossier alerts` from the command
// line against a loopback feed server, and folder watching picking up only new or changed files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueue } from '../../src/queue/queue.js';
import { Watcher } from '../../src/queue/watch.js';
import { isPrivateAddress } from '../../src/queue/net-guard.js';
import { openTestStore, runDossier, schemaUrl } from './helpers.js';

const FEED = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Loopback Wire</title>
<item><guid>wire-1</guid><title>Mahan Air flight lands in Caracas</title><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate>
<description>A Mahan Air cargo flight landed in Caracas on Monday, airport officials said.</description></item>
<item><guid>wire-2</guid><title>Sanctions widened</title><pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>
<description>The Treasury widened sanctions on Venezuelan gold exports, a spokesman said.</description></item>
</channel></rss>`;

test('postgres watch: a loopback feed is refused unless --allow-private, then enqueued once per item', async () => {
  const { schema, store, dispose } = await openTestStore('watch');
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    const db = schemaUrl(schema);
    const refused = await runDossier(['watch', url, '--once', '--db', db]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /private address.*--allow-private/);

    const first = await runDossier(['watch', url, '--once', '--allow-private', '--db', db]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /2 read, 2 queued/);
    const again = await runDossier(['watch', url, '--once', '--allow-private', '--db', db]);
    assert.match(again.stdout, /2 read, 0 queued/, 'items already queued are not queued again');

    const jobs = await runDossier(['jobs', '--json', '--db', db]);
    const listed = JSON.parse(jobs.stdout);
    assert.equal(listed.counts.queued, 2);
    assert.deepEqual(listed.items.map((j: { state: string }) => j.state), ['queued', 'queued']);
    assert.equal((await new JobQueue(store).counts()).queued, 2);
    assert.equal(listed.corroboration.holder, null, 'nobody corroborates yet');
    await store.pool.query(`UPDATE corr_epoch SET holder = 'box:42:0badc0de', at = '2026-01-02T03:04:05Z'`);
    const text = await runDossier(['jobs', '--db', db]);
    assert.match(text.stdout, /^corroboration: box:42:0badc0de, last batch ended 2026-01-02 03:04:05 UTC$/m, 'jobs names the process that corroborates');
  } finally {
    server.close();
    await dispose();
  }
});

test('postgres watch: a folder poll enqueues new and changed files only', async () => {
  const { store, dispose } = await openTestStore('watch');
  const dir = mkdtempSync(join(tmpdir(), 'dossier-watch-'));
  try {
    const watcher = new Watcher(new JobQueue(store), dir);
    writeFileSync(join(dir, 'a.txt'), 'Mahan Air flew to Caracas on Monday.');
    assert.equal((await watcher.poll()).queued, 1);
    assert.equal((await watcher.poll()).read, 0, 'an unchanged folder is not read again');
    writeFileSync(join(dir, 'b.txt'), 'The Treasury widened sanctions on Tuesday.');
    writeFileSync(join(dir, 'a.txt'), 'Mahan Air flew to Caracas on Monday and again on Friday.');
    const r = await watcher.poll();
    assert.deepEqual([r.read, r.queued], [2, 2]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dispose();
  }
});

test('postgres: ingest --queue enqueues, alerts add/list record a watched entity, SQLite says the queue needs PostgreSQL', async () => {
  const { schema, dispose } = await openTestStore('cli');
  const dir = mkdtempSync(join(tmpdir(), 'dossier-queue-'));
  try {
    const db = schemaUrl(schema);
    writeFileSync(join(dir, 'one.txt'), 'Mahan Air flew to Caracas on Monday.');
    writeFileSync(join(dir, 'two.txt'), 'The Treasury widened sanctions on Tuesday.');
    const queued = await runDossier(['ingest', '--queue', dir, '--db', db]);
    assert.equal(queued.status, 0, queued.stderr);
    assert.match(queued.stdout, /^2 queued, 0 already stored or queued, 0 failed/m);
    const added = await runDossier(['alerts', 'add', 'Mahan Air', '--webhook', 'http://127.0.0.1:9/hook', '--db', db]);
    assert.equal(added.status, 0, added.stderr);
    const listed = JSON.parse((await runDossier(['alerts', 'list', '--json', '--db', db])).stdout);
    assert.deepEqual(listed.map((a: { entity: string; webhook: string }) => [a.entity, a.webhook]), [['Mahan Air', 'http://127.0.0.1:9/hook']]);
    const sqlite = await runDossier(['ingest', '--queue', dir, '--db', join(dir, 'local.db')]);
    assert.equal(sqlite.status, 1);
    assert.match(sqlite.stderr, /needs a PostgreSQL store/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dispose();
  }
});

test('private, loopback and link-local addresses are recognised, public ones are not', () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '0.0.0.0',
    // IPv4 inside IPv6, as URL parsing spells it ([::ffff:127.0.0.1] becomes [::ffff:7f00:1]) and otherwise
    '::ffff:7f00:1', '[::ffff:7f00:1]', '0:0:0:0:0:ffff:7f00:1', '::ffff:a9fe:a9fe', '::7f00:1', '::127.0.0.1', '64:ff9b::7f00:1',
    '64:ff9b::a00:1', '2002:7f00:1::', '2002:c0a8:101::1', '::', 'fec0::1', 'ff02::1', 'not-an-address', '12zz::1', '1:2:3:4:5:6:7:8:9']) {
    assert.equal(isPrivateAddress(ip), true, ip);
  }
  for (const ip of ['8.8.8.8', '151.101.1.69', '2606:4700::1111', '172.32.0.1', '::ffff:808:808', '64:ff9b::808:808', '2002:808:808::1', '2001:4860:4860::8888']) assert.equal(isPrivateAddress(ip), false, ip);
});
