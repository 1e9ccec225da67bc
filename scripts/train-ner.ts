// Trains the NER tagger on CoNLL-2003 (train; dev picks the epochs) and writes models/ner.bin.
// Usage: node dist/scripts/train-ner.js [--epochs N] [--seed N] [--folds N] [--docs N] [--out PATH]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readConll } from '../src/nlp/conll.js';
import { loadGazetteers } from '../src/nlp/gazetteers.js';
import { encodeModel } from '../src/nlp/model.js';
import { trainNer } from '../src/nlp/train.js';
import { DATA_DIR, MODELS_DIR, SHARED_DIR } from '../src/paths.js';
import { writeSanctionsGazetteers } from '../src/nlp/sanctions-names.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** compromise's lexicon class → ours. Proper-name lists type names; the rest marks common words. */
const LEXICON_CLASSES: Record<string, string> = {
  FirstName: 'firstname', MaleName: 'firstname', FemaleName: 'firstname', LastName: 'lastname', Person: 'person',
  Organization: 'org', SportsTeam: 'org', Region: 'state', City: 'city', Actor: 'role', Honorific: 'role',
  Singular: 'common', Plural: 'common', Uncountable: 'common', Adjective: 'common', Infinitive: 'common',
  PresentTense: 'common', PastTense: 'common', Gerund: 'common', Participle: 'common', Adverb: 'common',
  Comparative: 'common', Superlative: 'common', Preposition: 'common', Conjunction: 'common', Determiner: 'common',
  Pronoun: 'common', Noun: 'common', Verb: 'common',
};

/** Writes data/gazetteers/lexicon.tsv from compromise's lexicon (MIT): names, roles, common words. */
async function writeLexiconGazetteer(): Promise<number> {
  const nlp = (await import('compromise')).default as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } };
  const rows = new Set<string>();
  for (const [word, tags] of Object.entries(nlp.world().model.one.lexicon)) {
    if (/[\t\n]/.test(word)) continue;
    for (const tag of Array.isArray(tags) ? tags : [tags]) {
      const cls = LEXICON_CLASSES[tag];
      if (cls) rows.add(`${word}\t${cls}`);
    }
  }
  const header = '# Generated from the compromise lexicon (MIT) by scripts/train-ner.ts: word, class.\n';
  writeFileSync(join(DATA_DIR, 'gazetteers', 'lexicon.tsv'), header + [...rows].sort().join('\n') + '\n');
  return rows.size;
}

async function main(): Promise<void> {
  const started = Date.now();
  const outIdx = process.argv.indexOf('--out');
  const out = outIdx > 0 ? process.argv[outIdx + 1] : join(MODELS_DIR, 'ner.bin');
  const conll = join(SHARED_DIR, 'data', 'conll2003');
  if (!process.argv.includes('--keep-gazetteers')) {
    const counts = writeSanctionsGazetteers();
    console.log(`sanctions gazetteers: ${counts.orgs} organisations, ${counts.persons} persons`);
    console.log(`lexicon gazetteer: ${await writeLexiconGazetteer()} entries`);
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
    ensemble: option('ensemble', 1),
    log: (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`),
  });
  const bytes = encodeModel(model);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`wrote ${out}: ${(bytes.length / 1e6).toFixed(2)} MB in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

await main();
