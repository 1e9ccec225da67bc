// The gazetteer cache: what a process reads back is what building gives; a damaged or outdated file
// is built again and replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGazetteers, type Gazetteers } from '../../src/nlp/gazetteers.js';
import { cachedGazetteers, gazetteerFingerprint } from '../../src/nlp/gazetteer-cache.js';

/** Everything a lookup sees, in iteration order (class order included). */
const plain = (g: Gazetteers) => ({
  entries: [...g.entries].map(([k, e]) => [k, [...e.classes], e.canonical ?? null]),
  prefixes: [...g.prefixes],
  heads: [...g.heads],
  maxTokens: g.maxTokens,
});

test('the cached gazetteers are the built ones; a damaged or outdated file is rebuilt', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-gaz-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const built = plain(loadGazetteers());
  assert.ok(built.entries.length > 10_000, 'countries, cities, organisations and the lexicon');
  const first = cachedGazetteers(dir);
  const [file] = readdirSync(dir);
  assert.match(file, new RegExp(`^gazetteers-(?:js|ts)-${gazetteerFingerprint()}\\.json$`));
  assert.deepEqual(plain(first), built);
  assert.deepEqual(plain(cachedGazetteers(dir)), built, 'read back from the file');

  writeFileSync(join(dir, file), '{"format": 1, "entries": [');
  const outdated = file.replace(gazetteerFingerprint(), '0'.repeat(24));
  writeFileSync(join(dir, outdated), '{}');
  assert.deepEqual(plain(cachedGazetteers(dir)), built, 'a damaged file is not read');
  assert.deepEqual(readdirSync(dir), [file], 'the damaged file replaced, the outdated one removed');
  assert.doesNotThrow(() => JSON.parse(readFileSync(join(dir, file), 'utf8')));
});
