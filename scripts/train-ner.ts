// Trains the NER tagger on CoNLL-2003 (train; dev picks the epochs) and writes models/ner.bin.
// Usage: node dist/scripts/train-ner.js [--epochs N] [--seed N] [--folds N] [--docs N] [--out PATH]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readConll } from '../src/nlp/conll.js';
import { loadGazetteers } from '../src/nlp/gazetteers.js';
import { encodeModel } from '../src/nlp/model.js';
import { trainNer } from '../src/nlp/train.js';
import { MODELS_DIR, SHARED_DIR } from '../src/paths.js';
import { writeSanctionsGazetteers } from '../src/nlp/sanctions-names.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function main(): void {
  const started = Date.now();
  const outIdx = process.argv.indexOf('--out');
  const out = outIdx > 0 ? process.argv[outIdx + 1] : join(MODELS_DIR, 'ner.bin');
  const conll = join(SHARED_DIR, 'data', 'conll2003');
  if (!process.argv.includes('--keep-gazetteers')) {
    const counts = writeSanctionsGazetteers();
    console.log(`sanctions gazetteers: ${counts.orgs} organisations, ${counts.persons} persons`);
  }
  const gaz = loadGazetteers();
  const docLimit = option('docs', Infinity);
  const train = readConll(join(conll, 'train.txt')).slice(0, docLimit);
  const dev = readConll(join(conll, 'dev.txt')).slice(0, docLimit);
  const model = trainNer(gaz, train, dev, {
    epochs: option('epochs', 12),
    seed: option('seed', 1),
    minCount: option('min-count', 1),
    folds: option('folds', 4),
    log: (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`),
  });
  const bytes = encodeModel(model);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`wrote ${out}: ${(bytes.length / 1e6).toFixed(2)} MB in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
