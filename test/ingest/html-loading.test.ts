// The HTML parser (linkedom) loads with the first page read, not with the module: a process that
// never sees HTML (JSON and text ingests, workers, most commands) does not pay for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { articlesFromBytes } from '../../src/ingest/index.js';
import { readHtmlFragment } from '../../src/ingest/html.js';

const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => /[\\/]node_modules[\\/]linkedom[\\/]/.test(path));

test('linkedom is loaded by the first HTML read, not before', () => {
  const [item] = articlesFromBytes('note.txt', new TextEncoder().encode('Iran sent drones to Venezuela, officials said on Tuesday.'));
  assert.ok(item.ok);
  assert.equal(loaded(), false, 'a plain-text article needs no HTML parser');
  assert.deepEqual(readHtmlFragment('<p>Mahan Air <b>resumed</b> flights.</p>').map((p) => p.text), ['Mahan Air resumed flights.']);
  assert.equal(loaded(), true);
});
