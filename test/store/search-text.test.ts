// Unit tests of the query handling shared by the stores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ftsQuery, matchingSentences, queryTerms } from '../../src/store/search-text.js';

test('query words are folded and quoted so no FTS operator gets through', () => {
  assert.deepEqual(queryTerms('Gold OR "oil" NEAR(x)'), ['gold', 'or', 'oil', 'near', 'x']);
  assert.equal(ftsQuery('Chávez*'), '"chavez"');
  assert.equal(ftsQuery('!!!'), null);
});

test('the sentences with most query words come back in text order', () => {
  const text = 'Gold left. Oil came. Gold for oil flights.';
  const sentences = [{ start: 0, end: 10 }, { start: 11, end: 20 }, { start: 21, end: 42 }];
  assert.deepEqual(matchingSentences(text, sentences, 'gold oil', 2).map((s) => s.text), ['Gold left.', 'Gold for oil flights.']);
});
