// Near-duplicate detection on seed articles rewritten like republished copies (reordered
// paragraphs, other boilerplate, swapped words), and no detection between different seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rewriteArticle, isNearDuplicate, seedTexts, scoreSyndication } from '../../scripts/eval-syndication.js';
import { estimatedJaccard, signatureOf } from '../../src/corroborate/syndication.js';

const seeds = seedTexts();

test('a republished copy of each seed is found as a near-duplicate', () => {
  for (const [i, text] of seeds.entries()) {
    const copy = rewriteArticle(text, 11 + i);
    assert.notEqual(copy, text);
    assert.ok(isNearDuplicate(text, copy), `seed ${i} copy missed`);
  }
});

test('different seed articles are never near-duplicates, even when they report the same upstream story', () => {
  for (let i = 0; i < seeds.length; i++) {
    for (let j = i + 1; j < seeds.length; j++) assert.equal(isNearDuplicate(seeds[i], seeds[j]), false, `seeds ${i} and ${j}`);
  }
});

test('the MinHash estimate tracks how much of the text was rewritten', () => {
  const text = seeds[1];
  const light = estimatedJaccard(signatureOf(text), signatureOf(rewriteArticle(text, 3, { swapRate: 0.02 })));
  const heavy = estimatedJaccard(signatureOf(text), signatureOf(rewriteArticle(text, 3, { swapRate: 0.3 })));
  assert.ok(light > heavy, `${light} vs ${heavy}`);
  assert.equal(estimatedJaccard(signatureOf(text), signatureOf(text)), 1);
});

test('precision and recall over all rewritten and unrelated seed pairs', () => {
  const score = scoreSyndication(seeds, 2);
  assert.equal(score.falsePositives, 0);
  assert.equal(score.recall, 1);
});
