// Statements in two steps — drafted where the analysis ran, finished in the save once the corpus
// entity ids are known — are the statements made in one step from the same analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Context } from '../../src/context.js';
import { readInputs } from '../../src/ingest/index.js';
import { analyzeArticle } from '../../src/pipeline.js';
import { forStore } from '../../src/runner.js';
import { SHARED_DIR } from '../../src/paths.js';
import { documentDates, draftStatements, finishStatements, statementsOf } from '../../src/corroborate/statements.js';
import type { AnalysedDocument } from '../../src/store/types.js';

async function seeds(): Promise<AnalysedDocument[]> {
  const ctx = new Context({ lists: null });
  const docs: AnalysedDocument[] = [];
  for await (const item of readInputs([join(SHARED_DIR, 'corpus', 'seeds')])) if (item.ok) docs.push(forStore(analyzeArticle(item.article, ctx)));
  return docs;
}

test('draft then finish gives the statements statementsOf gives, whatever the corpus ids', async () => {
  const docs = await seeds();
  let merged = 0;
  let dropped = 0;
  for (const doc of docs) {
    const { analysis, sentences } = doc;
    const locals = analysis.entities.map((e) => e.id);
    // Corpus ids unlike the local ones: the first two locals are one corpus entity, the third has
    // none (as when resolution set it aside), the rest their own.
    const entityIds: Record<string, string> = {};
    locals.forEach((local, i) => {
      if (i === 2) return;
      entityIds[local] = i < 2 ? 'corpus:shared' : `corpus:${locals.length - i}`;
    });
    const storeId = `stored-${analysis.id}`;
    const dates = documentDates(analysis.text, analysis.published);
    const source = { id: storeId, outlet: analysis.outlet, published: analysis.published, analysis, sentences, dates };
    const expected = statementsOf({ ...source, entityIds });
    const drafts = draftStatements({ ...source, id: analysis.id });
    const finished = finishStatements(drafts, storeId, entityIds, analysis.text);
    assert.ok(expected.length > 0, `${analysis.id} has statements`);
    assert.deepEqual(finished, expected, analysis.id);
    assert.ok(finished.every((s) => s.documentId === storeId && s.key.startsWith(`${storeId}#`)));
    if (expected.some((s) => s.entities.includes('corpus:shared'))) merged++;
    if (locals.length > 2 && drafts.some((d) => d.entities.includes(locals[2]))) dropped++;
    assert.ok(finished.every((s) => !s.entities.includes(locals[2]) && !s.places.includes(`e:${locals[2]}`)));
  }
  assert.ok(merged > 0, 'some statement names the merged entity');
  assert.ok(dropped > 0, 'some draft names the entity without a corpus id');
});

test('the drafts an analysis carries to the store are structured-clone safe and name local ids only', async () => {
  const docs = await seeds();
  for (const doc of docs) {
    const drafts = doc.derived!.statements!;
    assert.deepEqual(structuredClone(drafts), drafts);
    const locals = new Set(doc.analysis.entities.map((e) => e.id));
    for (const d of drafts) for (const e of d.entities) assert.ok(locals.has(e), `${e} is a local id`);
  }
});
