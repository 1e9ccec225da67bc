// HTML → paragraphs and metadata. Whole pages go through Readability (over linkedom) to find the
// main content; fragments (feed items, JSON `html` fields) are walked directly. Metadata comes
// from the page's meta tags, JSON-LD and Readability's own findings.
import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import { DossierError } from '../errors.js';
import { normalizeText } from './decode.js';
import type { Paragraph } from './clean.js';
import { copyrightNotice } from './boilerplate.js';

// linkedom is loaded on the first page parsed: it is a quarter of a second of module loading that
// every process paid, the many that never see HTML (JSON and text ingests, workers, most commands)
// among them. Its CommonJS build is the same code as its ES module build.
const require = createRequire(import.meta.url);
let linkedom: typeof import('linkedom') | undefined;
const parseHTML = (html: string) => (linkedom ??= require('linkedom') as typeof import('linkedom')).parseHTML(html);

export interface HtmlMetadata {
  title: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  /** The publication date as the page gives it; src/ingest/dates.ts normalises it. */
  published: string | null;
  /** The page's declared language (<html lang>), used when the text does not tell. */
  lang: string | null;
}

export interface HtmlContent {
  paragraphs: Paragraph[];
  meta: HtmlMetadata;
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P',
  'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
/** Never text: scripts, styles, embedded media and form controls. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'BUTTON', 'SELECT', 'TEXTAREA', 'HEAD']);
/**
 * Page furniture, never article text: removed before Readability looks (on short pages it takes
 * the whole body, menus included) and before the body fallback.
 */
const FURNITURE = 'nav, aside, form, body > header, body > footer, [role="navigation"], [role="banner"], [role="complementary"], [role="contentinfo"]';

/** A whole HTML page: main content by Readability, falling back to the body without furniture. */
export function readHtmlPage(html: string, file: string): HtmlContent {
  checkMarkup(html, file);
  checkNesting(html, file);
  const { document } = parseHTML(html);
  const meta = pageMetadata(document);
  removeFurniture(document);
  let paragraphs: Paragraph[] = [];
  try {
    if (nestedDeeperThan(document.documentElement, READABILITY_MAX_DEPTH)) throw new Error('too deep for Readability');
    const copy = parseHTML(html).document;
    removeFurniture(copy);
    const article = new Readability(copy as unknown as Document).parse();
    if (article?.content) {
      paragraphs = paragraphsOf(parseHTML(wrap(article.content)).document.body);
      meta.title ??= clean(article.title);
      meta.author ??= clean(article.byline?.replace(/^by\s+/i, ''));
      meta.outlet ??= clean(article.siteName);
      meta.published ??= clean(article.publishedTime);
    }
  } catch {
    // Readability gives up on some odd pages; the body fallback below still reads them.
  }
  meta.title ??= clean(document.querySelector('title')?.textContent);
  if (!paragraphs.some((p) => p.text)) paragraphs = document.body ? paragraphsOf(document.body) : [];
  return { paragraphs, meta };
}

/** Readability's time grows faster than a page's nesting depth (800 levels: 1.3 s, 2,000: 85 s), so
 *  deeper pages skip it and are read from the body. Real pages nest a few dozen levels. */
const READABILITY_MAX_DEPTH = 256;

function nestedDeeperThan(root: Element | null, limit: number): boolean {
  const stack: [Element, number][] = root ? [[root, 1]] : [];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Array.from(el.children)) stack.push([child, depth + 1]);
  }
  return false;
}

function removeFurniture(document: any): void {
  document.querySelectorAll(FURNITURE).forEach((el: Element) => el.remove());
}

/** An HTML fragment (feed item, JSON `html`): its text in paragraphs, no content extraction. */
export function readHtmlFragment(html: string): Paragraph[] {
  checkNesting(html);
  return paragraphsOf(parseHTML(wrap(html)).document.body);
}

/** Whether a string looks like a whole page rather than a fragment. */
export function isWholePage(html: string): boolean {
  return /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(html);
}

function wrap(fragment: string): string {
  return `<!DOCTYPE html><html><head></head><body>${fragment}</body></html>`;
}

/**
 * HTML parsers accept anything, so "malformed" means: no markup at all, or a file that stops
 * inside a tag or comment (the tail of the page is missing).
 */
function checkMarkup(html: string, file: string): void {
  if (!/<[a-z!]/i.test(html)) throw new DossierError('MALFORMED', 'malformed HTML: no HTML markup found', file);
  const tail = html.slice(html.lastIndexOf('<'));
  const openComment = html.lastIndexOf('<!--') > html.lastIndexOf('-->');
  if (openComment || !tail.includes('>')) throw new DossierError('MALFORMED', 'malformed HTML: ends inside a tag or comment', file);
}

/** Deeper than this, markup is refused: the HTML parser's time grows with the square of the depth
 *  (60,000 nested tags: 2 s; a 20 MB file of them would never end). Real pages nest a few dozen. */
const MAX_NESTING = 2000;
const VOID_OR_IMPLIED = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rp', '!doctype']);

/** Estimates the element nesting depth in one linear pass over the tags (no parsing). */
function checkNesting(html: string, file?: string): void {
  let depth = 0;
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const close = html[at + 1] === '/';
    const name = /^[A-Za-z][\w:-]*/.exec(html.slice(at + (close ? 2 : 1), at + 40))?.[0]?.toLowerCase();
    const end = html.indexOf('>', at);
    if (end < 0) return;
    if (name && !VOID_OR_IMPLIED.has(name) && html[end - 1] !== '/') depth += close ? -1 : 1;
    if (depth < 0) depth = 0;
    if (depth > MAX_NESTING) throw new DossierError('MALFORMED', `malformed HTML: elements nested more than ${MAX_NESTING} deep`, file);
    at = end;
  }
}

/** Text of an element in paragraphs: block elements break, inline runs join, spaces collapse. */
function paragraphsOf(root: Element | null): Paragraph[] {
  const out: Paragraph[] = [];
  let run = '';
  let inCaption = 0;
  const flush = () => {
    const text = normalizeText(run.replace(/\s+/g, ' ')).trim();
    if (text) out.push(inCaption > 0 ? { text, caption: true } : { text });
    run = '';
  };
  // An explicit stack, not recursion: a page nested tens of thousands of levels deep must not
  // overflow the call stack.
  const stack: { node: Node; leaving: boolean }[] = root ? [{ node: root, leaving: false }] : [];
  while (stack.length) {
    const { node, leaving } = stack.pop()!;
    if (node.nodeType === 3) {
      run += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = (node as Element).tagName.toUpperCase();
    const block = BLOCK.has(tag);
    if (leaving) {
      if (block) flush();
      if (tag === 'FIGCAPTION') inCaption--;
      continue;
    }
    if (SKIP.has(tag)) continue;
    if (block) flush();
    if (tag === 'FIGCAPTION') inCaption++;
    stack.push({ node, leaving: true });
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], leaving: false });
  }
  flush();
  return out;
}

function pageMetadata(document: any): HtmlMetadata {
  const meta = (...keys: string[]): string | null => {
    for (const key of keys) {
      const el = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
      const value = clean(el?.getAttribute('content'));
      if (value) return value;
    }
    return null;
  };
  const ld = jsonLd(document);
  const canonical = clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  const authorMeta = meta('author', 'article:author', 'byl', 'dc.creator', 'DC.creator', 'parsely-author', 'sailthru.author');
  return {
    // <title> often carries the site name ("Deal signed | Example News"): Readability's title,
    // which strips it, comes before it (see readHtmlPage).
    title: meta('og:title', 'twitter:title', 'dc.title', 'DC.title', 'headline') ?? ld.headline,
    // article:author is often a profile URL; a URL is not a name.
    author: (authorMeta && !/^https?:\/\//.test(authorMeta) ? authorMeta.replace(/^by\s+/i, '') : null) ?? ld.author,
    outlet: meta('og:site_name', 'application-name', 'publisher', 'dc.publisher', 'DC.publisher') ?? ld.publisher ?? footerOwner(document),
    url: canonical ?? meta('og:url', 'twitter:url') ?? ld.url,
    published:
      meta('article:published_time', 'og:published_time', 'datePublished', 'date', 'pubdate', 'publishdate', 'publish-date',
        'dc.date', 'DC.date', 'dc.date.issued', 'DC.date.issued', 'sailthru.date', 'parsely-pub-date') ??
      ld.datePublished ??
      clean(document.querySelector('time[datetime]')?.getAttribute('datetime')),
    lang: clean(document.documentElement?.getAttribute('lang')),
  };
}

/** The owner named by a copyright notice in the page footer ("© 2024 Latin Times"). */
function footerOwner(document: any): string | null {
  for (const footer of document.querySelectorAll('footer, [role="contentinfo"]')) {
    for (const { text } of paragraphsOf(footer)) {
      const owner = copyrightNotice(text)?.owner;
      if (owner) return owner;
    }
  }
  return null;
}

interface LdFacts {
  headline: string | null;
  author: string | null;
  publisher: string | null;
  url: string | null;
  datePublished: string | null;
}

/** The first JSON-LD article object's facts; broken JSON-LD is ignored (it is only metadata). */
function jsonLd(document: any): LdFacts {
  const facts: LdFacts = { headline: null, author: null, publisher: null, url: null, datePublished: null };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const nodes = (Array.isArray(data) ? data : [data]).flatMap((d: any) => (d && Array.isArray(d['@graph']) ? d['@graph'] : [d]));
    const article = nodes.find((n: any) => n && typeof n === 'object' && /Article|Posting|Report/.test(String(n['@type'])));
    if (!article) continue;
    const nameOf = (v: any): string | null => clean(Array.isArray(v) ? nameOf(v[0]) : typeof v === 'string' ? v : v?.name);
    facts.headline = nameOf(article.headline);
    facts.author = nameOf(article.author);
    facts.publisher = nameOf(article.publisher);
    facts.url = nameOf(article.url);
    facts.datePublished = nameOf(article.datePublished);
    break;
  }
  return facts;
}

function clean(value: string | null | undefined): string | null {
  const text = value ? normalizeText(value.replace(/\s+/g, ' ')).trim() : '';
  return text || null;
}
