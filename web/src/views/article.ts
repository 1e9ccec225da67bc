// The article reader: the cleaned text with claims (by modality) and entity mentions highlighted,
// built as text nodes inside spans and links — never as HTML — plus the claim list and removed lines.
import { clear, docLink, docTitle, empty, entityLink, formatDate, h, modalityBadge, section, TYPE_LABEL } from '../dom.js';
import { get, type DocumentText } from '../api.js';

type Span = { start: number; end: number };

/** Non-overlapping spans in text order (a span overlapping an earlier one is left out). */
function layout<T extends Span>(spans: T[]): T[] {
  const out: T[] = [];
  let end = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (s.start >= end && s.end > s.start) {
      out.push(s);
      end = s.end;
    }
  }
  return out;
}

/** Plain text with each line break shown as a paragraph gap. */
function paragraphs(text: string): Node[] {
  const out: Node[] = [];
  text.split('\n').forEach((line, i) => {
    if (i) out.push(h('span', { class: 'para-break' }));
    if (line) out.push(document.createTextNode(line));
  });
  return out;
}

/** Text from `from` to `to` with its entity mentions as links. */
function withMentions(text: string, from: number, to: number, mentions: DocumentText['entities']): Node[] {
  const nodes: Node[] = [];
  let at = from;
  for (const m of mentions) {
    if (m.end <= from || m.start >= to) continue;
    const start = Math.max(m.start, from);
    const end = Math.min(m.end, to);
    if (start > at) nodes.push(...paragraphs(text.slice(at, start)));
    const a = entityLink(m.id, text.slice(start, end), m.type);
    a.classList.add('mention');
    a.title = `${m.label} · ${TYPE_LABEL[m.type] ?? m.type}${m.sanctioned ? ' · on a watch list' : ''}`;
    if (m.sanctioned) a.classList.add('listed');
    nodes.push(a);
    at = end;
  }
  if (at < to) nodes.push(...paragraphs(text.slice(at, to)));
  return nodes;
}

function articleBody(doc: DocumentText, showClaims: boolean): HTMLElement {
  const mentions = layout(doc.entities);
  const claims = showClaims ? layout(doc.claims) : [];
  const body = h('div', { class: 'article-text' });
  let at = 0;
  for (const c of claims) {
    if (c.start > at) body.append(...withMentions(doc.text, at, c.start, mentions));
    body.append(h('a', {
      class: `claim-span modality-${c.modality}`, href: `#/claim/${encodeURIComponent(doc.id)}/${encodeURIComponent(c.id)}`,
      title: `${c.modality} claim · source: ${c.label}${c.chain.length ? ` · via ${c.chain.join(' → ')}` : ''} — open its provenance`,
    }, ...withMentions(doc.text, c.start, c.end, mentions)));
    at = c.end;
  }
  body.append(...withMentions(doc.text, at, doc.text.length, mentions));
  return body;
}

export async function articleView(root: HTMLElement, [id]: string[]): Promise<void> {
  const doc = await get<DocumentText>(`/api/documents/${encodeURIComponent(id)}/text`);
  const holder = h('div', null, articleBody(doc, true));
  const toggle = h('input', { type: 'checkbox', checked: true, id: 'show-claims' });
  toggle.addEventListener('change', () => {
    clear(holder);
    holder.append(articleBody(doc, (toggle as HTMLInputElement).checked));
  });
  const links = doc.links as { documentId: string; originId: string; kind: string; score: number; evidence: string[] }[];
  const entityCount = new Map<string, { label: string; type: string; n: number }>();
  for (const m of doc.entities) {
    const e = entityCount.get(m.id) ?? { label: m.label, type: m.type, n: 0 };
    e.n++;
    entityCount.set(m.id, e);
  }
  root.append(h('div', { class: 'reader' },
    h('article', { class: 'card article' },
      h('header', { class: 'page-head' },
        h('h1', null, docTitle(doc)),
        h('div', { class: 'muted' }, [doc.outlet ?? 'unknown outlet', formatDate(doc.published), doc.author ? `by ${doc.author}` : null].filter(Boolean).join(' · ')),
        doc.publishedEvidence ? h('div', { class: 'muted small' }, `Date from: ${doc.publishedEvidence}`) : null,
        doc.url ? h('a', { href: doc.url, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'small' }, 'original article ↗') : null,
        h('label', { class: 'toggle small' }, toggle, ' highlight claims'),
        h('div', { class: 'legend small' }, ...['asserted', 'reported', 'hedged', 'speculative', 'denied'].map((m) => h('span', { class: `claim-span modality-${m}` }, m)))),
      holder),
    h('aside', { class: 'sidebar' },
      section(`Claims (${doc.claims.length})`, doc.claims.length ? h('ol', { class: 'list compact scroll' }, ...doc.claims.map((c) => h('li', null,
        modalityBadge(c.modality), ' ',
        c.source ? entityLink(c.source, c.label) : h('span', null, c.label),
        c.chain.length ? h('div', { class: 'muted small' }, `via ${c.chain.join(' → ')}`) : null,
        h('div', { class: 'small' }, h('a', { href: `#/claim/${encodeURIComponent(doc.id)}/${encodeURIComponent(c.id)}` }, doc.text.slice(c.start, Math.min(c.end, c.start + 140)) + (c.end - c.start > 140 ? '…' : '')))))) : empty('No claim found.')),
      section('Entities', h('ul', { class: 'list compact scroll entity-cloud' }, ...[...entityCount].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).map(([eid, e]) =>
        h('li', null, entityLink(eid, e.label, e.type), h('span', { class: 'muted small' }, ` ×${e.n}`))))),
      links.length ? section('Related articles', h('ul', { class: 'list compact' }, ...links.map((l) => {
        const other = l.documentId === doc.id ? l.originId : l.documentId;
        const relation = l.documentId === doc.id ? `${l.kind} from` : `${l.kind} by`;
        return h('li', null, `${relation} `, docLink(other, other), h('span', { class: 'muted small' }, ` score ${l.score.toFixed(2)}`),
          l.evidence.length ? h('div', { class: 'muted small' }, l.evidence.join('; ')) : null);
      }))) : null,
      doc.removed.length ? section('Removed in cleaning', h('ul', { class: 'list compact small' }, ...doc.removed.map((r) => h('li', null, h('span', { class: 'badge' }, r.kind), ' ', r.text)))) : null,
      h('p', { class: 'muted small' }, `Source: ${doc.source}`)),
  ));
}
