// A linear model's weights as the tagger reads them: feature hash → row of per-tag weights (an
// open-addressing table over typed arrays), tag-transition weights, and constrained Viterbi decoding.
import { TAGS, allowedEnd, allowedTransition } from './conll.js';

export const TAG_COUNT = TAGS.length;

/** Per-feature rows of TAG_COUNT weights, looked up by the feature's 32-bit hash. */
export class WeightTable {
  private readonly mask: number;
  private readonly slotKeys: Uint32Array;
  private readonly slotRows: Int32Array;

  /**
   * @param keys feature hashes, one per row
   * @param weights rows × TAG_COUNT emission weights
   * @param transitions (TAG_COUNT + 1) × TAG_COUNT: row 0 is the sentence start, row p + 1 follows tag p
   */
  constructor(
    readonly keys: Uint32Array,
    readonly weights: Float32Array,
    readonly transitions: Float32Array,
  ) {
    let cap = 16;
    while (cap < keys.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slotKeys = new Uint32Array(cap);
    this.slotRows = new Int32Array(cap).fill(-1);
    for (let r = 0; r < keys.length; r++) {
      let s = slotOf(keys[r]) & this.mask;
      while (this.slotRows[s] !== -1) s = (s + 1) & this.mask;
      this.slotKeys[s] = keys[r];
      this.slotRows[s] = r;
    }
  }

  /** The row of a feature hash, or -1 when the model has no weights for it. */
  row(hash: number): number {
    let s = slotOf(hash) & this.mask;
    for (;;) {
      const r = this.slotRows[s];
      if (r === -1 || this.slotKeys[s] === hash) return r;
      s = (s + 1) & this.mask;
    }
  }

  /** Emission scores, n × TAG_COUNT, of a sentence's feature hashes. */
  emissions(features: readonly (readonly number[])[]): Float32Array {
    const n = features.length;
    const out = new Float32Array(n * TAG_COUNT);
    const w = this.weights;
    for (let i = 0; i < n; i++) {
      const base = i * TAG_COUNT;
      for (const h of features[i]) {
        const r = this.row(h);
        if (r < 0) continue;
        const off = r * TAG_COUNT;
        for (let t = 0; t < TAG_COUNT; t++) out[base + t] += w[off + t];
      }
    }
    return out;
  }
}

function slotOf(hash: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> 7;
}

const NEG = -1e30;
/** Transition legality, with the start row first, as a flat (T + 1) × T table of 0 / -inf. */
const LEGAL = (() => {
  const m = new Float32Array((TAG_COUNT + 1) * TAG_COUNT);
  for (let p = -1; p < TAG_COUNT; p++) {
    for (let t = 0; t < TAG_COUNT; t++) m[(p + 1) * TAG_COUNT + t] = allowedTransition(p, t) ? 0 : NEG;
  }
  return m;
})();

/**
 * Best BILOU tag sequence under emission and transition scores, with illegal transitions (an
 * I- after O, a sentence ending inside a span) ruled out.
 */
export function viterbi(emissions: Float32Array, n: number, transitions: Float32Array): Uint8Array {
  const T = TAG_COUNT;
  const tags = new Uint8Array(n);
  if (n === 0) return tags;
  const score = new Float64Array(n * T);
  const back = new Uint8Array(n * T);
  for (let t = 0; t < T; t++) score[t] = emissions[t] + transitions[t] + LEGAL[t];
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        const k = (p + 1) * T + t;
        const s = score[(i - 1) * T + p] + transitions[k] + LEGAL[k];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * T + t] = best + emissions[i * T + t];
      back[i * T + t] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let t = 0; t < T; t++) {
    const s = score[(n - 1) * T + t] + (allowedEnd(t) ? 0 : NEG);
    if (s > best) {
      best = s;
      arg = t;
    }
  }
  tags[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * T + tags[i]];
  return tags;
}
