// Exact-span F1 (conlleval rules) of the committed NER model on CoNLL-2003 English test and dev,
// beside compromise on the same test sentences (#Person/#Organization/#Place → PER/ORG/LOC).
// Usage: node dist/scripts/eval-ner.js [--model PATH] [--no-compromise]
import { join } from 'node:path';
import { iobSpans, readConll, type LabelledDocument, type TypedSpan } from '../src/nlp/conll.js';
import { SpanScorer } from '../src/nlp/evaluate.js';
import { loadGazetteers } from '../src/nlp/gazetteers.js';
import { loadModel } from '../src/nlp/model.js';
import { evaluateModel } from '../src/nlp/train.js';
import { MODELS_DIR, SHARED_DIR } from '../src/paths.js';

const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);

function report(name: string, scorer: SpanScorer): void {
  const m = scorer.micro();
  console.log(`${name}: micro F1 ${pct(m.f1)}  (P ${pct(m.precision)}  R ${pct(m.recall)}; ${m.correct}/${m.predicted} predicted, ${m.gold} gold)`);
  for (const [type, s] of scorer.perType()) {
    console.log(`  ${type.padEnd(5)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (gold ${s.gold})`);
  }
}

interface CompromiseMatch {
  offset: { start: number; length: number };
}
type CompromiseView = { json(opts: { offset: boolean }): CompromiseMatch[] };
type CompromiseDoc = Record<'people' | 'organizations' | 'places', () => CompromiseView>;

/** compromise's people, organisations and places, mapped onto the CoNLL tokens; MISC it has not. */
async function scoreCompromise(docs: readonly LabelledDocument[]): Promise<SpanScorer> {
  const nlp = ((await import('compromise')) as unknown as { default: (text: string) => CompromiseDoc }).default;
  const scorer = new SpanScorer();
  const classes = [['people', 'PER'], ['organizations', 'ORG'], ['places', 'LOC']] as const;
  for (const doc of docs) {
    for (const s of doc.sentences) {
      const starts: number[] = [];
      let text = '';
      for (const w of s.words) {
        starts.push(text.length);
        text += w + ' ';
      }
      const parsed = nlp(text);
      const predicted: TypedSpan[] = [];
      for (const [method, type] of classes) {
        for (const m of parsed[method]().json({ offset: true })) {
          const from = m.offset.start;
          const to = from + m.offset.length;
          let start = starts.findIndex((c, i) => c + s.words[i].length > from);
          let end = starts.findIndex((c) => c >= to);
          if (end < 0) end = s.words.length;
          // compromise keeps trailing punctuation in a match ("Paris ."); the tokens are not the name.
          while (end > start && !/[\p{L}\p{N}]/u.test(s.words[end - 1])) end--;
          while (start < end && !/[\p{L}\p{N}]/u.test(s.words[start])) start++;
          if (start >= 0 && end > start) predicted.push({ start, end, type });
        }
      }
      scorer.add(iobSpans(s.tags), predicted);
    }
  }
  return scorer;
}

async function main(): Promise<void> {
  const modelIdx = process.argv.indexOf('--model');
  const modelPath = modelIdx > 0 ? process.argv[modelIdx + 1] : join(MODELS_DIR, 'ner.bin');
  const conll = join(SHARED_DIR, 'data', 'conll2003');
  const model = loadModel(modelPath);
  const gaz = loadGazetteers();
  const test = readConll(join(conll, 'test.txt'));
  const dev = readConll(join(conll, 'dev.txt'));
  console.log(`model ${modelPath}: format v${model.header.formatVersion}, ${model.passes.length} passes, trained ${JSON.stringify(model.header.training)}`);
  report('Dossier tagger, CoNLL-2003 test', evaluateModel(model, gaz, test));
  report('Dossier tagger, CoNLL-2003 dev', evaluateModel(model, gaz, dev));
  const conllpp = readConll(join(conll, 'test-conllpp.txt'));
  console.log(`Dossier tagger, CoNLL++ (test with corrected labels): micro F1 ${pct(evaluateModel(model, gaz, conllpp).micro().f1)}`);
  if (!process.argv.includes('--no-compromise')) report('compromise, CoNLL-2003 test (MISC counted as missed)', await scoreCompromise(test));
}

await main();
