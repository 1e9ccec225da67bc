// Statements: the units corroboration compares. A document's claims, its events not already inside
// a claim, and its remaining substantive sentences (asserted by the outlet itself), each with the
// features the comparison needs and the attribution chain provenance needs.
import { namesEntity, type Analysis, type Modality } from '../schema/analysis.js';
import type { Granularity } from '../schema/document.js';
import { newDocument, type DateMention } from '../schema/document.js';
import { extractDates } from '../extract/time.js';
import { contentTerms, fold, framesOf, isNegated, quantities, years } from './text.js';

/** One named step of an attribution chain: who said it, as an identity key and a display name. */
export interface SourceRef {
  /** `name:` + the folded canonical name (of the entity, when the source is one, else of the phrase). */
  key: string;
  /** The corpus entity id, when the source is an entity. */
  entity?: string;
  name: string;
  /** An unidentifiable source ("unnamed sources", "US officials", "reports"): not a root by itself. */
  generic: boolean;
  /** A person speaks for themself; an outlet or organisation may be relayed for a whole paragraph. */
  person?: boolean;
}

export interface StatementDate {
  value: string;
  granularity: Granularity;
  text: string;
}

export interface Statement {
  /** `documentId#localId`: unique in the corpus. */
  key: string;
  documentId: string;
  /** The claim id (c3), event index (v2) or sentence index (s5) within the document. */
  localId: string;
  kind: 'claim' | 'event' | 'sentence';
  start: number;
  end: number;
  text: string;
  modality: Modality;
  negated: boolean;
  eventType: string | null;
  /** Who did what to whom, when an event comes from the statement: type/mode/actor/target, corpus ids. */
  event?: { type: string; mode: string | null; actor: string | null; target: string | null };
  /** Corpus entity ids named in the statement, sorted. */
  entities: string[];
  /** Distinct content terms, sorted. */
  terms: string[];
  /** Adjacent concept pairs ("f:~send+~weapon"), sorted; absent on statements stored before them. */
  frames?: string[];
  /** Features that only name places (countries, cities, demonyms): `e:ID` and the words of their
   *  mentions. Ubiquitous in news about a region, they cannot make two statements one proposition. */
  places: string[];
  /** For a statement opening on an anaphor ("These include…", "Among them…", "The flights…"):
   *  the terms and entities of the statement before it in the paragraph, which it is about. */
  context?: string[];
  /** Content terms that are words of a named entity's mention ("islamic", "revolutionary", "guard"):
   *  the entity itself is a feature, so its words weigh less, or a long name would count many times. */
  nameTerms: string[];
  quantities: number[];
  years: number[];
  dates: StatementDate[];
  /** Who the article says it comes from, outermost first; the article's outlet is not included. */
  attribution: SourceRef[];
  /** For a statement without its own source: the attribution of a credited statement in the same
   *  paragraph ("Infobae has detailed… That project includes…"): the article is still relaying it. */
  inherited: SourceRef[];
  published: string | null;
  outlet: string | null;
}

/** What statements are made from: a saved document as the store holds it. */
export interface StatementSource {
  id: string;
  outlet: string | null;
  published: string | null;
  analysis: Analysis;
  sentences: { start: number; end: number }[];
  /** Local entity id → corpus entity id. */
  entityIds: Record<string, string>;
  /** `documentDates(analysis.text, published)`, when already worked out. */
  dates?: DateMention[];
}

const GENERIC_HEAD = /\b(?:sources?|officials?|analysts?|experts?|reports?|observers?|diplomats?|residents?|witnesses|people|media|critics|authorities|insiders|investigators|documents?|records|data|government|intelligence|agencies)$/iu;
const MIN_SENTENCE_TERMS = 4;

/** Is a source phrase an unidentifiable group rather than a named person or organisation? */
export function isGenericSource(name: string): boolean {
  return GENERIC_HEAD.test(name.trim()) || /^(?:unnamed|anonymous|some|several|many)\b/iu.test(name.trim());
}

/** The key of a named source: its folded name without a leading "the" (an outlet is keyed alike). */
export const sourceKey = (name: string): string => `name:${fold(name).replace(/^the\s+/u, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`;

function sourceRefs(doc: StatementSource, chain: string[]): SourceRef[] {
  const byLocal = new Map(doc.analysis.entities.map((e) => [e.id, e]));
  const outlet = doc.outlet ? fold(doc.outlet) : null;
  const refs: SourceRef[] = [];
  for (const step of chain) {
    const entity = byLocal.get(step);
    const name = entity?.name ?? step;
    if (outlet && fold(name) === outlet) continue;
    const generic = entity ? entity.type !== 'PERSON' && entity.type !== 'ORG' && isGenericSource(name) : isGenericSource(name);
    // Sources are keyed by their folded canonical name: the same outlet typed differently in two
    // articles (ORG here, PERSON there) is still one source.
    const key = sourceKey(name);
    if (refs.length && refs[refs.length - 1].key === key) continue;
    // A one-word "person" source is usually a mistyped outlet ("Infobae"); people are named in full.
    const person = entity?.type === 'PERSON' && entity.name.trim().split(/\s+/).length >= 2;
    refs.push({ key, name, generic, ...(entity && doc.entityIds[entity.id] ? { entity: doc.entityIds[entity.id] } : {}), ...(person ? { person: true } : {}) });
  }
  return refs;
}

/** A span with an optional hole: the part of a claim an appositive was taken out of. */
type Hole = [number, number] | null;
const inSpan = (m: { start: number; end: number }, start: number, end: number, hole: Hole = null) =>
  m.start >= start && m.end <= end && !(hole && m.start < hole[1] && m.end > hole[0]);

function entitiesWithin(doc: StatementSource, start: number, end: number, extra: (string | null)[] = [], hole: Hole = null): string[] {
  const ids = new Set<string>();
  for (const e of doc.analysis.entities) {
    if (e.mentions.some((m) => namesEntity(m) && inSpan(m, start, end, hole)) && doc.entityIds[e.id]) ids.add(doc.entityIds[e.id]);
  }
  for (const local of extra) if (local && doc.entityIds[local]) ids.add(doc.entityIds[local]);
  return [...ids].sort();
}

/** Every date the text names, resolved against the publication date by the dates stage's rules. */
export function documentDates(text: string, published: string | null): DateMention[] {
  const doc = newDocument({
    id: 'dates', source: 'dates', format: 'text', title: null, outlet: null, author: null, url: null, published,
    publishedSource: published ? 'metadata' : null, language: 'en', text, contentHash: '', removed: [],
  });
  return extractDates(doc).dates;
}

const PLACE_TYPES = new Set(['GPE', 'LOC', 'NORP']);

function eventSignature(doc: StatementSource, ev: Analysis['events'][number]): NonNullable<Statement['event']> {
  const id = (local: string | null) => (local ? doc.entityIds[local] ?? null : null);
  return { type: ev.type, mode: ev.mode, actor: id(ev.actor), target: id(ev.target) };
}

function namesWithin(doc: StatementSource, start: number, end: number, hole: Hole = null): { places: string[]; nameTerms: string[] } {
  const places = new Set<string>();
  const nameTerms = new Set<string>();
  for (const e of doc.analysis.entities) {
    const place = PLACE_TYPES.has(e.type);
    for (const m of e.mentions) {
      if (!namesEntity(m) || !inSpan(m, start, end, hole)) continue;
      const words = contentTerms(doc.analysis.text.slice(m.start, m.end));
      if (place) {
        if (doc.entityIds[e.id]) places.add(`e:${doc.entityIds[e.id]}`);
        for (const t of words) places.add(t);
      } else if (words.length > 1) {
        for (const t of words) nameTerms.add(t);
      }
    }
  }
  return { places: [...places].sort(), nameTerms: [...nameTerms].sort() };
}

/** The relation between two places, whichever way it is worded: "between Caracas and Tehran" here,
 *  "between the two countries" (the phrase lexicon's "bilateral") there. */
const BILATERAL = 'bilateral';

/** Does the span name a pair of places as "between A and B"? */
function namesPlacePair(doc: StatementSource, start: number, end: number, hole: Hole): boolean {
  const text = doc.analysis.text;
  const mentions = doc.analysis.entities.filter((e) => PLACE_TYPES.has(e.type))
    .flatMap((e) => e.mentions.filter((m) => namesEntity(m) && inSpan(m, start, end, hole)))
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < mentions.length; i++) {
    const [a, b] = [mentions[i - 1], mentions[i]];
    if (/^\s+(?:and|&)\s+(?:the\s+)?$/iu.test(text.slice(a.end, b.start)) && /\bbetween\s+(?:the\s+)?$/iu.test(text.slice(Math.max(start, a.start - 20), a.start))) return true;
  }
  return false;
}

function features(doc: StatementSource, start: number, end: number, dates: DateMention[], hole: Hole = null) {
  const whole = doc.analysis.text.slice(start, end);
  // The words of the hole are left out; offsets stay those of the whole span.
  const text = hole ? `${whole.slice(0, hole[0] - start).trimEnd()} ${whole.slice(hole[1] - start)}` : whole;
  const names = namesWithin(doc, start, end, hole);
  const content = contentTerms(text);
  const terms = new Set(content);
  if (namesPlacePair(doc, start, end, hole)) terms.add(BILATERAL);
  // Like the place names it stands for, the relation alone cannot make two statements one proposition.
  const places = terms.has(BILATERAL) ? [...new Set([...names.places, BILATERAL])].sort() : names.places;
  return {
    ...names,
    places,
    text,
    terms: [...terms].sort(),
    frames: framesOf(content),
    quantities: [...new Set(quantities(text).map((q) => q.value))].sort((a, b) => a - b),
    years: years(text),
    dates: dates.filter((d) => inSpan(d, start, end, hole)).map((d) => ({ value: d.value, granularity: d.granularity, text: d.text })),
    negated: isNegated(text),
  };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** The statements of one document, in text order. */
export function statementsOf(doc: StatementSource): Statement[] {
  return finishStatements(draftStatements(doc), doc.id, doc.entityIds, doc.analysis.text);
}

/** What a document's statements are before its corpus entity ids are known: each local entity
 *  standing for itself, in the order they were made, without anaphoric context (which reads the
 *  corpus ids). Made where the analysis ran; `finishStatements` completes them in the save. */
export type DraftStatement = Statement;

/** Draft statements (see `DraftStatement`) of a document, from its analysis alone. */
export function draftStatements(doc: Omit<StatementSource, 'entityIds'>): DraftStatement[] {
  const entityIds = Object.fromEntries(doc.analysis.entities.map((e) => [e.id, e.id]));
  return makeStatements({ ...doc, entityIds });
}

function makeStatements(doc: StatementSource): Statement[] {
  const { analysis } = doc;
  const base = { documentId: doc.id, published: doc.published, outlet: doc.outlet };
  const out: Statement[] = [];
  const dates = doc.dates ?? documentDates(analysis.text, doc.published);
  for (const c of analysis.claims) {
    const chain = c.chain?.length ? c.chain : [c.source ?? c.sourceText].filter((x): x is string => !!x);
    const events = analysis.events.filter((ev) => ev.claim === c.id || (ev.start <= c.start && ev.end >= c.end) || (ev.start >= c.start && ev.end <= c.end));
    const attribution = sourceRefs(doc, chain);
    const parts = propositions(analysis.text, c.start, c.end);
    parts.forEach(([start, end], k) => {
      const localId = parts.length > 1 ? `${c.id}.${k}` : c.id;
      // "Mahan Air, a company sanctioned by …, also restarted flights": the appositive is a second
      // proposition about the subject; the main clause is compared without it.
      const apposition = appositive(analysis.text, start, end);
      const hole: Hole = apposition ? apposition.hole : null;
      const inHole = (ev: Analysis['events'][number]) => !!hole && !!ev.trigger && analysis.text.slice(hole[0], hole[1]).includes(ev.trigger);
      const mainEvents = k === 0 ? events.filter((ev) => !inHole(ev)) : [];
      const f = features(doc, start, end, dates, hole);
      out.push({
        ...base, ...f, key: `${doc.id}#${localId}`, localId, kind: 'claim', start, end,
        modality: c.modality, negated: f.negated || c.modality === 'denied', eventType: mainEvents[0]?.type ?? (hole ? null : events[0]?.type ?? null),
        ...(mainEvents[0] ? { event: eventSignature(doc, mainEvents[0]) } : {}),
        entities: entitiesWithin(doc, start, end, mainEvents.flatMap((ev) => [ev.actor, ev.target]), hole),
        attribution, inherited: [],
      });
      if (!apposition) return;
      const [as, ae] = apposition.span;
      const holeEvents = k === 0 ? events.filter(inHole) : [];
      const g = features(doc, as, ae, dates);
      out.push({
        ...base, ...g, key: `${doc.id}#${localId}.a`, localId: `${localId}.a`, kind: 'claim', start: as, end: ae,
        modality: c.modality, negated: g.negated || c.modality === 'denied', eventType: holeEvents[0]?.type ?? null,
        ...(holeEvents[0] ? { event: eventSignature(doc, holeEvents[0]) } : {}),
        entities: entitiesWithin(doc, as, ae, holeEvents.flatMap((ev) => [ev.actor, ev.target])),
        attribution, inherited: [],
      });
    });
  }
  const claimed = [...out];
  analysis.events.forEach((ev, i) => {
    if (ev.claim || claimed.some((s) => overlaps(s, ev))) return;
    const f = features(doc, ev.start, ev.end, dates);
    const negated = f.negated || !!ev.context?.includes('negated');
    const eventDates = ev.date ? [{ value: ev.date, granularity: granularityOf(ev.date), text: ev.date }, ...f.dates.filter((d) => d.value !== ev.date)] : f.dates;
    out.push({
      ...base, ...f, dates: eventDates, key: `${doc.id}#v${i}`, localId: `v${i}`, kind: 'event', start: ev.start, end: ev.end,
      modality: ev.context?.includes('hypothetical') || ev.context?.includes('future') ? 'speculative' : 'asserted', negated,
      eventType: ev.type, event: eventSignature(doc, ev),
      entities: entitiesWithin(doc, ev.start, ev.end, [ev.actor, ev.target, ev.location]), attribution: [], inherited: [],
    });
  });
  const taken = [...out].sort((a, b) => a.start - b.start);
  doc.sentences.forEach((sentence, i) => {
    uncovered(sentence, taken).forEach((part, k, parts) => {
      const [start, end] = trim(analysis.text, part.start, part.end);
      const f = features(doc, start, end, dates);
      // A short dated sentence is kept when two of its words say something besides naming: a dateline
      // ("UNITED NATIONS 1996-08-22", "CARACAS, May 3") names a place or body and a day, nothing more.
      const naming = new Set([...f.nameTerms, ...f.places]);
      if (f.terms.length < MIN_SENTENCE_TERMS && !(f.dates.length && f.terms.filter((t) => !naming.has(t)).length >= 2)) return;
      const localId = parts.length > 1 ? `s${i}.${k}` : `s${i}`;
      out.push({
        ...base, ...f, key: `${doc.id}#${localId}`, localId, kind: 'sentence', start, end,
        modality: 'asserted', eventType: null, entities: entitiesWithin(doc, start, end), attribution: [], inherited: [],
      });
    });
  });
  resolveAnaphoricSources(out);
  inheritWithinParagraphs(analysis.text, out);
  return out;
}

/** The statements `statementsOf` makes, from drafts: local entity ids replaced by corpus ids (an
 *  entity without one left out, two locals of one corpus entity counted once), keys under the
 *  document id the store gave, anaphoric context added, text order. */
export function finishStatements(drafts: DraftStatement[], documentId: string, entityIds: Record<string, string>, text: string): Statement[] {
  const id = (local: string) => entityIds[local] as string | undefined;
  const ids = (locals: string[]) => [...new Set(locals.map(id).filter((x): x is string => !!x))].sort();
  const feature = (f: string) => (f.startsWith('e:') ? (id(f.slice(2)) ? `e:${id(f.slice(2))}` : null) : f);
  const ref = (r: SourceRef): SourceRef => {
    const entity = r.entity ? id(r.entity) : undefined;
    return { key: r.key, name: r.name, generic: r.generic, ...(entity ? { entity } : {}), ...(r.person ? { person: true } : {}) };
  };
  const out = drafts.map((d): Statement => {
    const s: Statement = {
      ...d,
      documentId,
      key: `${documentId}#${d.localId}`,
      entities: ids(d.entities),
      places: [...new Set(d.places.map(feature).filter((x): x is string => !!x))].sort(),
      attribution: d.attribution.map(ref),
      inherited: d.inherited.map(ref),
    };
    if (d.event) s.event = { ...d.event, actor: d.event.actor ? id(d.event.actor) ?? null : null, target: d.event.target ? id(d.event.target) ?? null : null };
    return s;
  });
  addAnaphoricContext(text, out);
  return out.sort((a, b) => a.start - b.start || a.localId.localeCompare(b.localId));
}

// A second proposition joined to a claim by the reporter: "…, pointing out that X", "…; X".
const SECOND_PROPOSITION = /,\s*(?:pointing out|adding|noting|saying|explaining|stressing|arguing|warning|claiming)\s+that\s+|;\s+/giu;

/** A claim's span split into the propositions it joins, each at least a few words long. */
function propositions(text: string, start: number, end: number): [number, number][] {
  const span = text.slice(start, end);
  const cuts: [number, number][] = [];
  let at = 0;
  for (const m of span.matchAll(SECOND_PROPOSITION)) {
    if (m.index - at < 25 || span.length - (m.index + m[0].length) < 25) continue;
    cuts.push([start + at, start + m.index]);
    at = m.index + m[0].length;
  }
  cuts.push([start + at, end]);
  return cuts;
}

// "Name, a/an … , verb…": an appositive after a name, the main clause going on in lower case.
const APPOSITIVE = /(?<=\p{Lu}[\p{L}\p{N}'’.-]*),\s+(?:a|an)\s+([^;.]{10,200}),\s+(?=\p{Ll})/u;

/** The appositive inside a claim's span, if any: the hole it leaves and its own span. */
function appositive(text: string, start: number, end: number): { hole: [number, number]; span: [number, number] } | null {
  const m = APPOSITIVE.exec(text.slice(start, end));
  if (!m) return null;
  const from = start + m.index;
  const inner = from + m[0].indexOf(m[1]);
  return { hole: [from, from + m[0].length], span: [inner, inner + m[1].length] };
}

/** The parts of a span no statement covers. */
function uncovered(span: { start: number; end: number }, taken: { start: number; end: number }[]): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let at = span.start;
  for (const t of taken) {
    if (t.end <= at || t.start >= span.end) continue;
    if (t.start > at) parts.push({ start: at, end: t.start });
    at = Math.max(at, t.end);
  }
  if (at < span.end) parts.push({ start: at, end: span.end });
  return parts;
}

function trim(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s,;:—–-]/u.test(text[start])) start++;
  while (end > start && /[\s,;:—–-]/u.test(text[end - 1])) end--;
  return [start, end];
}

// Only a relayed report (an outlet, an organisation) carries over to neighbouring sentences; a
// person's words are attributed sentence by sentence.
const relaysReport = (s: Statement) => s.attribution.some((r) => !r.generic) && !s.attribution.some((r) => r.person);

// A statement that opens by pointing back: its subject is in the sentence before.
const ANAPHORIC_OPENING = /^(?:[\p{L}]+,\s*)?(?:these|those|this|that|they|it|its|their|such|among them|the (?:project|flights?|plan|program|programme|deal|facility|base|drones?|scheme|operation|meetings?))\b/iu;

function addAnaphoricContext(text: string, statements: Statement[]): void {
  const sorted = [...statements].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const s = sorted[i];
    if (!ANAPHORIC_OPENING.test(s.text.trim())) continue;
    const before = sorted[i - 1];
    // The sentence just before, even across a paragraph break ("…UAVs.\n\nAmong them are…"),
    // but not across a blank-line section of other statements.
    if ((text.slice(before.end, s.start).match(/\n/g) ?? []).length > 2) continue;
    const own = new Set([...s.terms, ...s.entities.map((e) => `e:${e}`)]);
    const places = new Set([...before.places]);
    s.context = [...before.terms, ...before.entities.map((e) => `e:${e}`)].filter((f) => !own.has(f) && !places.has(f)).sort();
  }
}

// "the outlet explains", "the report read", "the Argentine outlet said": the source named before.
const ANAPHORIC_SOURCE = /^(?:(?:the|that|this)\s+(?:[\p{L}-]+\s+)?)?(?:outlet|report|newspaper|paper|agency|broadcaster|site|website|publication|daily|media|network)$/iu;

/** Replaces anaphoric sources by the nearest named source before them in the article. */
function resolveAnaphoricSources(statements: Statement[]): void {
  let last: SourceRef | null = null;
  for (const s of [...statements].sort((a, b) => a.start - b.start)) {
    s.attribution = s.attribution.map((r) => {
      if (!ANAPHORIC_SOURCE.test(r.name.trim())) return r;
      return last ?? { ...r, generic: true };
    });
    const named = s.attribution.filter((r) => !r.generic && !r.person);
    if (named.length) last = named[named.length - 1];
  }
}

/** Unsourced statements take the attribution of the nearest credited statement before them (or overlapping them) in their
 *  paragraph: a credit carries forward ("according to Infobae, … The base also …"), not back onto
 *  what the article said before it turned to that source. */
function inheritWithinParagraphs(text: string, statements: Statement[]): void {
  const paragraphOf = (offset: number) => {
    const before = text.lastIndexOf('\n', offset - 1);
    return before + 1;
  };
  const sorted = [...statements].sort((a, b) => a.start - b.start);
  for (const s of sorted) {
    if (s.attribution.length) continue;
    const paragraph = paragraphOf(s.start);
    const nearest = sorted.filter((o) => o !== s && o.start < s.end && relaysReport(o) && paragraphOf(o.start) === paragraph).at(-1);
    if (nearest) s.inherited = nearest.attribution;
  }
}

/** The granularity of an ISO value: 2024-01-12 day, 2024-01 month, 2024 year, 2010s decade. */
export function granularityOf(value: string): Granularity {
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return 'day';
  if (/^\d{4}-W\d{2}$/.test(value)) return 'week';
  if (/^\d{4}-\d{2}$/.test(value)) return 'month';
  if (/^\d{4}-(?:SP|SU|FA|WI|\d{2}S)$/i.test(value)) return 'season';
  if (/^\d{4}$/.test(value)) return 'year';
  if (/^\d{3}0s$/.test(value)) return 'decade';
  return 'century';
}
