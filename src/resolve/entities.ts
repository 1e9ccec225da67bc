// The entities stage: reads each mention as a name form, clusters forms into entities (cluster.ts),
// adds descriptive references (describe.ts), applies manual overrides, and names each entity.
import { existsSync, statSync } from 'node:fs';
import type { Document, Mention } from '../schema/document.js';
import type { Entity, EntityType, Span } from '../schema/analysis.js';
import type { Context } from '../context.js';
import { loadKnowledgeBase, type ResolverKb } from './kb.js';
import { readForm, type FormContext, type NameForm } from './forms.js';
import { clusterForms, nameTokens, voteType } from './cluster.js';
import { descriptiveReferences, titleReferences, type NamedSpan } from './describe.js';
import { entityOverrideKeys, loadOverrides, NO_OVERRIDES, overrideKey, type Overrides } from './overrides.js';
import { foldName, foldPlain } from './names.js';
import { repairMentions } from './repair.js';

interface Cluster {
  forms: NameForm[];
  /** A type the text's own description settles ("the outlet" for a tagger PERSON). */
  retype?: EntityType;
  /** Mentions added by the resolver (descriptive references), as spans. */
  refs: Span[];
}

/** Pipeline stage: fills doc.entities and doc.entityMentions from doc.mentions. */
export function resolveEntities(doc: Document, ctx: Context): Document {
  const kb = ctx.resource('kb', loadKnowledgeBase);
  return resolveWith(doc, kb, currentOverrides(ctx));
}

/**
 * The override file's current content: re-read when it changes on disk (the API appends merges
 * and splits while a server runs), none while it does not exist yet.
 */
function currentOverrides(ctx: Context): Overrides {
  const path = ctx.options.overridesPath;
  if (!path || !existsSync(path)) return NO_OVERRIDES;
  const stamp = statSync(path);
  return ctx.resource(`overrides:${path}:${stamp.mtimeMs}:${stamp.size}`, () => loadOverrides(path));
}

/** The stage with its resources passed in (tests and benchmarks call this directly). */
export function resolveWith(doc: Document, kb: ResolverKb, overrides: Overrides): Document {
  const base = repairMentions(doc.text, doc.mentions.filter((m) => m.origin !== 'coref'), kb);
  const work: Document = { ...doc, mentions: base };
  const fc: FormContext = { personTokens: new Set(), countries: new Set() };
  for (const m of base) {
    if (m.type === 'PERSON' && /\s/u.test(m.text)) for (const t of foldPlain(m.text).split(' ')) fc.personTokens.add(t);
    const country = m.type === 'GPE' ? kb.lookup(m.text, 'GPE') : null;
    if (country?.id.startsWith('iso:')) fc.countries.add(country.country!);
  }
  const forms: NameForm[] = [];
  base.forEach((_, i) => {
    const f = readForm(work, i, kb, fc);
    if (f) forms.push(f);
  });
  const uf = clusterForms(forms, doc.text);

  const clusters = new Map<number, Cluster>();
  forms.forEach((f, i) => {
    const r = uf.find(i);
    const c = clusters.get(r) ?? { forms: [], refs: [] };
    c.forms.push(f);
    clusters.set(r, c);
  });
  // A role never joined to a name ("President of Venezuela" alone) is not a named entity.
  for (const [r, c] of clusters) if (c.forms.every((f) => f.roleOnly)) clusters.delete(r);

  const named: NamedSpan[] = [];
  for (const [r, c] of clusters) {
    const type = voteType(c.forms);
    const weakPerson = type === 'PERSON' && c.forms.every((f) => !f.reliable && !f.titles.length && !/\s/u.test(f.bare));
    for (const f of c.forms) named.push({ cluster: r, start: f.start, end: f.end, name: f.bare, type, weakPerson, titles: f.titles });
  }
  const refs = [...descriptiveReferences(doc.text, named), ...titleReferences(doc.text, named)].sort((a, b) => a.start - b.start);
  for (const ref of refs) {
    const c = clusters.get(ref.cluster)!;
    c.refs.push({ start: ref.start, end: ref.end });
    if (ref.retype) c.retype = ref.retype;
  }

  applyOverrides(clusters, kb, overrides);

  // The mention layer gains the descriptive references, kept in text order.
  const added: Mention[] = refs.map((ref) => {
    const c = clusters.get(findCluster(clusters, ref.start));
    return { start: ref.start, end: ref.end, text: ref.text, type: c ? typeOf(c) : 'ORG', origin: 'coref' };
  });
  const mentions = [...base, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
  const indexOf = new Map<Mention, number>(mentions.map((m, i) => [m, i]));
  const addedAt = new Map<number, Mention>(added.map((m) => [m.start, m]));

  const firsts = new Map<Cluster, number>([...clusters.values()].map((c) => [c, firstStart(c)]));
  const ordered = [...clusters.values()].sort((a, b) => firsts.get(a)! - firsts.get(b)!);
  const entities: Entity[] = [];
  const entityMentions = new Map<string, number[]>();
  ordered.forEach((c, n) => {
    const id = `e${n + 1}`;
    entities.push(buildEntity(id, c, kb));
    const idx = [
      ...c.forms.map((f) => indexOf.get(base[f.index])!),
      ...c.refs.map((s) => indexOf.get(addedAt.get(s.start)!)!),
    ];
    entityMentions.set(id, [...new Set(idx)].sort((a, b) => a - b));
  });
  return { ...doc, mentions, entities, entityMentions };
}

function findCluster(clusters: Map<number, Cluster>, refStart: number): number {
  for (const [r, c] of clusters) if (c.refs.some((s) => s.start === refStart)) return r;
  return -1;
}

function typeOf(c: Cluster): EntityType {
  return c.retype ?? voteType(c.forms);
}

function firstStart(c: Cluster): number {
  return Math.min(...c.forms.map((f) => f.start), ...c.refs.map((s) => s.start));
}

/** Merges the clusters an override groups together; splits named forms off the named entity. */
function applyOverrides(clusters: Map<number, Cluster>, kb: ResolverKb, o: Overrides): void {
  if (!o.merge.length && !o.split.length) return;
  const keysOf = (c: Cluster) => entityOverrideKeys({ name: canonicalName(c, kb), aliases: c.forms.map((f) => f.bare), kb: kbIdOf(c) });
  for (const group of o.merge) {
    const keys = group.map(overrideKey);
    const hits = [...clusters.entries()].filter(([, c]) => {
      const own = keysOf(c);
      return keys.some((k) => own.has(k));
    });
    if (hits.length < 2) continue;
    const [[, into], ...rest] = hits;
    for (const [r, c] of rest) {
      into.forms.push(...c.forms);
      into.refs.push(...c.refs);
      clusters.delete(r);
    }
  }
  let nextRoot = -1;
  for (const s of o.split) {
    const ent = overrideKey(s.entity);
    const names = new Set(s.names.map(overrideKey));
    for (const [, c] of [...clusters.entries()]) {
      if (!keysOf(c).has(ent)) continue;
      const off = c.forms.filter((f) => names.has(`name:${foldName(f.bare)}`) || names.has(`name:${foldName(f.surface)}`));
      if (!off.length || off.length === c.forms.length) continue;
      c.forms = c.forms.filter((f) => !off.includes(f));
      clusters.set(nextRoot--, { forms: off, refs: [] });
    }
  }
}

function kbIdOf(c: Cluster): string | null {
  const f = c.forms.find((x) => x.kb) ?? c.forms.find((x) => x.foreignKb);
  return f?.kb?.id ?? f?.foreignKb ?? null;
}

/** Non-ASCII letters kept: "Nicolás" is preferred over "Nicolas". */
const accentCount = (s: string) => (s.normalize('NFD').match(/\p{M}/gu) ?? []).length;
/** Every name word capitalised (particles aside): "Craig Faller" over "Craig faller". */
const properlyCased = (s: string) =>
  s.split(/\s+/u).every((w) => /^[\p{Lu}\d]/u.test(w) || /^(?:al|el|de|del|la|las|los|da|di|dos|van|von|bin|ibn|der|y|of|the|and|for|on|in|at)(?:-|$)/u.test(w));

/**
 * The canonical name: the KB name when linked; otherwise the fullest proper form — most name
 * words, properly capitalised, not an acronym, with accents, most frequent, first written.
 */
export function canonicalName(c: Cluster, kb: ResolverKb): string {
  const linked = c.forms.find((f) => f.kb)?.kb;
  if (linked && !linked.id.startsWith('geo:')) return linked.name;
  // A city keeps its GeoNames name when the text writes it so up to accents ("Bogotá" for
  // "Bogota"); an exonym or a scholarly transliteration ("Sāmarrā’") gives way to the text's form.
  if (linked) {
    const plain = foldPlain(linked.name);
    const scholarly = /[\u0304\u0323\u02bf\u02be’ʿʾ]/u.test(linked.name.normalize('NFD'));
    if (!scholarly && c.forms.some((f) => foldPlain(f.bare) === plain)) return linked.name;
  }
  // Words the text writes in lower case once ("Craig faller") take the capitals it uses elsewhere.
  const cased = new Map<string, string>();
  for (const f of c.forms) for (const w of f.bare.split(/\s+/u)) if (/^\p{Lu}/u.test(w)) cased.set(w.toLowerCase(), w);
  const truecase = (s: string) => s.split(/(\s+)/u).map((w) => (/^\p{Ll}/u.test(w) ? cased.get(w) ?? w : w)).join('');
  const counts = new Map<string, number>();
  const seen = new Map<string, string>();
  for (const f of c.forms) {
    if (f.roleOnly) continue;
    let t = seen.get(f.bare);
    if (t === undefined) seen.set(f.bare, (t = truecase(f.bare)));
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  if (!counts.size) return c.forms[0].bare;
  const type = voteType(c.forms);
  const score = (s: string): number[] => [
    properlyCased(s) ? 1 : 0,
    type === 'NORP' ? -s.length : /^(?:\p{Lu}\.?){2,}$/u.test(s) ? 0 : 1,
    // A headline's capitals ("NICOLÁS MADURO") lose to the same name in running text.
    /\p{Ll}/u.test(s) || /^(?:\p{Lu}\.?){2,}$/u.test(s) ? 1 : 0,
    type === 'NORP' ? 0 : nameTokens(s).length,
    accentCount(s),
    counts.get(s) ?? 0,
  ];
  // The best by score; on a tie the first written (Map order) stays.
  let best = '';
  let bestScore: number[] | null = null;
  for (const name of counts.keys()) {
    const sc = score(name);
    if (!bestScore || better(sc, bestScore)) {
      best = name;
      bestScore = sc;
    }
  }
  return best;
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

function buildEntity(id: string, c: Cluster, kb: ResolverKb): Entity {
  const name = canonicalName(c, kb);
  const type: EntityType = typeOf(c);
  const aliasSet = new Set<string>();
  for (const f of c.forms) {
    // Demonyms standing for a country are mentions of it, not names of it.
    if (f.roleOnly || f.descriptive || f.elliptical || f.demonym) continue;
    aliasSet.add(f.bare);
    if (f.titles.length === 1 && f.surface.split(/\s+/u).length === f.bare.split(/\s+/u).length + 1) aliasSet.add(f.surface);
  }
  aliasSet.delete(name);
  // A form differing only in letter case from a better-cased one is a typo or a headline of it
  // ("Craig faller", "NICOLÁS MADURO"); acronyms stay.
  const all = [name, ...aliasSet];
  const wellCased = (x: string) => properlyCased(x) && (/\p{Ll}/u.test(x) || !/\s/u.test(x));
  const aliases = [...aliasSet]
    .filter((a) => wellCased(a) || !all.some((b) => b !== a && b.toLowerCase() === a.toLowerCase() && wellCased(b)))
    .sort();
  const spans = new Map<string, Span>();
  for (const s of [...c.forms.map((f) => ({ start: f.start, end: f.end })), ...c.refs]) spans.set(`${s.start}:${s.end}`, s);
  const mentions = [...spans.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  return { id, name, type, aliases, mentions, kb: kbIdOf(c), sanctions: [] };
}
