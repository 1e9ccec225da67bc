// Ingest with analysis on worker threads, ahead of the saves: the same documents, clusters and
// outcomes as analysing on the main thread, saved in input order; a bad input still fails alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runIngest } from '../../src/cli/commands/ingest.js';
import { SHARED_DIR } from '../../src/paths.js';
import { Context } from '../../src/context.js';
import { readInputs } from '../../src/ingest/index.js';
import { analyzeArticle } from '../../src/pipeline.js';
import { forStore } from '../../src/runner.js';
import { documentDates } from '../../src/corroborate/statements.js';
import type { AnalysedDocument } from '../../src/store/types.js';

const SEEDS = join(SHARED_DIR, 'corpus', 'seeds');

/** The seeds, with a binary file among them. */
function corpus(dir: string): string {
  const folder = join(dir, 'in');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  for (const name of readdirSync(SEEDS).sort()) copyFileSync(join(SEEDS, name), join(folder, name));
  writeFileSync(join(folder, '002b_broken.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
  return folder;
}

async function ingestWith(threads: number, dir: string) {
  const store = new SqliteStore(join(dir, `t${threads}.db`));
  try {
    const report = await runIngest(store, [corpus(dir)], { threads });
    const { db } = store;
    return {
      report: { read: report.read, inserted: report.inserted, errors: report.errors, failed: report.failures.map((f) => f.file?.split('/').pop()) },
      documents: db.prepare('SELECT id, title, analysis_json FROM documents ORDER BY rowid').all(),
      statements: db.prepare('SELECT key, cluster_id, seq FROM corr_statements ORDER BY seq').all(),
      clusters: db.prepare('SELECT id, canonical, members, roots FROM corr_clusters ORDER BY id').all(),
      entities: db.prepare('SELECT id, name, type FROM entities ORDER BY id').all(),
    };
  } finally {
    await store.close();
  }
}

test('analysis threads give what the main thread gives, in input order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-pipelined-'));
  try {
    const here = await ingestWith(0, dir);
    const threaded = await ingestWith(2, dir);
    assert.deepEqual(threaded.report, here.report);
    assert.equal(here.report.inserted, 5);
    assert.deepEqual(here.report.failed, ['002b_broken.txt']);
    assert.deepEqual(threaded.documents, here.documents, 'the same analyses, stored in the same order');
    assert.deepEqual(threaded.statements, here.statements);
    assert.deepEqual(threaded.clusters, here.clusters);
    assert.deepEqual(threaded.entities, here.entities);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('what an analysis thread derives for corroboration (dates, signature, draft statements) is what the store derives without it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-derived-'));
  const ctx = new Context({ lists: null });
  const docs: AnalysedDocument[] = [];
  for await (const item of readInputs([SEEDS])) if (item.ok) docs.push(forStore(analyzeArticle(item.article, ctx)));
  assert.ok(docs.length === 5 && docs.every((d) => d.derived && d.derived.signature.length > 0));
  assert.ok(docs.some((d) => d.derived!.dates.length > 0), 'the seeds name dates');
  for (const d of docs) assert.deepEqual(d.derived!.dates, documentDates(d.analysis.text, d.analysis.published), `dates of ${d.analysis.id}`);
  assert.ok(docs.every((d) => d.derived!.statements && d.derived!.statements.length > 0), 'each seed has draft statements');
  const saved = async (name: string, list: AnalysedDocument[]) => {
    const store = new SqliteStore(join(dir, name));
    try {
      for (const d of list) await store.saveDocument(d);
      return {
        statements: store.db.prepare('SELECT key, cluster_id, statement_json, novelty_json FROM corr_statements ORDER BY key').all(),
        documents: store.db.prepare('SELECT doc_id, signature_json, specifics_json FROM corr_docs ORDER BY doc_id').all(),
        links: store.db.prepare('SELECT * FROM corr_links ORDER BY doc_id').all(),
      };
    } finally {
      await store.close();
    }
  };
  try {
    const given = await saved('given.db', docs);
    const own = await saved('own.db', docs.map(({ derived: _derived, ...rest }) => rest));
    assert.deepEqual(given, own);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
