// RSS 2.0 (and RDF/RSS 1.0) and Atom feeds: each item or entry is an article. XML is parsed
// safely — a DOCTYPE that declares entities is refused outright (no external entities, no
// expansion bombs), and fast-xml-parser's own entity limits stay on as a second guard.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DossierError } from '../errors.js';

export interface FeedItem {
  /** The item's guid or Atom id, when it has one. */
  id: string | null;
  title: string | null;
  url: string | null;
  author: string | null;
  published: string | null;
  /** The item body: HTML to strip, or plain text (Atom type="text"). */
  content: { html: string } | { text: string } | null;
  /** The item's own XML, which its content hash is taken over. */
  xml: string;
  /** The item's declared language (dc:language, Atom xml:lang), if any. */
  language: string | null;
}

export interface Feed {
  kind: 'rss' | 'atom';
  /** The channel or feed title: the outlet of every item. */
  title: string | null;
  /** The channel's or feed's declared language (RSS <language>, dc:language, Atom xml:lang). */
  language: string | null;
  items: FeedItem[];
}

const ITEM_TAGS = ['item', 'entry'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  processEntities: { enabled: true, maxEntityCount: 16, maxEntitySize: 1_000, maxExpansionDepth: 2, maxExpandedLength: 1_000_000 },
  isArray: (name) => ['item', 'entry', 'atom:entry', 'link', 'atom:link', 'author', 'dc:creator'].includes(name),
});

/** The root element's name, skipping the XML declaration, comments and DOCTYPE. */
export function xmlRoot(xml: string): string | null {
  return /^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>))*\s*<([\w:.-]+)/i.exec(xml)?.[1] ?? null;
}

/** Whether text looks like XML that could be a feed (for sniffing extension-less inputs). */
export function looksLikeFeed(text: string): boolean {
  const root = xmlRoot(text);
  return root !== null && /^(?:rss|feed|atom:feed|rdf:RDF)$/i.test(root);
}

export function parseFeed(xml: string, file: string): Feed {
  const root = xmlRoot(xml);
  const prolog = root ? xml.slice(0, xml.indexOf(`<${root}`)) : xml;
  if (/<!ENTITY/i.test(prolog)) {
    throw new DossierError('MALFORMED', 'XML declares entities in its DOCTYPE; refused (entity expansion is not allowed)', file);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    if (!root) throw new DossierError('MALFORMED', 'malformed XML: no root element', file);
    if (!closesRoot(xml, root)) throw new DossierError('TRUNCATED', `XML ends mid-way (root element <${root}> is never closed)`, file);
    throw new DossierError('MALFORMED', `malformed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`, file);
  }
  if (!root || !/^(?:rss|feed|atom:feed|rdf:RDF)$/i.test(root)) {
    throw new DossierError('UNSUPPORTED', `XML that is not an RSS or Atom feed (root element <${root ?? '?'}>)`, file);
  }
  let doc: any;
  try {
    doc = parser.parse(xml);
  } catch (error) {
    throw new DossierError('MALFORMED', `malformed XML: ${(error as Error).message}`, file);
  }
  const slices = itemSlices(xml);
  const top = doc[root];
  if (/feed$/i.test(root)) {
    const entries: any[] = pick(top, 'entry', 'atom:entry') ?? [];
    return {
      kind: 'atom', title: textOf(pick(top, 'title', 'atom:title')), language: textOf(top?.['@_xml:lang']),
      items: entries.map((e, i) => atomEntry(e, slices[i] ?? '')),
    };
  }
  const channel = pick(top, 'channel') ?? {};
  // RSS 2.0 puts items in the channel; RSS 1.0 (RDF) puts them beside it.
  const items: any[] = pick(channel, 'item') ?? pick(top, 'item') ?? [];
  return {
    kind: 'rss', title: textOf(pick(channel, 'title')), language: textOf(pick(channel, 'language', 'dc:language')),
    items: items.map((it, i) => rssItem(it, slices[i] ?? '')),
  };
}

function closesRoot(xml: string, root: string): boolean {
  return new RegExp(`</${root.replace(/[.]/g, '\\.')}\\s*>(?:\\s|<!--[\\s\\S]*?-->)*$`).test(xml);
}

function rssItem(item: any, xml: string): FeedItem {
  const guid = pick(item, 'guid');
  const html = textOf(pick(item, 'content:encoded')) ?? textOf(pick(item, 'description'));
  return {
    id: textOf(guid),
    title: textOf(pick(item, 'title')),
    url: textOf(pick(item, 'link')) ?? (guid?.['@_isPermaLink'] !== 'false' && /^https?:/.test(textOf(guid) ?? '') ? textOf(guid) : null),
    author: rssAuthor(textOf(pick(item, 'dc:creator')) ?? textOf(pick(item, 'author'))),
    published: textOf(pick(item, 'pubDate', 'dc:date', 'published')),
    content: html ? { html } : null,
    xml,
    language: textOf(pick(item, 'dc:language')),
  };
}

/** RSS <author> is an e-mail address, often with the name in brackets: "jane@x.com (Jane Doe)". */
function rssAuthor(value: string | null): string | null {
  if (!value) return null;
  const named = /\(([^)]+)\)/.exec(value);
  if (named) return named[1].trim();
  return /^\S+@\S+$/.test(value) ? null : value;
}

function atomEntry(entry: any, xml: string): FeedItem {
  const links: any[] = pick(entry, 'link', 'atom:link') ?? [];
  const link = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
  const authors: any[] = pick(entry, 'author', 'atom:author') ?? [];
  const body = pick(entry, 'content', 'atom:content') ?? pick(entry, 'summary', 'atom:summary');
  return {
    id: textOf(pick(entry, 'id', 'atom:id')),
    title: textOf(pick(entry, 'title', 'atom:title')),
    url: link?.['@_href'] ?? null,
    author: textOf(pick(authors[0], 'name', 'atom:name')),
    published: textOf(pick(entry, 'published', 'atom:published', 'updated', 'atom:updated')),
    content: atomContent(body),
    xml,
    language: textOf(entry?.['@_xml:lang']),
  };
}

function atomContent(body: any): FeedItem['content'] {
  if (body === undefined || body === null) return null;
  const type = typeof body === 'object' ? body['@_type'] : undefined;
  if (type === 'xhtml') return { text: flattenText(body) };
  const value = textOf(body);
  if (!value) return null;
  return type === 'html' || type === 'text/html' ? { html: value } : { text: value };
}

/** Text of a parsed XML subtree (Atom xhtml content), one element's text per line. */
function flattenText(node: any): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(flattenText).join('\n');
  if (!node || typeof node !== 'object') return '';
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('@_'))
    .map(([, value]) => flattenText(value))
    .filter(Boolean)
    .join('\n');
}

function pick(obj: any, ...keys: string[]): any {
  if (!obj || typeof obj !== 'object') return undefined;
  for (const key of keys) if (obj[key] !== undefined) return obj[key];
  return undefined;
}

/** The text of a parsed element: a string, the #text of an element with attributes, or the first of a list. */
function textOf(value: any): string | null {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || null;
  if (value && typeof value === 'object' && value['#text'] !== undefined) return textOf(value['#text']);
  return null;
}

/** The raw XML of each item or entry, in document order, skipping CDATA sections and comments. */
function itemSlices(xml: string): string[] {
  const slices: string[] = [];
  const re = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)((?:[\w.-]+:)?([\w.-]+))(?=[\s>/])[^>]*?(\/?)>/g;
  let depth = 0;
  let start = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[3] === undefined || !ITEM_TAGS.includes(m[3])) continue;
    const closing = m[1] === '/';
    const selfClosing = m[4] === '/';
    if (!closing && !selfClosing) {
      if (depth++ === 0) start = m.index;
    } else if (closing && depth > 0 && --depth === 0) {
      slices.push(xml.slice(start, m.index + m[0].length));
    }
  }
  return slices;
}
