// Whole-store export and import as versioned JSONL, through the Store interface (SQLite or
// PostgreSQL alike). Import re-saves every document through Store.saveDocument in the original
// ingest order, so corpus entities, claims and clusters are rebuilt as they were.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { AnalysisSchema, type Analysis } from '../schema/analysis.js';
import { ArticleSchema, type Article } from '../schema/article.js';
import { newDocument } from '../schema/document.js';
import { segment } from '../nlp/tokenize.js';
import { DossierError } from '../errors.js';
import type { ListEntry } from '../screen/types.js';
import type { AnalysedDocument, Store } from './types.js';

export const EXPORT_FORMAT = 'dossier-export';
export const EXPORT_VERSION = 1;

/** First line of an export: what it is and how much follows. */
export interface ExportHeader {
  type: 'header';
  format: typeof EXPORT_FORMAT;
  version: number;
  documents: number;
  listEntries: number;
}
export interface ExportedList { type: 'list'; entry: ListEntry }
export interface ExportedDocument {
  type: 'document';
  /** The store's id, checked again on import. */
  id: string;
  article: Article;
  analysis: Analysis;
  sentences: { start: number; end: number }[];
  publishedConfidence: number;
  publishedEvidence: string | null;
}
export type ExportLine = ExportHeader | ExportedList | ExportedDocument;

const PAGE = 500;

/** The ids of every stored document in the order they were ingested (then by id). */
async function idsInIngestOrder(store: Store): Promise<string[]> {
  const seen: { id: string; ingestedAt: string }[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listDocuments({ limit: PAGE, offset });
    for (const d of page.items) {
      const doc = await store.getDocument(d.id);
      if (doc) seen.push({ id: d.id, ingestedAt: doc.ingestedAt });
    }
    if (page.items.length < PAGE || offset + PAGE >= page.total) break;
  }
  return seen.sort((a, b) => (a.ingestedAt < b.ingestedAt ? -1 : a.ingestedAt > b.ingestedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((d) => d.id);
}

/** The sentence spans of an article's text. The store interface does not hand them back, so they
 *  are recomputed by the segment stage, which is pure and is what produced the stored ones. */
export function sentencesOf(article: Article): { start: number; end: number }[] {
  return segment(newDocument(article)).sentences.map((s) => ({ start: s.start, end: s.end }));
}

/** Every line of an export of the store, header first, then list entries, then documents. */
export async function* exportStore(store: Store): AsyncGenerator<string> {
  const lists = await store.loadLists();
  const ids = await idsInIngestOrder(store);
  const header: ExportHeader = { type: 'header', format: EXPORT_FORMAT, version: EXPORT_VERSION, documents: ids.length, listEntries: lists.length };
  yield JSON.stringify(header);
  for (const entry of lists) yield JSON.stringify({ type: 'list', entry } satisfies ExportedList);
  for (const id of ids) {
    const doc = await store.getDocument(id);
    if (!doc) throw new DossierError('STORE', `document ${id} vanished during export`);
    const line: ExportedDocument = {
      type: 'document',
      id: doc.id,
      article: doc.article,
      analysis: doc.analysis,
      sentences: sentencesOf(doc.article),
      publishedConfidence: doc.publishedConfidence,
      publishedEvidence: doc.publishedEvidence,
    };
    yield JSON.stringify(line);
  }
}

export interface ImportReport {
  documents: number;
  inserted: number;
  replaced: number;
  unchanged: number;
  listEntries: number;
  /** Documents the store saved under another id than the export named (exported id → new id). */
  renamed: { from: string; to: string }[];
}

/** Parses and validates one line of an export; the values saved are the parsed JSON as written
 *  (the schemas only check it), so a re-export reproduces the bytes. */
export function parseExportLine(text: string, lineNo: number, file: string): ExportLine {
  const bad = (why: string) => new DossierError('MALFORMED', `line ${lineNo}: ${why}`, file);
  let value: any;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw bad(`not JSON (${(err as Error).message})`);
  }
  if (!value || typeof value !== 'object') throw bad('not an object');
  switch (value.type) {
    case 'header':
      if (value.format !== EXPORT_FORMAT) throw bad(`not a Dossier export (format ${JSON.stringify(value.format)})`);
      if (value.version !== EXPORT_VERSION) {
        throw new DossierError('UNSUPPORTED', `export version ${value.version}; this Dossier reads version ${EXPORT_VERSION}`, file);
      }
      return value as ExportHeader;
    case 'list':
      if (!value.entry || typeof value.entry.list !== 'string' || typeof value.entry.id !== 'string' || typeof value.entry.name !== 'string') {
        throw bad('list entry without list, id or name');
      }
      return value as ExportedList;
    case 'document': {
      const article = ArticleSchema.safeParse(value.article);
      if (!article.success) throw bad(`article: ${article.error.issues[0]?.message ?? 'invalid'}`);
      const analysis = AnalysisSchema.safeParse(value.analysis);
      if (!analysis.success) throw bad(`analysis: ${analysis.error.issues[0]?.message ?? 'invalid'}`);
      const spans = Array.isArray(value.sentences) && value.sentences.every((s: any) => Number.isInteger(s?.start) && Number.isInteger(s?.end));
      if (!spans) throw bad('sentences must be {start, end} spans');
      if (typeof value.publishedConfidence !== 'number') throw bad('publishedConfidence must be a number');
      return value as ExportedDocument;
    }
    default:
      throw bad(`unknown line type ${JSON.stringify(value.type)}`);
  }
}

/** Imports an export file into a store. Lines are checked before anything is saved from them;
 *  the header must come first. Documents already stored (same content) are left unchanged. */
export async function importStore(store: Store, file: string): Promise<ImportReport> {
  const report: ImportReport = { documents: 0, inserted: 0, replaced: 0, unchanged: 0, listEntries: 0, renamed: [] };
  const lists: ListEntry[] = [];
  let header: ExportHeader | null = null;
  let lineNo = 0;
  const input = createReadStream(file, { encoding: 'utf8' });
  input.on('error', () => {}); // surfaced by the iterator below
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      lineNo++;
      if (!text.trim()) continue;
      const line = parseExportLine(text, lineNo, file);
      if (!header) {
        if (line.type !== 'header') throw new DossierError('MALFORMED', `line ${lineNo}: the first line must be the export header`, file);
        header = line;
        continue;
      }
      if (line.type === 'header') throw new DossierError('MALFORMED', `line ${lineNo}: a second header`, file);
      if (line.type === 'list') {
        lists.push(line.entry);
        continue;
      }
      if (lists.length && !report.listEntries) report.listEntries = await store.replaceLists(lists);
      const doc: AnalysedDocument = {
        article: line.article, analysis: line.analysis, sentences: line.sentences,
        publishedConfidence: line.publishedConfidence, publishedEvidence: line.publishedEvidence,
      };
      const saved = await store.saveDocument(doc);
      report.documents++;
      report[saved.status]++;
      if (saved.id !== line.id) report.renamed.push({ from: line.id, to: saved.id });
    }
  } catch (err) {
    if (err instanceof DossierError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DossierError('NOT_FOUND', 'no such file', file);
    if (code && /^E[A-Z]+$/.test(code)) throw new DossierError('UNREADABLE', `cannot be read (${code})`, file);
    throw new DossierError('STORE', `line ${lineNo}: ${(err as Error).message}`, file);
  }
  if (!header) throw new DossierError('EMPTY', 'holds no export header', file);
  if (lists.length && !report.listEntries) report.listEntries = await store.replaceLists(lists);
  if (report.documents !== header.documents || report.listEntries !== header.listEntries) {
    throw new DossierError('TRUNCATED', `header announces ${header.documents} documents and ${header.listEntries} list entries; ` +
      `the file holds ${report.documents} and ${report.listEntries}`, file);
  }
  return report;
}
