// Tags a document's sentences with BILOU CoNLL classes in two passes: local features first, then
// again with the first pass's labels for the same word elsewhere in the document as features.
import { CONLL_TYPES } from './conll.js';
import { documentCues, sentenceFeatures, voteFeatures } from './features.js';
import type { Gazetteers } from './gazetteers.js';
import type { NerModel } from './model.js';
import { JointTable, viterbi, type SentenceRows, type WeightTable } from './weights.js';

/** 0 for O, 1 + type index for a token inside a span of that CoNLL type. */
export function tagLabel(tag: number): number {
  return tag === 0 ? 0 : 1 + ((tag - 1) >> 2);
}

const CAPITALISED = /^\p{Lu}/u;

/**
 * Votes of a document's first-pass tags, per capitalised word (lower-cased, so headlines in capitals meet the body): [O, PER, ORG, LOC, MISC] counts,
 * and for each token the label it voted (-1: no vote) so its own vote can be discounted.
 */
export function documentVotes(
  sentences: readonly (readonly string[])[],
  tags: readonly ArrayLike<number>[],
): { votes: Map<string, Int32Array>; self: number[][] } {
  const votes = new Map<string, Int32Array>();
  const self = sentences.map((words, s) =>
    words.map((w, i) => {
      if (!CAPITALISED.test(w)) return -1;
      const key = w.toLowerCase();
      let v = votes.get(key);
      if (!v) votes.set(key, (v = new Int32Array(1 + CONLL_TYPES.length)));
      const label = tagLabel(tags[s][i]);
      v[label]++;
      return label;
    }),
  );
  return { votes, self };
}

export function decodeSentence(table: WeightTable, features: number[][]): Uint8Array {
  return viterbi(table.emissions(features), features.length, table.transitions);
}

/** Pass two's features: pass one's plus the document votes. */
export function withVotes(base: readonly number[][], votes: readonly number[][]): number[][] {
  return base.map((f, i) => (votes[i].length ? f.concat(votes[i]) : f));
}

const joint = new WeakMap<NerModel, JointTable>();

/** BILOU tag indexes for each sentence of one document. */
export function tagDocument(model: NerModel, gaz: Gazetteers, sentences: readonly (readonly string[])[]): Uint8Array[] {
  let table = joint.get(model);
  if (!table) joint.set(model, (table = new JointTable(model.passes)));
  const cues = documentCues(sentences);
  const rows = sentences.map((words) => table.rows(sentenceFeatures(gaz, words, cues)));
  const decode = (pass: number, r: SentenceRows, extra?: SentenceRows): Uint8Array =>
    viterbi(table.emissions(pass, r, extra), r.offsets.length - 1, table.transitions[pass]);
  const first = rows.map((r) => decode(0, r));
  if (model.passes.length < 2) return first;
  const { votes, self } = documentVotes(sentences, first);
  return rows.map((r, s) => decode(1, r, table.rows(voteFeatures(sentences[s], votes, self[s]))));
}
