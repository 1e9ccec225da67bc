// The Store contract: behaviour every backend must share (SQLite and PostgreSQL run the same cases):
// idempotent saves, replacement, cross-document entities, search with sentences, dossiers, lists,
// and atomic failed saves.
import { test as testCase } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysedDocument, Store } from '../../src/store/types.js';
import type { Analysis, Entity } from '../../src/schema/analysis.js';
import { article } from '../helpers/fixtures.js';

export function entity(id: string, name: string, type: Entity['type'], text: string, aliases: string[] = []): Entity {
  const mentions = [name, ...aliases].flatMap((n) => {
    const at = text.indexOf(n);
    return at >= 0 ? [{ start: at, end: at + n.length }] : [];
  });
  return { id, name, type, aliases, mentions, kb: null, sanctions: [] };
}

export function analysed(id: string, text: string, entities: Entity[], extra: Partial<Analysis> = {}, source?: string): AnalysedDocument {
  const a = article(id, text, source ? { source } : {});
  return {
    article: a,
    analysis: { id, title: null, outlet: 'Test Outlet', published: '2024-05-01', text, entities, claims: [], events: [], ...extra },
    sentences: text.split(/(?<=\.) /).reduce<{ start: number; end: number }[]>((acc, s) => {
      const start = acc.length ? acc[acc.length - 1].end + 1 : 0;
      acc.push({ start, end: start + s.length });
      return acc;
    }, []),
    publishedConfidence: 1,
    publishedEvidence: 'metadata',
  };
}

/** Opens a fresh, empty store and says how to throw it away. */
export type OpenStore = () => Promise<{ store: Store; dispose: () => Promise<void> }>;

/** Registers the contract's tests for one backend. */
export function storeContract(name: string, open: OpenStore): void {
  const withStore = (fn: (store: Store) => Promise<void>) => async () => {
    const { store, dispose } = await open();
    try {
      await fn(store);
    } finally {
      await dispose();
    }
  };
  const test = (title: string, fn: () => Promise<void>) => testCase(`${name}: ${title}`, fn);

  const TEXT_A = 'Nicolás Maduro met Iranian officials. Mahan Air flights carried gold for oil.';
  const TEXT_B = 'Nicolas Maduro spoke in Caracas. Mahan Air denied it.';

  test('saving the same content twice stores it once', withStore(async (store) => {
    const doc = analysed('a', TEXT_A, [entity('e1', 'Nicolás Maduro', 'PERSON', TEXT_A)]);
    assert.equal((await store.saveDocument(doc)).status, 'inserted');
    assert.equal((await store.saveDocument(doc)).status, 'unchanged');
    assert.equal(await store.hasContent(doc.article.contentHash), true);
    assert.equal((await store.stats()).documents, 1);
  }));

  test('a changed file replaces its old analysis', withStore(async (store) => {
    const first = analysed('a', TEXT_A, [entity('e1', 'Mahan Air', 'ORG', TEXT_A)], {
      claims: [{ id: 'c1', start: 38, end: 76, source: 'e1', sourceText: 'Mahan Air', cue: 'said', quote: false, modality: 'asserted' }],
    }, 'same/path.txt');
    await store.saveDocument(first);
    const second = analysed('a', TEXT_B, [entity('e1', 'Mahan Air', 'ORG', TEXT_B)], {}, 'same/path.txt');
    const result = await store.saveDocument(second);
    assert.equal(result.status, 'replaced');
    assert.equal(result.id, 'a');
    const stats = await store.stats();
    assert.equal(stats.documents, 1);
    assert.equal(stats.claims, 0, 'the old claims went with the old analysis');
    assert.equal((await store.getDocument('a'))!.analysis.text, TEXT_B);
  }));

  test('the same entity across documents gets one corpus id, with the accented name kept', withStore(async (store) => {
    await store.saveDocument(analysed('b', TEXT_B, [entity('e1', 'Nicolas Maduro', 'PERSON', TEXT_B), entity('e2', 'Mahan Air', 'ORG', TEXT_B)]));
    await store.saveDocument(analysed('a', TEXT_A, [entity('e1', 'Nicolás Maduro', 'PERSON', TEXT_A), entity('e2', 'Mahan Air', 'ORG', TEXT_A)]));
    const maduro = await store.findEntity('nicolas maduro');
    assert.ok(maduro);
    assert.equal(maduro.documentCount, 2);
    assert.equal(maduro.name, 'Nicolás Maduro');
    const people = await store.listEntities({ type: 'PERSON' });
    assert.equal(people.total, 1);
    const docA = await store.getDocument('a');
    assert.equal(docA!.entityIds.e1, maduro.id);
    const both = [maduro.id, (await store.findEntity('Mahan Air'))!.id].sort();
    assert.deepEqual(await store.documentEntities(), new Map([['a', both], ['b', both]]), 'each document names both corpus entities');
  }));

  test("an event's phrase for an entity is kept with its mentions but not counted as a naming", withStore(async (store) => {
    const text = 'Russian President Boris Yeltsin met Japanese officials. Boris Yeltsin spoke later.';
    const yeltsin = entity('e1', 'Boris Yeltsin', 'PERSON', text);
    yeltsin.mentions.push({ start: text.lastIndexOf('Boris Yeltsin'), end: text.lastIndexOf('Boris Yeltsin') + 13 }, { start: 0, end: 'Russian President Boris Yeltsin'.length, phrase: true });
    yeltsin.mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    await store.saveDocument(analysed('y', text, [yeltsin]));
    const found = await store.findEntity('boris yeltsin');
    assert.equal(found?.mentionCount, 2);
    const saved = (await store.getDocument('y'))!.analysis.entities[0].mentions;
    assert.deepEqual(saved.filter((m) => m.phrase).map((m) => text.slice(m.start, m.end)), ['Russian President Boris Yeltsin']);
  }));

  test('a name first seen in the capitals of a headline takes its ordinary case when that turns up', withStore(async (store) => {
    const headline = 'MAHAN AIR RESUMES FLIGHTS TO CARACAS.';
    await store.saveDocument(analysed('h', headline, [entity('e1', 'MAHAN AIR', 'ORG', headline)], {}, 'h.txt'));
    assert.equal((await store.findEntity('mahan air'))?.name, 'MAHAN AIR');
    await store.saveDocument(analysed('a', TEXT_A, [entity('e1', 'Mahan Air', 'ORG', TEXT_A)]));
    const mahan = await store.findEntity('mahan air');
    assert.equal(mahan?.name, 'Mahan Air');
    assert.equal(mahan?.documentCount, 2);
  }));

  test('two files with the same name in different folders both get stored', withStore(async (store) => {
    await store.saveDocument(analysed('x', TEXT_A, [], {}, 'one/x.txt'));
    const second = await store.saveDocument(analysed('x', TEXT_B, [], {}, 'two/x.txt'));
    assert.equal(second.status, 'inserted');
    assert.notEqual(second.id, 'x');
    assert.equal((await store.stats()).documents, 2);
  }));

  test('search needs every word and returns the matching sentences', withStore(async (store) => {
    await store.saveDocument(analysed('a', TEXT_A, []));
    await store.saveDocument(analysed('b', TEXT_B, []));
    const hits = await store.search('gold oil');
    assert.equal(hits.total, 1);
    assert.equal(hits.items[0].document.id, 'a');
    assert.deepEqual(hits.items[0].sentences.map((s) => s.text), ['Mahan Air flights carried gold for oil.']);
    assert.equal((await store.search('Maduro')).total, 2, 'accents are folded');
    assert.equal((await store.search('"; DROP TABLE documents; --')).total, 0, 'operators cannot be injected');
  }));

  test('an entity dossier has its claims, sources and documents', withStore(async (store) => {
    const entities = [entity('e1', 'Mahan Air', 'ORG', TEXT_A), entity('e2', 'Nicolás Maduro', 'PERSON', TEXT_A)];
    await store.saveDocument(analysed('a', TEXT_A, entities, {
      claims: [{ id: 'c1', start: 38, end: 77, source: 'e2', sourceText: 'Nicolás Maduro', cue: 'said', quote: false, modality: 'reported' }],
      events: [{ type: 'CONSULT', mode: null, actor: 'e2', target: null, location: null, date: '2024', start: 0, end: 37, claim: null }],
    }));
    const mahan = await store.findEntity('Mahan Air');
    const dossier = await store.entityDossier(mahan!.id);
    assert.ok(dossier);
    assert.equal(dossier.claims.length, 1);
    assert.equal(dossier.claims[0].text, 'Mahan Air flights carried gold for oil.');
    assert.deepEqual(dossier.sources.map((s) => s.name), ['Nicolás Maduro']);
    assert.deepEqual(dossier.documents.map((d) => d.id), ['a']);
    const maduro = await store.entityDossier((await store.findEntity('Maduro'))?.id ?? (await store.findEntity('Nicolás Maduro'))!.id);
    assert.equal(maduro!.events.length, 1);
    assert.equal(maduro!.events[0].actorName, 'Nicolás Maduro');
  }));

  test('a save that fails half-way leaves nothing behind', withStore(async (store) => {
    const bad = analysed('a', TEXT_A, [entity('e1', 'Mahan Air', 'ORG', TEXT_A)], {
      claims: [
        { id: 'c1', start: 0, end: 5, source: null, sourceText: null, cue: null, quote: false, modality: 'asserted' },
        { id: 'c1', start: 6, end: 9, source: null, sourceText: null, cue: null, quote: false, modality: 'asserted' },
      ],
    });
    await assert.rejects(store.saveDocument(bad));
    const stats = await store.stats();
    assert.deepEqual([stats.documents, stats.entities, stats.claims], [0, 0, 0]);
  }));

  test('saving several documents together: each is all or nothing, one bad one fails alone', withStore(async (store) => {
    const bad = analysed('bad', TEXT_A, [entity('e1', 'Mahan Air', 'ORG', TEXT_A)], {
      claims: [
        { id: 'c1', start: 0, end: 5, source: null, sourceText: null, cue: null, quote: false, modality: 'asserted' },
        { id: 'c1', start: 6, end: 9, source: null, sourceText: null, cue: null, quote: false, modality: 'asserted' },
      ],
    });
    const first = analysed('a', TEXT_A, [entity('e1', 'Mahan Air', 'ORG', TEXT_A)]);
    const second = analysed('b', TEXT_B, [entity('e1', 'Mahan Air', 'ORG', TEXT_B)]);
    const results = await store.saveDocuments([first, bad, second, first]);
    assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value.status : 'failed')), ['inserted', 'failed', 'inserted', 'unchanged']);
    const stats = await store.stats();
    assert.deepEqual([stats.documents, stats.entities], [2, 1], 'the good documents are stored, the bad one left nothing');
    assert.equal((await store.getDocument('bad')), null);
    assert.equal((await store.listClusters()).items.reduce((n, c) => n + c.members, 0) > 0, true, 'the saved documents were corroborated');
    assert.deepEqual(await store.saveDocuments([]), []);
  }));

  test('watch lists are replaced per list and read back', withStore(async (store) => {
    const entry = { list: 'Test', id: '1', name: 'MAHAN AIR', aliases: ['MAHAN AIRLINES'], kind: 'organization' as const, programmes: ['SDGT'], remarks: null };
    await store.replaceLists([entry, { ...entry, id: '2', name: 'OTHER' }]);
    await store.replaceLists([entry]);
    assert.deepEqual(await store.loadLists(), [entry]);
  }));
}
