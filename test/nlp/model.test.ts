import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Context } from '../../src/context.js';
import { newDocument, type Mention } from '../../src/schema/document.js';
import { segment } from '../../src/nlp/tokenize.js';
import { findMentions } from '../../src/nlp/mentions.js';
import { loadModel, MODEL_FORMAT_VERSION } from '../../src/nlp/model.js';
import { FEATURE_VERSION } from '../../src/nlp/features.js';
import { TRAINER_FORMAT_VERSION } from '../../src/nlp/train.js';
import { MODELS_DIR } from '../../src/paths.js';

const ctx = new Context();

function mentions(text: string): Mention[] {
  const article = {
    id: 't', source: 't', format: 'text' as const, title: null, outlet: null, author: null, url: null,
    published: null, publishedSource: null, language: 'en', text, contentHash: '', removed: [],
  };
  return findMentions(segment(newDocument(article)), ctx).mentions;
}

const has = (ms: Mention[], text: string, type: string): boolean => ms.some((m) => m.text === text && m.type === type);

test('the committed model carries the format version the trainer writes', () => {
  const model = loadModel(join(MODELS_DIR, 'ner.bin'));
  assert.equal(model.header.formatVersion, TRAINER_FORMAT_VERSION);
  assert.equal(model.header.formatVersion, MODEL_FORMAT_VERSION);
  assert.equal(model.header.featureVersion, FEATURE_VERSION);
});

test('people, organisations and places are found and typed', () => {
  const ms = mentions(
    'German Chancellor Angela Merkel met officials of the European Commission in Brussels on Tuesday, ' +
      'while Exxon Mobil said its refinery in Texas would close.',
  );
  assert.ok(has(ms, 'Angela Merkel', 'PERSON'), JSON.stringify(ms));
  assert.ok(has(ms, 'European Commission', 'ORG'));
  assert.ok(has(ms, 'Brussels', 'GPE'));
  assert.ok(has(ms, 'Exxon Mobil', 'ORG'));
  assert.ok(has(ms, 'Texas', 'GPE'));
  assert.ok(has(ms, 'German', 'NORP'));
});

test('a drone model and an air base are found by shape and head word', () => {
  const ms = mentions('Russia launched Geran-2 drones from the Morozovsk air base, officials in Kyiv said.');
  assert.ok(has(ms, 'Geran-2', 'PRODUCT'), JSON.stringify(ms));
  assert.ok(has(ms, 'Morozovsk air base', 'FAC'));
  assert.ok(has(ms, 'Russia', 'GPE'));
  assert.ok(has(ms, 'Kyiv', 'GPE'));
});

test('demonyms point at their country and regional adjectives at their region', () => {
  const ms = mentions('Pakistani and Brazilian diplomats discussed Middle Eastern security with Latin American partners.');
  const pak = ms.find((m) => m.text === 'Pakistani');
  assert.equal(pak?.type, 'NORP');
  assert.equal(pak?.refersTo, 'Pakistan');
  assert.equal(ms.find((m) => m.text === 'Brazilian')?.refersTo, 'Brazil');
  const me = ms.find((m) => m.text === 'Middle Eastern');
  assert.equal(me?.type, 'LOC');
  assert.equal(me?.refersTo, 'Middle East');
  assert.equal(ms.find((m) => m.text === 'Latin American')?.refersTo, 'Latin America');
});

test('mentions are sorted, do not overlap and index the text', () => {
  const text = 'The Lake Victoria fishermen met Ugandan police near Entebbe International Airport in Uganda.';
  const ms = mentions(text);
  for (let i = 0; i < ms.length; i++) {
    assert.equal(text.slice(ms[i].start, ms[i].end), ms[i].text);
    if (i > 0) assert.ok(ms[i - 1].end <= ms[i].start);
  }
  assert.ok(has(ms, 'Lake Victoria', 'LOC'), JSON.stringify(ms));
  assert.ok(has(ms, 'Entebbe International Airport', 'FAC'));
});

test('one name keeps one type in a document, and "Iran-Bolivia" is two places', () => {
  const ms = mentions('Iran-Bolivia ties grew. Hezbollah praised the deal. Officials said Hezbollah would help.');
  assert.ok(has(ms, 'Iran', 'GPE') && has(ms, 'Bolivia', 'GPE'), JSON.stringify(ms));
  const hez = ms.filter((m) => m.text === 'Hezbollah');
  assert.equal(hez.length, 2);
  assert.ok(hez.every((m) => m.type === 'ORG'));
});

test('a surname alone is the person named in full earlier in the document', () => {
  const ms = mentions('President Nicolas Maduro spoke in Caracas. Officials close to Maduro said the army would stay loyal.');
  assert.ok(has(ms, 'Nicolas Maduro', 'PERSON'), JSON.stringify(ms));
  assert.ok(ms.filter((m) => m.text === 'Maduro').every((m) => m.type === 'PERSON'));
});

test('an acronym for a kind of system is not a name', () => {
  const ms = mentions('Iran supplied unmanned aerial vehicles (UAV) to Venezuela.');
  assert.ok(!ms.some((m) => m.text === 'UAV'), JSON.stringify(ms));
  assert.ok(has(ms, 'Venezuela', 'GPE'));
});

test('a people the tagger leaves out is still a NORP mention standing for its country', () => {
  const ms = mentions('Serb forces killed three ethnic Albanians near the border.');
  const serb = ms.find((m) => m.text === 'Serb');
  assert.ok(serb, JSON.stringify(ms.map((m) => m.text)));
  assert.equal(serb.type, 'NORP');
  assert.equal(serb.refersTo, 'Serbia');
});
