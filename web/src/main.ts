// The web UI's entry: a hash router over the views. Each view renders into #app from API data.
import './style.css';
import { clear, h } from './dom.js';
import { ApiError } from './api.js';
import { leaveView } from './lifecycle.js';
import { overviewView } from './views/overview.js';
import { entityView } from './views/entity.js';
import { articleView } from './views/article.js';
import { graphView } from './views/graph.js';
import { timelineView } from './views/timeline.js';
import { mapView } from './views/map.js';
import { searchView } from './views/search.js';
import { claimView } from './views/claim.js';
import { ingestView } from './views/ingest.js';

export type View = (root: HTMLElement, args: string[], query: URLSearchParams) => Promise<void> | void;

const ROUTES: [RegExp, View, string][] = [
  [/^\/?$/, overviewView, 'Overview'],
  [/^\/entity\/(.+)$/, entityView, 'Dossier'],
  [/^\/doc\/(.+)$/, articleView, 'Article'],
  [/^\/claim\/([^/]+)\/(.+)$/, claimView, 'Provenance'],
  [/^\/cluster\/(.+)$/, claimView, 'Provenance'],
  [/^\/graph$/, graphView, 'Network'],
  [/^\/timeline$/, timelineView, 'Timeline'],
  [/^\/map$/, mapView, 'Map'],
  [/^\/search$/, searchView, 'Search'],
  [/^\/ingest$/, ingestView, 'Ingest'],
];

let renderSeq = 0;
async function render(): Promise<void> {
  const seq = ++renderSeq;
  leaveView();
  const root = document.getElementById('app')!;
  const [path, qs] = (location.hash.slice(1) || '/').split('?');
  const query = new URLSearchParams(qs ?? '');
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.nav a')) {
    const target = a.getAttribute('href')!.slice(1);
    a.classList.toggle('active', target === '/' ? path === '/' || path === '' : path.startsWith(target));
  }
  const match = ROUTES.map(([re, view, title]) => ({ m: re.exec(path), view, title })).find((r) => r.m);
  clear(root);
  root.classList.add('loading');
  if (!match) {
    root.append(h('section', { class: 'card' }, h('h2', null, 'Not found'), h('p', null, 'No view at this address. '), h('a', { href: '#/' }, 'Back to the overview')));
    root.classList.remove('loading');
    return;
  }
  document.title = `${match.title} · Dossier`;
  // Attached before the view renders: the network and map measure their container.
  const container = h('div', { class: 'view' });
  root.append(container);
  try {
    await match.view(container, match.m!.slice(1).map(decodeURIComponent), query);
  } catch (err) {
    if (seq !== renderSeq) return;
    clear(container);
    const message = err instanceof ApiError ? `${err.message} (${err.code})` : (err as Error).message;
    container.append(h('section', { class: 'card error' }, h('h2', null, err instanceof ApiError && err.status === 404 ? 'Not found' : 'Something went wrong'), h('p', null, message)));
  }
  if (seq !== renderSeq) return;
  root.classList.remove('loading');
  root.dataset.view = match.title.toLowerCase();
  window.scrollTo(0, 0);
}

document.getElementById('quicksearch')!.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = (new FormData(e.target as HTMLFormElement).get('q') as string).trim();
  if (q) location.hash = `#/search?q=${encodeURIComponent(q)}`;
});
window.addEventListener('hashchange', () => void render());
void render();
