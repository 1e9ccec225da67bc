// Resources built once from packages and data files and kept under dist/cache, so that every process
// that analyses reads them back instead of building them again (docs/decisions/ner.md). A file is
// named by a fingerprint of everything its build reads (data files, the versions of the packages it
// uses, the code that builds it): a change to any of them builds afresh.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './paths.js';

export const BUILD_CACHE_DIR = join(REPO_ROOT, 'dist', 'cache');

/** Compiled (js) or run from source under tsx (ts): each keeps its own files, named apart. */
const FLAVOUR = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export interface CachedResource<T, S> {
  /** The files' name prefix. */
  name: string;
  /** Bumped when the stored form changes. */
  format: number;
  /** npm packages the build reads (their versions count). */
  packages: string[];
  /** Data files the build reads. */
  files: string[];
  /** Modules of this repo whose code builds it, as import.meta.url-relative URLs of their .js form. */
  code: URL[];
  build: () => T;
  toStored: (value: T) => S;
  /** Throws on a stored form it does not know. */
  fromStored: (stored: S) => T;
}

const require = createRequire(import.meta.url);

/** A hash of what the resource is built from. */
export function resourceFingerprint<T, S>(r: CachedResource<T, S>): string {
  const hash = createHash('sha256').update(`${r.name} format ${r.format}\n`);
  for (const name of r.packages) hash.update(`${name} ${(require(`${name}/package.json`) as { version: string }).version}\n`);
  const code = r.code.map((u) => fileURLToPath(u).replace(/\.js$/, `.${FLAVOUR}`));
  for (const file of [...r.files, ...code]) hash.update(`${file}\n`).update(existsSync(file) ? readFileSync(file) : 'absent');
  return hash.digest('hex').slice(0, 24);
}

/** The resource, read from the cache when it holds this fingerprint's, else built (and then kept
 *  there for the next process, older files of the same resource removed; a cache that cannot be
 *  written or read is only slower). */
export function cachedResource<T, S>(r: CachedResource<T, S>, dir = BUILD_CACHE_DIR): T {
  const prefix = `${r.name}-${FLAVOUR}-`;
  const name = `${prefix}${resourceFingerprint(r)}.json`;
  const path = join(dir, name);
  if (existsSync(path)) {
    try {
      return r.fromStored(JSON.parse(readFileSync(path, 'utf8')) as S);
    } catch {
      // unreadable or of another format: built again below, and replaced
    }
  }
  const value = r.build();
  try {
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed: a process reading at the same moment sees the whole file or none.
    const temporary = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify(r.toStored(value)));
    renameSync(temporary, path);
    for (const old of readdirSync(dir)) if (old.startsWith(prefix) && old !== name) rmSync(join(dir, old), { force: true });
  } catch {
    // a read-only install: every process builds it
  }
  return value;
}
