// Corroboration kept by the SQLite store as documents arrive: clusters across outlets, independent
// roots (shared upstream report, uncredited copy, a second source), replacement, denials, timeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ClusterDetail } from '../../src/corroborate/records.js';
import { analysed } from './helpers.js';

function withStore(fn: (store: SqliteStore) => Promise<void>) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dossier-corr-'));
    const store = new SqliteStore(join(dir, 'test.db'));
    try {
      await fn(store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const ENTITIES: [string, 'GPE' | 'ORG' | 'FAC' | 'PRODUCT'][] = [
  ['Norland', 'GPE'], ['Harbor Times', 'ORG'], ['Kestrel naval yard', 'FAC'], ['Port Vell', 'GPE'], ['KX-9', 'PRODUCT'],
  ['KX-12', 'PRODUCT'], ['Orbital Institute', 'ORG'],
];

const A = `Norland has built a missile assembly plant at the Kestrel naval yard near Port Vell, the Harbor Times reported.
The plant produces the KX-9 and KX-12 missiles for the navy, according to the Harbor Times.
Fishing boats crowded the harbour on Sunday morning as the weather cleared over the bay.`;
const B = `The Harbor Times said that Norland operates a missile assembly plant at the Kestrel naval yard in Port Vell.
KX-9 and KX-12 missiles are produced at the plant for the navy, the Harbor Times said.
The city council debated a new budget for public schools and libraries last week.`;
const C = `Norland specialists now assemble missiles at the Kestrel naval yard in Port Vell.
The KX-9 and KX-12 missiles are produced there for the navy.
Local football fans celebrated a dramatic late victory in the regional championship final.`;
const D = `Satellite images analysed by the Orbital Institute show a missile assembly plant at the Kestrel naval yard near Port Vell.`;

const claim = (snippet: string, source: string) => ({ snippet, source });

async function saveScenario(store: SqliteStore, withIndependent: boolean) {
  await store.saveDocument(analysed('a', A, {
    entities: ENTITIES, outlet: 'Daily Post', published: '2024-03-01',
    claims: [claim('Norland has built a missile assembly plant at the Kestrel naval yard near Port Vell', 'Harbor Times'),
      claim('The plant produces the KX-9 and KX-12 missiles for the navy', 'Harbor Times')],
  }));
  await store.saveDocument(analysed('b', B, {
    entities: ENTITIES, outlet: 'Evening Star', published: '2024-03-02',
    claims: [claim('Norland operates a missile assembly plant at the Kestrel naval yard in Port Vell', 'Harbor Times'),
      claim('KX-9 and KX-12 missiles are produced at the plant for the navy', 'Harbor Times')],
  }));
  await store.saveDocument(analysed('c', C, { entities: ENTITIES, outlet: 'Copy Blog', published: '2024-03-05' }));
  if (withIndependent) {
    await store.saveDocument(analysed('d', D, {
      entities: ENTITIES, outlet: 'Science Weekly', published: '2024-03-03',
      claims: [claim('a missile assembly plant at the Kestrel naval yard near Port Vell', 'Orbital Institute')],
    }));
  }
}

async function clusterOf(store: SqliteStore, doc: string, words: string): Promise<ClusterDetail> {
  const page = await store.listClusters({ minMembers: 1, limit: 1000 });
  for (const c of page.items) {
    const d = (await store.getCluster(c.id))!;
    if (d.memberList.some((m) => m.documentId === doc && m.text.includes(words))) return d;
  }
  throw new Error(`no cluster holds "${words}" of ${doc}`);
}

test('two outlets crediting one report and an uncredited copy rest on one root', withStore(async (store) => {
  await saveScenario(store, false);
  const plant = await clusterOf(store, 'a', 'missile assembly plant');
  assert.deepEqual([...new Set(plant.memberList.map((m) => m.documentId))].sort(), ['a', 'b', 'c']);
  assert.equal(plant.roots, 1);
  assert.equal(plant.provenance.roots[0].label, 'Harbor Times');
  const links = await store.documentLinks('c');
  assert.equal(links.length, 1);
  assert.equal(links[0].kind, 'uncredited-copy');
  assert.ok(['a', 'b'].includes(links[0].originId));
  assert.match(links[0].evidence.join(' '), /KX-9/);
  assert.deepEqual(await store.documentLinks('a').then((l) => l.filter((x) => x.documentId === 'a')), []);
}));

test('a second, independent source adds a root; replacing it takes the root away again', withStore(async (store) => {
  await saveScenario(store, true);
  const before = await clusterOf(store, 'd', 'missile assembly plant');
  assert.ok(before.memberList.some((m) => m.documentId === 'a'));
  assert.equal(before.roots, 2);
  assert.deepEqual(before.provenance.roots.map((r) => r.label).sort(), ['Harbor Times', 'Orbital Institute']);
  const listed = await store.listClusters({ minSources: 2 });
  assert.ok(listed.items.some((c) => c.id === before.id));
  const replaced = analysed('d', 'The Orbital Institute published a report on coastal erosion along the northern beaches this spring.', {
    entities: ENTITIES, outlet: 'Science Weekly', published: '2024-03-03',
  });
  assert.equal((await store.saveDocument(replaced)).status, 'replaced');
  const after = await clusterOf(store, 'a', 'missile assembly plant');
  assert.ok(!after.memberList.some((m) => m.documentId === 'd'));
  assert.equal(after.roots, 1);
  assert.equal((await store.listClusters({ minSources: 2 })).items.some((c) => c.id === after.id), false);
}));

test('a denial in the same cluster is reported as a contradiction', withStore(async (store) => {
  await saveScenario(store, false);
  const denial = 'The Norland defence ministry denied that a missile assembly plant operates at the Kestrel naval yard in Port Vell.';
  await store.saveDocument(analysed('e', denial, {
    entities: [...ENTITIES, ['Norland defence ministry', 'ORG']], outlet: 'Wire', published: '2024-03-06',
    claims: [{ snippet: 'a missile assembly plant operates at the Kestrel naval yard in Port Vell', source: 'Norland defence ministry', modality: 'denied' }],
  }));
  const plant = await clusterOf(store, 'e', 'missile assembly plant');
  assert.ok(plant.memberList.some((m) => m.documentId === 'a'));
  assert.ok(plant.contested);
  assert.ok(plant.contradictions.some((c) => c.kind === 'denial' && c.b.startsWith('e#')));
}));

test('novelty: the first article to state a proposition adds it; a restatement adds only new details', withStore(async (store) => {
  await saveScenario(store, false);
  const a = await store.documentNovelty('a');
  assert.ok(a.length > 0 && a.every((n) => n.newProposition));
  const b = await store.documentNovelty('b');
  const plant = b.find((n) => n.statement.startsWith('b#c1'))!;
  assert.equal(plant.newProposition, false);
}));

test('the timeline orders dated statements with their granularity and can follow one entity', withStore(async (store) => {
  const text = 'In March 2023, Norland opened the Kestrel naval yard. Norland tested the KX-9 missile in 2021. The Orbital Institute opened its research campus in May 2019.';
  await store.saveDocument(analysed('t', text, { entities: ENTITIES, published: '2024-01-10' }));
  const all = (await store.timeline()).items;
  assert.deepEqual(all.map((e) => [e.date, e.granularity]), [['2019-05', 'month'], ['2021', 'year'], ['2023-03', 'month']]);
  assert.ok(all.every((e) => e.documentId === 't'));
  const kx9 = await store.findEntity('KX-9');
  const only = (await store.timeline({ entity: kx9!.id })).items;
  assert.deepEqual(only.map((e) => e.date), ['2021']);
  assert.deepEqual((await store.timeline({ from: '2020', to: '2021' })).items.map((e) => e.date), ['2021']);
}));
