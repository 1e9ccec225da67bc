// Bad inputs: each becomes one error naming the file and the reason, and the other inputs in the
// same call are still read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ErrorCode } from '../../src/errors.js';
import { articlesFromBytes } from '../../src/ingest/index.js';
import { articles, collect, errors, fixture, scratch } from './helpers.js';

/** Reads `bad` between two good files and checks the one error and both articles. */
async function expectError(bad: string, code: ErrorCode, opts?: { maxBytes?: number }) {
  const good = fixture('folder', 'a.txt');
  const items = await collect([good, bad, fixture('folder', 'b.txt')], opts);
  const [err, ...more] = errors(items);
  assert.ok(err, `expected an error for ${bad}`);
  assert.deepEqual(more, [], 'one error');
  assert.equal(err.code, code, err.line());
  assert.equal(err.file, bad);
  assert.ok(err.line().includes(basename(bad)), `the file name is in "${err.line()}"`);
  assert.ok(!err.message.includes('\n'), 'a one-line reason');
  assert.deepEqual(articles(items).map((a) => a.id), ['a', 'b'], 'the other inputs are still read');
  return err;
}

test('binary: NUL bytes, or mostly control bytes', async (t) => {
  const dir = scratch(t);
  const png = join(dir, 'image.txt');
  writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  await expectError(png, 'BINARY');
  const controls = join(dir, 'controls.txt');
  writeFileSync(controls, Buffer.from('ab\x01\x02\x03\x04cd\x05\x06\x07\x08ef\x0e\x0f\x10\x11', 'latin1'));
  await expectError(controls, 'BINARY');
});

test('empty: no bytes, only whitespace, or nothing left after cleaning', async (t) => {
  await expectError(fixture('bad', 'empty.txt'), 'EMPTY');
  await expectError(fixture('bad', 'whitespace.txt'), 'EMPTY');
  const dir = scratch(t);
  const boiler = join(dir, 'boilerplate.txt');
  writeFileSync(boiler, '© 2024 Latin Times. All rights reserved.\nRead the full article here\n');
  await expectError(boiler, 'EMPTY');
  const emptyHtml = join(dir, 'empty.html');
  writeFileSync(emptyHtml, '<html><body><script>var x = 1;</script></body></html>');
  await expectError(emptyHtml, 'EMPTY');
});

test('truncated JSON and XML', async () => {
  const json = await expectError(fixture('bad', 'truncated.json'), 'TRUNCATED');
  assert.match(json.message, /JSON/);
  const xml = await expectError(fixture('bad', 'truncated.xml'), 'TRUNCATED');
  assert.match(xml.message, /<rss>/);
});

test('malformed JSON, XML and HTML', async () => {
  await expectError(fixture('bad', 'malformed.json'), 'MALFORMED');
  const xml = await expectError(fixture('bad', 'malformed.xml'), 'MALFORMED');
  assert.match(xml.message, /line 2/);
  await expectError(fixture('bad', 'malformed.html'), 'MALFORMED');
});

test('an HTML file cut off inside a tag is malformed', () => {
  const [item] = articlesFromBytes('cut.html', new TextEncoder().encode('<html><body><p>The story begins</p><p class="'));
  assert.ok(!item.ok && item.error.code === 'MALFORMED');
});

test('undecodable: a UTF-8 BOM over invalid UTF-8, bytes windows-1252 leaves undefined, odd-length UTF-16', async (t) => {
  const dir = scratch(t);
  const bom = join(dir, 'bom.txt');
  writeFileSync(bom, Buffer.from([0xef, 0xbb, 0xbf, 0x48, 0x69, 0xc3, 0x28, 0x20, 0x74, 0x68, 0x65, 0x72, 0x65]));
  await expectError(bom, 'UNDECODABLE');
  const undefinedByte = join(dir, 'cp.txt');
  writeFileSync(undefinedByte, Buffer.from([0x41, 0x42, 0x81, 0x43, 0x44]));
  await expectError(undefinedByte, 'UNDECODABLE');
  const utf16 = join(dir, 'odd.txt');
  writeFileSync(utf16, Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]));
  await expectError(utf16, 'UNDECODABLE');
});

test('oversized: over maxBytes, told from the file size', async (t) => {
  const dir = scratch(t);
  const big = join(dir, 'big.txt');
  writeFileSync(big, 'The council met on Monday. '.repeat(100));
  const err = await expectError(big, 'TOO_LARGE', { maxBytes: 1000 });
  assert.match(err.message, /2\.6 KB, over the 1000 bytes limit/);
  const [item] = articlesFromBytes('upload.txt', new Uint8Array(2000).fill(65), { maxBytes: 1000 });
  assert.ok(!item.ok && item.error.code === 'TOO_LARGE');
});

test('unsupported extension, and XML that is not a feed', async () => {
  const err = await expectError(fixture('bad', 'unsupported.pdf'), 'UNSUPPORTED');
  assert.match(err.message, /'\.pdf'/);
  await expectError(fixture('bad', 'not-a-feed.xml'), 'UNSUPPORTED');
});

test('a missing path', async () => {
  await expectError(fixture('bad', 'no-such-file.txt'), 'NOT_FOUND');
});

test('billion laughs and external entities are refused without expanding anything', async () => {
  const err = await expectError(fixture('bad', 'billion-laughs.xml'), 'MALFORMED');
  assert.match(err.message, /entit/);
  const xxe = await collect([fixture('bad', 'external-entity.xml')]);
  assert.equal(errors(xxe)[0].code, 'MALFORMED');
  assert.ok(!JSON.stringify(xxe).includes('root:'), 'nothing of /etc/passwd');
});

test('a feed item without content is an error for that item; the other items are read', () => {
  const xml = '<rss version="2.0"><channel><title>W</title><item><title>Empty</title></item>' +
    '<item><title>Full</title><description>The port reopened on Monday, officials said.</description></item></channel></rss>';
  const [bad, good] = articlesFromBytes('w.rss', new TextEncoder().encode(xml));
  assert.ok(!bad.ok && bad.error.code === 'EMPTY' && bad.error.file === 'w.rss#1');
  assert.ok(good.ok && good.article.id === 'w-2');
});
