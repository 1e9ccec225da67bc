// Loads sanctions and watch lists into ListEntry records: OFAC SDN and alias CSVs, the UN consolidated
// XML, a generic CSV watch list and FollowTheMoney JSON/JSONL. Problems come back as DossierErrors.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { DossierError } from '../errors.js';
import type { ListEntry } from './types.js';

export const OFAC_LIST = 'OFAC SDN';
export const UN_LIST = 'UN Consolidated';

type Format = 'ofac-sdn' | 'ofac-alt' | 'un-xml' | 'csv' | 'ftm';

interface OfacAlias { entNum: string; altNum: number; type: string; name: string }

/** Reads list files (or folders of them, in file-name order) into entries, collecting errors per file. */
export function loadLists(paths: string[]): { entries: ListEntry[]; errors: DossierError[] } {
  const errors: DossierError[] = [];
  const files: string[] = [];
  for (const path of paths) collectFiles(path, files, errors);

  const entries: ListEntry[] = [];
  const aliasRows: OfacAlias[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      errors.push(new DossierError('UNREADABLE', (err as Error).message, file));
      continue;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!text.trim()) {
      errors.push(new DossierError('EMPTY', 'empty list file', file));
      continue;
    }
    const format = detectFormat(file, text);
    if (!format) {
      errors.push(new DossierError('UNSUPPORTED', 'not a recognised list format (OFAC CSV, UN XML, CSV with a name column, FollowTheMoney JSON)', file));
      continue;
    }
    try {
      if (format === 'ofac-alt') aliasRows.push(...readOfacAliases(text, file, errors));
      else if (format === 'ofac-sdn') entries.push(...readOfacSdn(text, file, errors));
      else if (format === 'un-xml') entries.push(...readUnXml(text, file));
      else if (format === 'csv') entries.push(...readGenericCsv(text, file, errors));
      else entries.push(...readFollowTheMoney(text, file, errors));
    } catch (err) {
      errors.push(err instanceof DossierError ? err : new DossierError('MALFORMED', (err as Error).message, file));
    }
  }
  if (aliasRows.length) joinOfacAliases(entries, aliasRows);
  return { entries, errors };
}

function collectFiles(path: string, out: string[], errors: DossierError[]): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    errors.push(new DossierError('NOT_FOUND', 'no such file or folder', path));
    return;
  }
  if (!stat.isDirectory()) {
    out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name.startsWith('.')) continue;
    const child = join(path, name);
    if (statSync(child).isDirectory()) collectFiles(child, out, errors);
    else if (/\.(csv|xml|json|jsonl|ndjson)$/i.test(name)) out.push(child);
  }
}

/** Decides the format from the extension and the first record: OFAC files have no header. */
function detectFormat(file: string, text: string): Format | null {
  const ext = extname(file).toLowerCase();
  const head = text.trimStart();
  if (ext === '.xml' || head.startsWith('<')) return /<CONSOLIDATED_LIST|<INDIVIDUALS|<ENTITIES/.test(head.slice(0, 4000)) ? 'un-xml' : null;
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson' || head.startsWith('{') || head.startsWith('[')) return 'ftm';
  const firstLine = head.split(/\r?\n/, 1)[0];
  if (/^\d+,\d+,"?(aka|fka|nka)"?,/i.test(firstLine)) return 'ofac-alt';
  if (/^\d+,"/.test(firstLine)) return 'ofac-sdn';
  if (/(^|,)\s*"?name"?\s*(,|$)/i.test(firstLine)) return 'csv';
  return null;
}

const OFAC_EMPTY = /^-0-\s*$/;
const ofacValue = (field: string | undefined): string | null => {
  const value = (field ?? '').trim();
  return !value || OFAC_EMPTY.test(value) ? null : value;
};

function csvRows(text: string, file: string): string[][] {
  // OFAC files end with a DOS end-of-file character (0x1A); it is not a record.
  const body = text.replace(/\x1a\s*$/, '');
  try {
    return parseCsv(body, { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: false }) as string[][];
  } catch (err) {
    throw new DossierError('MALFORMED', `CSV: ${(err as Error).message}`, file);
  }
}

const OFAC_KINDS: Record<string, ListEntry['kind']> = { individual: 'person', vessel: 'vessel', aircraft: 'aircraft' };

function readOfacSdn(text: string, file: string, errors: DossierError[]): ListEntry[] {
  const entries: ListEntry[] = [];
  csvRows(text, file).forEach((row, i) => {
    const id = (row[0] ?? '').trim();
    const name = ofacValue(row[1]);
    if (!/^\d+$/.test(id) || !name || row.length < 4) {
      errors.push(new DossierError('MALFORMED', `row ${i + 1}: expected ent_num, SDN_Name, SDN_Type, Program…`, file));
      return;
    }
    const remarks = ofacValue(row[11]);
    const programme = ofacValue(row[3]);
    entries.push({
      list: OFAC_LIST,
      id,
      name,
      aliases: remarks ? remarkAliases(remarks) : [],
      kind: OFAC_KINDS[(ofacValue(row[2]) ?? '').toLowerCase()] ?? 'organization',
      programmes: programme ? programme.split(/\]\s*\[/).map((p) => p.trim()).filter(Boolean) : [],
      remarks,
    });
  });
  return entries;
}

/** "a.k.a. 'X'; f.k.a. 'Y'." in OFAC remarks. Names may hold apostrophes, so a name ends at a quote
 *  followed by ";", "." or the end of the remarks. */
export function remarkAliases(remarks: string): string[] {
  const found: string[] = [];
  const re = /\b[afn]\.k\.a\.,?\s+'(.+?)'(?=\s*;|\.?\s*$|\.\s)/g;
  for (let m = re.exec(remarks); m; m = re.exec(remarks)) {
    const alias = m[1].trim();
    if (alias && !found.includes(alias)) found.push(alias);
  }
  return found;
}

function readOfacAliases(text: string, file: string, errors: DossierError[]): OfacAlias[] {
  const rows: OfacAlias[] = [];
  csvRows(text, file).forEach((row, i) => {
    const entNum = (row[0] ?? '').trim();
    const name = ofacValue(row[3]);
    if (!/^\d+$/.test(entNum) || row.length < 4) {
      errors.push(new DossierError('MALFORMED', `row ${i + 1}: expected ent_num, alt_num, alt_type, alt_name`, file));
      return;
    }
    if (name) rows.push({ entNum, altNum: Number(row[1]) || 0, type: (ofacValue(row[2]) ?? 'aka').toLowerCase(), name });
  });
  return rows;
}

/** Adds alias-file names to the SDN entries with the same ent_num. Aliases of entries the SDN file lacks
 *  (designated after it was published) become entries of their own, named by their first a.k.a. */
function joinOfacAliases(entries: ListEntry[], rows: OfacAlias[]): void {
  const byId = new Map<string, ListEntry>();
  for (const entry of entries) if (entry.list === OFAC_LIST) byId.set(entry.id, entry);
  const orphans = new Map<string, OfacAlias[]>();
  for (const row of rows) {
    const entry = byId.get(row.entNum);
    if (entry) {
      if (row.name !== entry.name && !entry.aliases.includes(row.name)) entry.aliases.push(row.name);
    } else {
      const list = orphans.get(row.entNum) ?? [];
      list.push(row);
      orphans.set(row.entNum, list);
    }
  }
  const typeRank = (t: string) => (t === 'aka' ? 0 : t === 'nka' ? 1 : 2);
  for (const [id, list] of orphans) {
    list.sort((a, b) => typeRank(a.type) - typeRank(b.type) || a.altNum - b.altNum);
    const names = [...new Set(list.map((r) => r.name))];
    entries.push({
      list: OFAC_LIST,
      id,
      name: names[0],
      aliases: names.slice(1),
      // OFAC writes people as "SURNAME, Given" with the given names in mixed case.
      kind: /,\s*[A-Z][a-z]/.test(names[0]) ? 'person' : 'unknown',
      programmes: [],
      remarks: 'Known only from the OFAC alias file: the entry is newer than the SDN file loaded.',
    });
  }
}

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'VALUE'].includes(name),
});

type XmlNode = Record<string, unknown>;
const xmlText = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

function readUnXml(text: string, file: string): ListEntry[] {
  let doc: XmlNode;
  try {
    doc = xml.parse(text) as XmlNode;
  } catch (err) {
    throw new DossierError('MALFORMED', `XML: ${(err as Error).message}`, file);
  }
  const root = (doc.CONSOLIDATED_LIST ?? doc) as XmlNode;
  const people = ((root.INDIVIDUALS as XmlNode | undefined)?.INDIVIDUAL ?? []) as XmlNode[];
  const bodies = ((root.ENTITIES as XmlNode | undefined)?.ENTITY ?? []) as XmlNode[];
  const entries: ListEntry[] = [];
  for (const [records, kind, aliasTag] of [[people, 'person', 'INDIVIDUAL_ALIAS'], [bodies, 'organization', 'ENTITY_ALIAS']] as const) {
    for (const record of records) {
      const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => xmlText(record[k])).filter(Boolean).join(' ');
      if (!name) continue;
      const aliases: string[] = [];
      const weak: string[] = [];
      for (const alias of (record[aliasTag] ?? []) as XmlNode[]) {
        const aliasName = xmlText(alias.ALIAS_NAME);
        if (!aliasName || aliasName === name) continue;
        (xmlText(alias.QUALITY) === 'Low' ? weak : aliases).push(aliasName);
      }
      const original = xmlText(record.NAME_ORIGINAL_SCRIPT);
      if (original && original !== name) aliases.push(original);
      const entry: ListEntry = {
        list: UN_LIST,
        id: xmlText(record.REFERENCE_NUMBER) || xmlText(record.DATAID),
        name,
        aliases: [...new Set(aliases)],
        kind,
        programmes: [xmlText(record.UN_LIST_TYPE)].filter(Boolean),
        remarks: xmlText(record.COMMENTS1) || null,
      };
      if (weak.length) entry.weakAliases = [...new Set(weak)];
      entries.push(entry);
    }
  }
  return entries;
}

const KINDS = new Set<ListEntry['kind']>(['person', 'organization', 'vessel', 'aircraft', 'unknown']);
const KIND_WORDS: Record<string, ListEntry['kind']> = {
  individual: 'person', people: 'person', org: 'organization', entity: 'organization', company: 'organization', ship: 'vessel', airplane: 'aircraft',
};
const kindOf = (value: string | undefined): ListEntry['kind'] => {
  const v = (value ?? '').trim().toLowerCase();
  return KINDS.has(v as ListEntry['kind']) ? (v as ListEntry['kind']) : KIND_WORDS[v] ?? 'unknown';
};

/** A user watch list: header with name[,aliases (";"-separated),kind,programme,id]; the list is named
 *  after the file. Rows without an id get "FILE:ROW". */
function readGenericCsv(text: string, file: string, errors: DossierError[]): ListEntry[] {
  const rows = csvRows(text, file);
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const [nameCol, aliasCol, kindCol, progCol, idCol] = [
    col('name'), col('aliases', 'alias'), col('kind', 'type', 'schema'), col('programme', 'program', 'programmes', 'programs'), col('id'),
  ];
  const list = basename(file, extname(file));
  const entries: ListEntry[] = [];
  rows.slice(1).forEach((row, i) => {
    const name = (row[nameCol] ?? '').trim();
    if (!name) {
      errors.push(new DossierError('MALFORMED', `row ${i + 2}: no name`, file));
      return;
    }
    const split = (v: string | undefined) => (v ?? '').split(';').map((s) => s.trim()).filter(Boolean);
    entries.push({
      list,
      id: (idCol >= 0 && row[idCol]?.trim()) || `${list}:${i + 2}`,
      name,
      aliases: aliasCol >= 0 ? split(row[aliasCol]).filter((a) => a !== name) : [],
      kind: kindCol >= 0 ? kindOf(row[kindCol]) : 'unknown',
      programmes: progCol >= 0 ? split(row[progCol]) : [],
      remarks: null,
    });
  });
  return entries;
}

const FTM_KINDS: Record<string, ListEntry['kind']> = {
  Person: 'person', Organization: 'organization', Company: 'organization', PublicBody: 'organization',
  LegalEntity: 'unknown', Vessel: 'vessel', Airplane: 'aircraft',
};

/** FollowTheMoney entities: a JSON array, one object, {entities: […]}, or one object per line. Other
 *  schemata (Sanction, Address, Ownership…) are skipped quietly: they are not names to screen. */
function readFollowTheMoney(text: string, file: string, errors: DossierError[]): ListEntry[] {
  const objects: unknown[] = [];
  const trimmed = text.trim();
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim());
  const looksLines = extname(file).toLowerCase() !== '.json' && lines.length > 1 && lines.every((l) => l.trim().startsWith('{'));
  if (looksLines) {
    lines.forEach((line, i) => {
      try {
        objects.push(JSON.parse(line));
      } catch {
        errors.push(new DossierError('MALFORMED', `line ${i + 1}: not JSON`, file));
      }
    });
  } else {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      throw new DossierError('MALFORMED', `JSON: ${(err as Error).message}`, file);
    }
    if (Array.isArray(value)) objects.push(...value);
    else if (value && typeof value === 'object' && Array.isArray((value as XmlNode).entities)) objects.push(...((value as XmlNode).entities as unknown[]));
    else objects.push(value);
  }
  const fallbackList = basename(file, extname(file));
  const entries: ListEntry[] = [];
  for (const obj of objects) {
    if (!obj || typeof obj !== 'object') continue;
    const entity = obj as { id?: unknown; schema?: unknown; properties?: Record<string, unknown>; datasets?: unknown };
    const kind = FTM_KINDS[String(entity.schema)];
    if (!kind) continue;
    const props = entity.properties ?? {};
    const strings = (key: string) => (Array.isArray(props[key]) ? (props[key] as unknown[]) : props[key] != null ? [props[key]] : [])
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
    const names = strings('name');
    if (!names.length || typeof entity.id !== 'string') {
      errors.push(new DossierError('MALFORMED', `entity ${String(entity.id ?? '?')}: no id or name`, file));
      continue;
    }
    const aliases = [...new Set([...names.slice(1), ...strings('alias'), ...strings('previousName')])].filter((a) => a !== names[0]);
    const datasets = Array.isArray(entity.datasets) ? entity.datasets.filter((d): d is string => typeof d === 'string') : [];
    const notes = strings('notes');
    entries.push({
      list: datasets[0] ?? fallbackList,
      id: entity.id,
      name: names[0],
      aliases,
      kind,
      programmes: [...strings('programId'), ...strings('program')],
      remarks: notes.length ? notes.join(' ') : null,
    });
  }
  return entries;
}
