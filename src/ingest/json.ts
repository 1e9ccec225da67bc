// JSON and JSONL inputs: parsing with truncation told apart from other damage, the record fields
// we read (`text` or `html`, `title`, `url`, `outlet`, `published`, `author`, `id`, `language`), and the
// canonical form a record's content hash is taken over.
import { DossierError } from '../errors.js';

/** The fields of one article record, each from its first present alias. */
export interface ArticleRecord {
  id: string | null;
  text: string | null;
  html: string | null;
  title: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  author: string | null;
  /** The declared language, used only when the text does not tell. */
  lang: string | null;
}

const FIELDS: Record<keyof ArticleRecord, string[]> = {
  id: ['id', 'guid'],
  text: ['text', 'body', 'content'],
  html: ['html'],
  title: ['title', 'headline'],
  url: ['url', 'link'],
  outlet: ['outlet', 'site', 'publisher', 'source'],
  published: ['published', 'date', 'publishedAt', 'published_at', 'datePublished'],
  author: ['author', 'byline'],
  lang: ['language', 'lang', 'inLanguage'],
};

/** The records of a .json file: the object itself, or each element of a top-level array. */
export function jsonRecords(text: string, file: string): { records: unknown[]; single: boolean } {
  const data = parseJson(text, file, 'JSON');
  if (Array.isArray(data)) {
    if (data.length === 0) throw new DossierError('EMPTY', 'is an empty JSON array', file);
    return { records: data, single: false };
  }
  return { records: [data], single: true };
}

/**
 * The records of a .jsonl file, one per non-blank line (record N is `file#N`); a bad line is an
 * error for that record only.
 */
export function jsonlRecords(text: string, file: string): Array<{ record?: unknown; error?: DossierError }> {
  const out: Array<{ record?: unknown; error?: DossierError }> = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    out.push(jsonlLine(raw, `${file}#${out.length + 1}`, i + 1));
  });
  if (out.length === 0) throw new DossierError('EMPTY', 'has no JSON lines', file);
  return out;
}

/** One non-blank JSONL line (physical line `line`) as the record `source`. */
export function jsonlLine(raw: string, source: string, line: number): { record?: unknown; error?: DossierError } {
  try {
    return { record: parseJson(raw, source, `JSONL line ${line}`) };
  } catch (error) {
    return { error: error as DossierError };
  }
}

/** Deeper JSON is refused: records are walked recursively (canonicalJson), and no article nests so. */
const MAX_JSON_DEPTH = 1000;

function parseJson(text: string, file: string, what: string): unknown {
  try {
    const value = JSON.parse(text);
    if (bracketScan(text).maxDepth > MAX_JSON_DEPTH) throw new DossierError('MALFORMED', `malformed ${what}: nested more than ${MAX_JSON_DEPTH} levels deep`, file);
    return value;
  } catch (error) {
    if (error instanceof DossierError) throw error;
    if (bracketScan(text).open) throw new DossierError('TRUNCATED', `${what} ends mid-way (an object, array or string is never closed)`, file);
    throw new DossierError('MALFORMED', `malformed ${what}: ${(error as Error).message}`, file);
  }
}

/** One linear pass over a JSON text, strings skipped: its deepest bracket nesting, and whether it
 *  stops inside a string or with a bracket still open (a truncated file). */
function bracketScan(text: string): { maxDepth: number; open: boolean } {
  let depth = 0;
  let maxDepth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') maxDepth = Math.max(maxDepth, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return { maxDepth, open: inString || depth > 0 };
}

/** Reads the article fields of a record, or throws INVALID when it is not one. */
export function articleRecord(value: unknown, file: string): ArticleRecord {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new DossierError('INVALID', 'record is not a JSON object', file);
  }
  const obj = value as Record<string, unknown>;
  const field = (name: keyof ArticleRecord): string | null => {
    for (const key of FIELDS[name]) {
      const v = obj[key];
      if (typeof v === 'string' && v.trim()) return v;
      if (typeof v === 'number' && (name === 'id' || name === 'published')) return String(v);
      // Authors and outlets sometimes come as {name: …} or a list of them.
      const first = Array.isArray(v) ? v[0] : v;
      if (first && typeof first === 'object' && typeof (first as any).name === 'string') return (first as any).name;
      if (typeof first === 'string' && first.trim() && (name === 'author' || name === 'outlet')) return first;
    }
    return null;
  };
  const record = Object.fromEntries(Object.keys(FIELDS).map((k) => [k, field(k as keyof ArticleRecord)])) as unknown as ArticleRecord;
  if (record.text === null && record.html === null) throw new DossierError('INVALID', 'record has no `text` or `html` field', file);
  return record;
}

/** JSON with object keys sorted at every level: the same record gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
