// Helpers shared by tests: repository paths and small hand-built articles and analyses.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Article } from '../../src/schema/article.js';
import type { Store } from '../../src/store/types.js';
import { REPO_ROOT, SHARED_DIR } from '../../src/paths.js';

export const SEEDS_DIR = join(SHARED_DIR, 'corpus', 'seeds');
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');

/** An English article with the given text, as ingest would produce it. */
export function article(id: string, text: string, extra: Partial<Article> = {}): Article {
  return {
    id,
    source: `${id}.txt`,
    format: 'text',
    title: null,
    outlet: null,
    author: null,
    url: null,
    published: null,
    publishedSource: null,
    language: 'en',
    text,
    contentHash: createHash('sha256').update(`${id}\n${text}`).digest('hex'),
    removed: [],
    ...extra,
  };
}

/** Records how many documents each `saveDocuments` call of a store is given (one commit each on SQLite). */
export function recordSaveBatches(store: Store): number[] {
  const batches: number[] = [];
  const save = store.saveDocuments.bind(store);
  store.saveDocuments = (docs) => {
    batches.push(docs.length);
    return save(docs);
  };
  return batches;
}
