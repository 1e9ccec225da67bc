// Golden-file and quality tests of the whole pipeline on the seed articles: the analysis must be
// byte-identical to the reviewed golden file, deterministic, and score above the bars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, SHARED_DIR } from '../../src/paths.js';
import { SEEDS_DIR } from '../helpers/fixtures.js';

const GOLDEN = join(REPO_ROOT, 'test', 'golden', 'seeds.analysis.jsonl');
const BIN = join(REPO_ROOT, 'bin', 'dossier.js');

function analyzeSeeds(): string {
  const run = spawnSync(process.execPath, [BIN, 'analyze', SEEDS_DIR, '--format', 'jsonl'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

test('analysis of the seeds matches the reviewed golden file, byte for byte', () => {
  const out = analyzeSeeds();
  if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, out);
  assert.ok(existsSync(GOLDEN), 'golden file missing: run with UPDATE_GOLDEN=1 and review the diff');
  const golden = readFileSync(GOLDEN, 'utf8').split('\n');
  const lines = out.split('\n');
  assert.equal(lines.length, golden.length);
  lines.forEach((line, i) => assert.equal(line, golden[i], `document ${i} differs from the golden analysis`));
});

test('the same input gives the same bytes', () => {
  assert.equal(analyzeSeeds(), analyzeSeeds());
});

test('the seed scores stay above the bars (entities 0.80, claims 0.50, events 0.30)', () => {
  const score = spawnSync(process.execPath, [join(SHARED_DIR, 'eval', 'score.mjs'), join(SHARED_DIR, 'eval', 'seeds.gold.json')], {
    input: analyzeSeeds(), encoding: 'utf8',
  });
  assert.equal(score.status, 0, score.stderr);
  const summary = score.stdout.trim().split('\n').at(-1)!;
  const f1 = (layer: string) => Number(new RegExp(`${layer} F1 ([0-9.]+)`).exec(summary)?.[1] ?? 0);
  assert.ok(f1('entities') >= 0.8, summary);
  assert.ok(f1('claims') >= 0.5, summary);
  assert.ok(f1('events') >= 0.3, summary);
});
