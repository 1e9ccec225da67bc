// Measures event extraction on the PLOVER gold-standard sentences (or any JSONL/text inputs): analyses
// each record with the full pipeline and prints FORMAT.md lines; with --score, also runs the shared
// scorer against the gold file and prints its figures to stderr.
// usage: tsx scripts/eval-events.ts [--score] [--gold GOLD.json] [PATH...]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Context } from '../src/context.js';
import { readInputs } from '../src/ingest/index.js';
import { SHARED_DIR } from '../src/paths.js';
import { analyzeArticle, toAnalysis } from '../src/pipeline.js';

const args = process.argv.slice(2);
const score = args.includes('--score');
const goldAt = args.indexOf('--gold');
const paths = args.filter((a, i) => !a.startsWith('--') && i !== goldAt + 1);
const inputs = paths.length ? paths : [join(SHARED_DIR, 'eval', 'plover-gsr.dev.jsonl')];
const gold = goldAt >= 0 ? args[goldAt + 1] : join(SHARED_DIR, 'eval', 'plover-gsr.dev.gold.json');

const ctx = new Context();
const lines: string[] = [];
let failed = 0;
for await (const item of readInputs(inputs)) {
  if (!item.ok) {
    failed++;
    process.stderr.write(`${item.error.line()}\n`);
    continue;
  }
  // The PLOVER records carry no language tag; they are English news sentences.
  const article = item.article.language === 'en' ? item.article : { ...item.article, language: 'en' };
  lines.push(JSON.stringify(toAnalysis(analyzeArticle(article, ctx))));
}
process.stdout.write(lines.map((l) => `${l}\n`).join(''));

if (score) {
  const out = join(mkdtempSync(join(tmpdir(), 'dossier-events-')), 'analysis.jsonl');
  writeFileSync(out, lines.join('\n') + '\n');
  const run = spawnSync(process.execPath, [join(SHARED_DIR, 'eval', 'score.mjs'), gold, out], { encoding: 'utf8' });
  process.stderr.write(run.stdout + run.stderr);
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
if (failed) process.exitCode = 1;
