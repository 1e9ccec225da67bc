// Builds the organisation and person name gazetteers (data/gazetteers/sanctions-*.txt) from the
// OFAC SDN and alias files and the UN consolidated list. Run by the NER trainer; output is sorted.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { DossierError } from '../errors.js';
import { DATA_DIR, SHARED_DIR } from '../paths.js';

/** "MADURO MOROS, Nicolas" → "Nicolas MADURO MOROS"; names without a comma stay as they are. */
function naturalOrder(name: string): string {
  const m = /^([^,]+),\s*(.+)$/.exec(name);
  return m ? `${m[2]} ${m[1]}` : name;
}

function clean(name: string): string | null {
  const n = name.replace(/\s+/g, ' ').replace(/[."']+$/, '').trim();
  if (n.length < 4 || /\d{3,}/.test(n) || /[;:]/.test(n)) return null;
  return n;
}

function readCsv(path: string): string[][] {
  if (!existsSync(path)) throw new DossierError('NOT_FOUND', 'sanctions file missing', path);
  return parse(readFileSync(path, 'utf8'), { relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
}

type UnNode = Record<string, unknown>;
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Writes the two gazetteer files; returns how many names each holds. */
export function writeSanctionsGazetteers(): { orgs: number; persons: number } {
  const dir = join(SHARED_DIR, 'data', 'sanctions');
  const orgs = new Set<string>();
  const persons = new Set<string>();
  const typeOf = new Map<string, string>();
  const addPerson = (raw: string): void => {
    const n = clean(naturalOrder(raw));
    if (n && n.includes(' ')) persons.add(n);
  };
  const addOrg = (raw: string): void => {
    const n = clean(raw);
    if (n) orgs.add(n);
  };
  for (const row of readCsv(join(dir, 'ofac-sdn-2024-05-03.csv'))) {
    const [ent, name, type] = row;
    const kind = type === 'individual' ? 'person' : type === '-0-' ? 'org' : 'other';
    typeOf.set(ent, kind);
    if (kind === 'person') addPerson(name);
    else if (kind === 'org') addOrg(name);
  }
  for (const row of readCsv(join(dir, 'ofac-alt-2026.csv'))) {
    const [ent, , altType, name] = row;
    if (altType === 'aka' || altType === 'fka' || altType === 'nka') {
      const kind = typeOf.get(ent);
      if (kind === 'person') addPerson(name);
      else if (kind === 'org') addOrg(name);
    }
  }
  const unPath = join(dir, 'un-consolidated-2025-11-18.xml');
  if (!existsSync(unPath)) throw new DossierError('NOT_FOUND', 'UN list missing', unPath);
  const xml = new XMLParser({ parseTagValue: false }).parse(readFileSync(unPath, 'utf8')) as UnNode;
  const list = (xml.CONSOLIDATED_LIST ?? {}) as UnNode;
  for (const ind of asArray(((list.INDIVIDUALS ?? {}) as UnNode).INDIVIDUAL as UnNode[])) {
    const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => ind[k]).filter((v) => typeof v === 'string');
    addPerson(parts.join(' '));
    for (const a of asArray(ind.INDIVIDUAL_ALIAS as UnNode[])) if (typeof a?.ALIAS_NAME === 'string') addPerson(a.ALIAS_NAME);
  }
  for (const ent of asArray(((list.ENTITIES ?? {}) as UnNode).ENTITY as UnNode[])) {
    if (typeof ent.FIRST_NAME === 'string') addOrg(ent.FIRST_NAME);
    for (const a of asArray(ent.ENTITY_ALIAS as UnNode[])) if (typeof a?.ALIAS_NAME === 'string') addOrg(a.ALIAS_NAME);
  }
  const header = '# Generated from the OFAC SDN and alias files and the UN consolidated list by src/nlp/sanctions-names.ts.\n';
  const write = (file: string, names: Set<string>): void =>
    writeFileSync(join(DATA_DIR, 'gazetteers', file), header + [...names].sort().join('\n') + '\n');
  write('sanctions-orgs.txt', orgs);
  write('sanctions-persons.txt', persons);
  return { orgs: orgs.size, persons: persons.size };
}
