// Property-based: every ingest path and the analysis stages, on generated hostile input (the case
// generators of scripts/fuzz.ts), end in valid articles or a DossierError, quickly. A few hundred cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Context } from '../../src/context.js';
import { articlesFromBytes } from '../../src/ingest/index.js';
import { DossierError } from '../../src/errors.js';
import { analysisCases, ingestCases, runCase, type FuzzCase } from '../../scripts/fuzz.js';

const ctx = new Context({ lists: [] });
/** Generous per case: the bound is about hangs and super-linear blow-ups, not speed. */
const CASE_MS = 10_000;

/** Small cases only: the huge ones belong to `npm run fuzz`, which has a watchdog per case. */
const small = (c: FuzzCase) => (c.kind === 'ingest' ? c.bytes.length <= 300_000 : c.text.length <= 20_000);

function holds(c: FuzzCase): boolean {
  const r = runCase(c, ctx);
  assert.ok(r.ok, `${c.family}: ${r.problem}`);
  assert.ok(r.ms < CASE_MS, `${c.family}: ${r.ms.toFixed(0)} ms`);
  return true;
}

test('ingest: hostile bytes under every file type end in articles or a DossierError', { timeout: 300_000 }, () => {
  fc.assert(fc.property(ingestCases.filter(small), holds), { numRuns: 300, seed: 20261123 });
});

test('analysis: pathological text is analysed into a valid FORMAT.md analysis', { timeout: 300_000 }, () => {
  fc.assert(fc.property(analysisCases.filter(small), holds), { numRuns: 100, seed: 20261123 });
});

test('ingest: any bytes under any name never throw', () => {
  fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 512 }), (name, bytes) => {
    const items = articlesFromBytes(name, bytes);
    assert.ok(items.length > 0);
    for (const item of items) if (!item.ok) assert.ok(item.error instanceof DossierError);
    return true;
  }), { numRuns: 300, seed: 7 });
});

test('html nested 100,000 deep is refused in milliseconds, not parsed for minutes', () => {
  const html = `<!doctype html><html><body>${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}</body></html>`;
  const started = performance.now();
  const [item] = articlesFromBytes('deep.html', new TextEncoder().encode(html));
  assert.ok(performance.now() - started < 2000);
  assert.equal(item.ok, false);
  assert.match(!item.ok ? item.error.message : '', /nested more than 2000 deep/);
});

test('claims: a run-on sentence ten times longer takes about ten times longer, not a hundred', () => {
  const text = (n: number) => 'market Reuters said the minister Paris bank John Smith rose percent on Tuesday '.repeat(Math.ceil(n / 79)).slice(0, n);
  runCase({ kind: 'analysis', family: 'warm-up', text: text(5_000) }, ctx);
  const small = runCase({ kind: 'analysis', family: 'no-punctuation', text: text(20_000) }, ctx);
  const large = runCase({ kind: 'analysis', family: 'no-punctuation', text: text(200_000) }, ctx);
  assert.ok(small.ok && large.ok);
  assert.ok(large.ms / Math.max(small.ms, 5) < 40, `${small.ms.toFixed(0)} ms → ${large.ms.toFixed(0)} ms`);
});
