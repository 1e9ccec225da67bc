// The entity dossier: names and aliases, type, watch-list hits with their explained scores, every
// claim about it grouped by cluster (source count, independent roots, modality), events, documents.
import { docLink, outletOrId, docTitle, empty, entityLink, formatDate, h, modalityBadge, section, typeBadge } from '../dom.js';
import { get, post, type ClaimRecord, type EntityDossier } from '../api.js';
import { claimGroups } from '../clusters.js';

function sanctionsTable(d: EntityDossier): HTMLElement {
  if (!d.sanctions.length) return empty('No watch-list hit.');
  return h('table', { class: 'table stack' },
    h('thead', null, h('tr', null, h('th', null, 'List'), h('th', null, 'Listed name'), h('th', null, 'Score'), h('th', null, 'Why it matched'))),
    h('tbody', null, ...d.sanctions.map((s) => h('tr', null,
      h('td', null, s.list, h('div', { class: 'muted small' }, s.id), s.programme ? h('div', { class: 'muted small' }, s.programme) : null),
      h('td', null, s.name),
      h('td', null, h('span', { class: 'score', style: null }, s.score.toFixed(2)), h('meter', { min: 0, max: 1, value: s.score, title: `score ${s.score.toFixed(2)}` })),
      h('td', { class: 'small' }, s.explanation ?? '')))));
}

function claimItem(c: ClaimRecord, names: Map<string, string>): HTMLElement {
  return h('li', { class: 'claim' },
    h('blockquote', null, c.text),
    h('div', { class: 'claim-meta' },
      modalityBadge(c.modality),
      c.quote ? h('span', { class: 'badge quote' }, 'quote') : null,
      ' ',
      c.source ? entityLink(c.source, c.sourceName ?? names.get(c.source) ?? c.source) : h('span', null, c.sourceText ?? 'unattributed'),
      c.cue ? h('span', { class: 'muted' }, ` ${c.cue}`) : null,
      h('span', { class: 'muted' }, ' · '), docLink(c.documentId, outletOrId(c.documentId, c.outlet)),
      h('span', { class: 'muted' }, ` · ${formatDate(c.published)} · `),
      h('a', { href: `#/claim/${encodeURIComponent(c.documentId)}/${encodeURIComponent(c.id)}`, class: 'provenance-link' }, 'provenance →')));
}

export async function entityView(root: HTMLElement, [id]: string[]): Promise<void> {
  const d = await get<EntityDossier>(`/api/entities/${encodeURIComponent(id)}`);
  const names = new Map<string, string>([[d.id, d.name]]);
  for (const s of d.sources) if (s.entityId) names.set(s.entityId, s.name);
  root.append(h('header', { class: 'page-head' },
    h('h1', null, d.name),
    h('div', { class: 'head-meta' }, typeBadge(d.type), d.sanctioned ? h('span', { class: 'badge listed' }, 'on a watch list') : null,
      d.kb ? h('span', { class: 'muted small' }, ` ${d.kb}`) : null,
      h('span', { class: 'muted small' }, ` · ${d.mentionCount} mentions in ${d.documentCount} documents`)),
    d.aliases.length ? h('p', { class: 'aliases' }, h('span', { class: 'muted' }, 'Also: '), d.aliases.join(' · ')) : null,
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/graph?entity=${encodeURIComponent(d.id)}` }, 'Network'),
      h('a', { class: 'button', href: `#/timeline?entity=${encodeURIComponent(d.id)}` }, 'Timeline'),
      h('a', { class: 'button', href: `#/search?q=${encodeURIComponent(d.name)}` }, 'Search articles'))));

  root.append(section('Watch-list screening', sanctionsTable(d)));

  const groups = claimGroups(d);
  root.append(section(`Claims (${d.claims.length})`,
    groups.length ? h('div', { class: 'claim-groups' }, ...groups.map((g) => h('div', { class: 'claim-group' },
      h('div', { class: 'group-head' },
        // A one-claim group's title would repeat the claim below it.
        g.claims.length === 1 && g.claims[0].text.trim() === g.title.trim() ? null : h('strong', null, g.title),
        h('span', { class: 'badge count', title: 'documents reporting it' }, `${g.sources} source${g.sources === 1 ? '' : 's'}`),
        g.roots !== null ? h('span', { class: `badge roots${g.roots === 1 && g.sources > 1 ? ' single-root' : ''}`, title: 'independent roots: upstream reports everything rests on' }, `${g.roots} independent root${g.roots === 1 ? '' : 's'}`) : null,
        ...g.modalities.map(modalityBadge),
        g.clusterId ? h('a', { href: `#/cluster/${encodeURIComponent(g.clusterId)}`, class: 'small' }, ' provenance tree →') : null),
      h('ul', { class: 'claims' }, ...g.claims.map((c) => claimItem(c, names))))))
      : empty('No claim names this entity.')));

  root.append(h('div', { class: 'grid two' },
    section(`Events (${d.events.length})`, d.events.length ? h('ul', { class: 'list' }, ...d.events.map((ev) => h('li', null,
      h('span', { class: 'badge event' }, ev.type), ' ',
      ev.actor ? entityLink(ev.actor, ev.actorName ?? ev.actor) : h('span', { class: 'muted' }, '—'), ' → ',
      ev.target ? entityLink(ev.target, ev.targetName ?? ev.target) : h('span', { class: 'muted' }, '—'),
      ev.location ? [' in ', entityLink(ev.location, ev.locationName ?? ev.location)] : null,
      h('div', { class: 'muted small' }, `${formatDate(ev.date ?? ev.published)}${ev.date ? '' : ' (article date)'} · `, docLink(ev.documentId, outletOrId(ev.documentId, null))),
      h('div', { class: 'small quote-text' }, ev.text)))) : empty('No event involves this entity.')),
    h('div', null,
      section(`Documents (${d.documents.length})`, h('ul', { class: 'list' }, ...d.documents.map((doc) => h('li', null, docLink(doc.id, docTitle(doc)),
        h('div', { class: 'muted small' }, `${doc.outlet ?? 'unknown outlet'} · ${formatDate(doc.published)}`))))),
      section('Cited sources', d.sources.length ? h('ul', { class: 'list compact' }, ...d.sources.map((s) => h('li', null,
        s.entityId ? entityLink(s.entityId, s.name) : s.name, h('span', { class: 'muted small' }, ` ${s.claims} claim${s.claims === 1 ? '' : 's'}`))))
        : empty('No attributed claim.')))));
  root.append(corrections(d));
}

/** Corrections an analyst can record: "this is the same as …" and "these names are not it".
 *  They go to the override file and apply when documents are analysed again. */
function corrections(d: EntityDossier): HTMLElement {
  const status = h('p', { class: 'small', role: 'status' });
  const other = h('input', { name: 'other', placeholder: 'entity name or id', size: 24, 'aria-label': 'entity to merge with' });
  const merge = h('form', { class: 'path-form' }, h('label', null, 'Same entity as ', other), h('button', { type: 'submit' }, 'Record merge'));
  merge.addEventListener('submit', async (e) => {
    e.preventDefault();
    const target = (other as HTMLInputElement).value.trim();
    if (!target) return;
    try {
      await post('/api/overrides/merge', { entities: [d.id, target] });
      status.textContent = `Recorded: ${d.name} and ${target} are one entity. Re-ingest the affected articles to apply it.`;
    } catch (err) {
      status.textContent = `Not recorded: ${(err as Error).message}`;
    }
  });
  const names = [d.name, ...d.aliases];
  const boxes = names.slice(1).map((n) => h('label', { class: 'small alias-choice' }, h('input', { type: 'checkbox', value: n }), ` ${n}`));
  const split = h('form', { class: 'path-form' }, h('span', null, 'Not this entity: '), ...boxes, h('button', { type: 'submit', disabled: !boxes.length }, 'Record split'));
  split.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = [...split.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
    if (!chosen.length) return;
    try {
      await post('/api/overrides/split', { entity: d.id, names: chosen });
      status.textContent = `Recorded: ${chosen.join(', ')} split off ${d.name}. Re-ingest the affected articles to apply it.`;
    } catch (err) {
      status.textContent = `Not recorded: ${(err as Error).message}`;
    }
  });
  return h('details', { class: 'card corrections' }, h('summary', null, 'Correct this entity (merge / split)'),
    h('p', { class: 'muted small' }, 'Needs the server token (set it on the Ingest page).'), merge, boxes.length ? split : null, status);
}
