// The network view: an entity's neighbourhood (entities named together in claims and events, and
// the events themselves) drawn with cytoscape; filters by type, date and modality; click to open.
import cytoscape from 'cytoscape';
import { clear, empty, entityLink, formatDate, h, section, TYPE_LABEL } from '../dom.js';
import { get, type EntitySummary, type Graph, type Page } from '../api.js';
import { onLeave } from '../lifecycle.js';

const COLOURS: Record<string, string> = {
  PERSON: '#2f6fdf', ORG: '#8a4fd8', GPE: '#1f9d55', LOC: '#139a9a', FAC: '#9c6b30', PRODUCT: '#e07b00',
  NORP: '#6b7280', EVENT: '#c0392b', LAW: '#475569',
};
const TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'PRODUCT', 'NORP'];

export async function graphView(root: HTMLElement, _args: string[], query: URLSearchParams): Promise<void> {
  let centre = query.get('entity');
  if (!centre) {
    const top = await get<Page<EntitySummary>>('/api/entities', { limit: 1, sanctioned: 'true' });
    const fallback = top.items[0] ?? (await get<Page<EntitySummary>>('/api/entities', { limit: 1 })).items[0];
    if (!fallback) {
      root.append(section('Network', empty('The store holds no entity yet.')));
      return;
    }
    centre = fallback.id;
  }
  const state = {
    depth: query.get('depth') ?? '1', modality: query.get('modality') ?? '', from: query.get('from') ?? '', to: query.get('to') ?? '',
    events: query.get('events') ?? 'true', type: query.get('type') ?? '',
  };
  const graph = await get<Graph>('/api/graph/neighbourhood', { entity: centre, ...state, max: 80 });
  const centreNode = graph.nodes.find((n) => n.depth === 0);

  const form = h('form', { class: 'filters' },
    h('label', null, 'Depth ', h('select', { name: 'depth' }, ...['1', '2', '3'].map((d) => h('option', { value: d, selected: d === state.depth }, d)))),
    h('label', null, 'Type ', h('select', { name: 'type' }, h('option', { value: '' }, 'all'), ...TYPES.map((t) => h('option', { value: t, selected: t === state.type }, TYPE_LABEL[t])))),
    h('label', null, 'Modality ', h('select', { name: 'modality' }, h('option', { value: '' }, 'any'),
      ...['asserted', 'reported', 'hedged', 'speculative', 'denied'].map((m) => h('option', { value: m, selected: m === state.modality }, m)))),
    h('label', null, 'From ', h('input', { name: 'from', value: state.from, placeholder: 'YYYY', size: 8, pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' })),
    h('label', null, 'To ', h('input', { name: 'to', value: state.to, placeholder: 'YYYY', size: 8, pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' })),
    h('label', null, h('input', { type: 'checkbox', name: 'events', checked: state.events === 'true' }), ' events'),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams({ entity: centre! });
    for (const k of ['depth', 'type', 'modality', 'from', 'to']) if (data.get(k)) next.set(k, String(data.get(k)));
    next.set('events', data.get('events') ? 'true' : 'false');
    location.hash = `#/graph?${next}`;
  });
  change(form);

  const canvas = h('div', { class: 'graph-canvas', id: 'graph-canvas', role: 'img', 'aria-label': `Network around ${centreNode?.label ?? centre}` });
  const legend = h('div', { class: 'legend small' }, ...TYPES.map((t) => h('span', { class: 'legend-item' }, h('i', { class: `dot type-${t}` }), TYPE_LABEL[t])),
    h('span', { class: 'legend-item' }, h('i', { class: 'dot event-dot' }), 'Event'), h('span', { class: 'legend-item' }, h('i', { class: 'dot listed-dot' }), 'on a watch list'));
  root.append(
    h('header', { class: 'page-head' }, h('h1', null, 'Network: ', centreNode ? entityLink(centreNode.id, centreNode.label, centreNode.type) : centre),
      h('p', { class: 'muted small' }, `${graph.nodes.length} nodes, ${graph.edges.length} links${graph.truncated ? ' (the nearest and best-linked shown)' : ''}. Entities are linked when named in one claim or one event. Click a node to open it.`)),
    form, legend, canvas);
  if (graph.nodes.length <= 1) canvas.append(empty('No link passes these filters.'));

  // Cytoscape injects a <style> element unless one with its id exists; the strict CSP would block it,
  // so the rule it carries lives in style.css and this marker stops the injection.
  if (!document.getElementById('__________cytoscape_stylesheet')) document.head.append(h('meta', { id: '__________cytoscape_stylesheet', name: 'cytoscape-style' }));
  const cy = cytoscape({
    container: canvas,
    elements: [
      ...graph.nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind, type: n.type, depth: n.depth, weight: n.weight, listed: n.sanctioned ? 1 : 0 } })),
      ...graph.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, weight: e.weight, via: e.via } })),
    ],
    style: [
      { selector: 'node', style: {
        label: 'data(label)', 'font-size': 10, color: '#1f2937', 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': '130px', 'text-background-color': '#fff', 'text-background-opacity': 0.7, 'text-background-padding': '1px',
        'background-color': (n: cytoscape.NodeSingular) => COLOURS[n.data('type')] ?? '#6b7280',
        width: (n: cytoscape.NodeSingular) => 14 + Math.min(26, Math.sqrt(n.data('weight')) * 4), height: (n: cytoscape.NodeSingular) => 14 + Math.min(26, Math.sqrt(n.data('weight')) * 4),
      } },
      { selector: 'node[kind = "event"]', style: { shape: 'diamond', 'background-color': COLOURS.EVENT, width: 12, height: 12, 'font-size': 9, color: '#7f1d1d', 'text-opacity': 0 } },
      { selector: 'node.hover, node:selected', style: { 'text-opacity': 1, 'z-index': 10, 'text-background-color': '#fff', 'text-background-opacity': 0.85, 'text-background-padding': '2px' } },
      { selector: 'node[listed = 1]', style: { 'border-width': 3, 'border-color': '#dc2626' } },
      { selector: 'node[depth = 0]', style: { 'font-weight': 'bold', 'font-size': 14, 'border-width': 3, 'border-color': '#111827', 'z-index': 20, 'text-background-opacity': 0.95 } },
      { selector: 'node.on-path', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
      { selector: 'edge', style: { width: (e: cytoscape.EdgeSingular) => 1 + Math.min(6, e.data('weight')), 'line-color': '#cbd5e1', 'curve-style': 'haystack', opacity: 0.8 } },
      { selector: 'edge[via = "event"]', style: { 'line-color': '#f1a9a0', 'line-style': 'dashed' } },
    ],
    layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 40000, idealEdgeLength: () => 110, nodeOverlap: 20, gravity: 0.6, padding: 24 } as cytoscape.LayoutOptions,
    wheelSensitivity: 0.3,
  });
  cy.on('mouseover', 'node', (e) => (e.target as cytoscape.NodeSingular).addClass('hover'));
  cy.on('mouseout', 'node', (e) => (e.target as cytoscape.NodeSingular).removeClass('hover'));
  cy.on('tap', 'node', (e) => {
    const n = e.target as cytoscape.NodeSingular;
    const id = n.id();
    if (n.data('kind') === 'event') location.hash = `#/doc/${encodeURIComponent(id.split(':')[1] ?? '')}`;
    else location.hash = `#/entity/${encodeURIComponent(id)}`;
  });
  onLeave(() => cy.destroy());

  root.append(pathFinder(centreNode?.id ?? centre, cy));
  root.append(section('Linked entities', h('ul', { class: 'list compact columns' }, ...graph.nodes.filter((n) => n.kind === 'entity' && n.depth > 0).map((n) => {
    const centreId = centreNode?.id;
    const links = graph.edges.filter((e) => (e.source === n.id || e.target === n.id) && (e.source === centreId || e.target === centreId));
    const weight = links.reduce((s, e) => s + e.weight, 0);
    return h('li', null, entityLink(n.id, n.label, n.type), h('span', { class: 'muted small' }, weight ? ` ${weight} shared` : ` depth ${n.depth}`),
      ' ', h('a', { class: 'small', href: `#/graph?entity=${encodeURIComponent(n.id)}` }, '⟲ centre'));
  }))));
  const events = graph.nodes.filter((n) => n.kind === 'event');
  if (events.length) {
    root.append(section(`Events shown (${events.length})`, h('ul', { class: 'list compact columns' }, ...events
      .sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : a.id < b.id ? -1 : 1))
      .map((n) => h('li', null, h('span', { class: 'badge event' }, n.type), ' ',
        h('a', { href: `#/doc/${encodeURIComponent(n.id.split(':')[1] ?? '')}` }, n.label.replace(/^[A-Z]+: ?/, '') || n.type),
        h('span', { class: 'muted small' }, ` ${formatDate(n.date)}`))))));
  }
}

/** Submit the filter form when a select or checkbox changes. */
function change(form: HTMLFormElement): void {
  for (const el of form.querySelectorAll('select, input[type=checkbox]')) el.addEventListener('change', () => form.requestSubmit());
}

interface PathResult {
  paths: { nodes: { id: string; name: string; type: string }[]; edges: { source: string; target: string; weight: number; via: string; modalities: string[] }[] }[];
}

/** "How is X connected to Y?": shortest co-occurrence chains, listed and marked on the canvas. */
function pathFinder(from: string, cy: cytoscape.Core): HTMLElement {
  const result = h('div', { class: 'paths' });
  const input = h('input', { name: 'to', placeholder: 'another entity, e.g. Nicolás Maduro', size: 28, 'aria-label': 'path to entity' });
  const form = h('form', { class: 'path-form' }, h('label', null, 'Connections to ', input), ' ', h('button', { type: 'submit' }, 'Find paths'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const to = (input as HTMLInputElement).value.trim();
    if (!to) return;
    clear(result);
    cy.elements().removeClass('on-path');
    try {
      const r = await get<PathResult>('/api/graph/paths', { from, to });
      if (!r.paths.length) {
        result.append(empty(`No chain of at most 4 links joins them.`));
        return;
      }
      result.append(h('ol', { class: 'list' }, ...r.paths.map((p) => h('li', null, ...p.nodes.flatMap((n, i) => [
        i ? h('span', { class: 'path-link muted small', title: p.edges[i - 1].modalities.join(', ') }, ` —${p.edges[i - 1].weight}× ${p.edges[i - 1].via}→ `) : null,
        entityLink(n.id, n.name, n.type),
      ])))));
      for (const p of r.paths) for (const n of p.nodes) cy.getElementById(n.id).addClass('on-path');
    } catch (err) {
      result.append(h('p', { class: 'warning small' }, (err as Error).message));
    }
  });
  return section('Paths', form, result);
}
