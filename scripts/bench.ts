// `npm run bench`: every speed figure of the engine, measured here and printed (never asserted in a
// test). Each part is also runnable alone (dist/scripts/bench-*.js).
import { benchAnalyze } from './bench-analyze.js';
import { benchTagger } from './bench-tagger.js';
import { benchResolve } from './bench-resolve.js';
import { benchCorroborate } from './bench-corroborate.js';

const parts: [string, () => Promise<Record<string, number | string>>][] = [
  ['analyze (whole pipeline, seeds repeated to ≥ 2 MB, one core) vs compromise', benchAnalyze],
  ['NER tagger (CoNLL-2003 test tokens, one core)', () => benchTagger()],
  ['entity resolution (seeds repeated 100×)', benchResolve],
  ['corroboration (claim clustering by corpus size)', benchCorroborate],
];

const only = process.argv.slice(2);
for (const [title, run] of parts) {
  if (only.length && !only.some((o) => title.includes(o))) continue;
  console.log(`\n## ${title}`);
  console.table(await run());
}
