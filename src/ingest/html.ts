// HTML → paragraphs and metadata. Whole pages go through Readability (over linkedom) to find the
// main content; fragments (feed items, JSON `html` fields) are walked directly. Metadata comes
// from the page's meta tags, JSON-LD and Readability's own findings.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { DossierError } from '../errors.js';
import { normalizeText } from './decode.js';
import type { Paragraph } from './clean.js';
import { copyrightNotice } from './boilerplate.js';

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
  const { document } = parseHTML(html);
  const meta = pageMetadata(document);
  removeFurniture(document);
  let paragraphs: Paragraph[] = [];
  try {
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

function removeFurniture(document: any): void {
  document.querySelectorAll(FURNITURE).forEach((el: Element) => el.remove());
}

/** An HTML fragment (feed item, JSON `html`): its text in paragraphs, no content extraction. */
export function readHtmlFragment(html: string): Paragraph[] {
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
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      run += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) flush();
    if (tag === 'FIGCAPTION') inCaption++;
    node.childNodes.forEach(walk);
    if (block) flush();
    if (tag === 'FIGCAPTION') inCaption--;
  };
  if (root) walk(root);
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
