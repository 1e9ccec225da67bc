import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bilouSpans, iobSpans, spansToBilou, TAG_INDEX, TAGS } from '../../src/nlp/conll.js';
import { JointTable, TAG_COUNT, viterbi, WeightTable } from '../../src/nlp/weights.js';

const T = TAG_COUNT;
const tag = (name: string): number => TAG_INDEX.get(name)!;

function emissions(prefs: string[][]): Float32Array {
  const e = new Float32Array(prefs.length * T);
  prefs.forEach((names, i) => names.forEach((name, rank) => (e[i * T + tag(name)] = 10 - rank)));
  return e;
}

test('IOB2 tags become BILOU and back to the same spans', () => {
  const iob = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-ORG', 'I-ORG', 'I-ORG'];
  const spans = iobSpans(iob);
  assert.deepEqual(spans, [
    { start: 0, end: 2, type: 'PER' },
    { start: 3, end: 4, type: 'LOC' },
    { start: 4, end: 7, type: 'ORG' },
  ]);
  const bilou = spansToBilou(spans, iob.length);
  assert.deepEqual([...bilou].map((t) => TAGS[t]), ['B-PER', 'L-PER', 'O', 'U-LOC', 'B-ORG', 'I-ORG', 'L-ORG']);
  assert.deepEqual(bilouSpans(bilou), spans);
});

test('Viterbi follows the emissions when they form a legal sequence', () => {
  const e = emissions([['B-PER'], ['L-PER'], ['O'], ['U-LOC']]);
  const tags = viterbi(e, 4, new Float32Array((T + 1) * T));
  assert.deepEqual([...tags].map((t) => TAGS[t]), ['B-PER', 'L-PER', 'O', 'U-LOC']);
});

test('Viterbi never starts inside a span nor leaves one open', () => {
  // The best local choices, I-ORG then B-ORG, are illegal; the second choices are not.
  const e = emissions([['I-ORG', 'B-ORG'], ['B-ORG', 'L-ORG']]);
  const tags = viterbi(e, 2, new Float32Array((T + 1) * T));
  assert.deepEqual([...tags].map((t) => TAGS[t]), ['B-ORG', 'L-ORG']);
});

test('Viterbi uses transition weights to choose between equal emissions', () => {
  const e = new Float32Array(2 * T);
  const trans = new Float32Array((T + 1) * T);
  trans[0 * T + tag('U-PER')] = 1; // from the start
  trans[(tag('U-PER') + 1) * T + tag('U-LOC')] = 2;
  const tags = viterbi(e, 2, trans);
  assert.deepEqual([...tags].map((t) => TAGS[t]), ['U-PER', 'U-LOC']);
});

test('the joint table gives each pass the emissions of its own table, for shared, own and unknown features', () => {
  const T = TAG_COUNT;
  const rng = (() => {
    let x = 12345;
    return () => ((x = Math.imul(x ^ (x >>> 13), 0x5bd1e995) + 0x6b43a9b5) >>> 0) / 2 ** 32;
  })();
  const table = (keys: number[]) => new WeightTable(Uint32Array.from(keys), Float32Array.from({ length: keys.length * T }, () => rng() * 2 - 1), new Float32Array((T + 1) * T));
  // Keys that collide in the slots (same low bits) as well as keys of one pass only; 0 and 2^31 too.
  const shared = Array.from({ length: 300 }, (_, i) => (i * 2 ** 20 + 7) >>> 0);
  const first = table([...shared, 0, 2 ** 31, ...Array.from({ length: 200 }, (_, i) => 5000 + i)]);
  const second = table([...Array.from({ length: 150 }, (_, i) => 9000 + i), ...shared.slice().reverse(), 2 ** 31]);
  const joint = new JointTable([first, second]);
  const features = [[...shared.slice(0, 40), 0, 5001, 9001, 123456789], [2 ** 31, 9100, 4242], []];
  const rows = joint.rows(features);
  for (const [pass, own] of [first, second].entries()) {
    const expected = own.emissions(features);
    const got = joint.emissions(pass, rows);
    assert.equal(got.length, expected.length);
    for (let i = 0; i < got.length; i++) assert.ok(Math.abs(got[i] - expected[i]) < 1e-5, `pass ${pass}, cell ${i}: ${got[i]} against ${expected[i]}`);
  }
});
