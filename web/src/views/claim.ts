// The claim provenance view: from each root source down through the sources it was cited by to the
// articles; independent roots counted; contradictions listed. Reached from a claim or a cluster.
import { docLink, outletOrId, docTitle, empty, entityLink, formatDate, h, modalityBadge, section } from '../dom.js';
import { get, type ClaimRecord } from '../api.js';

interface ProvNode {
  key: string; label: string; kind: 'source' | 'document';
  statements: { key: string; text: string; modality: string }[];
  relation: string | null; cites?: string[]; children: ProvNode[];
}
interface ClusterDetail {
  id: string; canonical: { text: string; documentId: string }; members: number; documents: number; roots: number; modality: string; contested: boolean;
  memberList: { documentId: string; text: string; modality: string; outlet: string | null; published: string | null; start: number }[];
  provenance: { roots: { key: string; label: string; documents: string[] }[]; tree: ProvNode[] };
  contradictions: { kind: string; explanation?: string; detail?: string; a?: unknown; b?: unknown }[];
  articles: Record<string, { title: string | null; outlet: string | null; published: string | null }>;
}

type Docs = ClusterDetail['articles'];
const label = (id: string, docs: Docs) => docTitle({ id, ...(docs[id] ?? {}) });

const RELATION: Record<string, string> = { credits: 'credits', derived: 'copies (uncredited)', inherits: 'inherits credit', own: 'own reporting' };

function treeNode(n: ProvNode, docs: Docs = {}): HTMLElement {
  const isDoc = n.kind === 'document';
  const docId = isDoc && n.key.startsWith('doc:') ? n.key.slice(4) : null;
  return h('li', { class: `prov-node prov-${n.kind}` },
    h('div', { class: 'prov-label' },
      h('span', { class: `badge ${isDoc ? 'doc' : 'source'}` }, isDoc ? 'article' : 'source'), ' ',
      docId ? docLink(docId, docs[docId] ? label(docId, docs) : n.label) : h('strong', null, n.label),
      n.relation ? h('span', { class: 'muted small' }, ` · ${RELATION[n.relation] ?? n.relation}`) : null,
      n.cites?.length ? h('span', { class: 'muted small' }, ` · cites ${n.cites.join(', ')}`) : null),
    n.statements.length ? h('ul', { class: 'prov-statements' }, ...n.statements.map((s) => h('li', null, modalityBadge(s.modality), ' ', s.text))) : null,
    n.children.length ? h('ul', { class: 'prov-tree' }, ...n.children.map((child) => treeNode(child, docs))) : null);
}

function clusterSection(c: ClusterDetail): HTMLElement[] {
  return [
    section('Corroboration',
      h('p', { class: 'canonical' }, c.canonical.text),
      h('div', { class: 'head-meta' },
        h('span', { class: 'badge count' }, `${c.documents} article${c.documents === 1 ? '' : 's'}`),
        h('span', { class: `badge roots${c.roots === 1 && c.documents > 1 ? ' single-root' : ''}` }, `${c.roots} independent root${c.roots === 1 ? '' : 's'}`),
        modalityBadge(c.modality), c.contested ? h('span', { class: 'badge contested' }, 'contested') : null),
      c.roots === 1 && c.documents > 1
        ? h('p', { class: 'warning small' }, `${c.documents} articles repeat this, but all rest on one original source: ${c.provenance.roots[0]?.label ?? 'one root'}.`) : null),
    section('Provenance tree', c.provenance.tree.length ? h('ul', { class: 'prov-tree root' }, ...c.provenance.tree.map((n) => treeNode(n, c.articles))) : empty('No provenance recorded.')),
    section(`Members (${c.memberList.length})`, h('ul', { class: 'list' }, ...c.memberList.map((m) => h('li', null,
      modalityBadge(m.modality), ' ', m.text, h('div', { class: 'muted small' }, docLink(m.documentId, label(m.documentId, c.articles))))))),
    c.contradictions.length ? section('Contradictions', h('ul', { class: 'list' }, ...c.contradictions.map((x) => h('li', null,
      h('span', { class: 'badge contested' }, x.kind), ' ', Object.entries(c.articles).reduce((text, [id]) => text.split(id).join(label(id, c.articles)), String(x.explanation ?? x.detail ?? '')))))) : h('span'),
  ];
}

export async function claimView(root: HTMLElement, args: string[]): Promise<void> {
  if (args.length === 1) {
    const cluster = await get<ClusterDetail>(`/api/clusters/${encodeURIComponent(args[0])}`);
    root.append(h('header', { class: 'page-head' }, h('h1', null, 'Claim provenance')), ...clusterSection(cluster));
    return;
  }
  const [docId, claimId] = args;
  const r = await get<{ claim: ClaimRecord; chain: ProvNode; cluster: ClusterDetail | null }>(`/api/documents/${encodeURIComponent(docId)}/claims/${encodeURIComponent(claimId)}`);
  const c = r.claim;
  root.append(
    h('header', { class: 'page-head' },
      h('h1', null, 'Claim provenance'),
      h('blockquote', { class: 'claim-quote' }, c.text),
      h('div', { class: 'head-meta' }, modalityBadge(c.modality), c.quote ? h('span', { class: 'badge quote' }, 'quote') : null, ' ',
        c.source ? entityLink(c.source, c.sourceName ?? c.source) : h('span', null, c.sourceText ?? 'unattributed'),
        c.cue ? h('span', { class: 'muted' }, ` ${c.cue}`) : null, h('span', { class: 'muted' }, ' · in '), docLink(c.documentId, outletOrId(c.documentId, c.outlet)),
        h('span', { class: 'muted' }, ` · ${formatDate(c.published)}`))),
    section('Attribution in this article', h('ul', { class: 'prov-tree root' }, treeNode(r.chain))),
    ...(r.cluster ? clusterSection(r.cluster) : [section('Corroboration', empty('No other article reports this claim (or corroboration has not been computed for this store).'))]),
  );
}
