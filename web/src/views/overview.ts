// The landing view: corpus counts, watch-list hits, most-mentioned entities by type, latest documents.
import { docLink, docTitle, empty, entityLink, formatDate, h, modalityBadge, section, typeBadge } from '../dom.js';
import type { ClusterRef } from '../clusters.js';
import { get, type DocumentSummary, type EntitySummary, type Health, type Page, type SanctionedEntity } from '../api.js';

export async function overviewView(root: HTMLElement): Promise<void> {
  const [health, entities, docs, sanctions, clusters] = await Promise.all([
    get<Health>('/api/health'),
    get<Page<EntitySummary>>('/api/entities', { limit: 40 }),
    get<Page<DocumentSummary>>('/api/documents', { limit: 20 }),
    get<Page<SanctionedEntity>>('/api/sanctions', { limit: 20 }),
    get<Page<ClusterRef>>('/api/clusters', { limit: 40 }),
  ]);
  const s = health.stats;
  root.append(
    h('div', { class: 'stats' },
      ...[['documents', s.documents], ['entities', s.entities], ['claims', s.claims], ['events', s.events], ['watch-list entries', s.listEntries]]
        .map(([label, n]) => h('div', { class: 'stat' }, h('strong', null, Number(n).toLocaleString('en')), h('span', null, String(label))))),
  );
  if (!s.documents) {
    root.append(section('No documents yet', h('p', null, 'Analyse articles with ', h('code', null, 'dossier ingest PATH'), ' or upload them on the ', h('a', { href: '#/ingest' }, 'Ingest'), ' page.')));
    return;
  }
  root.append(h('div', { class: 'grid two' },
    section('Watch-list hits',
      sanctions.items.length
        ? h('ul', { class: 'list' }, ...sanctions.items.map((e) => h('li', null,
          entityLink(e.id, e.name, e.type), ' ', typeBadge(e.type),
          h('span', { class: 'muted' }, ` ${e.hits[0]?.list ?? ''} · score ${(e.hits[0]?.score ?? 0).toFixed(2)}`))))
        : empty('No entity in the corpus matches a watch list.')),
    section('Latest documents',
      h('ul', { class: 'list' }, ...docs.items.map((d) => h('li', null, docLink(d.id, docTitle(d)),
        h('div', { class: 'muted small' }, `${d.outlet ?? 'unknown outlet'} · ${formatDate(d.published)} · ${d.entities} entities, ${d.claims} claims, ${d.events} events`))))),
  ));
  const shared = clusters.items.filter((c) => c.documents > 1).slice(0, 10);
  if (shared.length) {
    root.append(section('Claims reported by several articles',
      h('p', { class: 'muted small' }, 'Repetition is not corroboration: “independent roots” counts the original sources once shared upstreams and copies are folded.'),
      h('ul', { class: 'list' }, ...shared.map((c) => h('li', null,
        h('a', { href: `#/cluster/${encodeURIComponent(c.id)}` }, c.canonical.text),
        h('div', { class: 'head-meta' },
          h('span', { class: 'badge count' }, `${c.documents} articles`),
          h('span', { class: `badge roots${c.roots === 1 ? ' single-root' : ''}` }, `${c.roots} independent root${c.roots === 1 ? '' : 's'}`),
          modalityBadge(c.modality), c.contested ? h('span', { class: 'badge contested' }, 'contested') : null))))));
  }
  const byType = new Map<string, EntitySummary[]>();
  for (const e of entities.items) (byType.get(e.type) ?? byType.set(e.type, []).get(e.type)!).push(e);
  root.append(section('Most mentioned entities',
    h('div', { class: 'type-columns' }, ...[...byType].map(([type, list]) => h('div', null,
      h('h3', null, typeBadge(type)),
      h('ul', { class: 'list compact' }, ...list.slice(0, 8).map((e) => h('li', null, entityLink(e.id, e.name, e.type),
        e.sanctioned ? h('span', { class: 'badge listed', title: 'on a watch list' }, 'listed') : null,
        h('span', { class: 'muted small' }, ` ${e.mentionCount} mentions · ${e.documentCount} docs`)))))))));
}
