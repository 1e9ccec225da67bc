// Decoding: BOMs, UTF-16 both ways, windows-1252 for what is not UTF-8, and one normal form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articlesFromBytes } from '../../src/ingest/index.js';

const SENTENCE = 'Hugo Chávez met “allies” in Caracas — officials said.';
const textOf = (name: string, bytes: Uint8Array) => {
  const [item] = articlesFromBytes(name, bytes);
  assert.ok(item.ok, item.ok ? '' : item.error.line());
  return item.article.text;
};

test('UTF-16 LE and BE with a BOM', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SENTENCE, 'utf16le')]);
  assert.equal(textOf('le.txt', le), SENTENCE);
  const be = Buffer.from(le.subarray(2)).swap16();
  assert.equal(textOf('be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be])), SENTENCE);
});

test('UTF-8 with a BOM: the BOM is not text', () => {
  assert.equal(textOf('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SENTENCE)])), SENTENCE);
});

test('windows-1252 (Latin-1) when the bytes are not valid UTF-8', () => {
  // á = E1, “ ” = 93 94, — = 97 in windows-1252.
  const cp1252 = Buffer.from([
    ...Buffer.from('Hugo Ch', 'latin1'), 0xe1, ...Buffer.from('vez met ', 'latin1'), 0x93, ...Buffer.from('allies', 'latin1'), 0x94,
    ...Buffer.from(' in Caracas ', 'latin1'), 0x97, ...Buffer.from(' officials said.', 'latin1'),
  ]);
  assert.equal(textOf('latin.txt', cp1252), SENTENCE);
});

test('line endings become \\n, text becomes NFC, spaces are one kind', () => {
  const decomposed = 'Cha\u0301vez spoke.\r\nThe\u00a0minister  agreed.\rThey left.   ';
  assert.equal(textOf('n.txt', Buffer.from(decomposed)), 'Chávez spoke.\nThe minister agreed.\nThey left.');
});
