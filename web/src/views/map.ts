// The offline map: country shapes from world-atlas (bundled, no tile server) drawn with d3-geo;
// countries named in the corpus are shaded by mentions, cities and regions are points from the
// knowledge base's coordinates. Click a place to open its dossier.
import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { empty, entityLink, h, section, svg } from '../dom.js';
import { get, type Place } from '../api.js';

export async function mapView(root: HTMLElement): Promise<void> {
  const { items } = await get<{ items: Place[] }>('/api/places');
  const W = 960, H = 500;
  const projection = geoNaturalEarth1().fitExtent([[8, 8], [W - 8, H - 8]], { type: 'Sphere' });
  const path = geoPath(projection);
  const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topo, topo.objects.countries);
  const byCode = new Map<string, Place>();
  for (const p of items) if (p.kind === 'country' && p.ccn3) byCode.set(p.ccn3, p);
  const max = Math.max(1, ...items.map((p) => p.mentionCount));

  const map = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'world-map', role: 'img', 'aria-label': 'Map of places named in the corpus' });
  map.append(svg('path', { d: path({ type: 'Sphere' }) ?? '', class: 'sphere' }));
  map.append(svg('path', { d: path(geoGraticule10()) ?? '', class: 'graticule' }));
  for (const f of countries.features) {
    const place = byCode.get(String(f.id));
    const shape = svg('path', { d: path(f) ?? '', class: place ? 'country named' : 'country' });
    if (place) {
      shape.setAttribute('fill-opacity', String(0.25 + 0.75 * Math.sqrt(place.mentionCount / max)));
      shape.append(svg('title', {}, `${place.name}: ${place.mentionCount} mentions in ${place.documentCount} documents`));
      shape.addEventListener('click', () => (location.hash = `#/entity/${encodeURIComponent(place.id)}`));
    } else {
      shape.append(svg('title', {}, f.properties?.name ?? ''));
    }
    map.append(shape);
  }
  // Cities over regions, bigger places first; a label is left out where it would cover another.
  const kindOrder = { city: 0, other: 1, region: 2, country: 3 } as const;
  const points = items.filter((p) => p.kind !== 'country' && p.lat !== null && p.lon !== null)
    .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || b.mentionCount - a.mentionCount);
  const labelled: [number, number, number, number][] = [];
  const layer = svg('g', { class: 'places' });
  for (const p of points) {
    const xy = projection([p.lon!, p.lat!]);
    if (!xy) continue;
    const r = (p.kind === 'city' ? 3.5 : 2.5) + 6 * Math.sqrt(p.mentionCount / max);
    const box: [number, number, number, number] = [xy[0] + r + 2, xy[1] - 8, xy[0] + r + 4 + p.name.length * 5.6, xy[1] + 4];
    const free = !labelled.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]);
    if (free) labelled.push(box);
    const g = svg('g', { class: `place place-${p.kind}`, transform: `translate(${xy[0].toFixed(1)},${xy[1].toFixed(1)})` },
      svg('circle', { r: r.toFixed(1) }),
      svg('title', {}, `${p.name} (${p.kind}): ${p.mentionCount} mentions${p.events ? `, ${p.events} events` : ''}`));
    if (free) g.append(svg('text', { x: (r + 2).toFixed(1), y: '3', class: 'place-label' }, p.name));
    g.addEventListener('click', () => (location.hash = `#/entity/${encodeURIComponent(p.id)}`));
    // Regions first in the layer so cities are drawn over them.
    if (p.kind === 'city') layer.append(g);
    else layer.prepend(g);
  }
  map.append(layer);
  const controls = zoomable(map, W, H);
  const unplaced = items.filter((p) => p.lat === null && !(p.kind === 'country' && p.ccn3));
  root.append(
    h('header', { class: 'page-head' }, h('h1', null, 'Map'),
      h('p', { class: 'muted small' }, `${items.length} places named in the corpus; countries shaded by mentions, cities and regions as points. Drawn offline from Natural Earth shapes.`)),
    h('div', { class: 'card map-card' }, controls, map),
    h('div', { class: 'grid two' },
      section('Places', items.length ? h('table', { class: 'table' },
        h('thead', null, h('tr', null, h('th', null, 'Place'), h('th', null, 'Kind'), h('th', null, 'Mentions'), h('th', null, 'Events'))),
        h('tbody', null, ...items.slice(0, 60).map((p) => h('tr', null, h('td', null, entityLink(p.id, p.name, p.type)), h('td', null, p.kind), h('td', null, String(p.mentionCount)), h('td', null, String(p.events))))))
        : empty('No place is named yet.')),
      section('Not on the map', unplaced.length ? h('ul', { class: 'list compact' }, ...unplaced.map((p) => h('li', null, entityLink(p.id, p.name, p.type), h('span', { class: 'muted small' }, ' no coordinates in the knowledge base'))))
        : empty('Every place has coordinates.'))));
}

/** Zoom buttons, wheel zoom and drag panning by moving the SVG's viewBox (no tiles involved). */
function zoomable(map: SVGElement, W: number, H: number): HTMLElement {
  let view = { x: 0, y: 0, w: W, h: H };
  const apply = () => map.setAttribute('viewBox', `${view.x.toFixed(1)} ${view.y.toFixed(1)} ${view.w.toFixed(1)} ${view.h.toFixed(1)}`);
  const zoom = (factor: number, cx = view.x + view.w / 2, cy = view.y + view.h / 2) => {
    const w = Math.min(W, Math.max(W / 16, view.w / factor));
    const h = (w / W) * H;
    view = { x: cx - ((cx - view.x) * w) / view.w, y: cy - ((cy - view.y) * h) / view.h, w, h };
    map.classList.toggle('zoomed', w < W);
    apply();
  };
  map.addEventListener('wheel', (e) => {
    e.preventDefault();
    const box = map.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.25 : 0.8, view.x + ((e.clientX - box.left) / box.width) * view.w, view.y + ((e.clientY - box.top) / box.height) * view.h);
  }, { passive: false });
  let drag: { x: number; y: number; vx: number; vy: number } | null = null;
  map.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
  });
  window.addEventListener('pointerup', () => (drag = null));
  map.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const scale = view.w / map.getBoundingClientRect().width;
    view = { ...view, x: drag.vx - (e.clientX - drag.x) * scale, y: drag.vy - (e.clientY - drag.y) * scale };
    apply();
  });
  return h('div', { class: 'map-controls' },
    h('button', { type: 'button', title: 'zoom in', 'aria-label': 'zoom in', onclick: () => zoom(1.5) }, '+'),
    h('button', { type: 'button', title: 'zoom out', 'aria-label': 'zoom out', onclick: () => zoom(1 / 1.5) }, '−'),
    h('button', { type: 'button', title: 'whole world', onclick: () => { view = { x: 0, y: 0, w: W, h: H }; apply(); } }, 'World'));
}
