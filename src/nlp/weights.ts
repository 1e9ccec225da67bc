// A linear model's weights as the tagger reads them: feature hash → row of per-tag weights (an
// open-addressing table over typed arrays), tag-transition weights, and constrained Viterbi decoding.
import { TAGS, allowedEnd, allowedTransition } from './conll.js';

export const TAG_COUNT = TAGS.length;

/** Per-feature rows of TAG_COUNT weights, looked up by the feature's 32-bit hash. */
export class WeightTable {
  // The look-up table is built on the first look-up: the tagger reads the passes through one
  // JointTable, so a loaded model's own tables would only cost every process time.
  private lookup: { mask: number; keys: Uint32Array; rows: Int32Array } | null = null;

  /**
   * @param keys feature hashes, one per row
   * @param weights rows × TAG_COUNT emission weights
   * @param transitions (TAG_COUNT + 1) × TAG_COUNT: row 0 is the sentence start, row p + 1 follows tag p
   */
  constructor(
    readonly keys: Uint32Array,
    readonly weights: Float32Array,
    readonly transitions: Float32Array,
  ) {}

  private table(): { mask: number; keys: Uint32Array; rows: Int32Array } {
    if (this.lookup) return this.lookup;
    const keys = this.keys;
    let cap = 16;
    while (cap < keys.length * 2) cap <<= 1;
    const mask = cap - 1;
    const slotKeys = new Uint32Array(cap);
    const slotRows = new Int32Array(cap).fill(-1);
    for (let r = 0; r < keys.length; r++) {
      let s = slotOf(keys[r]) & mask;
      while (slotRows[s] !== -1) s = (s + 1) & mask;
      slotKeys[s] = keys[r];
      slotRows[s] = r;
    }
    return (this.lookup = { mask, keys: slotKeys, rows: slotRows });
  }

  /** The row of a feature hash, or -1 when the model has no weights for it. */
  row(hash: number): number {
    const { mask, keys, rows } = this.table();
    let s = slotOf(hash) & mask;
    for (;;) {
      const r = rows[s];
      if (r === -1 || keys[s] === hash) return r;
      s = (s + 1) & mask;
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
    // Rows are numbered as keys first appear, pass by pass: a key's row, found through a scratch
    // table sized for every key of every pass (typed arrays: a Map of ~80,000 keys cost each
    // process ~0.15 s), and each pass's own rows mapped to them.
    let total = 0;
    for (const p of passes) total += p.keys.length;
    let scratchCap = 16;
    while (scratchCap < total * 2) scratchCap <<= 1;
    const scratchMask = scratchCap - 1;
    const scratch = new Int32Array(scratchCap * 2).fill(-1);
    const order = new Int32Array(total);
    let rows = 0;
    const rowsOf = passes.map((p) => {
      const own = new Int32Array(p.keys.length);
      for (let r = 0; r < p.keys.length; r++) {
        const key = p.keys[r] | 0;
        let s = slotOf(key) & scratchMask;
        for (;;) {
          const row = scratch[2 * s + 1];
          if (row === -1) {
            scratch[2 * s] = key;
            scratch[2 * s + 1] = own[r] = rows;
            order[rows++] = key;
            break;
          }
          if (scratch[2 * s] === key) {
            own[r] = row;
            break;
          }
          s = (s + 1) & scratchMask;
        }
      }
      return own;
    });
    // The table itself, keys inserted in row order.
    let cap = 16;
    while (cap < rows * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 2).fill(-1);
    for (let row = 0; row < rows; row++) {
      const key = order[row];
      let s = slotOf(key) & this.mask;
      while (this.slots[2 * s + 1] !== -1) s = (s + 1) & this.mask;
      this.slots[2 * s] = key;
      this.slots[2 * s + 1] = row;
    }
    this.weights = passes.map((p, i) => {
      const w = new Float32Array(rows * T);
      const own = rowsOf[i];
      const from = p.weights;
      for (let r = 0; r < own.length; r++) {
        const at = own[r] * T;
        for (let t = 0, f = r * T; t < T; t++, f++) w[at + t] = from[f];
      }
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
