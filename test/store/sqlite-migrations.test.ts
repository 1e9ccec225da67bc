// SQLite migrations carry a store's rows forward: a database written at an earlier version reads
// the same after the newer migrations, and what the store then does with it keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, SQLITE_MIGRATIONS_DIR } from '../../src/store/sqlite/migrate.js';

/** A database at `version`: the migrations up to it applied, nothing after. */
function databaseAt(dir: string, version: number): Database.Database {
  const older = join(dir, 'migrations');
  mkdirSync(older);
  for (const f of readdirSync(SQLITE_MIGRATIONS_DIR)) if (/^\d+_.*\.sql$/.test(f) && Number.parseInt(f, 10) <= version) copyFileSync(join(SQLITE_MIGRATIONS_DIR, f), join(older, f));
  const db = new Database(join(dir, 'old.db'));
  db.pragma('foreign_keys = ON');
  assert.deepEqual(migrate(db, older), Array.from({ length: version }, (_, i) => i + 1));
  return db;
}

test('blocking keys written by statement key (version 3) name statement numbers after migration 4', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-migrate-'));
  try {
    const db = databaseAt(dir, 3);
    // Two documents as version 3 stored them: key rows name statements by their text keys, and
    // the save counted each key into corr_df.
    const doc = db.prepare(`INSERT INTO documents (id, source, format, language, text, content_hash, article_json, analysis_json, sentences_json, ingested_at)
      VALUES (?, ?, 'text', 'en', 'x', ?, '{}', '{}', '[]', '2026-01-01')`);
    const statement = db.prepare(`INSERT INTO corr_statements (key, doc_id, local_id, kind, start, end, cluster_id, statement_json, novelty_json, seq)
      VALUES (?, ?, ?, 'claim', 0, 1, ?, '{}', '{}', ?)`);
    const key = db.prepare('INSERT INTO corr_keys (key, statement) VALUES (?, ?)');
    const count = db.prepare('INSERT INTO corr_df (key, n) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET n = n + excluded.n');
    const rows: [string, string, number, string[]][] = [['a', 'a#c1', 7, ['t:drone', 'e:iran']], ['b', 'b#c1', 9, ['t:drone', 't:base']]];
    for (const [id, stmt, seq, keys] of rows) {
      doc.run(id, `${id}.txt`, `hash-${id}`);
      statement.run(stmt, id, 'c1', `k-${id}`, seq);
      for (const k of keys) {
        key.run(k, stmt);
        count.run(k, 1);
      }
    }
    const counts = () => Object.fromEntries((db.prepare('SELECT key, n FROM corr_df ORDER BY key').all() as { key: string; n: number }[]).map((r) => [r.key, r.n]));
    assert.deepEqual(counts(), { 'e:iran': 1, 't:base': 1, 't:drone': 2 });

    assert.deepEqual(migrate(db), readdirSync(SQLITE_MIGRATIONS_DIR).filter((f) => /^\d+_.*\.sql$/.test(f)).map((f) => Number.parseInt(f, 10)).filter((v) => v > 3).sort((x, y) => x - y));
    assert.deepEqual(db.prepare('SELECT key, statement FROM corr_keys ORDER BY key, statement').all(), [
      { key: 'e:iran', statement: 7 }, { key: 't:base', statement: 9 }, { key: 't:drone', statement: 7 }, { key: 't:drone', statement: 9 },
    ]);
    // Copying the rows counted nothing twice and nothing down.
    assert.deepEqual(counts(), { 'e:iran': 1, 't:base': 1, 't:drone': 2 });
    // Two statements may not share a number now.
    assert.throws(() => statement.run('b#c2', 'b', 'c2', 'k-b', 9), /UNIQUE/);

    // A document deleted takes its statements' key rows with it, and they are counted down.
    db.prepare('DELETE FROM documents WHERE id = ?').run('a');
    assert.deepEqual(db.prepare('SELECT key, statement FROM corr_keys ORDER BY key').all(), [{ key: 't:base', statement: 9 }, { key: 't:drone', statement: 9 }]);
    assert.deepEqual(counts(), { 'e:iran': 0, 't:base': 1, 't:drone': 1 });
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('statements that share a sequence number (written by hand or by a bug) get new numbers, and the store opens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-migrate-'));
  try {
    const db = databaseAt(dir, 3);
    db.prepare(`INSERT INTO documents (id, source, format, language, text, content_hash, article_json, analysis_json, sentences_json, ingested_at)
      VALUES ('a', 'a.txt', 'text', 'en', 'x', 'h', '{}', '{}', '[]', '2026-01-01')`).run();
    const statement = db.prepare(`INSERT INTO corr_statements (key, doc_id, local_id, kind, start, end, cluster_id, statement_json, novelty_json, seq)
      VALUES (?, 'a', ?, 'claim', 0, 1, 'k', '{}', '{}', ?)`);
    for (const [key, seq] of [['a#c1', 1], ['a#c2', 2], ['a#c3', 2], ['a#c4', 2], ['a#c5', 3]] as const) statement.run(key, key.slice(2), seq);
    db.prepare("INSERT INTO corr_keys (key, statement) VALUES ('t:drone', 'a#c3')").run();
    migrate(db);
    assert.deepEqual(db.prepare('SELECT key, seq FROM corr_statements ORDER BY key').all(), [
      { key: 'a#c1', seq: 1 }, { key: 'a#c2', seq: 2 }, { key: 'a#c3', seq: 4 }, { key: 'a#c4', seq: 5 }, { key: 'a#c5', seq: 3 },
    ]);
    assert.deepEqual(db.prepare('SELECT key, statement FROM corr_keys').all(), [{ key: 't:drone', statement: 4 }]);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
