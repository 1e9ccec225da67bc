// Any text — unbalanced quotes, stray cues, dates at the edges — goes through the extraction stages
// without throwing, and every layer stays inside the text, sorted, with unique ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractAll, handDocument, type HandEntity } from './helpers.js';

const WORDS = [
  'Iran', 'Venezuela', 'Maduro', 'said', 'says', 'according', 'to', 'that', 'the', 'outlet', 'report', 'read', 'he', 'added',
  'signed', 'a', 'deal', 'with', 'attacked', 'by', 'was', 'released', 'in', '2022', 'December', 'on', 'Friday', 'this', 'year',
  'allegedly', 'would', 'if', 'denied', 'and', 'between', 'officials', 'analysts', 'suggest', 'pointed', 'called', 'for',
  '“', '”', '«', '»', '‘', '’', '"', "'", ',', '.', ';', ':', '—', '\n', '\n\n', '©', '(', ')', 'it', 'is', 'believed',
];
const ENTITIES: HandEntity[] = [
  { name: 'Iran', type: 'GPE', forms: ['Iran'] },
  { name: 'Venezuela', type: 'GPE', forms: ['Venezuela'] },
  { name: 'Nicolás Maduro', type: 'PERSON', forms: ['Maduro'] },
];

const texts = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 80 }).map((ws) => ws.join(' '));

test('arbitrary text: no throw, spans inside the text, sorted output, unique claim ids, events point to claims that exist', () => {
  fc.assert(
    fc.property(texts, fc.option(fc.constantFrom('2024-06-12', '2019', '2023-12'), { nil: null }), (text, published) => {
      const doc = extractAll(handDocument(text, ENTITIES, { published, publishedSource: published ? 'metadata' : null, outlet: 'Outlet' }));
      const inside = (x: { start: number; end: number }) => x.start >= 0 && x.start <= x.end && x.end <= text.length;
      assert.ok(doc.dates.every(inside));
      assert.ok(doc.claims.every(inside));
      assert.ok(doc.events.every(inside));
      assert.equal(new Set(doc.claims.map((c) => c.id)).size, doc.claims.length);
      assert.ok(doc.claims.every((c, i) => i === 0 || doc.claims[i - 1].start <= c.start));
      assert.ok(doc.events.every((e, i) => i === 0 || doc.events[i - 1].start <= e.start));
      const ids = new Set(doc.claims.map((c) => c.id));
      assert.ok(doc.events.every((e) => e.claim === null || ids.has(e.claim)));
      assert.ok(doc.events.every((e) => e.actor !== null && e.actor !== e.target));
    }),
    { numRuns: 300, seed: 20261123 },
  );
});

test('the same input gives the same output', () => {
  const text = 'Iran signed a deal with Venezuela on Friday, Maduro said. “It is a partnership,” he added. According to analysts, Iran would help.';
  const run = () => {
    const doc = extractAll(handDocument(text, ENTITIES, { published: '2024-06-12', publishedSource: 'metadata' }));
    return JSON.stringify({ dates: doc.dates, claims: doc.claims, events: doc.events, published: doc.published });
  };
  assert.equal(run(), run());
});
