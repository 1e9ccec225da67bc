// Export/import round trip on real stores: seeds → export → import into a new store → export again
// gives the same bytes, and the stores answer the same (stats, entity dossiers, clusters).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportStore, importStore, sentencesOf } from '../../src/store/export.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { checkSqliteStore } from '../../src/store/sqlite/check.js';
import type { Store } from '../../src/store/types.js';
import type { ListEntry } from '../../src/screen/types.js';
import { DossierError } from '../../src/errors.js';
import { REPO_ROOT } from '../../src/paths.js';
import { seededStore, tempDir } from './stores.js';

const LIST: ListEntry[] = [
  { list: 'TEST', id: '1', name: 'Example Holdings', kind: 'organization', aliases: ['Example Ltd'], programmes: ['X'], remarks: null },
  { list: 'TEST', id: '2', name: 'Jane Roe', kind: 'person', aliases: [], programmes: [], remarks: 'fictional' },
];

async function exportText(store: Store): Promise<string> {
  let out = '';
  for await (const line of exportStore(store)) out += `${line}\n`;
  return out;
}

/** What a user sees of a store: stats, every entity's dossier, clusters and each document's links. */
async function views(store: Store) {
  const entities = (await store.listEntities({ limit: 1000 })).items;
  const dossiers = [];
  for (const e of entities) dossiers.push(await store.entityDossier(e.id));
  const documents = (await store.listDocuments({ limit: 1000 })).items;
  const links = [];
  for (const d of documents) links.push(await store.documentLinks(d.id), await store.documentNovelty(d.id));
  return { stats: await store.stats(), entities, dossiers, documents, clusters: await store.listClusters({ limit: 1000 }), links };
}

test('export → import → export is byte-identical and the stores answer alike', async () => {
  const tmp = tempDir();
  try {
    const a = await seededStore(join(tmp.dir, 'a.db'));
    await a.replaceLists(LIST);
    const first = await exportText(a);
    const lines = first.trimEnd().split('\n');
    assert.equal(lines.length, 1 + LIST.length + 5);
    assert.deepEqual(JSON.parse(lines[0]), { type: 'header', format: 'dossier-export', version: 1, documents: 5, listEntries: 2 });

    // The re-segmented sentences are the ones the store holds.
    for (const line of lines.slice(3)) {
      const doc = JSON.parse(line);
      const stored = a.db.prepare('SELECT sentences_json FROM documents WHERE id = ?').get(doc.id) as { sentences_json: string };
      assert.deepEqual(doc.sentences, JSON.parse(stored.sentences_json), doc.id);
    }

    const file = join(tmp.dir, 'a.jsonl');
    writeFileSync(file, first);
    const b = new SqliteStore(join(tmp.dir, 'b.db'));
    const report = await importStore(b, file);
    assert.deepEqual(report, { documents: 5, inserted: 5, replaced: 0, unchanged: 0, listEntries: 2, renamed: [] });
    assert.equal(await exportText(b), first);
    assert.deepEqual(await views(b), await views(a));
    assert.ok(checkSqliteStore(join(tmp.dir, 'b.db')).ok);

    // Importing again changes nothing.
    const again = await importStore(b, file);
    assert.equal(again.unchanged, 5);
    assert.equal(await exportText(b), first);
    await a.close();
    await b.close();
  } finally {
    tmp.dispose();
  }
});

test('import refuses files that are not whole exports, naming the line', async () => {
  const tmp = tempDir();
  try {
    const a = await seededStore(join(tmp.dir, 'a.db'));
    const lines = (await exportText(a)).trimEnd().split('\n');
    await a.close();
    const cases: [string, string, RegExp][] = [
      ['no-header', lines.slice(1).join('\n'), /line 1: the first line must be the export header/],
      ['truncated', lines.slice(0, 3).join('\n'), /header announces 5 documents/],
      ['cut-line', `${lines.slice(0, 2).join('\n')}\n${lines[2].slice(0, 40)}`, /line 3: not JSON/],
      ['bad-analysis', [lines[0], lines[1].replace('"entities":[', '"entities":7,"x":[')].join('\n'), /line 2: analysis/],
      ['future', lines[0].replace('"version":1', '"version":9'), /export version 9/],
      ['empty', '', /holds no export header/],
    ];
    for (const [name, text, message] of cases) {
      const file = join(tmp.dir, `${name}.jsonl`);
      writeFileSync(file, text);
      const store = new SqliteStore(join(tmp.dir, `${name}.db`));
      await assert.rejects(importStore(store, file), (err: unknown) => err instanceof DossierError && message.test(err.message), name);
      await store.close();
    }
    const store = new SqliteStore(join(tmp.dir, 'missing.db'));
    await assert.rejects(importStore(store, join(tmp.dir, 'nope.jsonl')), (err: unknown) => err instanceof DossierError && err.code === 'NOT_FOUND');
    await store.close();
  } finally {
    tmp.dispose();
  }
});

test('the export and import commands round-trip through a file', async () => {
  const tmp = tempDir();
  try {
    const a = join(tmp.dir, 'a.db');
    await (await seededStore(a)).close();
    const cli = [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_ROOT, 'src', 'cli', 'main.ts')];
    const dump = execFileSync(process.execPath, [...cli, 'export', '--db', a], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const file = join(tmp.dir, 'dump.jsonl');
    writeFileSync(file, dump);
    const b = join(tmp.dir, 'b.db');
    const run = spawnSync(process.execPath, [...cli, 'import', file, '--db', b], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /5 documents \(5 added/);
    assert.equal(execFileSync(process.execPath, [...cli, 'export', '--db', b], { encoding: 'utf8', maxBuffer: 1 << 28 }), readFileSync(file, 'utf8'));
  } finally {
    tmp.dispose();
  }
});

test('sentencesOf: the segment stage alone gives the sentence spans', () => {
  const spans = sentencesOf({ id: 'x', source: 'x.txt', format: 'text', title: null, outlet: null, author: null, url: null, published: null,
    publishedSource: null, language: 'en', text: 'One sentence here. Another one there.', contentHash: 'h', removed: [] });
  assert.equal(spans.length, 2);
});
