// Trains the two-pass NER model on CoNLL documents: pass one on local features, pass two on the
// same plus document votes taken from jackknifed pass-one tags (so training votes are as noisy as
// at run time). Epochs are chosen by dev F1.
import { bilouSpans, iobSpans, spansToBilou, TAGS, type LabelledDocument } from './conll.js';
import { SpanScorer } from './evaluate.js';
import { documentCues, FEATURE_VERSION, sentenceFeatures, voteFeatures } from './features.js';
import type { Gazetteers } from './gazetteers.js';
import { MODEL_FORMAT_VERSION, type NerModel } from './model.js';
import { trainEnsemble, type Example } from './perceptron.js';
import { decodeSentence, documentVotes, tagDocument, withVotes } from './tagger.js';
import type { WeightTable } from './weights.js';

/** The format version this trainer writes; the committed model must carry it. */
export const TRAINER_FORMAT_VERSION = MODEL_FORMAT_VERSION;

export interface NerTrainOptions {
  epochs: number;
  seed: number;
  minCount: number;
  /** Folds for the jackknifed first-pass tags of the training documents; 0 trains one pass only. */
  folds: number;
  /** Perceptrons per pass, differing in shuffling seed, whose weights are averaged (1: just one). */
  ensemble?: number;
  log?: (line: string) => void;
}

const words = (doc: LabelledDocument): string[][] => doc.sentences.map((s) => s.words);

function examples(gaz: Gazetteers, docs: readonly LabelledDocument[], votes?: readonly Uint8Array[][]): Example[] {
  const out: Example[] = [];
  docs.forEach((doc, d) => {
    const sentences = words(doc);
    const cues = documentCues(sentences);
    const v = votes ? documentVotes(sentences, votes[d]) : null;
    doc.sentences.forEach((s, i) => {
      const local = sentenceFeatures(gaz, s.words, cues);
      const features = v ? withVotes(local, voteFeatures(s.words, v.votes, v.self[i])) : local;
      out.push({ features, gold: spansToBilou(iobSpans(s.tags), s.words.length) });
    });
  });
  return out;
}

/** Micro F1 of a model (one or two passes) on labelled documents. */
export function evaluateModel(model: NerModel, gaz: Gazetteers, docs: readonly LabelledDocument[]): SpanScorer {
  const scorer = new SpanScorer();
  for (const doc of docs) {
    const tags = tagDocument(model, gaz, words(doc));
    doc.sentences.forEach((s, i) => scorer.add(iobSpans(s.tags), bilouSpans(tags[i])));
  }
  return scorer;
}

function firstPassTags(table: WeightTable, gaz: Gazetteers, doc: LabelledDocument): Uint8Array[] {
  const sentences = words(doc);
  const cues = documentCues(sentences);
  return sentences.map((w) => decodeSentence(table, sentenceFeatures(gaz, w, cues)));
}

export function trainNer(gaz: Gazetteers, train: readonly LabelledDocument[], dev: readonly LabelledDocument[], opts: NerTrainOptions): NerModel {
  const log = opts.log ?? (() => {});
  const header = (passes: number, training: Record<string, unknown>): NerModel['header'] => ({
    format: 'dossier-ner',
    formatVersion: MODEL_FORMAT_VERSION,
    featureVersion: FEATURE_VERSION,
    tags: [...TAGS],
    training: { passes, ...training },
  });
  const devScore = (passes: WeightTable[]) => (): number =>
    evaluateModel({ header: header(passes.length, {}), passes }, gaz, dev).micro().f1;

  const runs = opts.ensemble ?? 1;
  const pass1 = trainEnsemble(examples(gaz, train), {
    ...opts,
    score: (table, epoch) => {
      const f1 = devScore([table])();
      log(`pass 1 ${epoch ? `epoch ${epoch}` : 'averaged runs'}: dev F1 ${(100 * f1).toFixed(2)}`);
      return f1;
    },
  }, runs);
  log(`pass 1: kept epoch ${pass1.epoch} (dev F1 ${(100 * pass1.score).toFixed(2)})`);
  if (opts.folds < 2) return { header: header(1, { seed: opts.seed, epochs: [pass1.epoch], devF1: pass1.score }), passes: [pass1.table] };

  // Jackknife: each fold's documents are tagged by a pass-one model that never saw them.
  const jack: Uint8Array[][] = new Array(train.length);
  for (let k = 0; k < opts.folds; k++) {
    const held = train.filter((_, d) => d % opts.folds === k);
    const rest = train.filter((_, d) => d % opts.folds !== k);
    const fold = trainEnsemble(examples(gaz, rest), { ...opts, epochs: pass1.epoch }, runs);
    train.forEach((doc, d) => {
      if (d % opts.folds === k) jack[d] = firstPassTags(fold.table, gaz, doc);
    });
    log(`fold ${k + 1}/${opts.folds}: tagged ${held.length} documents`);
  }
  const pass2 = trainEnsemble(examples(gaz, train, jack), {
    ...opts,
    score: (table, epoch) => {
      const f1 = devScore([pass1.table, table])();
      log(`pass 2 ${epoch ? `epoch ${epoch}` : 'averaged runs'}: dev F1 ${(100 * f1).toFixed(2)}`);
      return f1;
    },
  }, runs);
  log(`pass 2: kept epoch ${pass2.epoch} (dev F1 ${(100 * pass2.score).toFixed(2)})`);
  return {
    header: header(2, { seed: opts.seed, ensemble: runs, folds: opts.folds, minCount: opts.minCount, epochs: [pass1.epoch, pass2.epoch], devF1: Number(pass2.score.toFixed(4)) }),
    passes: [pass1.table, pass2.table],
  };
}
