// Events stage: PLOVER events (who did what to whom, where, when) from trigger words in
// data/lexicons/plover.json, with the claim reporting each one and context flags
// (historical, future, hypothetical, negated).
import { Context } from '../context.js';
import type { Event } from '../schema/analysis.js';
import type { Document, Sentence } from '../schema/document.js';
import { matchAt, ploverLexicon, type Trigger } from './lexicons.js';
import {
  agentOf, asParticipant, clauseEnd, clauseStart, lastTwo, objectOf, pairIn, participantPhrase, subjectOf, twoCountries, type Participant,
} from './participants.js';
import { entitySpans, sentenceAt, type EntitySpan } from './spans.js';

const SYMMETRIC = new Set(['AGREE', 'CONSULT', 'COOPERATE']);
const DETERMINERS = new Set(['a', 'an', 'the', 'its', 'their', 'his', 'her', 'this', 'that', 'these', 'those', 'our', 'my', 'your']);
const TARGETLESS = new Set(['ASSAULT', 'MOBILIZE', 'PROTEST', 'THREATEN', 'RETREAT']);
const PASSIVE_AUX = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'get', 'got']);
/** Past participles without -ed/-en that triggers take: "Reagan was shot" names the target, not the
 *  actor (it had been read as Reagan shooting). */
const IRREGULAR_PARTICIPLES = new Set(['shot', 'hit', 'struck', 'held', 'caught', 'hurt', 'cut', 'put', 'set', 'fought', 'brought', 'sought',
  'bought', 'led', 'kept', 'sent', 'built', 'left', 'lost', 'sold', 'told', 'met', 'bound', 'found', 'shut', 'beat', 'slain', 'stuck', 'won',
  'burnt', 'spent', 'paid', 'overrun', 'upheld', 'withheld']);
/** Words after which "back" is an adverb: a motion, a return, or the pronoun they move. */
const ADVERB_BACK = /^(?:them|him|her|it|us|me|you|send|sent|sending|sends|go|goes|went|going|gone|come|came|coming|comes|bring|brought|bringing|fight|fought|fighting|hit|pay|paid|paying|pull|pulled|pulling|turn|turned|turning|step|stepped|move|moved|moving|get|got|getting|fly|flew|flown|flying|fall|fell|falling|hold|held|holding|cut|cutting|scale|scaled|roll|rolled|rolling|way|date|dating|dates|dated|look|looked|looking|strike|struck|striking)$/u;
const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'without']);
const HYPOTHETICAL = new Set(['could', 'might', 'may', 'would', 'if', 'should', 'unless', 'possible', 'potential', 'potentially']);
const FUTURE = new Set(['will', 'shall', "'ll", 'plans', 'planned', 'plan', 'intends', 'going', 'soon']);

interface Found {
  trigger: Trigger;
  k: number;
  end: number;
  actor: Participant | null;
  target: Participant | null;
  sentence: Sentence;
}

const lowerAt = (doc: Document, i: number) => doc.tokens[i]?.text.toLowerCase() ?? '';

/** Actor and target for a verb trigger: subject and object, or the passive's "by" agent and subject. */
function verbParticipants(
  doc: Document, s: Sentence, k: number, end: number, t: Trigger, previous: EntitySpan | null, gapped: boolean,
): [EntitySpan | null, EntitySpan | null] {
  const stop = clauseEnd(doc, s.tokenEnd, end);
  const passive = PASSIVE_AUX.has(lowerAt(doc, k - 1)) || PASSIVE_AUX.has(lowerAt(doc, k - 2)) || lowerAt(doc, end) === 'by';
  if (passive && (/ed$|en$|wn$/u.test(lowerAt(doc, k)) || IRREGULAR_PARTICIPLES.has(lowerAt(doc, k)))) {
    const agent = agentOf(doc, end, stop);
    const patient = subjectOf(doc, s.tokenStart, k);
    return [agent, patient];
  }
  // A participle after a comma ("Maduro visited Tehran, signing a deal with Iran") or a second verb
  // ("seized a plane and detained its crew") shares the main subject.
  let subject: EntitySpan | null;
  const joined = lowerAt(doc, k - 1) === 'and' || (lowerAt(doc, k - 1) === ',' && /ing$/u.test(lowerAt(doc, k)));
  // "has refused to deploy", "agreed to share": the infinitive's subject is the governing verb's.
  const infinitive = lowerAt(doc, k - 1) === 'to' && k - 2 > s.tokenStart && /^\p{Ll}+$/u.test(doc.tokens[k - 2].text);
  if (joined && previous) subject = previous;
  else if (infinitive) subject = previous ?? subjectOf(doc, s.tokenStart, k - 2);
  else if (joined) {
    const from = doc.tokens[clauseStart(doc, s.tokenStart, k)].start;
    subject = entitySpans(doc).find((x) => x.start >= from && x.end <= doc.tokens[k].start && ['PERSON', 'ORG', 'GPE', 'NORP'].includes(x.type)) ?? null;
  } else subject = subjectOf(doc, s.tokenStart, k);
  // A gapped trigger ("expelled two Russian diplomats") may hold its object inside the gap.
  let object = objectOf(doc, gapped ? k + 1 : end, stop);
  // "The two leaders signed agreements", "called on both sides": the pair just named.
  const clauseText = doc.text.slice(doc.tokens[clauseStart(doc, s.tokenStart, k)].start, doc.tokens[k].start);
  const pairSubject = /\b(?:the two|both)\s+(leaders|presidents|ministers|sides|countries|nations|governments|parties)\s+(?:\p{Ll}+\s+)?$/iu.exec(clauseText);
  if (!subject && pairSubject) {
    const two = lastTwo(doc, s, pairSubject[1].toLowerCase());
    if (two) return [two[0], two[1]];
  }
  const pairObject = /^\s*(?:on\s+|to\s+|with\s+)?(?:the two|both)\s+(leaders|sides|countries|nations|governments|parties)\b/iu.exec(doc.text.slice(doc.tokens[end - 1].end, s.end));
  if (!object && pairObject && subject) {
    const two = lastTwo(doc, s, pairObject[1].toLowerCase());
    // A call on both sides is a call on each of them; the first is kept here, the pair is reported by the sentence.
    if (two) object = two.find((x) => x.entity !== subject!.entity) ?? null;
  }
  // "A and B signed a deal": both sides in the subject, no object.
  if (t.symmetric || t.type === 'AGREE' || t.type === 'COOPERATE' || t.type === 'CONSULT') {
    const from = doc.tokens[clauseStart(doc, s.tokenStart, k)].start;
    const pair = pairIn(doc, from, doc.tokens[k].start);
    if (pair && (!object || pair[1].entity === subject?.entity)) return [pair[0], pair[1]];
    if (!object) {
      const between = pairIn(doc, doc.tokens[end]?.start ?? s.end, doc.tokens[stop - 1]?.end ?? s.end);
      if (between) return [between[0], between[1]];
    }
  }
  if (t.reverse) [subject, object] = [object, subject];
  return [subject, object];
}

/** Actor and target for a noun trigger: "A's N of B", "N between A and B", "N with B", "A-B N". */
function nominalParticipants(doc: Document, s: Sentence, k: number, end: number, t: Trigger): [EntitySpan | null, EntitySpan | null] | null {
  const stop = clauseEnd(doc, s.tokenEnd, end);
  if (t.agentOf) {
    // "…advance in Venezuela's capacity, with the direct support of Tehran": Tehran helps Venezuela.
    const agent = objectOf(doc, end, stop, 6);
    if (!agent || !/\bwith\s+(?:the\s+)?(?:\p{Ll}+\s+)?$/u.test(doc.text.slice(Math.max(s.start, doc.tokens[k].start - 30), doc.tokens[k].start))) return null;
    const before = entitySpans(doc).filter((x) => x.start >= s.start && x.end <= doc.tokens[k].start && ['GPE', 'ORG', 'PERSON', 'NORP'].includes(x.type) && x.entity !== agent.entity);
    return [agent, before[before.length - 1] ?? null];
  }
  const next = lowerAt(doc, end);
  const after = doc.tokens[end]?.start ?? s.end;
  const stopAt = doc.tokens[stop - 1]?.end ?? s.end;
  if (next === 'between') {
    const pair = pairIn(doc, after, stopAt);
    if (pair) return pair;
    if (/^between\s+(?:the\s+two|both)\s+(?:countries|nations|governments|regimes|states|sides)/iu.test(doc.text.slice(after, stopAt))) {
      return twoCountries(doc, doc.tokens[k].start);
    }
    return null;
  }
  // The possessor right before the noun (skipping adjectives): "Israel's battering", "Iran's backing".
  let possessor: EntitySpan | null = null;
  for (let j = k - 1; j >= Math.max(s.tokenStart, k - 4); j--) {
    const w = lowerAt(doc, j);
    if (w === '’s' || w === "'s") {
      possessor = entitySpans(doc).find((x) => x.end === doc.tokens[j].start) ?? null;
      break;
    }
    if (!/^\p{Ll}+$/u.test(doc.tokens[j].text)) break;
  }
  const object = ['of', 'with', 'to', 'against', 'on', 'for', 'from'].includes(next) ? objectOf(doc, end + 1, stop, 8) : null;
  if (possessor) return [possessor, object];
  if (next === 'with' && object) return [subjectOf(doc, s.tokenStart, k), object];
  // "A-B drone agreement", "Iran–Venezuela cooperation": a pair glued before the noun.
  const before = pairIn(doc, doc.tokens[Math.max(s.tokenStart, k - 4)].start, doc.tokens[k].start);
  if (before) return before;
  return null;
}

const PROMISABLE = new Set(['AID', 'SUPPORT', 'COOPERATE', 'CONCEDE', 'RETREAT', 'CONSULT']);

/** "will visit", "is willing to withdraw", "offered to help": a stated intention, not yet an act. */
function promised(doc: Document, s: Sentence, k: number): boolean {
  const before = doc.text.slice(doc.tokens[Math.max(s.tokenStart, k - 4)].start, doc.tokens[k].start).toLowerCase();
  return /\b(?:will|shall|'ll|willing to|ready to|prepared to|offered to|promised to|pledged to|vowed to|agreed to|agrees to|plans to|intends to)\s+(?:\p{L}+ly\s+)?$/u.test(before);
}

/** Coercive acts that, announced for the future, are threats ("would blockade Paris", "will
 *  boycott the elections", "said they would boycott all contact with the United States"). */
const THREATENABLE = new Set(['COERCE', 'ASSAULT', 'SANCTION', 'REJECT']);

/** "will withdraw its force from Chad unless…", "would boycott…": an act announced on a condition,
 *  or a coercive act announced, is PLOVER's THREATEN. */
function threatened(doc: Document, s: Sentence, k: number, end: number, type: string): boolean {
  const before = doc.text.slice(doc.tokens[Math.max(s.tokenStart, k - 4)].start, doc.tokens[k].start).toLowerCase();
  if (!/\b(?:will|would|shall|'ll|threatens? to|threatened to)\s+(?:\p{L}+ly\s+)?$/u.test(before)) return false;
  if (THREATENABLE.has(type)) return true;
  // Any act with a condition attached: "unless Baghdad accepts", "if war starts".
  const rest = doc.text.slice(doc.tokens[end - 1].end, s.end);
  return type !== 'AGREE' && type !== 'CONSULT' && /\bunless\b/u.test(rest);
}

/** Types whose act can be a measure put on a place. */
const MEASURED = new Set(['CONCEDE', 'COERCE', 'SANCTION']);
const MEASURE = /^\s*(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\p{Ll}-]+\s+){0,2}?(?:curfews?|restrictions|measures|bans?|state\s+of\s+emergency|blockade|siege|martial\s+law|sanctions|embargo)\s+(?:in|on|across|over|against|throughout)\s+(?:the\s+)?(?:(?:town|city|province|region|village|district|area|state)\s+of\s+)?$/u;

/** The place right after "a measure in/on" following a trigger: "lifted a night curfew in Montenegro". */
function measuredPlace(doc: Document, s: Sentence, end: number): EntitySpan | null {
  const from = doc.tokens[end - 1].end;
  for (const x of entitySpans(doc)) {
    if (x.start < from || x.start > from + 80 || x.end > s.end) continue;
    if (!['GPE', 'LOC', 'NORP', 'ORG'].includes(x.type)) continue;
    return MEASURE.test(doc.text.slice(from, x.start)) ? x : null;
  }
  return null;
}

/** A demand reported as an obligation: "Russia said Sudan must return the helicopter". */
const MUST_REQUEST: Trigger = { forms: ['must'], type: 'REQUEST', mode: null };

/** "X said (that) Y must …": for each claim whose source is a named actor and whose content says
 *  another actor must do something, X asks it of Y (PLOVER codes such statements as REQUEST). The
 *  claims stage has found the source and the content already. */
function obligations(doc: Document, ctx: Context): Found[] {
  const found: Found[] = [];
  for (const claim of doc.claims) {
    if (!claim.source) continue;
    const s = doc.sentences[sentenceAt(doc, claim.start)];
    if (!s) continue;
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const tok = doc.tokens[k];
      if (tok.start < claim.start || tok.end > claim.end || lowerAt(doc, k) !== 'must') continue;
      const from = clauseStart(doc, s.tokenStart, k);
      const target = subjectOf(doc, from, k);
      // The source's own mention in the sentence stands for it (the nearest to the content).
      const mentions = entitySpans(doc).filter((x) => x.entity === claim.source && x.start >= s.start && x.end <= s.end && (x.end <= claim.start || x.start >= claim.end));
      const source = mentions.sort((a, b) => Math.abs(a.start - claim.start) - Math.abs(b.start - claim.start))[0];
      if (!target || !source || target.start < claim.start) continue;
      const actor = asParticipant(doc, source, ctx);
      const object = asParticipant(doc, target, ctx);
      if (actor.entity !== object.entity) found.push({ trigger: MUST_REQUEST, k, end: k + 1, actor, target: object, sentence: s });
    }
  }
  return found;
}

/** The counterpart named in "tensions/conflict … with X" in this or the two sentences before. */
function adversary(doc: Document, s: Sentence, actor: EntitySpan): EntitySpan | null {
  const i = doc.sentences.indexOf(s);
  const from = doc.sentences[Math.max(0, i - 2)].start;
  const text = doc.text.slice(from, s.end);
  const re = /\b(?:tensions?|conflict|war|confrontation|standoff|dispute|hostilities|clash(?:es)?)\b[^.;]{0,40}?\bwith\s+(?:the\s+)?/gu;
  let found: EntitySpan | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = from + m.index + m[0].length;
    const e = entitySpans(doc).find((x) => x.start === at && x.entity !== actor.entity && ['GPE', 'ORG', 'PERSON', 'NORP'].includes(x.type));
    if (e) found = e;
  }
  return found;
}

/** The country the previous sentence is about, when it is on the receiving end ("X is backed by allies", "X relies on"). */
function topicOf(doc: Document, s: Sentence, actor: EntitySpan): EntitySpan | null {
  const i = doc.sentences.indexOf(s);
  if (i <= 0) return null;
  const prev = doc.sentences[i - 1];
  const first = entitySpans(doc).find((x) => x.start >= prev.start && x.end <= prev.end);
  if (!first || first.entity === actor.entity || first.type !== 'GPE') return null;
  const rest = doc.text.slice(first.end, prev.end);
  const passive = /^\s*(?:is|was|are|were|has been|have been)\s+(?:also\s+)?(?:backed|supported|helped|aided|armed|assisted|funded|supplied)\b/u;
  const receives = /^\s*(?:also\s+)?(?:relies on|relied on|depends on|depended on|receives|received)\b/u;
  return passive.test(rest) || receives.test(rest) ? first : null;
}

/** Flags from the words around the trigger: negated, hypothetical, future, historical. */
function contextFlags(doc: Document, s: Sentence, k: number, date: string | null): string[] {
  const flags = new Set<string>();
  const from = clauseStart(doc, s.tokenStart, k);
  for (let j = Math.max(from, k - 5); j < k; j++) {
    const w = lowerAt(doc, j);
    if (NEGATORS.has(w)) flags.add('negated');
    if (HYPOTHETICAL.has(w)) flags.add('hypothetical');
    if (FUTURE.has(w)) flags.add('future');
  }
  if (/\bif\s+(?:attacked|\w+ed\b)/iu.test(doc.text.slice(doc.tokens[k].start, doc.tokens[Math.min(s.tokenEnd, k + 8) - 1].end))) flags.add('hypothetical');
  const published = Number(doc.published.value?.slice(0, 4));
  if (date && published && Number(date.slice(0, 4)) < published - 1) flags.add('historical');
  return [...flags].sort();
}

/** The date of an event: the date mention in its clause nearest the trigger. */
function dateOf(doc: Document, s: Sentence, k: number): string | null {
  const inside = doc.dates.filter((d) => d.start >= s.start && d.end <= s.end && d.granularity !== 'decade' && d.granularity !== 'century');
  if (!inside.length) return null;
  const at = doc.tokens[k].start;
  inside.sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at) || a.start - b.start);
  return inside[0].value;
}

/** The place: a GPE/LOC/FAC after "in"/"at" in the sentence that is neither actor nor target. */
function locationOf(doc: Document, s: Sentence, used: Array<string | null>, ctx: Context): string | null {
  for (const span of entitySpans(doc)) {
    if (span.start < s.start || span.end > s.end || !['GPE', 'LOC', 'FAC'].includes(span.type)) continue;
    if (!/\b(?:in|at|near|inside|outside)\s+(?:the\s+)?(?:[\p{Lu}][\p{L}-]*\s+)*$/u.test(doc.text.slice(Math.max(s.start, span.start - 40), span.start))) continue;
    const id = asParticipant(doc, span, ctx).entity;
    if (!used.includes(id)) return id;
  }
  return null;
}

/** The claim reporting an event: the narrowest claim whose span holds the trigger. */
function claimOf(doc: Document, at: number): string | null {
  const holding = doc.claims.filter((c) => c.start <= at && at < c.end).sort((a, b) => a.end - a.start - (b.end - b.start));
  return holding[0]?.id ?? null;
}

/** Pipeline stage: fills `doc.events`. */
export function extractEvents(doc: Document, ctx: Context = new Context()): Document {
  const lex = ploverLexicon(ctx);
  const words = doc.tokens.map((t) => t.text.toLowerCase());
  const found: Found[] = [];
  for (const s of doc.sentences) {
    let previous: EntitySpan | null = null;
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const hit = matchAt(words, k, lex.byFirst, s.tokenEnd);
      if (!hit) continue;
      const t = hit.trigger;
      const at = k;
      k = hit.end - 1;
      // "a request from", "Tehran's support": a verb form after a determiner or a possessive is a noun.
      if (!t.nominal && (DETERMINERS.has(lowerAt(doc, at - 1)) || /^['’]s$/u.test(lowerAt(doc, at - 1)))) continue;
      // "conceded to demands from X", "responded to calls": after "to" a verb is in its base form, so
      // a form in -s or -ed there is a noun (or no verb at all).
      if (!t.nominal && lowerAt(doc, at - 1) === 'to' && /(?:[^s]s|ed)$/u.test(lowerAt(doc, at))) continue;
      // "send them back to Bulgaria", "fought back", "came back": an adverb, not support.
      if (hit.words.length === 1 && hit.words[0] === 'back' && ADVERB_BACK.test(lowerAt(doc, at - 1))) continue;
      let pair: [EntitySpan | null, EntitySpan | null] | null = t.nominal ? nominalParticipants(doc, s, at, hit.end, t) : verbParticipants(doc, s, at, hit.end, t, previous, hit.words.includes('*'));
      // A noun with no participants of its own ("began in 2006 with a defense agreement"): the sentence's "between A and B".
      if ((!pair || !pair[0]) && t.nominal && (t.symmetric || t.type === 'COOPERATE')) {
        const m = /\bbetween\s+/u.exec(doc.text.slice(s.start, s.end));
        if (m) pair = pairIn(doc, s.start + m.index, s.end);
      }
      if (!pair || !pair[0]) continue;
      previous = pair[0];
      let targetSpan = pair[1];
      // "lifted a night curfew in Montenegro", "imposed restrictions on Gaza": the place a measure
      // is put on (or taken off) is its target.
      if (!targetSpan && MEASURED.has(t.type)) targetSpan = measuredPlace(doc, s, hit.end);
      // "Maduro said the country will respond if attacked", after "tensions rise with the United States".
      if (!targetSpan && t.type === 'THREATEN') targetSpan = adversary(doc, s, pair[0]);
      // "Venezuela is backed by allies. China and Russia provide support.": the supported side named just before.
      if (!targetSpan && (t.type === 'SUPPORT' || t.type === 'AID')) targetSpan = topicOf(doc, s, pair[0]);
      const target = targetSpan ? asParticipant(doc, targetSpan, ctx) : null;
      // Dyadic types need a target; a strike, a mobilisation, a protest or a threat may have none.
      if (!target && !TARGETLESS.has(t.type)) continue;
      // "China and Russia provide support": one event per side of a joined subject.
      const actors = [pair[0]];
      if (!t.nominal && !SYMMETRIC.has(t.type)) {
        const from = doc.tokens[clauseStart(doc, s.tokenStart, at)].start;
        const joinedSubject = pairIn(doc, from, doc.tokens[at].start);
        if (joinedSubject && joinedSubject[1].entity === pair[0].entity) actors.unshift(joinedSubject[0]);
      }
      // PLOVER codes an announced intention to cooperate ("will give", "is willing to withdraw") as AGREE.
      const type = !t.nominal && threatened(doc, s, at, hit.end, t.type) ? 'THREATEN'
        : !t.nominal && PROMISABLE.has(t.type) && promised(doc, s, at) ? 'AGREE' : t.type;
      const trigger = type === t.type ? t : { ...t, type, mode: null };
      for (const a of actors) {
        const actor = asParticipant(doc, a, ctx);
        if (target && target.entity === actor.entity) continue;
        found.push({ trigger, k: at, end: hit.end, actor, target, sentence: s });
      }
    }
  }
  found.push(...obligations(doc, ctx));
  const seen = new Set<string>();
  const events: Event[] = [];
  // The phrases events name their participants by, per entity: they become its mentions.
  const phrases = new Map<string, { start: number; end: number }[]>();
  // "A roadside bombing killed one U.S. soldier": the same act by the same actor, once with its
  // target and once without (two triggers), is one event, the one with the target.
  const targeted = new Set(found.filter((f) => f.target).map((f) => `${f.sentence.start}|${f.trigger.type}|${f.actor?.entity}`));
  for (const f of found) {
    const a = f.actor?.entity ?? null;
    const b = f.target?.entity ?? null;
    if (!b && targeted.has(`${f.sentence.start}|${f.trigger.type}|${a}`)) continue;
    const key = SYMMETRIC.has(f.trigger.type) ? [f.trigger.type, ...[a, b].sort()].join('|') : [f.trigger.type, a, b].join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    for (const p of [f.actor, f.target]) {
      const phrase = p && participantPhrase(doc, f.sentence, p);
      if (phrase) phrases.set(p.entity, [...(phrases.get(p.entity) ?? []), phrase]);
    }
    const triggerTok = doc.tokens[f.k];
    const date = dateOf(doc, f.sentence, f.k);
    const context = contextFlags(doc, f.sentence, f.k, date);
    events.push({
      type: f.trigger.type,
      mode: f.trigger.mode ?? null,
      actor: a,
      target: b,
      location: locationOf(doc, f.sentence, [a, b], ctx),
      date,
      start: f.sentence.start,
      end: f.sentence.end,
      claim: claimOf(doc, triggerTok.start),
      ...(context.length ? { context } : {}),
      trigger: doc.text.slice(triggerTok.start, doc.tokens[f.end - 1].end),
    });
  }
  events.sort((x, y) => x.start - y.start || x.type.localeCompare(y.type) || String(x.actor).localeCompare(String(y.actor)));
  doc.events = events;
  addPhrases(doc, phrases);
  return doc;
}

/** Adds the phrases events named their participants by to the entities' mentions, marked as
 *  phrases (not names), each span once. */
function addPhrases(doc: Document, phrases: Map<string, { start: number; end: number }[]>): void {
  if (!phrases.size) return;
  doc.entities = doc.entities.map((e) => {
    const add = phrases.get(e.id)?.filter((p, i, all) => all.findIndex((q) => q.start === p.start && q.end === p.end) === i
      && !e.mentions.some((m) => m.start === p.start && m.end === p.end));
    if (!add?.length) return e;
    const mentions = [...e.mentions, ...add.map((p) => ({ start: p.start, end: p.end, phrase: true as const }))];
    return { ...e, mentions: mentions.sort((a, b) => a.start - b.start || a.end - b.end) };
  });
}
