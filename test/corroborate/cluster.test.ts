// Statement comparison and incremental clustering: paraphrases across outlets meet, different
// propositions about the same entities stay apart, text features fold wording variants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { contentTerms, isNegated, quantities, stem, years } from '../../src/corroborate/text.js';
import { statementsOf, type Statement } from '../../src/corroborate/statements.js';
import { MemoryClusterer, NumberedRanker, kthLargest, rankByKeys } from '../../src/corroborate/cluster.js';
import { blockingKeys, featureWeight, frozenFrequency, ownFactor, limitFeatureNumbers, newGeneration, similarityScore, statementSimilarity, type FrequencyCell } from '../../src/corroborate/similarity.js';
import { contradictionsIn } from '../../src/corroborate/contradictions.js';
import { analysed, type DocSpec } from './helpers.js';

function statements(id: string, text: string, spec: DocSpec = {}): Statement[] {
  const d = analysed(id, text, spec);
  const entityIds = Object.fromEntries(d.analysis.entities.map((e) => [e.id, e.name.toLowerCase()]));
  return statementsOf({ id, outlet: spec.outlet ?? null, published: spec.published ?? null, analysis: d.analysis, sentences: d.sentences, entityIds });
}

const ENTITIES: DocSpec['entities'] = [['Iran', 'GPE'], ['Venezuela', 'GPE'], ['El Libertador Air Base', 'FAC'], ['Maracay', 'GPE'], ['Russia', 'GPE']];

test('stemming and paraphrase classes meet "building drones at air bases" with "drone development base"', () => {
  assert.equal(stem('training'), stem('trained'));
  assert.equal(stem('countries'), 'country');
  const a = new Set(contentTerms('Iranian experts are now building drones at Venezuelan air bases'));
  const b = contentTerms('a drone development facility at the air base');
  assert.ok(b.filter((t) => a.has(t)).length >= 3, `${[...a]} / ${b}`);
});

test('quantities, years and negation are read from the words', () => {
  assert.deepEqual(quantities('to launder $350 million from the coffers').map((q) => q.value), [350_000_000]);
  assert.deepEqual(quantities('at least 21 lethal strikes in 2025').map((q) => q.value), [21]);
  assert.deepEqual(years('began in 2006, and again in 2012'), [2006, 2012]);
  assert.equal(isNegated('The ministry denied that the plant exists'), true);
  assert.equal(isNegated('the collaboration is not limited to the military'), false);
});

test('restatements of one proposition in three articles form one cluster; other propositions stay apart', () => {
  const clusterer = new MemoryClusterer();
  const docs = [
    statements('a', 'Iran has established a drone development base at the El Libertador Air Base in Maracay. Russia sent wheat to Venezuela last winter.', { entities: ENTITIES }),
    statements('b', 'The main drone operations are at El Libertador Air Base in Maracay, where Iran builds drones. Elections in Venezuela were postponed again by the national electoral council.', { entities: ENTITIES }),
    statements('c', 'Iranian experts run drone production at El Libertador Air Base near Maracay. Venezuela and Russia signed a fishing agreement.', { entities: ENTITIES }),
  ];
  for (const list of docs) for (const s of list) clusterer.add(s);
  const base = clusterer.clusters().find((c) => c.members.some((m) => m.key === 'a#s0'))!;
  assert.deepEqual(base.members.map((m) => m.documentId).sort(), ['a', 'b', 'c']);
  const wheat = clusterer.clusters().find((c) => c.members.some((m) => m.text.includes('wheat')))!;
  assert.equal(wheat.members.length, 1);
  const elections = clusterer.clusters().find((c) => c.members.some((m) => m.text.includes('Elections')))!;
  assert.equal(elections.members.length, 1);
});

test('clustering is incremental and order-stable for identical input', () => {
  const run = () => {
    const c = new MemoryClusterer();
    for (const s of statements('a', 'Iran has established a drone base at the El Libertador Air Base in Maracay.', { entities: ENTITIES })) c.add(s);
    for (const s of statements('b', 'Iran operates a drone base at El Libertador Air Base in Maracay.', { entities: ENTITIES })) c.add(s);
    return c.clusters().map((x) => [x.id, x.members.map((m) => m.key)]);
  };
  const first = run();
  assert.deepEqual(run(), first);
  assert.equal(first.length, 1);
});

test('numbers, years and a denial that disagree inside a cluster are contradictions', () => {
  const a = statements('a', 'Venezuela has about 340,000 active military members since 2019.', { entities: ENTITIES })[0];
  const b = statements('b', 'Venezuela has about 150,000 active military members since 2021.', { entities: ENTITIES })[0];
  const kinds = contradictionsIn([a, b]).map((c) => c.kind).sort();
  assert.deepEqual(kinds, ['date', 'number']);
  const denied = statements('c', 'Venezuela denied it has about 340,000 active military members.', { entities: ENTITIES })[0];
  assert.ok(contradictionsIn([a, denied]).some((c) => c.kind === 'denial'));
  assert.deepEqual(contradictionsIn([a, a]), []);
});

test('frames and the paraphrase lexicon: "sent weapons" meets "arms shipments", modifiers make no frame', async () => {
  const { frames, rewritePhrases } = await import('../../src/corroborate/text.js');
  assert.deepEqual(frames('Iran sent weapons to its allies'), ['f:~send+~weapon']);
  assert.ok(frames('they are arms shipments too').includes('f:~send+~weapon'));
  assert.ok(frames('they delivered rifles and ammunition').includes('f:~send+~weapon'));
  // "military cooperation" and "growing presence" share a domain or a degree, not a proposition.
  assert.deepEqual(frames('military cooperation and a growing presence'), []);
  assert.equal(rewritePhrases('is not limited to the military'), 'is beyond the military');
  assert.ok(contentTerms('is not limited to the military').includes('~beyond'));
  assert.ok(contentTerms('spans far beyond military activity').includes('~beyond'));
});

test('a shared rare frame joins paraphrases across articles that share few words', () => {
  const clusterer = new MemoryClusterer();
  const filler = (i: number) => `Officials in province ${['north', 'south', 'east', 'west', 'centre'][i % 5]} discussed topic number ${i} of the harvest season with farmers.`;
  // Unrelated statements make the corpus: the frame is rare in it, as a specific proposition's is.
  for (let i = 0; i < 120; i++) for (const s of statements(`f${i}`, filler(i))) clusterer.add(s);
  const a = statements('a', 'Iran sent weapons and paramilitary units to help the government in Caracas.', { entities: ENTITIES });
  const b = statements('b', 'Analysts say Tehran is making arms shipments via cargo flights between the capitals.', { entities: ENTITIES });
  for (const s of [...a, ...b]) clusterer.add(s);
  const clusterOf = (doc: string) => [...clusterer.clusterOf.entries()].find(([k]) => k.startsWith(`${doc}#`))?.[1];
  assert.equal(clusterOf('a'), clusterOf('b'));
});


test('"between Caracas and Tehran" and "between the two countries" name one bilateral relation, which alone is only a place', () => {
  const places: DocSpec['entities'] = [['Caracas', 'GPE'], ['Tehran', 'GPE'], ['Mahan Air', 'ORG']];
  const [named] = statements('a', 'The airline Mahan Air runs direct flights between Caracas and Tehran.', { entities: places });
  const [paired] = statements('b', 'Mahan Air also restarted flights between the two countries.', { entities: places });
  const [apart] = statements('c', 'Caracas and Tehran are capitals with heavy traffic.', { entities: places });
  assert.ok(named.terms.includes('bilateral') && named.places.includes('bilateral'), named.terms.join(' '));
  assert.ok(paired.terms.includes('bilateral') && !paired.terms.includes('country'), paired.terms.join(' '));
  assert.ok(!apart.terms.includes('bilateral'), 'two places side by side are not a relation between them');
});

test('kept weights follow the statistics: same score as a first comparison after frequencies or the count change', () => {
  const [a] = statements('a', 'Iran has established a drone development base at the El Libertador Air Base in Maracay.', { entities: ENTITIES });
  const [b] = statements('b', 'Iranian experts run drone production at El Libertador Air Base near Maracay.', { entities: ENTITIES });
  const fresh = (x: Statement): Statement => JSON.parse(JSON.stringify(x)) as Statement;
  const frequencies = new Map<string, number>();
  const stats = { statements: 10, generation: newGeneration(), df: (t: string) => frequencies.get(t) ?? 0 };
  const first = similarityScore(a, b, stats);
  assert.equal(first, similarityScore(fresh(a), fresh(b), { ...stats, generation: newGeneration() }));
  // More statements: weights are worked out again from the kept frequencies.
  stats.statements = 500;
  const more = similarityScore(a, b, stats);
  assert.notEqual(more, first);
  assert.equal(more, similarityScore(fresh(a), fresh(b), { ...stats, generation: newGeneration() }));
  // A frequency changes: within the generation the kept one stands; a new generation reads it again.
  const term = statementSimilarity(a, b, stats).sharedTerms[0];
  frequencies.set(term, 400);
  assert.equal(similarityScore(a, b, stats), more);
  stats.generation = newGeneration();
  const rarer = similarityScore(a, b, stats);
  assert.notEqual(rarer, more);
  assert.equal(rarer, similarityScore(fresh(a), fresh(b), { ...stats, generation: newGeneration() }));
  // Statistics without a generation are read again for every comparison batch.
  frequencies.set(term, 0);
  assert.equal(similarityScore(a, b, { statements: 500, df: stats.df }), more);
});

test('feature weights come from the table as the formula gives them, whatever order sizes and frequencies come in', () => {
  const formula = (n: number, f: number) => Math.log(1 + (n + 1) / (f + 1)) ** 2;
  // Sizes go up, back down and up again; frequencies repeat, grow past the table, are fractional.
  const sizes = [10, 11, 10, 5000, 11, 10, 70_000];
  const frequencies = [0, 1, 3, 1, 0, 255, 256, 4096, 2.5, 1 << 21, 3];
  for (const n of sizes) for (const f of frequencies) assert.equal(featureWeight(n, f), formula(n, f), `size ${n}, frequency ${f}`);
  for (const f of frequencies.reverse()) for (const n of sizes.reverse()) assert.equal(featureWeight(n, f), formula(n, f), `size ${n}, frequency ${f}`);
});

test('a feature\'s own factor multiplies a weight to the number its factors give one by one, or says it cannot', () => {
  const combos = [[1, 1, 1], [0.35, 1, 1], [0.35, 0.5, 1], [1, 0.5, 1], [1, 0.5, 3], [1, 1, 3]] as const;
  fc.assert(fc.property(fc.double({ min: 1e-12, max: 1e4, noNaN: true }), (w) => {
    for (const [n, c, s] of combos) assert.equal(w * ownFactor(n, c, s), w * n * c * s, `${w} × ${n} × ${c} × ${s}`);
  }), { numRuns: 2000 });
  // 0.35 and 3 together round twice one by one: no product stands for them.
  assert.ok(Number.isNaN(ownFactor(0.35, 1, 3)) && Number.isNaN(ownFactor(0.35, 0.5, 3)));
});

test('scores stay the same when the feature numbering starts again between and within comparisons', () => {
  const texts = [
    'Iran has established a drone development base at the El Libertador Air Base in Maracay.',
    'Iranian experts run drone production at El Libertador Air Base near Maracay.',
    'Russia sent wheat to Venezuela last winter, the ministry said.',
    'Venezuela and Russia signed a fishing agreement covering the Caribbean coast.',
  ];
  const all = texts.flatMap((t, i) => statements(`d${i}`, t, { entities: ENTITIES }));
  const stats = { statements: 50, df: (t: string) => t.length % 7 };
  const scores = (list: Statement[]) => list.flatMap((a) => list.map((b) => similarityScore(a, b, stats)));
  const expected = scores(all.map((s) => JSON.parse(JSON.stringify(s)) as Statement));
  try {
    // So few numbers that nearly every statement numbered starts the numbering again.
    limitFeatureNumbers(25);
    assert.deepEqual(scores(all), expected);
    assert.deepEqual(scores(all), expected, 'statements numbered in an earlier numbering');
  } finally {
    limitFeatureNumbers(2_000_000);
  }
});

test('frequency cells: read once per generation as first read, and taken again from a new source', () => {
  const [a] = statements('a', 'Iran has established a drone development base at the El Libertador Air Base in Maracay.', { entities: ENTITIES });
  const [b] = statements('b', 'Iranian experts run drone production at El Libertador Air Base near Maracay.', { entities: ENTITIES });
  const fresh = (x: Statement): Statement => JSON.parse(JSON.stringify(x)) as Statement;
  const withCells = (counts: Map<string, number>) => {
    const cells = new Map<string, FrequencyCell>();
    const cell = (t: string) => cells.get(t) ?? (cells.set(t, { n: counts.get(t) ?? 0, generation: 0, frozen: 0 }), cells.get(t)!);
    const generation = newGeneration();
    return { cells, stats: { statements: 200, generation, cells: { source: cells, cell }, df: (t: string) => frozenFrequency(cell(t), generation) } };
  };
  const plain = (counts: Map<string, number>) => ({ statements: 200, df: (t: string) => counts.get(t) ?? 0 });
  const term = statementSimilarity(a, b, plain(new Map())).sharedTerms[0];
  const first = withCells(new Map([[term, 3]]));
  const score = similarityScore(a, b, first.stats);
  assert.equal(score, similarityScore(fresh(a), fresh(b), plain(new Map([[term, 3]]))));
  // The count goes up within the generation: the frequency first read stands.
  first.cells.get(term)!.n = 150;
  assert.equal(similarityScore(a, b, first.stats), score);
  // A new generation over the same cells reads the new count.
  const next = { ...first.stats, generation: newGeneration() };
  next.df = (t: string) => frozenFrequency(next.cells.cell(t), next.generation);
  const after = similarityScore(a, b, next);
  assert.notEqual(after, score);
  assert.equal(after, similarityScore(fresh(a), fresh(b), plain(new Map([[term, 150]]))));
  // Cells from another source (a store that started again) replace the ones held.
  const other = withCells(new Map([[term, 3]]));
  assert.equal(similarityScore(a, b, other.stats), score);
});

test('ranking over numbered postings picks the candidates ranking over keyed postings picks, ties and cut included', () => {
  const words = ['drone', 'base', 'gold', 'oil', 'flight', 'plane', 'sanction', 'cartel', 'quds', 'force', 'air', 'port'];
  const pool: Statement[] = [];
  for (let i = 0; i < 400; i++) {
    const text = `${words[i % 12]} ${words[(i * 7) % 12]} ${words[(i * 5 + 3) % 12]} report ${i % 9 ? 'common' : `rare${i}`}.`;
    pool.push(...statements(`d${String(i).padStart(3, '0')}`, text));
  }
  const keyed = new Map<string, string[]>();
  const numbered = new Map<string, number[]>();
  const numbers = new Map<string, number>();
  const keys: string[] = [];
  // Numbers are not in key order, so ties must be broken by key, not by number.
  for (const s of [...pool].reverse()) {
    numbers.set(s.key, keys.length);
    keys.push(s.key);
  }
  for (const s of pool) {
    for (const k of new Set(blockingKeys(s))) {
      (keyed.get(k) ?? keyed.set(k, []).get(k)!).push(s.key);
      (numbered.get(k) ?? numbered.set(k, []).get(k)!).push(numbers.get(s.key)!);
    }
  }
  const df = new Map([...keyed].map(([k, list]) => [k.startsWith('t:') ? k.slice(2) : k, list.length]));
  const stats = { statements: pool.length, df: (t: string) => df.get(t) ?? 0 };
  const ranker = new NumberedRanker();
  let cut = 0;
  for (const query of statements('q', 'The drone base report was common. A gold flight plane report. Quds force air port sanction cartel.')) {
    for (const limit of [5, 60, 1000]) {
      const expected = rankByKeys(query, (k) => keyed.get(k) ?? [], stats, limit);
      assert.deepEqual(ranker.rank(query, (k) => numbered.get(k) ?? [], stats, (n) => keys[n], limit), expected, `${query.text} / ${limit}`);
      if (expected.length === limit) cut++;
    }
  }
  assert.ok(cut > 0, 'some ranking had more candidates than its limit');
});

test('kthLargest finds the value sorting would put k-th from the top, with many ties and at the ends', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (const [n, distinct] of [[1, 1], [2, 2], [10, 3], [500, 4], [3000, 1000], [3000, 2]] as const) {
    const values = Array.from({ length: n }, () => Math.floor(random() * distinct) / 7);
    const sorted = [...values].sort((a, b) => a - b);
    for (const k of new Set([1, 2, Math.ceil(n / 2), n - 1, n].filter((k) => k >= 1 && k <= n))) {
      assert.equal(kthLargest(Float64Array.from(values), k), sorted[n - k], `n ${n}, ${distinct} values, k ${k}`);
    }
  }
});

test('rankByKeys keeps the best by score, then by key, when thousands tie at the cut', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const keysOf = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${Math.floor(random() * 1e6)}#s${i}`);
  const lists = new Map([['t:alpha', keysOf('doc', 240)], ['t:beta', keysOf('Doc', 240)], ['t:gamma', keysOf('d', 240)]]);
  // Overlaps between lists make a few higher scores; the rest tie by list.
  lists.get('t:beta')!.push(...lists.get('t:alpha')!.slice(0, 5));
  const query = { key: 'q#s0', terms: ['alpha', 'beta', 'gamma'], entities: [], frames: [] } as unknown as Statement;
  const df = (t: string) => lists.get(`t:${t}`)!.length;
  const stats = { statements: 10_000, df };
  const score = new Map<string, number>();
  for (const [k, list] of lists) for (const s of list) score.set(s, (score.get(s) ?? 0) + Math.log(1 + 10_001 / (df(k.slice(2)) + 1)));
  const naive = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  for (const limit of [1, 3, 7, 60, 300, 1000]) {
    assert.deepEqual(rankByKeys(query, (k) => lists.get(k) ?? [], stats, limit), naive.slice(0, limit), `limit ${limit}`);
  }
});
