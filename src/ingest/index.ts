// Ingestion: files, folders and uploaded blobs → cleaned Articles. Every bad input becomes an
// `{ok:false}` item with a DossierError naming the file; reading goes on with the next input.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Article } from '../schema/article.js';
import { DossierError } from '../errors.js';
import { assembleArticle } from './assemble.js';
import { decodeBytes } from './decode.js';
import { looksLikeFeed, parseFeed } from './feed.js';
import { isWholePage, readHtmlFragment, readHtmlPage } from './html.js';
import { articleRecord, canonicalJson, jsonlLine, jsonlRecords, jsonRecords } from './json.js';

export interface IngestOptions {
  maxBytes?: number /* default 20 MB */;
}
export type IngestItem = { ok: true; article: Article } | { ok: false; error: DossierError };

/** How an article is made from what was read (plain data, so another thread can make it): the
 *  HTML parsing and cleaning that are most of reading are left to whoever makes it. */
export type ArticleTask = { kind: 'text' | 'html'; input: Input } | { kind: 'record'; value: unknown; at: RecordPlace };

/** An article read but not yet made: where it came from and the hash of its raw record (what the
 *  article's contentHash will be), enough to tell whether the store already holds it. */
export interface PendingArticle {
  source: string;
  contentHash: string;
  task: ArticleTask;
}

/** An item as read: an article, one left to make (`makeArticle`), or an error. */
export type ReadItem = IngestItem | { ok: true; pending: PendingArticle };

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

type Kind = 'text' | 'html' | 'json' | 'jsonl' | 'feed';

const EXTENSIONS: Record<string, Kind> = {
  '.txt': 'text', '.text': 'text', '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.json': 'json',
  '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.xml': 'feed', '.rss': 'feed', '.atom': 'feed',
};

/** Every article in the given files and folders, in order (folders recursive, file-name order). */
export async function* readInputs(paths: string[], opts: IngestOptions = {}): AsyncGenerator<IngestItem> {
  for await (const item of readPending(paths, opts)) yield made(item);
}

/** `readInputs`, with the articles of text, HTML and JSON records left to make (`makeArticle`). */
export async function* readPending(paths: string[], opts: IngestOptions = {}): AsyncGenerator<ReadItem> {
  // Loops are guarded per input: a folder named twice is read twice, like a file named twice.
  for (const path of paths) yield* readPath(path, opts, new Set(), true);
}

/** The article a pending one stands for; throws the DossierError that reading it would have. */
export function makeArticle(pending: PendingArticle): Article {
  const { task } = pending;
  switch (task.kind) {
    case 'text':
      return fromText(task.input);
    case 'html':
      return fromHtml(task.input);
    case 'record':
      return fromRecord(task.value, task.at);
  }
}

/** An item with its article made. */
export function made(item: ReadItem): IngestItem {
  return 'pending' in item ? attempt(item.pending.source, () => makeArticle(item.pending)) : item;
}

function pending(source: string, raw: Uint8Array | string, task: ArticleTask): ReadItem {
  return { ok: true, pending: { source, contentHash: createHash('sha256').update(raw).digest('hex'), task } };
}

async function* readPath(path: string, opts: IngestOptions, visited: Set<string>, named: boolean): AsyncGenerator<ReadItem> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    yield failure(fsError(error, path, named ? 'no such file or folder' : 'is a broken link'));
    return;
  }
  if (info.isDirectory()) {
    yield* readFolder(path, opts, visited);
    return;
  }
  if (!info.isFile()) {
    yield failure(new DossierError('UNSUPPORTED', 'is not a regular file or folder', path));
    return;
  }
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // A JSONL file holds many articles: over the limit it is read line by line, each line held to it.
  if (info.size > maxBytes && EXTENSIONS[extname(path).toLowerCase()] === 'jsonl') {
    yield* streamJsonl(path, maxBytes);
    return;
  }
  // Size is checked before reading, so an oversized file is never loaded.
  if (info.size > maxBytes) {
    yield failure(tooLarge(info.size, maxBytes, path));
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield failure(fsError(error, path, 'cannot be read'));
    return;
  }
  yield* pendingFromBytes(path, bytes, opts);
}

/** A folder's entries in file-name order, hidden ones skipped; a folder reached twice (a symlink loop) is read once. */
async function* readFolder(path: string, opts: IngestOptions, visited: Set<string>): AsyncGenerator<ReadItem> {
  let names: string[];
  try {
    const real = await realpath(path);
    if (visited.has(real)) return;
    visited.add(real);
    names = await readdir(path);
  } catch (error) {
    yield failure(fsError(error, path, 'cannot be read'));
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (name.startsWith('.')) continue;
    yield* readPath(join(path, name), opts, visited, false);
  }
}

/** The records of a JSONL file too large to hold, read in 1 MB chunks: each line must be UTF-8 and
 *  within `maxBytes` (a longer line is skipped unread, one error), so memory stays at one line. */
async function* streamJsonl(path: string, maxBytes: number): AsyncGenerator<ReadItem> {
  const stem = basename(path, extname(path)) || 'untitled';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Buffer[] = [];
  let size = 0;
  let overlong = false;
  let line = 0;
  let records = 0;
  function* endLine(): Generator<ReadItem> {
    line++;
    const bytes = Buffer.concat(parts, size);
    const wasOverlong = overlong;
    parts = [];
    size = 0;
    overlong = false;
    if (wasOverlong) {
      records++;
      yield failure(new DossierError('TOO_LARGE', `JSONL line ${line} is over the ${formatBytes(maxBytes)} limit`, `${path}#${records}`));
      return;
    }
    let raw: string;
    try {
      raw = decoder.decode(line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes).replace(/\r$/, '');
    } catch {
      records++;
      yield failure(new DossierError('UNDECODABLE', `JSONL line ${line} is not valid UTF-8`, `${path}#${records}`));
      return;
    }
    if (!raw.trim()) return;
    records++;
    const source = `${path}#${records}`;
    yield jsonlItem(jsonlLine(raw, source, line), source, stem, records);
  }
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      let at = 0;
      while (at <= chunk.length) {
        const newline = chunk.indexOf(10, at);
        const piece = chunk.subarray(at, newline < 0 ? chunk.length : newline);
        if (!overlong && size + piece.length > maxBytes) {
          overlong = true;
          parts = [];
          size = 0;
        }
        if (!overlong && piece.length) {
          parts.push(Buffer.from(piece));
          size += piece.length;
        }
        if (newline < 0) break;
        yield* endLine();
        at = newline + 1;
      }
    }
  } catch (error) {
    yield failure(fsError(error, path, 'cannot be read'));
    return;
  }
  if (size || overlong) yield* endLine();
  if (!records) yield failure(new DossierError('EMPTY', 'has no JSON lines', path));
}

/** The articles in one named blob (used by HTTP uploads): format by extension, else sniffed. */
export function articlesFromBytes(name: string, bytes: Uint8Array, opts: IngestOptions = {}): IngestItem[] {
  return pendingFromBytes(name, bytes, opts).map(made);
}

function pendingFromBytes(name: string, bytes: Uint8Array, opts: IngestOptions): ReadItem[] {
  try {
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes, name);
    const ext = extname(name).toLowerCase();
    const declared = EXTENSIONS[ext];
    if (ext && !declared) {
      throw new DossierError('UNSUPPORTED', `unsupported file type '${ext}' (expected ${Object.keys(EXTENSIONS).join(', ')})`, name);
    }
    if (bytes.length === 0) throw new DossierError('EMPTY', 'is empty (0 bytes)', name);
    const text = decodeBytes(bytes, name).text.replace(/\r\n?/g, '\n');
    if (!text.trim()) throw new DossierError('EMPTY', 'contains only whitespace', name);
    // A nameless upload ("" or ".txt") still needs an id: FORMAT.md ids are never empty.
    const stem = basename(name, extname(name)) || 'untitled';
    return read(declared ?? sniff(text), { name, stem, text, bytes });
  } catch (error) {
    return [failure(asDossierError(error, name))];
  }
}

export interface Input {
  name: string;
  stem: string;
  text: string;
  bytes: Uint8Array;
}

function read(kind: Kind, input: Input): ReadItem[] {
  switch (kind) {
    case 'text':
    case 'html':
      return [pending(input.name, input.bytes, { kind, input })];
    case 'json':
      return fromJson(input);
    case 'jsonl':
      return fromJsonl(input);
    case 'feed':
      return fromFeed(input);
  }
}

function fromText(input: Input): Article {
  return assembleArticle({
    id: input.stem,
    source: input.name,
    format: 'text',
    paragraphs: [{ text: input.text }],
    meta: {},
    raw: input.bytes,
    titleFromFirstLine: true,
  });
}

function fromHtml(input: Input): Article {
  const page = readHtmlPage(input.text, input.name);
  return assembleArticle({ id: input.stem, source: input.name, format: 'html', paragraphs: page.paragraphs, meta: page.meta, raw: input.bytes });
}

function fromJson(input: Input): ReadItem[] {
  const { records, single } = jsonRecords(input.text, input.name);
  return records.map((value, i) => {
    const source = single ? input.name : `${input.name}#${i + 1}`;
    return recordItem(value, { source, format: 'json', fileId: single ? input.stem : undefined, fallbackId: `${input.stem}-${i + 1}` }, () => (single ? input.bytes : canonicalJson(value)));
  });
}

/** A record left to make into an article, hashed over its raw form. */
function recordItem(value: unknown, place: Omit<RecordPlace, 'raw'>, rawOf: () => Uint8Array | string): ReadItem {
  let raw: Uint8Array | string;
  try {
    raw = rawOf();
  } catch (error) {
    return failure(asDossierError(error, place.source));
  }
  return pending(place.source, raw, { kind: 'record', value, at: { ...place, raw } });
}

function fromJsonl(input: Input): ReadItem[] {
  return jsonlRecords(input.text, input.name).map((line, i) => jsonlItem(line, `${input.name}#${i + 1}`, input.stem, i + 1));
}

/** The article (or the error) of the n-th record of a JSONL file. */
function jsonlItem({ record, error }: { record?: unknown; error?: DossierError }, source: string, stem: string, n: number): ReadItem {
  if (error) return failure(error);
  return recordItem(record, { source, format: 'jsonl', fallbackId: `${stem}-${n}` }, () => canonicalJson(record));
}

export interface RecordPlace {
  source: string;
  format: 'json' | 'jsonl';
  /** A single-object .json file is a file: its id is the file's name, whatever the record says. */
  fileId?: string;
  fallbackId: string;
  raw: Uint8Array | string;
}

function fromRecord(value: unknown, at: RecordPlace): Article {
  const record = articleRecord(value, at.source);
  let paragraphs = [{ text: record.text ?? '' }];
  let pageMeta = {};
  if (record.text === null && record.html !== null) {
    if (isWholePage(record.html)) {
      const page = readHtmlPage(record.html, at.source);
      paragraphs = page.paragraphs;
      pageMeta = page.meta;
    } else {
      paragraphs = readHtmlFragment(record.html);
    }
  }
  // The record's own fields win over what its HTML says about itself.
  const own = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null));
  return assembleArticle({
    id: at.fileId ?? record.id ?? at.fallbackId,
    source: at.source,
    format: at.format,
    paragraphs,
    meta: { ...pageMeta, ...own },
    raw: at.raw,
  });
}

function fromFeed(input: Input): ReadItem[] {
  const feed = parseFeed(input.text, input.name);
  if (feed.items.length === 0) throw new DossierError('EMPTY', `${feed.kind === 'atom' ? 'Atom' : 'RSS'} feed has no items`, input.name);
  return feed.items.map((item, i) => {
    const source = `${input.name}#${i + 1}`;
    return attempt(source, () => {
      if (!item.content) throw new DossierError('EMPTY', 'feed item has no content, description or summary', source);
      const paragraphs = 'html' in item.content ? readHtmlFragment(item.content.html) : [{ text: item.content.text }];
      return assembleArticle({
        id: item.id ?? `${input.stem}-${i + 1}`,
        source,
        format: feed.kind,
        paragraphs,
        meta: { title: item.title, author: item.author, outlet: feed.title, url: item.url, published: item.published, lang: item.language ?? feed.language },
        raw: item.xml,
      });
    });
  });
}

/** The format of a blob without a known extension, from its first characters. */
function sniff(text: string): Kind {
  const head = text.trimStart().slice(0, 2048);
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<!doctype\s+html|<html[\s>]/i.test(head)) return 'html';
  if (looksLikeFeed(text)) return 'feed';
  if (/^<\?xml/i.test(head)) return 'feed'; // XML of another kind: parseFeed says which
  if (/^<(?:head|body|article|main|div|p|h[1-6]|section)[\s>]/i.test(head)) return 'html';
  if (/^[[{]/.test(head)) {
    const lines = text.split('\n').filter((l) => l.trim());
    return lines.length > 1 && lines.every((l) => /^\s*\{.*\}\s*$/.test(l)) ? 'jsonl' : 'json';
  }
  return 'text';
}

function attempt(source: string, make: () => Article): IngestItem {
  try {
    return { ok: true, article: make() };
  } catch (error) {
    return failure(asDossierError(error, source));
  }
}

function failure(error: DossierError): { ok: false; error: DossierError } {
  return { ok: false, error };
}

/** Our errors pass through; anything else is a bug surfaced as a one-line MALFORMED for the file. */
function asDossierError(error: unknown, file: string): DossierError {
  if (error instanceof DossierError) return error;
  return new DossierError('MALFORMED', `could not be read: ${(error as Error)?.message ?? String(error)}`, file);
}

function tooLarge(size: number, maxBytes: number, file: string): DossierError {
  return new DossierError('TOO_LARGE', `is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`, file);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}

function fsError(error: unknown, file: string, reason: string): DossierError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new DossierError('NOT_FOUND', reason, file);
  if (code === 'ELOOP') return new DossierError('UNREADABLE', 'is a symbolic link loop', file);
  return new DossierError('UNREADABLE', `cannot be read (${code ?? (error as Error)?.message})`, file);
}
