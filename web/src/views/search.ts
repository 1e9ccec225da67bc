// Full-text search with facets: outlet, entity, entity type and year narrow the results; matching
// sentences are shown with the query words marked (as <mark> elements around text nodes).
import { docLink, docTitle, empty, formatDate, h, markWords, section, TYPE_LABEL } from '../dom.js';
import { get, type SearchResult } from '../api.js';

const FACETS: [keyof SearchResult['facets'], string][] = [['entity', 'Entity'], ['type', 'Entity type'], ['outlet', 'Outlet'], ['year', 'Year']];
const PAGE = 20;

export async function searchView(root: HTMLElement, _args: string[], query: URLSearchParams): Promise<void> {
  const q = query.get('q') ?? '';
  const input = document.querySelector<HTMLInputElement>('#quicksearch input');
  if (input) input.value = q;
  const form = h('form', { class: 'search-form', role: 'search' }, h('input', { type: 'search', name: 'q', value: q, placeholder: 'Words to find', 'aria-label': 'Search' }), h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams({ q: String(new FormData(form).get('q') ?? '').trim() });
    location.hash = `#/search?${next}`;
  });
  root.append(h('header', { class: 'page-head' }, h('h1', null, 'Search')), form);
  if (!q.trim()) {
    root.append(empty('Type words to find in the articles; every word must appear.'));
    return;
  }
  const filters = { entity: query.get('entity'), type: query.get('type'), outlet: query.get('outlet'), from: query.get('from'), to: query.get('to') };
  const offset = Number(query.get('offset') ?? 0) || 0;
  const r = await get<SearchResult>('/api/search', { q, ...filters, limit: PAGE, offset });
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(query);
    next.delete('offset');
    for (const [k, v] of Object.entries(changes)) (v === null ? next.delete(k) : next.set(k, v));
    return `#/search?${next}`;
  };
  const active = (key: string, value: string) => (key === 'year' ? filters.from === value && filters.to === value : filters[key as keyof typeof filters] === value);
  const facetLink = (key: string, value: string) => (key === 'year'
    ? link(active(key, value) ? { from: null, to: null } : { from: value, to: value })
    : link({ [key]: active(key, value) ? null : value }));
  const words = q.split(/\s+/);
  root.append(h('div', { class: 'search-layout' },
    h('aside', { class: 'facets' }, dateRange(query, filters.from, filters.to), ...FACETS.map(([key, title]) => r.facets[key].length ? h('div', { class: 'facet' },
      h('h3', null, title),
      h('ul', { class: 'list compact' }, ...r.facets[key].map((f) => h('li', { class: active(key, f.value) ? 'active' : null },
        h('a', { href: facetLink(key, f.value), 'data-facet': key }, key === 'type' ? TYPE_LABEL[f.label] ?? f.label : f.label),
        h('span', { class: 'muted small' }, ` ${f.count}`))))) : null)),
    h('div', { class: 'results' },
      h('p', { class: 'muted' }, `${r.total} document${r.total === 1 ? '' : 's'} match “${q}”`,
        Object.values(filters).some(Boolean) ? [' (filtered) · ', h('a', { href: `#/search?q=${encodeURIComponent(q)}` }, 'clear filters')] : null),
      r.items.length ? h('ol', { class: 'list results-list' }, ...r.items.map((hit) => h('li', { class: 'result' },
        h('h3', null, docLink(hit.document.id, docTitle(hit.document))),
        h('div', { class: 'muted small' }, `${hit.document.outlet ?? 'unknown outlet'} · ${formatDate(hit.document.published)}`),
        ...hit.sentences.map((s) => h('p', { class: 'snippet' }, ...markWords(s.text, words)))))) : section('No results', empty('Nothing matches; try fewer words or clear the filters.')),
      r.total > PAGE ? h('nav', { class: 'pager' },
        offset > 0 ? h('a', { href: link({ offset: String(Math.max(0, offset - PAGE)) }) }, '← previous') : null,
        h('span', { class: 'muted' }, ` ${offset + 1}–${Math.min(r.total, offset + PAGE)} of ${r.total} `),
        offset + PAGE < r.total ? h('a', { href: link({ offset: String(offset + PAGE) }) }, 'next →') : null) : null)));
}

/** From/to dates (YYYY, YYYY-MM or YYYY-MM-DD) narrowing the results by publication date. */
function dateRange(query: URLSearchParams, from: string | null, to: string | null): HTMLElement {
  const form = h('form', { class: 'facet date-range' },
    h('h3', null, 'Published'),
    h('input', { name: 'from', value: from ?? '', placeholder: 'from YYYY', size: 9, 'aria-label': 'published from' }), ' – ',
    h('input', { name: 'to', value: to ?? '', placeholder: 'to YYYY', size: 9, 'aria-label': 'published to' }), ' ',
    h('button', { type: 'submit' }, 'Go'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams(query);
    next.delete('offset');
    for (const k of ['from', 'to']) {
      const v = String(new FormData(form).get(k) ?? '').trim();
      if (v) next.set(k, v);
      else next.delete(k);
    }
    location.hash = `#/search?${next}`;
  });
  return form;
}
