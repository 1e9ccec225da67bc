// Averaged structured perceptron over BILOU tags (Collins 2002), with lazy averaging and a seeded
// shuffle per epoch, so the same examples and seed give the same weights bit for bit.
import { TAG_COUNT, WeightTable, viterbi } from './weights.js';

export interface Example {
  /** Feature hashes of each token. */
  features: number[][];
  /** Gold BILOU tag index of each token. */
  gold: Uint8Array;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Features seen fewer times than this in training are left out. */
  minCount: number;
  /** Scores the averaged model after each epoch (higher is better); the best epoch is kept. */
  score?: (table: WeightTable, epoch: number) => number;
}

export interface TrainResult {
  table: WeightTable;
  epoch: number;
  score: number;
}

/** mulberry32: a small seeded PRNG; Math.random would break reproducibility. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Compiled {
  /** Row indexes of all tokens' features, token after token. */
  rows: Int32Array;
  /** Token i's features are rows[offsets[i]] … rows[offsets[i + 1]). */
  offsets: Int32Array;
  gold: Uint8Array;
}

function compile(examples: readonly Example[], minCount: number): { keys: Uint32Array; compiled: Compiled[] } {
  const counts = new Map<number, number>();
  for (const ex of examples) for (const f of ex.features) for (const h of f) counts.set(h, (counts.get(h) ?? 0) + 1);
  const rowOf = new Map<number, number>();
  const keys: number[] = [];
  for (const [h, c] of counts) {
    if (c < minCount) continue;
    rowOf.set(h, keys.length);
    keys.push(h);
  }
  const compiled = examples.map((ex) => {
    const rows: number[] = [];
    const offsets = [0];
    for (const f of ex.features) {
      for (const h of f) {
        const r = rowOf.get(h);
        if (r !== undefined) rows.push(r);
      }
      offsets.push(rows.length);
    }
    return { rows: Int32Array.from(rows), offsets: Int32Array.from(offsets), gold: ex.gold };
  });
  return { keys: Uint32Array.from(keys), compiled };
}

/** Trains on `examples`; returns the averaged weights of the best-scoring epoch (the last without `score`). */
export function trainPerceptron(examples: readonly Example[], opts: TrainOptions): TrainResult {
  const T = TAG_COUNT;
  const { keys, compiled } = compile(examples, opts.minCount);
  const nRows = keys.length;
  const w = new Float32Array(nRows * T);
  const u = new Float64Array(nRows * T);
  const tw = new Float64Array((T + 1) * T);
  const tu = new Float64Array((T + 1) * T);
  const trans = new Float32Array((T + 1) * T);
  let c = 1;
  let best: TrainResult | null = null;
  const order = compiled.map((_, i) => i);

  const bump = (rows: Int32Array, from: number, to: number, tag: number, delta: number): void => {
    for (let k = from; k < to; k++) {
      const j = rows[k] * T + tag;
      w[j] += delta;
      u[j] += c * delta;
    }
  };
  const bumpTrans = (prev: number, tag: number, delta: number): void => {
    const j = (prev + 1) * T + tag;
    tw[j] += delta;
    tu[j] += c * delta;
  };

  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const rand = seededRandom(opts.seed * 7919 + epoch);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const idx of order) {
      const ex = compiled[idx];
      const n = ex.gold.length;
      const em = new Float32Array(n * T);
      for (let i = 0; i < n; i++) {
        for (let k = ex.offsets[i]; k < ex.offsets[i + 1]; k++) {
          const off = ex.rows[k] * T;
          for (let t = 0; t < T; t++) em[i * T + t] += w[off + t];
        }
      }
      for (let j = 0; j < trans.length; j++) trans[j] = tw[j];
      const guess = viterbi(em, n, trans);
      for (let i = 0; i < n; i++) {
        const g = ex.gold[i];
        const p = guess[i];
        if (g !== p) {
          bump(ex.rows, ex.offsets[i], ex.offsets[i + 1], g, 1);
          bump(ex.rows, ex.offsets[i], ex.offsets[i + 1], p, -1);
        }
        const gPrev = i === 0 ? -1 : ex.gold[i - 1];
        const pPrev = i === 0 ? -1 : guess[i - 1];
        if (g !== p || gPrev !== pPrev) {
          bumpTrans(gPrev, g, 1);
          bumpTrans(pPrev, p, -1);
        }
      }
      c++;
    }
    const avg = new Float32Array(nRows * T);
    for (let j = 0; j < avg.length; j++) avg[j] = w[j] - u[j] / c;
    const avgTrans = new Float32Array((T + 1) * T);
    for (let j = 0; j < avgTrans.length; j++) avgTrans[j] = tw[j] - tu[j] / c;
    const table = new WeightTable(keys, avg, avgTrans);
    const score = opts.score ? opts.score(table, epoch) : epoch;
    if (!best || score > best.score) best = { table, epoch, score };
  }
  if (!best) throw new Error('trainPerceptron needs at least one epoch');
  return best;
}

/**
 * Trains `runs` perceptrons that differ only in their shuffling seed and averages their weights
 * (the rows are the same: they come from the examples, not the seed). Each run keeps its own best
 * epoch; the reported epoch and score are the first run's.
 */
export function trainEnsemble(examples: readonly Example[], opts: TrainOptions, runs: number): TrainResult {
  const results = Array.from({ length: Math.max(1, runs) }, (_, k) => trainPerceptron(examples, { ...opts, seed: opts.seed + k }));
  if (results.length === 1) return results[0];
  const first = results[0].table;
  const weights = new Float32Array(first.weights.length);
  const transitions = new Float32Array(first.transitions.length);
  for (const r of results) {
    for (let j = 0; j < weights.length; j++) weights[j] += r.table.weights[j] / results.length;
    for (let j = 0; j < transitions.length; j++) transitions[j] += r.table.transitions[j] / results.length;
  }
  const table = new WeightTable(first.keys, weights, transitions);
  return { table, epoch: results[0].epoch, score: opts.score ? opts.score(table, 0) : results[0].score };
}
