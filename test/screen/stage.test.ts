import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.js';
import { newDocument, type Document } from '../../src/schema/document.js';
import type { Entity } from '../../src/schema/analysis.js';
import type { Article } from '../../src/schema/article.js';
import { screenEntities } from '../../src/screen/stage.js';
import type { ListEntry } from '../../src/screen/types.js';

const LISTS: ListEntry[] = [
  { list: 'OFAC SDN', id: '22790', name: 'MADURO MOROS, Nicolas', aliases: [], kind: 'person', programmes: ['VENEZUELA', 'IRAN-CON-ARMS-EO'], remarks: null },
  { list: 'OFAC SDN', id: '26946', name: 'MADURO GUERRA, Nicolas Ernesto', aliases: [], kind: 'person', programmes: ['VENEZUELA'], remarks: null },
  { list: 'OFAC SDN', id: '4697', name: 'HIZBALLAH', aliases: ['PARTY OF GOD'], kind: 'organization', programmes: ['FTO', 'SDGT'], remarks: null },
  { list: 'UN Consolidated', id: 'QDe.001', name: 'HIZBALLAH', aliases: [], kind: 'organization', programmes: ['Al-Qaida'], remarks: null },
  { list: 'OFAC SDN', id: '12927', name: 'MAHAN AIR', aliases: [], kind: 'organization', programmes: [], remarks: null },
  { list: 'OFAC SDN', id: '1', name: 'VENEZUELA', aliases: [], kind: 'organization', programmes: [], remarks: null },
  { list: 'OFAC SDN', id: '2', name: 'IRAN AIR', aliases: [], kind: 'organization', programmes: [], remarks: null },
  { list: 'OFAC SDN', id: '3', name: 'GONZALEZ, Maria', aliases: [], kind: 'person', programmes: [], remarks: null },
  // Other people, so that rarity means something as it does on a real list.
  ...['PEREZ, Juan', 'RODRIGUEZ, Ana', 'LOPEZ, Carlos', 'GARCIA, Pedro', 'MARTINEZ, Luis', 'SANCHEZ, Rosa', 'RAMIREZ, Jose',
    'TORRES, Elena', 'FLORES, Diego', 'RIVERA, Sofia', 'GOMEZ, Pablo', 'DIAZ, Lucia', 'CRUZ, Miguel', 'MORALES, Laura']
    .map((name, i): ListEntry => ({ list: 'OFAC SDN', id: `9${i}`, name, aliases: [], kind: 'person', programmes: [], remarks: null })),
];

const article: Article = {
  id: 'a1', source: 'a1.txt', format: 'text', title: null, outlet: null, author: null, url: null, published: '2025-01-12',
  publishedSource: 'metadata', language: 'en', text: 'Nicolás Maduro met Hezbollah envoys in Venezuela.', contentHash: 'x', removed: [],
};
const entity = (id: string, name: string, type: Entity['type'], aliases: string[] = []): Entity =>
  ({ id, name, type, aliases, mentions: [{ start: 0, end: 1 }], kb: null, sanctions: [] });

function doc(): Document {
  const d = newDocument(article);
  d.entities = [
    entity('e1', 'Nicolás Maduro', 'PERSON', ['Maduro']),
    entity('e2', 'Hezbollah', 'ORG'),
    entity('e3', 'Venezuela', 'GPE'),
    entity('e4', 'Mahan Airlines', 'PRODUCT'),
    entity('e5', 'Maduro', 'PERSON'),
  ];
  return d;
}

test('screens ORG, PERSON and PRODUCT entities; hits sorted by score, then id, with explanations', () => {
  const ctx = new Context({ lists: LISTS });
  const out = screenEntities(doc(), ctx);
  const [maduro, hezbollah, venezuela, mahan, surname] = out.entities;
  assert.equal(maduro.sanctions[0].id, '22790', 'the father before the son, who has a further given name');
  assert.ok(maduro.sanctions.every((s, i) => s.score >= 0.8 && (i === 0 || maduro.sanctions[i - 1].score >= s.score)));
  assert.equal(maduro.sanctions[0].name, 'MADURO MOROS, Nicolas');
  assert.equal(maduro.sanctions[0].programme, 'VENEZUELA; IRAN-CON-ARMS-EO');
  assert.match(maduro.sanctions[0].explanation ?? '', /"Nicolás Maduro" ~ "MADURO MOROS, Nicolas"/);
  // The same score on two lists: ordered by id.
  assert.deepEqual(hezbollah.sanctions.map((s) => [s.list, s.id]), [['OFAC SDN', '4697'], ['UN Consolidated', 'QDe.001']]);
  assert.equal(hezbollah.sanctions[0].score, hezbollah.sanctions[1].score);
  assert.deepEqual(venezuela.sanctions, [], 'places are not screened');
  assert.deepEqual(mahan.sanctions.map((s) => s.id), ['12927']);
  assert.deepEqual(surname.sanctions, [], 'a surname alone does not hit');
  assert.equal(out.text, article.text, 'the text is never rewritten');
});

test('no lists: no screening, every entity keeps an empty sanctions list', () => {
  for (const lists of [null, undefined]) {
    const out = screenEntities(doc(), new Context({ lists }));
    assert.ok(out.entities.every((e) => Array.isArray(e.sanctions) && e.sanctions.length === 0));
  }
});

test('the screener is built once per context', () => {
  const ctx = new Context({ lists: LISTS });
  screenEntities(doc(), ctx);
  const first = ctx.resource('screener', () => { throw new Error('rebuilt'); });
  screenEntities(doc(), ctx);
  assert.equal(ctx.resource('screener', () => null), first);
});
