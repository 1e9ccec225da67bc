// DOM building without HTML strings: every piece of text becomes a text node (textContent), so
// article-derived text can never become markup. There is deliberately no innerHTML in the UI.

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

/** An element with attributes (on* keys become listeners) and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'href') el.setAttribute('href', safeHref(String(value)));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Only in-app (#…) and http(s) links; anything else (javascript:, data:) is dropped. */
export function safeHref(href: string): string {
  if (href.startsWith('#') || href.startsWith('/')) return href;
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch {
    return '#';
  }
}

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag: string, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export const TYPE_LABEL: Record<string, string> = {
  PERSON: 'Person', ORG: 'Organisation', GPE: 'Country/city', LOC: 'Location', FAC: 'Facility', PRODUCT: 'Product',
  NORP: 'Group', EVENT: 'Event', LAW: 'Law',
};

export function typeBadge(type: string): HTMLElement {
  return h('span', { class: `badge type-${type}`, title: TYPE_LABEL[type] ?? type }, TYPE_LABEL[type] ?? type);
}

export function modalityBadge(modality: string): HTMLElement {
  return h('span', { class: `badge modality modality-${modality}`, title: `modality: ${modality}` }, modality);
}

export function entityLink(id: string, name: string, type?: string): HTMLElement {
  return h('a', { href: `#/entity/${encodeURIComponent(id)}`, class: `entity-link${type ? ` type-${type}` : ''}` }, name);
}

/** What to call an article: its title, else its outlet and date (ids mean nothing to a reader). */
export function docTitle(d: { id: string; title?: string | null; outlet?: string | null; published?: string | null }): string {
  if (d.title) return d.title;
  if (d.outlet || d.published) return `${d.outlet ?? 'Unknown outlet'}, ${formatDate(d.published)} (${d.id.slice(0, 12)})`;
  return d.id;
}

/** A short name for an article inside a line that already gives its date: the outlet, else the id. */
export function outletOrId(id: string, outlet: string | null | undefined): string {
  return outlet ?? `article ${id.slice(0, 12)}`;
}

export function docLink(id: string, title: string | null): HTMLElement {
  return h('a', { href: `#/doc/${encodeURIComponent(id)}` }, title || id);
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'muted' }, text);
}

/** Text with the query words marked, built from text nodes and <mark> elements only. */
export function markWords(text: string, words: string[]): Node[] {
  const terms = words.map((w) => w.toLowerCase()).filter((w) => w.length > 1);
  if (!terms.length) return [document.createTextNode(text)];
  const re = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return text.split(re).map((part, i) => (i % 2 ? h('mark', null, part) : document.createTextNode(part)));
}

export function formatDate(d: string | null | undefined): string {
  if (!d) return 'undated';
  const [y, m, day] = d.split('-');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  if (!m) return y;
  if (!day) return `${months[Number(m) - 1] ?? m} ${y}`;
  return `${Number(day)} ${months[Number(m) - 1] ?? m} ${y}`;
}
