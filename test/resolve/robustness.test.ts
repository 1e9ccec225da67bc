import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Context } from '../../src/context.js';
import { ENTITY_TYPES } from '../../src/schema/analysis.js';
import { newDocument, type Mention } from '../../src/schema/document.js';
import { resolveEntities } from '../../src/resolve/entities.js';

const WORDS = [
  'Nicolás', 'Maduro', 'Maduro’s', 'Iran', 'Iranian', 'officials', 'the', 'outlet', 'company', 'Admiral', 'Faller', 'President',
  'of', 'Venezuela', '(IRGC)', 'Islamic', 'Revolutionary', 'Guard', 'Corps', 'Shahed-131', 'ZAMORA', 'V-1', 'said', ',', '.',
  'Washington', 'D.C.', 'and', 'South', 'America', 'Central', 'Saab', 'AB', 'its', 'ethnic', 'Albanians', 'a', 'Foreign',
  'Ministry', 'S.A.', 'bin', 'Laden', 'Iran-Bolivia', 'administration', 'Trump', 'command', 'faller', 'Geneva', 'Thousands',
];

const ctx = new Context();

test('any mention layer resolves without error into well-formed, deterministic entities', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 40 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 }), fc.constantFrom(...ENTITY_TYPES), fc.constantFrom('tagger', 'gazetteer', 'rule')), { maxLength: 12 }),
      (words, picks) => {
        const text = words.join(' ');
        const starts: number[] = [];
        let at = 0;
        for (const w of words) {
          starts.push(at);
          at += w.length + 1;
        }
        // Non-overlapping mentions over whole words, as the tagger gives them.
        const taken = new Set<number>();
        const mentions: Mention[] = [];
        for (const [i, len, type, origin] of picks) {
          const first = i % words.length;
          const last = Math.min(words.length - 1, first + len - 1);
          const span = Array.from({ length: last - first + 1 }, (_, k) => first + k);
          if (span.some((k) => taken.has(k))) continue;
          span.forEach((k) => taken.add(k));
          const start = starts[first];
          const end = starts[last] + words[last].length;
          mentions.push({ start, end, text: text.slice(start, end), type, origin });
        }
        const doc = newDocument({
          id: 'p', source: 'p', format: 'text', title: null, outlet: null, author: null, url: null,
          published: null, publishedSource: null, language: 'en', text, contentHash: 'x', removed: [],
        });
        doc.mentions = mentions.sort((a, b) => a.start - b.start);
        const out = resolveEntities(doc, ctx);
        out.entities.forEach((e, n) => {
          assert.equal(e.id, `e${n + 1}`);
          assert.ok(e.mentions.length > 0 && e.name.length > 0);
          for (const s of e.mentions) assert.ok(s.start >= 0 && s.start < s.end && s.end <= text.length);
          for (const i of out.entityMentions.get(e.id)!) assert.ok(out.mentions[i]);
        });
        const firsts = out.entities.map((e) => e.mentions[0].start);
        assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b));
        assert.deepEqual(resolveEntities(out, ctx).entities, out.entities);
      },
    ),
    { numRuns: 300, seed: 7 },
  );
});
