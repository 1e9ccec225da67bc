// kill -9 during `dossier ingest` on SQLite, short version of `npm run crash:sqlite` (5 kills): after
// each kill the store passes the check and holds each article once or not at all; resuming completes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/paths.js';
import { conllDocuments, crashTest } from '../../scripts/crash-sqlite.js';

const built = existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'));

test('CoNLL-2003 documents become real-text articles', () => {
  const docs = conllDocuments();
  assert.ok(docs.length > 900, `${docs.length} documents`);
  assert.match(docs[0], /^EU rejects German call to boycott British lamb\./);
});

test('kill -9 during ingest: 5 kills, the store stays whole and the corpus completes', { skip: !built && 'needs `npm run build` (bin/dossier.js runs dist/)', timeout: 240_000 }, async () => {
  const report = await crashTest({ kills: 5, articles: 60, maxDelayMs: 3000, seed: 5 });
  for (const row of report.rows) {
    assert.ok(row.checkOk, `kill ${row.kill}: ${row.findings}`);
    assert.equal(row.duplicates, 0, `kill ${row.kill}`);
    assert.equal(row.strangers, 0, `kill ${row.kill}`);
    assert.ok(row.after >= row.before, `kill ${row.kill}: stored articles went from ${row.before} to ${row.after}`);
  }
  assert.ok(report.rows.some((r) => !r.finished), 'no kill landed during an ingest');
  assert.equal(report.finalExitCode, 0);
  assert.equal(report.finalDocuments, 60);
  assert.ok(report.finalCheckOk);
  assert.ok(report.ok);
});
