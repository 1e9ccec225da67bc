import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentCues, featureHash, gazetteerMarks, isUpperSentence, sentenceFeatures, wordShape } from '../../src/nlp/features.js';
import { loadGazetteers } from '../../src/nlp/gazetteers.js';

const gaz = loadGazetteers();

test('word shapes collapse runs of letter classes', () => {
  assert.equal(wordShape('Shahed-131'), 'Xx-d');
  assert.equal(wordShape('IRGC'), 'XX');
  assert.equal(wordShape('1996-08-22'), 'd-d-d');
  assert.equal(wordShape('drone'), 'x');
  assert.equal(wordShape('U.S.'), 'X.X.');
});

test('feature hashes separate templates and string boundaries', () => {
  assert.equal(featureHash(2, 'Paris'), featureHash(2, 'Paris'));
  assert.notEqual(featureHash(2, 'Paris'), featureHash(3, 'Paris'));
  assert.notEqual(featureHash(8, 'ab', 'c'), featureHash(8, 'a', 'bc'));
});

test('gazetteer marks give the BILOU position of listed phrases, capitalised only', () => {
  const words = ['Flights', 'from', 'Saudi', 'Arabia', 'to', 'Caracas', 'and', 'iran'];
  const marks = gazetteerMarks(gaz, words, words.map((w) => w.toLowerCase()));
  assert.ok(marks[2].includes('country|B'));
  assert.ok(marks[3].includes('country|L'));
  assert.ok(marks[5].some((m) => m.startsWith('city|')));
  assert.deepEqual(marks[7], []);
});

test('document cues notice a capitalised word also written in lower case, and a capitals headline', () => {
  const cues = documentCues([['SOCCER', '-', 'JAPAN', 'WIN'], ['Rose', 'spoke', '.'], ['A', 'rose', 'grew', 'near', 'Rose', '.']]);
  assert.equal(cues.topic, 'soccer');
  assert.ok(cues.lowerSeen.has('rose'));
  assert.ok(cues.capSeen.has('rose'));
  assert.ok(isUpperSentence(['SOCCER', '-', 'JAPAN', 'WIN']));
  assert.ok(!isUpperSentence(['Rose', 'spoke']));
});

test('each token gets features, and a different word changes them', () => {
  const cues = documentCues([['Iran', 'flew', 'drones']]);
  const a = sentenceFeatures(gaz, ['Iran', 'flew', 'drones'], cues);
  const b = sentenceFeatures(gaz, ['Oman', 'flew', 'drones'], cues);
  assert.equal(a.length, 3);
  assert.ok(a[0].length > 10);
  assert.notDeepEqual(a[0], b[0]);
  // The left context of "flew" changed too.
  assert.notDeepEqual(a[1], b[1]);
});

test('peoples listed after the model was trained type mentions but are no tagger features', () => {
  // "Serbs" (peoples.tsv), "Bosnian" (the first of "Bosnian, Herzegovinian"), "Cypriots" (a plural).
  for (const [word, country] of [['serbs', 'Serbia'], ['bosnian', 'Bosnia and Herzegovina'], ['cypriots', 'Cyprus'], ['czechs', 'Czechia']]) {
    const entry = gaz.entries.get(word);
    assert.ok(entry?.classes.has('people'), word);
    assert.equal(entry?.canonical, country, word);
  }
  assert.equal(gaz.entries.get('frenchs'), undefined, 'a demonym that is its own plural gets none');
  const words = ['Serbs', 'and', 'Cypriots'];
  assert.deepEqual(gazetteerMarks(gaz, words, words.map((w) => w.toLowerCase())), [[], [], []]);
});
