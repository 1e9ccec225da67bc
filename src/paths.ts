// Where the repository, its committed resources and the shared data sets are on disk.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${start}`);
    dir = up;
  }
  return dir;
}

/** The repository root (the folder holding package.json), whether running from src/ or dist/. */
export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
/** Committed model files. */
export const MODELS_DIR = join(REPO_ROOT, 'models');
/** Committed curated data (knowledge base additions, lexicons). */
export const DATA_DIR = join(REPO_ROOT, 'data');
/** The shared folder beside the repository: corpora, eval, open data sets. */
export const SHARED_DIR = resolve(process.env.DOSSIER_SHARED ?? join(REPO_ROOT, '..', 'shared'));
