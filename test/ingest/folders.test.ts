// Folders: recursive, file-name order, hidden entries skipped, symlink loops read once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { articles, collect, errors, fixture, scratch } from './helpers.js';
import { made as madeItem, makeArticle, readPending, type ReadItem } from '../../src/ingest/index.js';

test('a folder is read recursively in file-name order, hidden files skipped', async () => {
  const items = await collect([fixture('folder')]);
  assert.deepEqual(errors(items), []);
  assert.deepEqual(articles(items).map((a) => a.source.slice(fixture('folder').length + 1)), ['a.txt', 'b-dir/note.txt', 'b.txt', 'sub/c.txt']);
});

test('inputs are read in the order given', async () => {
  const items = await collect([fixture('folder', 'sub'), fixture('folder', 'a.txt')]);
  assert.deepEqual(articles(items).map((a) => a.id), ['c', 'a']);
});

test('a symlink loop is read once and ends', async (t) => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'inner'));
  writeFileSync(join(dir, 'top.txt'), 'The council met on Monday, officials said.');
  writeFileSync(join(dir, 'inner', 'deep.txt'), 'The port reopened on Tuesday, officials said.');
  symlinkSync(dir, join(dir, 'inner', 'back-to-top'));
  symlinkSync(join(dir, 'inner'), join(dir, 'again'));
  const items = await collect([dir]);
  assert.deepEqual(errors(items), []);
  assert.deepEqual(articles(items).map((a) => a.id), ['deep', 'top']);
});

test('a broken link in a folder is an error; the rest is read', async (t) => {
  const dir = scratch(t);
  writeFileSync(join(dir, 'a.txt'), 'The council met on Monday, officials said.');
  symlinkSync(join(dir, 'missing.txt'), join(dir, 'b.txt'));
  const items = await collect([dir]);
  assert.deepEqual(errors(items).map((e) => [e.code, e.file]), [['NOT_FOUND', join(dir, 'b.txt')]]);
  assert.deepEqual(articles(items).map((a) => a.id), ['a']);
});

test('reading with articles left to make gives, once made, the same articles and errors; the hash is known before', async () => {
  const paths = [fixture('article.html'), fixture('records.jsonl'), fixture('records.json'), fixture('single.json'), fixture('feed.rss'), fixture('folder'), fixture('bad')];
  const made = await collect(paths);
  const pendingItems: ReadItem[] = [];
  for await (const item of readPending(paths)) pendingItems.push(item);
  assert.ok(pendingItems.filter((i) => 'pending' in i).length >= 5, 'text, HTML and JSON records are left to make');
  let failedWhenMade = 0;
  for (const item of pendingItems) {
    if (!('pending' in item)) continue;
    let article;
    try {
      article = makeArticle(item.pending);
    } catch {
      failedWhenMade++; // malformed HTML, a record without text: errors found in making
      continue;
    }
    assert.equal(article.contentHash, item.pending.contentHash, item.pending.source);
  }
  assert.ok(failedWhenMade >= 2, 'some inputs fail only once made');
  assert.deepEqual(pendingItems.map(madeItem), made);
  assert.ok(errors(made).length > 0 && articles(made).length > 5, 'the inputs hold both articles and errors');
});
