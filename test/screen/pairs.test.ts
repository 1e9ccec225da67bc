import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SHARED_DIR } from '../../src/paths.js';
import { loadLists } from '../../src/screen/lists.js';
import { Screener } from '../../src/screen/matcher.js';
import type { EntityType } from '../../src/schema/analysis.js';

// Hand-written true and false pairs (test/fixtures/screen/pairs.tsv) against the shared OFAC and UN lists.
const LISTS = join(SHARED_DIR, 'data', 'sanctions');
const rows = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'screen', 'pairs.tsv'), 'utf8')
  .split('\n').filter((l) => l.trim() && !l.startsWith('#')).slice(1).map((l) => l.split('\t'));

test('hand-written pairs: every true pair hits its entry, no false pair hits', { skip: !existsSync(LISTS) && 'shared sanctions lists not found' }, () => {
  const { entries, errors } = loadLists([LISTS]);
  assert.deepEqual(errors, []);
  const screener = new Screener(entries);
  const failures: string[] = [];
  for (const [query, type, expected, truth] of rows) {
    const hits = screener.screen(query, { type: type as EntityType });
    const keys = hits.map((h) => `${h.entry.list}:${h.entry.id}`);
    if (truth === 'true' && !keys.includes(expected)) failures.push(`missed: ${query} → ${expected} (got ${keys.join(', ') || 'nothing'})`);
    if (truth === 'false' && (expected === '-' ? keys.length > 0 : keys.includes(expected))) failures.push(`false hit: ${query} → ${hits[0].explanation}`);
  }
  assert.deepEqual(failures, []);
  assert.ok(rows.filter((r) => r[3] === 'true').length >= 20 && rows.filter((r) => r[3] === 'false').length >= 20);
});
