// Shared helpers for the ingest tests: fixture paths, scratch folders, and collecting a run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, SHARED_DIR } from '../../src/paths.js';
import type { Article } from '../../src/schema/article.js';
import type { DossierError } from '../../src/errors.js';
import { readInputs, type IngestItem, type IngestOptions } from '../../src/ingest/index.js';

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'ingest');
export const SEEDS = join(SHARED_DIR, 'corpus', 'seeds');

export const fixture = (...parts: string[]) => join(FIXTURES, ...parts);

export async function collect(paths: string[], opts?: IngestOptions): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readInputs(paths, opts)) items.push(item);
  return items;
}

export function articles(items: IngestItem[]): Article[] {
  return items.flatMap((i) => (i.ok ? [i.article] : []));
}

export function errors(items: IngestItem[]): DossierError[] {
  return items.flatMap((i) => (i.ok ? [] : [i.error]));
}

/** A scratch folder removed after the test. */
export function scratch(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-ingest-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
