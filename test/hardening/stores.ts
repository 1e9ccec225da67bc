// Helpers for the hardening tests: a real SQLite store in a temporary folder, filled from the seeds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Context } from '../../src/context.js';
import { ingestPaths } from '../../src/runner.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { SHARED_DIR } from '../../src/paths.js';

export const SEEDS_DIR = join(SHARED_DIR, 'corpus', 'seeds');

/** A temporary folder removed by the returned dispose function. */
export function tempDir(prefix = 'dossier-hardening-'): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new SQLite store at `path` holding the analysed seed articles. */
export async function seededStore(path: string): Promise<SqliteStore> {
  const store = new SqliteStore(path);
  const report = await ingestPaths(store, [SEEDS_DIR], new Context({ lists: [] }));
  if (report.errors) throw new Error(`seed ingest failed: ${report.failures.map((f) => f.line()).join('; ')}`);
  return store;
}
