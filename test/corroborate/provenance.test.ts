// Independence: articles citing one upstream report share its root; a copy rests on its origin's
// root; a named source beneath anonymous ones is the root; separate sources are separate roots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statementsOf, type Statement } from '../../src/corroborate/statements.js';
import { provenanceOf, type ProvenanceContext } from '../../src/corroborate/provenance.js';
import type { DocumentLink } from '../../src/corroborate/syndication.js';
import { analysed, type DocSpec } from './helpers.js';

function first(id: string, text: string, spec: DocSpec): Statement {
  const d = analysed(id, text, spec);
  const entityIds = Object.fromEntries(d.analysis.entities.map((e) => [e.id, `id:${e.name}`]));
  return statementsOf({ id, outlet: spec.outlet ?? null, published: null, analysis: d.analysis, sentences: d.sentences, entityIds })[0];
}

const ctx = (links: DocumentLink[] = [], credits: Record<string, string[]> = {}): ProvenanceContext => ({
  linkOf: (id) => links.find((l) => l.documentId === id) ?? null,
  creditsOf: (id) => new Set(credits[id] ?? []),
  labelOf: (id) => id,
});

const E: DocSpec['entities'] = [['Infobae', 'ORG'], ['Craig Faller', 'PERSON']];
const TEXT = 'Mahan Air flights carried Venezuelan gold to Tehran in exchange for Iranian oil.';
const SNIPPET = 'Mahan Air flights carried Venezuelan gold to Tehran in exchange for Iranian oil';

test('two articles crediting the same outlet are one root; the chain below it is kept as what it cites', () => {
  const a = first('a', TEXT, { entities: E, claims: [{ snippet: SNIPPET, source: 'Infobae' }] });
  const b = first('b', TEXT, { entities: E, claims: [{ snippet: SNIPPET, source: 'Infobae', chain: ['Infobae', 'unnamed sources'] }] });
  const p = provenanceOf([a, b], ctx());
  assert.equal(p.roots.length, 1);
  assert.equal(p.roots[0].label, 'Infobae');
  assert.deepEqual(p.roots[0].documents, ['a', 'b']);
  assert.deepEqual(p.tree[0].cites, ['unnamed sources']);
  assert.deepEqual(p.tree[0].children.map((c) => c.key), ['doc:a', 'doc:b']);
});

test('an uncredited copy rests on the root of the article it copies', () => {
  const a = first('a', TEXT, { entities: E, claims: [{ snippet: SNIPPET, source: 'Infobae' }] });
  const copy = first('c', TEXT, { entities: E });
  const link: DocumentLink = { documentId: 'c', originId: 'a', kind: 'uncredited-copy', score: 5, evidence: [] };
  assert.equal(provenanceOf([a, copy], ctx()).roots.length, 2);
  const p = provenanceOf([a, copy], ctx([link]));
  assert.equal(p.roots.length, 1);
  const origin = p.tree[0].children.find((n) => n.key === 'doc:a')!;
  assert.deepEqual(origin.children.map((n) => [n.key, n.relation]), [['doc:c', 'derived']]);
});

test('an article stating it as its own while crediting the same outlet elsewhere shares that root', () => {
  const a = first('a', TEXT, { entities: E, claims: [{ snippet: SNIPPET, source: 'Infobae' }] });
  const own = first('b', TEXT, { entities: E });
  assert.equal(provenanceOf([a, own], ctx([], { b: ['name:infobae'] })).roots.length, 1);
});

test('an official and an outlet reporting the same thing are two independent roots', () => {
  const a = first('a', TEXT, { entities: E, claims: [{ snippet: SNIPPET, source: 'Infobae' }] });
  const b = first('b', TEXT, { entities: E, claims: [{ snippet: SNIPPET, source: 'Craig Faller' }] });
  const anonymous = first('d', TEXT, { entities: E, claims: [{ snippet: SNIPPET, source: 'US officials' }] });
  const p = provenanceOf([a, b, anonymous], ctx());
  assert.deepEqual(p.roots.map((r) => r.label).sort(), ['Craig Faller', 'Infobae', 'd']);
});

test('an unsourced sentence inherits the credit of the sentence before it in its paragraph, not of the one after', () => {
  const text = 'The admiral did not name the weapons he says are being delivered. The State Department sanctioned the defence unit in September.'
    + ' The unit also ran the drone programme at the base.';
  const d = analysed('p', text, {
    entities: [['State Department', 'ORG']],
    claims: [{ snippet: 'The State Department sanctioned the defence unit in September', source: 'State Department' }],
  });
  const entityIds = Object.fromEntries(d.analysis.entities.map((e) => [e.id, `id:${e.name}`]));
  const all = statementsOf({ id: 'p', outlet: null, published: null, analysis: d.analysis, sentences: d.sentences, entityIds });
  const before = all.find((s) => s.text.startsWith('The admiral'))!;
  const after = all.find((s) => s.text.startsWith('The unit also'))!;
  assert.deepEqual(before.inherited, [], 'what came before the credit is the article\'s own');
  assert.deepEqual(after.inherited.map((r) => r.name), ['State Department']);
});

test('what an outlet states as its own rests on the outlet: many of its articles, or others citing it, are one root', () => {
  const a = first('a', TEXT, { entities: E, outlet: 'Reuters' });
  const b = first('b', TEXT, { entities: E, outlet: 'Reuters' });
  const c = first('c', TEXT, { entities: E, outlet: 'Infobae' });
  const d = first('d', TEXT, { entities: E, claims: [{ snippet: SNIPPET, source: 'Infobae' }] });
  const e = first('e', TEXT, { entities: E });
  const copy = first('f', TEXT, { entities: E, outlet: 'Copycat Daily' });
  const link: DocumentLink = { documentId: 'f', originId: 'a', kind: 'uncredited-copy', score: 5, evidence: [] };
  const outlets: Record<string, string> = { a: 'Reuters', b: 'Reuters', c: 'Infobae', f: 'Copycat Daily' };
  const p = provenanceOf([a, b, c, d, e, copy], { ...ctx([link]), outletOf: (id) => outlets[id] ?? null });
  assert.deepEqual(p.roots.map((r) => [r.label, r.documents.sort()]).sort(), [
    ['Infobae', ['c', 'd']], ['Reuters', ['a', 'b', 'f']], ['e', ['e']],
  ]);
  const reuters = p.tree.find((n) => n.label === 'Reuters')!;
  assert.equal(reuters.kind, 'source');
  assert.deepEqual(reuters.children.map((n) => n.key).sort(), ['doc:a', 'doc:b']);
  assert.deepEqual(reuters.children.find((n) => n.key === 'doc:a')!.children.map((n) => [n.key, n.relation]), [['doc:f', 'derived']], 'the copy sits under what it copies');
});
