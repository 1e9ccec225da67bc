// `dossier check` on real stores: a clean seeded store passes; deliberately damaged ones are caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkSqliteStore, type CheckReport } from '../../src/store/sqlite/check.js';
import { REPO_ROOT } from '../../src/paths.js';
import { seededStore, tempDir } from './stores.js';

const errorsOf = (r: CheckReport) => r.findings.filter((f) => f.severity === 'error');

test('check: a freshly ingested store has no problems', async () => {
  const tmp = tempDir();
  try {
    const path = join(tmp.dir, 'clean.db');
    const store = await seededStore(path);
    await store.close();
    const report = checkSqliteStore(path);
    assert.equal(report.documents, 5);
    assert.deepEqual(errorsOf(report), []);
    assert.ok(report.ok);
    assert.deepEqual(report.checks, ['integrity', 'foreign-keys', 'orphans', 'fts', 'analysis']);
  } finally {
    tmp.dispose();
  }
});

test('check: orphans, foreign keys, a stale full-text index and a broken analysis are each reported', async () => {
  const tmp = tempDir();
  try {
    const path = join(tmp.dir, 'damaged.db');
    const store = await seededStore(path);
    await store.close();
    const db = new Database(path);
    db.pragma('foreign_keys = OFF'); // so deleting a document leaves its rows behind
    const ids = (db.prepare('SELECT id FROM documents ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    db.prepare('DELETE FROM documents WHERE id = ?').run(ids[0]);
    db.prepare(`UPDATE documents SET analysis_json = '{"id":1}' WHERE id = ?`).run(ids[1]);
    // No UPDATE trigger keeps the index in step: changing the text directly leaves it stale.
    db.prepare(`UPDATE documents SET text = 'entirely different words' WHERE id = ?`).run(ids[2]);
    db.close();

    const report = checkSqliteStore(path);
    assert.equal(report.ok, false);
    const messages = errorsOf(report).map((f) => `${f.check}: ${f.message}`);
    assert.ok(messages.some((m) => m.startsWith('foreign-keys:')), messages.join('\n'));
    for (const what of ['document entities without a document', 'claims without a document', 'cluster members without a document']) {
      const f = errorsOf(report).find((x) => x.message === what);
      assert.ok(f && f.count > 0 && f.examples.every((e) => e.startsWith(ids[0])), `${what}: ${JSON.stringify(f)}`);
    }
    assert.ok(errorsOf(report).some((f) => f.check === 'fts'), messages.join('\n'));
    const analysis = errorsOf(report).find((f) => f.check === 'analysis');
    assert.deepEqual(analysis?.examples, [ids[1]]);
  } finally {
    tmp.dispose();
  }
});

test('check: a file with garbage written over its pages is reported, not thrown', async () => {
  const tmp = tempDir();
  try {
    const path = join(tmp.dir, 'garbled.db');
    const store = await seededStore(path);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    await store.close();
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    const junk = Buffer.alloc(4096 * 3, 0xa5);
    writeSync(fd, junk, 0, junk.length, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const report = checkSqliteStore(path);
    assert.equal(report.ok, false);
    assert.ok(errorsOf(report).length > 0);

    const missing = checkSqliteStore(join(tmp.dir, 'nope.db'));
    assert.equal(missing.ok, false);
    assert.equal(missing.findings[0].check, 'open');
  } finally {
    tmp.dispose();
  }
});

test('check: the command prints findings and exits 1 on a damaged store, 0 on a clean one', async () => {
  const tmp = tempDir();
  try {
    const clean = join(tmp.dir, 'clean.db');
    await (await seededStore(clean)).close();
    const cli = [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_ROOT, 'src', 'cli', 'main.ts'), 'check', '--db'];
    const out = execFileSync(process.execPath, [...cli, clean], { encoding: 'utf8' });
    assert.match(out, /5 documents/);
    assert.match(out, /^ok/m);

    const damaged = join(tmp.dir, 'damaged.db');
    copyFileSync(clean, damaged);
    const db = new Database(damaged);
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM documents WHERE rowid = (SELECT MIN(rowid) FROM documents)').run();
    db.close();
    const run = spawnSync(process.execPath, [...cli, damaged], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /ERROR orphans: \d+ claims without a document/);
    assert.match(run.stdout, /problems? found/);
  } finally {
    tmp.dispose();
  }
});
