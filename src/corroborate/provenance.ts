// Provenance and independence of a cluster: for each member, the chain from the original source
// down to the article; roots are the distinct original sources. Two articles citing one upstream
// report share its root; a derived (copied, syndicated) article rests on its origin's root.
import { sourceKey, type Statement, type SourceRef } from './statements.js';
import type { DocumentLink } from './syndication.js';

export interface ProvenanceNode {
  /** A source key (`name:infobae`, a corpus entity id), `doc:ID` for an article, or `outlet:NAME`. */
  key: string;
  label: string;
  kind: 'source' | 'document';
  /** Statements of this article in the cluster (document nodes only). */
  statements: { key: string; text: string; modality: string }[];
  /** Why this article sits under its parent: it credits it, it copies it, or it inherits credit. */
  relation: 'credits' | 'derived' | 'inherits' | 'own' | null;
  /** For sources: anonymous sources the root cites beneath it ("unnamed sources"). */
  cites?: string[];
  children: ProvenanceNode[];
}

export interface Root {
  key: string;
  label: string;
  documents: string[];
}

export interface Provenance {
  roots: Root[];
  tree: ProvenanceNode[];
}

export interface ProvenanceContext {
  /** The derivation link of a document, when it is a copy of another. */
  linkOf: (documentId: string) => DocumentLink | null;
  /** Named sources a document credits anywhere in its text (source keys). */
  creditsOf: (documentId: string) => Set<string>;
  /** Display label of a document: its outlet and id. */
  labelOf: (documentId: string) => string;
  /** Display name of a source key (a corpus entity's name), when known. */
  nameOf?: (sourceKey: string) => string | null;
  /** The outlet of a document, when known (for a copy's origin). */
  outletOf?: (documentId: string) => string | null;
}

interface Path {
  root: SourceRef | null;
  /** Steps between the root and the article, root side first. */
  via: SourceRef[];
  below: SourceRef[];
  relation: ProvenanceNode['relation'];
  derivedFrom: string | null;
}

/** The deepest named step of a chain is the root; anonymous steps beneath it are what it cites. */
function chainPath(chain: SourceRef[], relation: ProvenanceNode['relation']): Path | null {
  let i = chain.length - 1;
  while (i >= 0 && chain[i].generic) i--;
  if (i < 0) return null;
  return { root: chain[i], via: chain.slice(0, i).reverse(), below: chain.slice(i + 1), relation, derivedFrom: null };
}

const ownPath = (s: Statement): Path | null => chainPath(s.attribution, 'credits') ?? chainPath(s.inherited ?? [], 'inherits');

/** What path finding needs to know about all members, computed once per cluster. */
interface MemberIndex {
  own: Map<Statement, Path | null>;
  /** Roots members credit themselves, by key, with the documents crediting each. */
  roots: Map<string, { ref: SourceRef; documents: Set<string> }>;
  /** Every source named by any member, by key, for display. */
  refs: Map<string, SourceRef>;
  byDocument: Map<string, Statement[]>;
  credits: (documentId: string) => Set<string>;
}

function indexMembers(members: Statement[], ctx: ProvenanceContext): MemberIndex {
  const own = new Map<Statement, Path | null>();
  const roots = new Map<string, { ref: SourceRef; documents: Set<string> }>();
  const refs = new Map<string, SourceRef>();
  const byDocument = new Map<string, Statement[]>();
  for (const m of members) {
    const p = ownPath(m);
    own.set(m, p);
    if (p?.root) {
      const r = roots.get(p.root.key) ?? { ref: p.root, documents: new Set<string>() };
      r.documents.add(m.documentId);
      roots.set(p.root.key, r);
    }
    for (const r of [...m.attribution, ...(m.inherited ?? [])]) if (!refs.has(r.key)) refs.set(r.key, r);
    byDocument.set(m.documentId, [...(byDocument.get(m.documentId) ?? []), m]);
  }
  const creditCache = new Map<string, Set<string>>();
  const credits = (id: string) => {
    let c = creditCache.get(id);
    if (!c) creditCache.set(id, (c = ctx.creditsOf(id)));
    return c;
  };
  return { own, roots, refs, byDocument, credits };
}

function pathOf(s: Statement, idx: MemberIndex, ctx: ProvenanceContext, seen = new Set<string>()): Path {
  const own = idx.own.get(s) ?? ownPath(s);
  if (own) return own;
  // The article states it as its own but credits, elsewhere, a source that others cite for it or
  // that the other articles stating it also credit: it is relaying that source.
  const credited = idx.credits(s.documentId);
  if (credited.size) {
    for (const key of [...credited].sort()) {
      const r = idx.roots.get(key);
      if (r) return { root: r.ref, via: [], below: [], relation: 'inherits', derivedFrom: null };
    }
    for (const doc of [...idx.byDocument.keys()].sort()) {
      if (doc === s.documentId) continue;
      const shared = [...idx.credits(doc)].filter((k) => credited.has(k)).sort()[0];
      if (!shared) continue;
      const ref = idx.refs.get(shared) ?? { key: shared, name: ctx.nameOf?.(shared) ?? shared.replace(/^name:/, ''), generic: false };
      return { root: ref, via: [], below: [], relation: 'inherits', derivedFrom: null };
    }
  }
  const link = ctx.linkOf(s.documentId);
  if (link && !seen.has(link.originId)) {
    seen.add(s.documentId);
    const origin = idx.byDocument.get(link.originId) ?? [];
    if (origin.length) {
      const p = pathOf(origin[0], idx, ctx, seen);
      return { ...p, relation: 'derived', derivedFrom: link.originId };
    }
    return { root: null, via: [], below: [], relation: 'derived', derivedFrom: link.originId };
  }
  return { root: null, via: [], below: [], relation: 'own', derivedFrom: null };
}

/** The root key of a member, for counting independent roots. What an article states as its own rests
 *  on its outlet: one outlet saying a thing in many articles (or being cited for it) is one source.
 *  An article without a known outlet is a root of its own. */
function rootKey(s: Statement, p: Path, ctx: ProvenanceContext): { key: string; label: string; outlet: boolean } {
  if (p.root) return { key: p.root.key, label: p.root.name, outlet: false };
  const doc = p.derivedFrom ?? s.documentId;
  const outlet = p.derivedFrom ? ctx.outletOf?.(doc) ?? null : s.outlet;
  if (outlet?.trim()) return { key: sourceKey(outlet), label: outlet.trim(), outlet: true };
  return { key: `doc:${doc}`, label: doc, outlet: false };
}

/** Roots and tree of a cluster's members. */
export function provenanceOf(members: Statement[], ctx: ProvenanceContext): Provenance {
  const sorted = [...members].sort((a, b) => a.documentId.localeCompare(b.documentId) || a.start - b.start);
  const roots = new Map<string, Root>();
  const top = new Map<string, ProvenanceNode>();
  const node = (parent: Map<string, ProvenanceNode> | ProvenanceNode, key: string, make: () => ProvenanceNode): ProvenanceNode => {
    const list = parent instanceof Map ? [...parent.values()] : parent.children;
    const found = list.find((n) => n.key === key);
    if (found) return found;
    const made = make();
    if (parent instanceof Map) parent.set(key, made);
    else parent.children.push(made);
    return made;
  };
  const idx = indexMembers(sorted, ctx);
  for (const s of sorted) {
    const p = pathOf(s, idx, ctx);
    const r = rootKey(s, p, ctx);
    const named = !!p.root || r.outlet;
    const root = roots.get(r.key) ?? { key: r.key, label: named ? r.label : ctx.labelOf(r.label), documents: [] };
    if (!root.documents.includes(s.documentId)) root.documents.push(s.documentId);
    roots.set(r.key, root);
    let at = node(top, r.key, () => ({ key: r.key, label: root.label, kind: named ? 'source' : 'document', statements: [], relation: null, children: [] }));
    if (p.below.length) at.cites = [...new Set([...(at.cites ?? []), ...p.below.map((b) => b.name)])];
    for (const v of p.via) at = node(at, v.key, () => ({ key: v.key, label: v.name, kind: 'source', statements: [], relation: 'credits', children: [] }));
    if (p.derivedFrom && named) at = node(at, `doc:${p.derivedFrom}`, () => ({ key: `doc:${p.derivedFrom}`, label: ctx.labelOf(p.derivedFrom!), kind: 'document', statements: [], relation: 'credits', children: [] }));
    const docKey = `doc:${s.documentId}`;
    const leaf = at.key === docKey ? at : node(at, docKey, () => ({ key: docKey, label: ctx.labelOf(s.documentId), kind: 'document', statements: [], relation: p.relation, children: [] }));
    leaf.statements.push({ key: s.key, text: s.text, modality: s.modality });
  }
  const tree = [...top.values()].sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
  return { roots: [...roots.values()].sort((a, b) => a.key.localeCompare(b.key)), tree };
}

/** Named (non-generic) source keys a document credits, from its statements' attribution chains. */
export function creditedSources(statements: Statement[]): Set<string> {
  return new Set(statements.flatMap((s) => chainPath(s.attribution, 'credits')?.root?.key ?? []));
}
