// Which articles the stages analyse: English, and text whose language cannot be told (a headline or
// a feed item's summary); an article in another language is segmented only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Context } from '../../src/context.js';
import { analyzeArticle, toAnalysis } from '../../src/pipeline.js';
import { articlesFromBytes } from '../../src/ingest/index.js';
import { FIXTURES_DIR } from '../helpers/fixtures.js';

const ctx = new Context({ lists: null });
const read = (name: string, text: string | Buffer) => {
  const [item] = articlesFromBytes(name, typeof text === 'string' ? Buffer.from(text) : text);
  assert.ok(item.ok);
  return item.article;
};

test('a short English item, too short to tell its language, is analysed: its entities and its claim', () => {
  const item = read('item.txt', 'Iran sent drones to Venezuela, officials said.');
  assert.equal(item.language, 'und', 'seven words do not tell the language');
  const a = toAnalysis(analyzeArticle(item, ctx));
  assert.deepEqual(a.entities.map((e) => e.name).sort(), ['Iran', 'Venezuela']);
  assert.equal(a.claims.length, 1);
});

test('a results table with few function words is analysed; an article told to be Spanish is segmented only', () => {
  const table = read('results.txt', 'SOCCER-DUTCH FIRST DIVISION RESULTS. AMSTERDAM 1996-08-25 Results of Dutch first division matches played on Sunday: '
    + 'Feyenoord Rotterdam 3 Volendam 0 NEC Nijmegen 0 AZ Alkmaar 0 Vitesse Arnhem 1 Utrecht 0');
  assert.equal(table.language, 'und');
  assert.ok(toAnalysis(analyzeArticle(table, ctx)).entities.some((e) => e.name === 'Amsterdam'));
  const es = read('spanish.txt', readFileSync(join(FIXTURES_DIR, 'ingest', 'spanish.txt')));
  assert.equal(es.language, 'es');
  const doc = analyzeArticle(es, ctx);
  assert.ok(doc.sentences.length > 0, 'segmented');
  assert.deepEqual([doc.entities.length, doc.claims.length, doc.events.length], [0, 0, 0], 'not analysed');
});

test('undetermined text in another script is not read as English: segmented only', () => {
  const ru = read('ru.txt', 'Министр иностранных дел Ирана заявил в понедельник, что Тегеран направит беспилотники в Каракас. '
    + 'Президент Николас Мадуро приветствовал делегацию.');
  assert.equal(ru.language, 'und', 'no stopword list tells Russian');
  const doc = analyzeArticle(ru, ctx);
  assert.ok(doc.sentences.length > 0, 'segmented');
  assert.deepEqual([doc.entities.length, doc.claims.length], [0, 0], 'not analysed');
  // A few foreign letters in Latin text do not make it foreign.
  const names = read('names.txt', 'Sergei Lavrov (Сергей Лавров) met Abbas Araghchi in Moscow.');
  assert.equal(names.language, 'und');
  assert.ok(toAnalysis(analyzeArticle(names, ctx)).entities.some((e) => e.name === 'Moscow'));
});
