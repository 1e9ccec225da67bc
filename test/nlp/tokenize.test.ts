import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, tokenize } from '../../src/nlp/tokenize.js';

const words = (text: string): string[] => tokenize(text).map((t) => t.text);

test('tokenize keeps dotted abbreviations and model numbers whole and splits possessives', () => {
  assert.deepEqual(words("The U.S. said Venezuela's ZAMORA V-1 (Shahed-131) flew."), [
    'The', 'U.S.', 'said', 'Venezuela', "'s", 'ZAMORA', 'V-1', '(', 'Shahed-131', ')', 'flew', '.',
  ]);
});

test('token offsets index the text', () => {
  const text = 'Iran’s drones, 2024.';
  for (const t of tokenize(text)) assert.equal(text.slice(t.start, t.end), t.text);
});

test('sentences split at full stops but not after titles, initials or U.S.', () => {
  const text = 'Mr. Smith met Christian K. Caruzo in the U.S. on Monday. Then he left. "Fine," he said.';
  const tokens = tokenize(text);
  const sentences = splitSentences(tokens, text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(sentences, [
    'Mr. Smith met Christian K. Caruzo in the U.S. on Monday.',
    'Then he left.',
    '"Fine," he said.',
  ]);
});

test('a line break ends a sentence (headlines, captions)', () => {
  const text = 'Nicolas Maduro\nIran officials reside in Venezuela.';
  const sentences = splitSentences(tokenize(text), text);
  assert.equal(sentences.length, 2);
  assert.equal(text.slice(sentences[0].start, sentences[0].end), 'Nicolas Maduro');
});

test('a middle initial keeps its period and does not end the sentence', () => {
  const text = 'Christian K. Caruzo wrote it. Then he left.';
  const tokens = tokenize(text);
  assert.ok(tokens.some((t) => t.text === 'K.'));
  assert.equal(splitSentences(tokens, text).length, 2);
});
