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
/** For each tag, the tags that may precede it (BILOU constraints), so Viterbi skips illegal pairs. */
const PREDECESSORS: Int32Array[] = Array.from({ length: TAG_COUNT }, (_, t) =>
  Int32Array.from(Array.from({ length: TAG_COUNT }, (_, p) => p).filter((p) => allowedTransition(p, t))),
);
const START_OK = Array.from({ length: TAG_COUNT }, (_, t) => allowedTransition(-1, t));

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
  for (let t = 0; t < T; t++) score[t] = emissions[t] + transitions[t] + (START_OK[t] ? 0 : NEG);
  for (let i = 1; i < n; i++) {
    const prevBase = (i - 1) * T;
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      const preds = PREDECESSORS[t];
      for (let q = 0; q < preds.length; q++) {
        const p = preds[q];
        const s = score[prevBase + p] + transitions[(p + 1) * T + t];
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

/**
 * All passes' weights behind one key index: a feature is looked up once and its row read for each
 * pass. Slots interleave key and row so a probe touches one cache line.
 */
export class JointTable {
  private readonly mask: number;
  private readonly slots: Int32Array;
  readonly weights: Float32Array[];
  readonly transitions: Float32Array[];

  constructor(passes: readonly WeightTable[]) {
    const T = TAG_COUNT;
    const rowOf = new Map<number, number>();
    for (const p of passes) for (const k of p.keys) if (!rowOf.has(k)) rowOf.set(k, rowOf.size);
    let cap = 16;
    while (cap < rowOf.size * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 2).fill(-1);
    for (const [key, row] of rowOf) {
      let s = slotOf(key) & this.mask;
      while (this.slots[2 * s + 1] !== -1) s = (s + 1) & this.mask;
      this.slots[2 * s] = key | 0;
      this.slots[2 * s + 1] = row;
    }
    this.weights = passes.map((p) => {
      const w = new Float32Array(rowOf.size * T);
      p.keys.forEach((k, r) => w.set(p.weights.subarray(r * T, (r + 1) * T), rowOf.get(k)! * T));
      return w;
    });
    this.transitions = passes.map((p) => p.transitions);
  }

  /** Row indexes of each token's features that the model knows, flat, with per-token offsets. */
  rows(features: readonly (readonly number[])[]): SentenceRows {
    const slots = this.slots;
    let total = 0;
    for (const f of features) total += f.length;
    const rows = new Int32Array(total);
    const offsets = new Int32Array(features.length + 1);
    let n = 0;
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      for (let j = 0; j < f.length; j++) {
        const h = f[j];
        const key = h | 0;
        let s = slotOf(h) & this.mask;
        for (;;) {
          const r = slots[2 * s + 1];
          if (r === -1) break;
          if (slots[2 * s] === key) {
            rows[n++] = r;
            break;
          }
          s = (s + 1) & this.mask;
        }
      }
      offsets[i + 1] = n;
    }
    return { rows, offsets };
  }

  /** Emission scores of a sentence for one pass: the sum of its tokens' rows (and extra rows). */
  emissions(pass: number, sentence: SentenceRows, extra?: SentenceRows): Float32Array {
    const T = TAG_COUNT;
    const w = this.weights[pass];
    const n = sentence.offsets.length - 1;
    const out = new Float32Array(n * T);
    for (const part of extra ? [sentence, extra] : [sentence]) {
      const { rows, offsets } = part;
      for (let i = 0; i < n; i++) {
        const base = i * T;
        for (let k = offsets[i]; k < offsets[i + 1]; k++) {
          const off = rows[k] * T;
          for (let t = 0; t < T; t++) out[base + t] += w[off + t];
        }
      }
    }
    return out;
  }
}

/** A sentence's known feature rows: token i's are rows[offsets[i]] … rows[offsets[i + 1]). */
export interface SentenceRows {
  rows: Int32Array;
  offsets: Int32Array;
}
