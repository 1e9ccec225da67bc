// Tags a document's sentences with BILOU CoNLL classes in two passes: local features first, then
// again with the first pass's labels for the same word elsewhere in the document as features.
import { CONLL_TYPES } from './conll.js';
import { documentCues, sentenceFeatures, type DocumentCues } from './features.js';
import type { Gazetteers } from './gazetteers.js';
import type { NerModel } from './model.js';
import { viterbi, type WeightTable } from './weights.js';

/** 0 for O, 1 + type index for a token inside a span of that CoNLL type. */
export function tagLabel(tag: number): number {
  return tag === 0 ? 0 : 1 + ((tag - 1) >> 2);
}

const CAPITALISED = /^\p{Lu}/u;

/**
 * Votes of a document's first-pass tags, per exact capitalised word: [O, PER, ORG, LOC, MISC] counts,
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
      let v = votes.get(w);
      if (!v) votes.set(w, (v = new Int32Array(1 + CONLL_TYPES.length)));
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

/** First-pass tags of every sentence. */
export function firstPass(model: NerModel, gaz: Gazetteers, sentences: readonly (readonly string[])[], cues: DocumentCues): Uint8Array[] {
  return sentences.map((words) => decodeSentence(model.passes[0], sentenceFeatures(gaz, words, cues)));
}

/** BILOU tag indexes for each sentence of one document. */
export function tagDocument(model: NerModel, gaz: Gazetteers, sentences: readonly (readonly string[])[]): Uint8Array[] {
  const cues = documentCues(sentences);
  const first = firstPass(model, gaz, sentences, cues);
  if (model.passes.length < 2) return first;
  const { votes, self } = documentVotes(sentences, first);
  const withVotes: DocumentCues = { ...cues, pass1: votes };
  return sentences.map((words, s) => decodeSentence(model.passes[1], sentenceFeatures(gaz, words, withVotes, self[s])));
}
