// End-to-end tests of the `dossier` command: ingest into a real SQLite file, read back through the
// commands, idempotent re-ingest, and bad input reported without losing what is stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../../src/paths.js';
import { SEEDS_DIR } from '../helpers/fixtures.js';

const BIN = join(REPO_ROOT, 'bin', 'dossier.js');
const dir = mkdtempSync(join(tmpdir(), 'dossier-cli-'));
const db = join(dir, 'cli.db');
const dossier = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, ...(args[0] === 'analyze' ? [] : ['--db', db])], { encoding: 'utf8' });

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('ingest stores the seeds and a second ingest changes nothing', () => {
  const first = dossier('ingest', SEEDS_DIR);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /^5 added, 0 replaced, 0 unchanged, 0 failed/m);
  const again = dossier('ingest', SEEDS_DIR);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /^0 added, 0 replaced, 5 unchanged, 0 failed/m);
});

test('entities lists people with mention and document counts', () => {
  const run = dossier('entities', '--type', 'PERSON', '--json');
  assert.equal(run.status, 0, run.stderr);
  const page = JSON.parse(run.stdout);
  const maduro = page.items.find((e: { name: string }) => /Maduro/.test(e.name));
  assert.ok(maduro, 'Maduro is among the people');
  assert.ok(maduro.documentCount >= 4, `Maduro appears in ${maduro.documentCount} documents`);
  assert.ok(page.items.every((e: { type: string }) => e.type === 'PERSON'));
});

test('show gives the dossier of Mahan Air with its documents and claims', () => {
  const run = dossier('show', 'Mahan Air');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Mahan Air\s+\[ORG\]/);
  assert.match(run.stdout, /001_d614e4c1e9a83542/);
  assert.match(run.stdout, /Claims:/);
  const missing = dossier('show', 'No Such Entity Anywhere');
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /no entity named/);
});

test('search finds the gold-for-oil articles with their sentences', () => {
  const run = dossier('search', 'gold', 'oil', '--json');
  assert.equal(run.status, 0, run.stderr);
  const page = JSON.parse(run.stdout);
  const ids = page.items.map((h: { document: { id: string } }) => h.document.id).sort();
  assert.ok(ids.includes('000_bc97049401ccf9bb') && ids.includes('001_d614e4c1e9a83542'), ids.join(','));
  for (const hit of page.items) assert.ok(hit.sentences.some((s: { text: string }) => /gold/i.test(s.text)));
});

test('a bad input is named with its reason, the others are stored, the exit status is non-zero', () => {
  const folder = join(dir, 'mixed');
  mkdirSync(folder);
  copyFileSync(join(SEEDS_DIR, '002_96cfd5f636ac567f.txt'), join(folder, 'good.txt'));
  writeFileSync(join(folder, 'broken.json'), '{"text": "Iran and Venezuela signed');
  writeFileSync(join(folder, 'empty.txt'), '');
  const run = dossier('ingest', folder);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /broken\.json/);
  assert.match(run.stderr, /empty\.txt/);
  assert.equal(run.stderr.trim().split('\n').length, 2, 'one line per failed input');
  assert.match(run.stdout, /1 failed|2 failed/);
  const stats = JSON.parse(dossier('entities', '--json').stdout);
  assert.ok(stats.total > 0, 'what was stored before is still there');
});

test('every command answers --help', () => {
  for (const cmd of ['analyze', 'ingest', 'entities', 'show', 'search', 'events', 'screen', 'start']) {
    const run = spawnSync(process.execPath, [BIN, cmd, '--help'], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${cmd} --help`);
    assert.match(run.stdout, /Usage: dossier/);
  }
});
