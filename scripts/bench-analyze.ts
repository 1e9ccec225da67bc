// Benchmarks `analyze` (the whole pipeline, one core) over the seed articles repeated to ≥ 2 MB,
// with compromise run side by side on the same text as the reference peer.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nlp from 'compromise';
import { Context } from '../src/context.js';
import { articlesFromBytes } from '../src/ingest/index.js';
import { analyzeArticle } from '../src/pipeline.js';
import type { Article } from '../src/schema/article.js';
import { SHARED_DIR } from '../src/paths.js';

const TARGET_BYTES = 2 * 1024 * 1024;

/** The seed articles, ingested as a user would, repeated until they reach the target size. */
function corpus(): Article[] {
  const dir = join(SHARED_DIR, 'corpus', 'seeds');
  const seeds = readdirSync(dir).sort().flatMap((name) => {
    const items = articlesFromBytes(name, readFileSync(join(dir, name)));
    return items.flatMap((i) => (i.ok ? [i.article] : []));
  });
  const out: Article[] = [];
  let bytes = 0;
  for (let round = 0; bytes < TARGET_BYTES; round++) {
    for (const a of seeds) {
      out.push({ ...a, id: `${a.id}-${round}`, contentHash: `${a.contentHash}-${round}` });
      bytes += Buffer.byteLength(a.text);
    }
  }
  return out;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

export async function benchAnalyze(): Promise<Record<string, number | string>> {
  const articles = corpus();
  const totalWords = articles.reduce((n, a) => n + words(a.text), 0);
  const totalBytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
  const ctx = new Context({ lists: null });
  analyzeArticle(articles[0], ctx); // load models and gazetteers once, outside the timing
  let t = performance.now();
  for (const a of articles) analyzeArticle(a, ctx);
  const dossierSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  for (const a of articles) {
    const doc = nlp(a.text);
    doc.people().out('array');
    doc.places().out('array');
    doc.organizations().out('array');
  }
  const compromiseSeconds = (performance.now() - t) / 1000;
  return {
    'corpus (MB)': +(totalBytes / 1024 / 1024).toFixed(2),
    articles: articles.length,
    words: totalWords,
    'dossier analyze articles/s': Math.round(articles.length / dossierSeconds),
    'dossier analyze words/s': Math.round(totalWords / dossierSeconds),
    'compromise (people/places/orgs) articles/s': Math.round(articles.length / compromiseSeconds),
    'compromise words/s': Math.round(totalWords / compromiseSeconds),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchAnalyze());
}
