// The timeline: dated events and claims, oldest first, grouped by period, with a histogram of counts;
// filter by entity and date range. Each entry says whether its date is its own or the article's.
import { docLink, docTitle, empty, entityLink, formatDate, h, section, svg } from '../dom.js';
import { get, type EntityDossier, type Page, type TimelineEntry } from '../api.js';

function histogram(items: TimelineEntry[]): SVGElement | null {
  const years = new Map<string, { event: number; claim: number }>();
  for (const it of items) {
    const y = it.date.slice(0, 4);
    if (!/^\d{4}$/.test(y)) continue;
    const v = years.get(y) ?? { event: 0, claim: 0 };
    v[it.kind === 'event' ? 'event' : 'claim']++;
    years.set(y, v);
  }
  if (years.size < 1) return null;
  const keys = [...years.keys()].sort();
  const first = Number(keys[0]);
  const last = Number(keys.at(-1));
  const span = Math.max(1, last - first + 1);
  const max = Math.max(...[...years.values()].map((v) => v.event + v.claim));
  const W = 800, H = 90, bw = W / span;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H + 18}`, class: 'histogram', role: 'img', 'aria-label': 'events and claims per year' });
  for (let i = 0; i < span; i++) {
    const year = String(first + i);
    const v = years.get(year) ?? { event: 0, claim: 0 };
    const he = (v.event / max) * H, hc = (v.claim / max) * H;
    const x = i * bw + 1;
    const g = svg('g', {}, svg('title', {}, `${year}: ${v.event} events, ${v.claim} claims`));
    g.append(svg('rect', { x, y: H - he - hc, width: Math.max(1, bw - 2), height: hc, class: 'bar-claim' }));
    g.append(svg('rect', { x, y: H - he, width: Math.max(1, bw - 2), height: he, class: 'bar-event' }));
    if (span <= 20 || i % Math.ceil(span / 12) === 0) g.append(svg('text', { x: x + bw / 2, y: H + 14, 'text-anchor': 'middle', class: 'axis' }, year));
    chart.append(g);
  }
  return chart;
}

export async function timelineView(root: HTMLElement, _args: string[], query: URLSearchParams): Promise<void> {
  const entity = query.get('entity') ?? '';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const kind = query.get('kind') ?? '';
  const [data, dossier] = await Promise.all([
    get<Page<TimelineEntry>>('/api/timeline', { entity, from, to, limit: 1000 }),
    entity ? get<EntityDossier>(`/api/entities/${encodeURIComponent(entity)}`) : Promise.resolve(null),
  ]);
  const items = data.items.filter((it) => !kind || (kind === 'event' ? it.kind === 'event' : it.kind !== 'event'));
  const form = h('form', { class: 'filters' },
    h('label', null, 'Entity ', h('input', { name: 'entity', value: entity, placeholder: 'name or id', size: 18 })),
    h('label', null, 'From ', h('input', { name: 'from', value: from, placeholder: 'YYYY', size: 8 })),
    h('label', null, 'To ', h('input', { name: 'to', value: to, placeholder: 'YYYY', size: 8 })),
    h('label', null, 'Show ', h('select', { name: 'kind' }, ...[['', 'events and claims'], ['event', 'events'], ['claim', 'claims']].map(([v, l]) => h('option', { value: v, selected: v === kind }, l)))),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (String(v).trim()) next.set(k, String(v).trim());
    location.hash = `#/timeline?${next}`;
  });
  root.append(h('header', { class: 'page-head' }, h('h1', null, 'Timeline', dossier ? [': ', entityLink(dossier.id, dossier.name, dossier.type)] : null),
    h('p', { class: 'muted small' }, `${items.length} dated items${data.total > data.items.length ? ` (first ${data.items.length} of ${data.total})` : ''}, placed at the date the text names (“in March 2023”, “last year”), resolved against the article’s publication date.`)), form);
  const chart = histogram(items);
  if (chart) root.append(h('div', { class: 'card' }, chart, h('div', { class: 'legend small' }, h('span', { class: 'legend-item' }, h('i', { class: 'dot event-dot' }), 'events'), h('span', { class: 'legend-item' }, h('i', { class: 'dot claim-dot' }), 'claims'))));
  if (!items.length) {
    root.append(section('Nothing dated', empty('No dated event or claim matches.')));
    return;
  }
  const periods = new Map<string, TimelineEntry[]>();
  for (const it of items) {
    const key = /^\d{4}-\d{2}/.test(it.date) ? it.date.slice(0, 7) : it.date.slice(0, 4);
    (periods.get(key) ?? periods.set(key, []).get(key)!).push(it);
  }
  root.append(h('ol', { class: 'timeline' }, ...[...periods].map(([period, list]) => h('li', { class: 'period' },
    h('h3', { class: 'period-head' }, formatDate(period)),
    h('ul', { class: 'entries' }, ...list.map((it) => h('li', { class: `entry entry-${it.kind === 'event' ? 'event' : 'claim'}` },
      h('div', { class: 'entry-head' },
        h('span', { class: `badge ${it.kind === 'event' ? 'event' : 'claim'}` }, it.kind === 'event' ? it.eventType ?? 'event' : it.kind),
        h('strong', null, formatDate(it.date)), h('span', { class: 'muted small' }, ` “${it.dateText}” · ${it.granularity} · `),
        docLink(it.documentId, docTitle({ id: it.documentId, outlet: it.outlet, published: it.published })),
        it.cluster ? [' · ', h('a', { class: 'small', href: `#/cluster/${encodeURIComponent(it.cluster)}` }, 'provenance')] : null),
      h('div', { class: 'small quote-text' }, it.text),
      it.entityRefs.length ? h('div', { class: 'small entry-entities' }, ...it.entityRefs.slice(0, 8).flatMap((e, i) => [i ? ' · ' : '', entityLink(e.id, e.name, e.type ?? undefined)])) : null)))))));
}
