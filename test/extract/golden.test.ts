// Golden test: the claims, events and publication estimate of seed 001 over a fixed, hand-checked
// entity layer (test/extract/golden/), so only the extraction stages are under test. The expected
// output was produced by running and then reviewed by hand; to update it deliberately, run with
// UPDATE_GOLDEN=1 and review the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/paths.js';
import { SEEDS_DIR } from '../helpers/fixtures.js';
import { contentOf, extractAll, handDocument, nameOf, type HandEntity } from './helpers.js';

const GOLDEN = join(REPO_ROOT, 'test', 'extract', 'golden', '001_d614e4c1e9a83542.json');
const SEED = join(SEEDS_DIR, '001_d614e4c1e9a83542.txt');
const noSeed = !existsSync(SEED) && 'the shared seed corpus is not beside the repository';

interface Golden {
  seed: string;
  review: string;
  entities: HandEntity[];
  published: unknown;
  claims: unknown[];
  events: unknown[];
}

test('seed 001: claims, events and the publication estimate match the reviewed golden', { skip: noSeed }, () => {
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden;
  const doc = extractAll(handDocument(readFileSync(SEED, 'utf8'), golden.entities));
  const claims = doc.claims.map((c) => ({
    id: c.id,
    content: contentOf(doc, c),
    source: nameOf(doc, c.source),
    sourceText: c.sourceText,
    cue: c.cue,
    quote: c.quote,
    modality: c.modality,
    ...(c.chain ? { chain: c.chain.map((x) => nameOf(doc, x)) } : {}),
  }));
  const events = doc.events.map((e) => ({
    event: `${nameOf(doc, e.actor)} ${e.type}${e.mode ? `/${e.mode}` : ''} ${nameOf(doc, e.target)}`,
    location: nameOf(doc, e.location),
    date: e.date,
    claim: e.claim,
    trigger: e.trigger,
    ...(e.context ? { context: e.context } : {}),
  }));
  if (process.env.UPDATE_GOLDEN) {
    writeFileSync(GOLDEN, JSON.stringify({ ...golden, published: doc.published, claims, events }, null, 1) + '\n');
    return;
  }
  assert.deepEqual(doc.published, golden.published);
  assert.deepEqual(claims, golden.claims);
  assert.deepEqual(events, golden.events);
});
