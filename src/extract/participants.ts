// Who did it and to whom: the actor and target spans around an event trigger — the subject before
// it, the object after it, "by X" in the passive, "between A and B" — as event coders read them:
// capitals stand for their country's government, titles for the person holding them.
import { createRequire } from 'node:module';
import type { Context } from '../context.js';
import type { Document, Sentence } from '../schema/document.js';
import { entitySpans, spansWithin, type EntitySpan } from './spans.js';

const ACTOR_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);
/** Tokens that end the clause a subject or object is looked for in. */
const BOUNDARY = new Set([';', 'according', 'while', 'whereas', 'but', 'which', 'who', 'whom', 'although', 'though', 'because', 'after', 'before', 'when', 'where', 'amid', 'despite', '—', '–', '(', ')', ':']);
/** Nouns after a demonym that make it stand for the state ("Iranian officials", "the Venezuelan military"). */
const STATE_HEADS = new Set(
  ('officials official government forces force military regime army navy troops defense defence ministry unit units crew ' +
    'delegation delegations authorities police president leader leaders diplomats embassy people state intelligence ' +
    'socialists counterpart counterparts side sides administration officers soldiers guard militia rebels guerrillas ' +
    'guerillas militants militiamen fighters negotiators parliament court judge newspaper aircraft warplanes jets ' +
    'helicopters navy ships vessels protesters demonstrators students workers doctors activists opposition ' +
    'prime minister ministers envoy ambassador spokesman spokesperson lawmakers legislators ' +
    // What a state proposes or demands stands for it: "rejected an Indian proposal".
    'proposal proposals offer offers ultimatum appeal appeals plan plans call calls demand demands request requests ' +
    'invitation initiative bid policy decision changes move ' +
    // Who lends its expertise or people acts: "relying on Iranian expertise", "Iranian experts are building".
    'expertise support aid assistance help experts specialists engineers advisers advisors technicians technology investment investors ' +
    // A country's companies and nationals are coded as the country: "sanctions on three Chinese firms".
    'firms companies company entities individuals banks businesses nationals citizens ' +
    // Its people on the receiving end are coded as the country too: "killed 46 Afghan civilians".
    'civilians refugees villagers residents settlers detainees prisoners hostages pilgrims ' +
    // Weapons stand for whoever fires them: "Ukrainian drones struck".
    'drones missiles rockets artillery tanks warships').split(' '),
);
const ROLE_HEADS = new Set('official commander president admiral general minister spokesperson spokesman chief head leader ambassador envoy'.split(' '));

export interface Participant {
  entity: string;
  type: string;
  start: number;
  end: number;
}

/** Capital city name (folded) → country name (folded), from world-countries. */
function capitals(ctx: Context): Map<string, string> {
  return ctx.resource('capitals', () => {
    const require = createRequire(import.meta.url);
    const countries = require('world-countries') as Array<{ name: { common: string }; capital: string[] }>;
    const map = new Map<string, string>();
    for (const c of countries) for (const cap of c.capital) map.set(cap.toLowerCase(), c.name.common.toLowerCase());
    return map;
  });
}

/** An entity as an event participant: a capital stands for its country when the country is named too. */
export function asParticipant(doc: Document, span: EntitySpan, ctx: Context): Participant {
  // A demonym standing for its country ("Iranian fighters") is coded as the country when it is named.
  const country = doc.mentions.find((m) => m.start === span.start && m.end === span.end)?.refersTo;
  if (span.type === 'NORP' && country) {
    const e = doc.entities.find((x) => x.type === 'GPE' && [x.name, ...x.aliases].some((n) => n.toLowerCase() === country.toLowerCase()));
    if (e) return { entity: e.id, type: e.type, start: span.start, end: span.end };
  }
  // "the Maduro regime", "the Assad government": the state its leader runs, when the text says which.
  if (span.type === 'PERSON' && /^\s+(?:regime|government|administration)\b/u.test(doc.text.slice(span.end, span.end + 16))) {
    const led = countryLedBy(doc, span.entity);
    if (led) return { entity: led, type: 'GPE', start: span.start, end: span.end };
  }
  if (span.type === 'GPE') {
    const country = capitals(ctx).get(span.name.toLowerCase()) ?? capitals(ctx).get(doc.text.slice(span.start, span.end).toLowerCase());
    const e = country ? doc.entities.find((x) => x.type === 'GPE' && [x.name, ...x.aliases].some((n) => n.toLowerCase() === country)) : undefined;
    if (e) return { entity: e.id, type: e.type, start: span.start, end: span.end };
  }
  return { entity: span.entity, type: span.type, start: span.start, end: span.end };
}

const lowerAt = (doc: Document, i: number) => doc.tokens[i]?.text.toLowerCase() ?? '';

const LEADER = String.raw`(?:President|Prime Minister|Premier|Chancellor|King|leader|dictator|ruler|strongman|president)`;

/** The country a person is said to lead: "Venezuelan President Nicolás Maduro", "the President of Venezuela, Nicolas Maduro". */
function countryLedBy(doc: Document, person: string): string | null {
  const entity = doc.entities.find((e) => e.id === person);
  if (!entity) return null;
  const gpe = (start: number, end: number) => {
    const m = spansWithin(doc, start, end).find((x) => x.type === 'GPE' || x.type === 'NORP');
    if (!m) return null;
    return asCountry(doc, m);
  };
  for (const mention of entity.mentions) {
    const before = doc.text.slice(Math.max(0, mention.start - 60), mention.start);
    const titled = new RegExp(String.raw`(\S+)(?:['’]s)?\s+(?:\p{Ll}+\s+)?${LEADER}\s+$`, 'u').exec(before);
    if (titled) {
      const at = mention.start - before.length + titled.index;
      const found = gpe(at, at + titled[1].length);
      if (found) return found;
    }
    const of = new RegExp(String.raw`${LEADER}\s+of\s+(?:the\s+)?([\p{Lu}][\p{L} ]+),\s*$`, 'u').exec(before);
    if (of) {
      const at = mention.start - before.length + of.index;
      const found = gpe(at, mention.start);
      if (found) return found;
    }
  }
  return null;
}

/** The country entity a GPE or demonym mention stands for, if the document has it. */
function asCountry(doc: Document, span: EntitySpan): string | null {
  if (span.type === 'GPE') return span.entity;
  const country = doc.mentions.find((m) => m.start === span.start && m.end === span.end)?.refersTo;
  const e = country ? doc.entities.find((x) => x.type === 'GPE' && [x.name, ...x.aliases].some((n) => n.toLowerCase() === country.toLowerCase())) : undefined;
  return e?.id ?? null;
}

/** Token index of the first token starting at or after an offset. */
function tokenAt(doc: Document, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A demonym mention ("Iranian", "Venezuelan"), standing for its country or its people. */
function isDemonym(doc: Document, span: EntitySpan): boolean {
  if (span.type === 'NORP') return true;
  return doc.mentions.some((m) => m.start === span.start && m.end === span.end && (m.refersTo !== undefined || m.origin === 'demonym'));
}

/** True when an entity mention only modifies what follows: "Venezuela's airline", "Venezuelan networks". */
function isModifier(doc: Document, span: EntitySpan): boolean {
  const k = tokenAt(doc, span.end);
  const next = lowerAt(doc, k);
  if (next === '’s' || next === "'s") {
    // A possessor is a modifier when a noun phrase follows it ("Venezuela's state airline Conviasa"),
    // unless that noun is the state it runs ("Maduro's government").
    if (!/^[\p{L}]/u.test(doc.tokens[k + 1]?.text ?? '')) return false;
    const named = entitySpans(doc).some((x) => x.start > span.end && x.start <= (doc.tokens[k + 4]?.start ?? Infinity));
    // The noun may come after adjectives: "Iran's latest peace proposal", "Reagan's new policy".
    let head = k + 1;
    while (head < k + 3 && !STATE_HEADS.has(lowerAt(doc, head)) && /^\p{Ll}+$/u.test(doc.tokens[head + 1]?.text ?? '') && /^\p{Ll}+$/u.test(doc.tokens[head].text)) head++;
    return !STATE_HEADS.has(lowerAt(doc, head)) || named;
  }
  const nextTok = doc.tokens[k];
  // A plural demonym is a noun, its people ("Palestinians blamed Israel"), never an adjective
  // ("Swiss doctors" is one: -ss).
  if (isDemonym(doc, span) && !/[^s]s$/u.test(doc.text.slice(span.start, span.end))) {
    if (nextTok && (/^\p{Ll}/u.test(nextTok.text) || nextTok.text === ',')) {
      // "Iranian officials" stands for Iran; "Venezuelan criminal networks" does not.
      return !isStateDemonym(doc, span);
    }
  }
  return false;
}

/** Prepositions that make what follows a place, not a participant ("In Iran, the economy …"). */
const LOCATIVE = /\b(?:in|at|inside|near|across|throughout|within|outside|around|into)\s+(?:the\s+)?(?:[\p{Lu}][\p{L}.’'-]*\s+)*$/u;

/** Where the group phrase naming a place's people begins ("Rebels in the Ivory Coast", "Security
 *  forces in Guinea", "Opposition groups in Zimbabwe"): the group noun right before "in"/"from" and
 *  up to two words of its own before that. -1 when the place does not follow a group noun. */
function groupBefore(doc: Document, span: EntitySpan): number {
  let j = tokenAt(doc, span.start) - 1;
  if (lowerAt(doc, j) === 'the') j--;
  if (lowerAt(doc, j) !== 'in' && lowerAt(doc, j) !== 'from') return -1;
  const head = j - 1;
  if (head < 0 || !GROUP_HEADS.has(lowerAt(doc, head))) return -1;
  let first = head;
  for (let m = head - 1; m >= 0 && m >= head - 2; m--) {
    const w = doc.tokens[m].text;
    // Words of the group's own: not function words, adverbs or verbs ("mobilized pressure groups").
    if (!/^\p{L}[\p{L}-]*$/u.test(w) || PHRASE_STOPS.has(w.toLowerCase()) || /(?:ly|ed|ing)$/u.test(w)) break;
    if (entitySpans(doc).some((x) => x.start <= doc.tokens[m].start && doc.tokens[m].end <= x.end)) break;
    first = m;
  }
  return doc.tokens[first].start;
}

/** What may come between the start of a subject's or object's range and a group named by its
 *  place: determiners, prepositions and counts ("to militias in Iraq", "Some 800 rebels in Chad"). */
const GROUP_LEAD = /^\s*(?:(?:the|a|an|to|of|on|with|against|for|from|some|many|several|about|around|up|at|least|more|than|hundreds|thousands|dozens|\d[\d,.]*)\s+)*$/iu;

/** Is the place the one a group at the start of the range is named by? */
function leadsGroup(doc: Document, span: EntitySpan, from: number): boolean {
  const start = groupBefore(doc, span);
  return start >= from && GROUP_LEAD.test(doc.text.slice(from, start));
}

function candidates(doc: Document, from: number, to: number): EntitySpan[] {
  return spansWithin(doc, from, to).filter(
    (s) => ACTOR_TYPES.has(s.type) && (!LOCATIVE.test(doc.text.slice(Math.max(0, s.start - 40), s.start)) || leadsGroup(doc, s, from)),
  );
}

/** Words after which the object phrase is only being described ("networks tied to Caracas"). */
const DESCRIBERS = new Set(['linked', 'tied', 'based', 'owned', 'located', 'including', 'such', 'like', 'connected', 'affiliated', 'close', 'belonging']);

/** The start of the clause holding token k: the nearest boundary word before it. */
export function clauseStart(doc: Document, sentenceStart: number, k: number): number {
  for (let j = k - 1; j > sentenceStart; j--) {
    const w = lowerAt(doc, j);
    if (BOUNDARY.has(w) || (w === 'that' && lowerAt(doc, j - 1) !== 'so')) return j + 1;
    if (w === 'as' && /^(?:just|even|,)$/u.test(lowerAt(doc, j - 1))) return j + 1;
  }
  return sentenceStart;
}

/** The end (exclusive token index) of the clause after token k. */
export function clauseEnd(doc: Document, sentenceEnd: number, k: number): number {
  for (let j = k; j < sentenceEnd; j++) {
    const w = lowerAt(doc, j);
    if (BOUNDARY.has(w) || w === '.' || (w === ',' && (BOUNDARY.has(lowerAt(doc, j + 1)) || lowerAt(doc, j + 1) === 'and'))) return j;
  }
  return sentenceEnd;
}

/** The subject before the trigger: the last entity of the clause, a person for a title ("a senior official"). */
export function subjectOf(doc: Document, sentenceStart: number, k: number): EntitySpan | null {
  const first = clauseStart(doc, sentenceStart, k);
  const from = doc.tokens[first].start;
  let to = doc.tokens[k].start;
  // "Iranian delegations, led by figures such as X, have held meetings": the subject is before the aside.
  const verb = precedingNoun(doc, k);
  let start = from;
  if (lowerAt(doc, verb) === ',') {
    for (let j = verb - 1; j > sentenceStart; j--) {
      if (lowerAt(doc, j) !== ',') continue;
      // "The United States, which sold arms to Taiwan, urged China": the subject is before the relative aside.
      const relative = /^(?:which|who|whose|whom)$/u.test(lowerAt(doc, j + 1));
      if (j <= first && !relative) break;
      const before = doc.tokens[relative ? clauseStart(doc, sentenceStart, j) : first].start;
      if (candidates(doc, before, doc.tokens[j].start).length) {
        start = before;
        to = doc.tokens[j].start;
      }
      break;
    }
  }
  const spans = candidates(doc, start, to).filter((s) => !isModifier(doc, s) || isStateDemonym(doc, s));
  let subject: EntitySpan | null = spans[spans.length - 1] ?? null;
  // "the Houthis, who have attacked ships": a relative pronoun stands for what it follows.
  if (!subject && first > sentenceStart && /^(?:who|which|that)$/u.test(lowerAt(doc, first - 1))) {
    // Only the noun phrase right before the pronoun ("the Houthis, who"), not any earlier name.
    const rel = first - 1;
    const near = doc.tokens[lowerAt(doc, rel - 1) === ',' ? rel - 2 : rel - 1];
    const antecedent = near ? candidates(doc, doc.tokens[sentenceStart].start, doc.tokens[rel].start).filter((x) => x.end === near.end) : [];
    subject = antecedent[antecedent.length - 1] ?? null;
  }
  // "as it has designated …": a pronoun subject stands for the last actor named before the clause.
  const pronoun = lowerAt(doc, verb);
  if (!subject && ['it', 'they', 'he', 'she'].includes(pronoun)) {
    const person = pronoun === 'he' || pronoun === 'she';
    const at = doc.tokens[verb].start;
    subject = entitySpans(doc).filter((x) => x.end <= at && at - x.end < 300 && (person ? x.type === 'PERSON' : x.type === 'ORG' || x.type === 'GPE')).pop() ?? null;
  }
  // "a senior US military official has accused": the title's holder, named before.
  const head = k > 0 ? lowerAt(doc, precedingNoun(doc, k)) : '';
  if (ROLE_HEADS.has(head) && (!subject || subject.type !== 'PERSON')) {
    const person = entitySpans(doc).filter((s) => s.type === 'PERSON' && s.end <= to && to - s.end < 400).pop();
    if (person) subject = person;
  }
  return subject;
}

function isStateDemonym(doc: Document, s: EntitySpan): boolean {
  const k = tokenAt(doc, s.end);
  for (let j = k; j < k + 6 && j < doc.tokens.length; j++) {
    const w = lowerAt(doc, j);
    if (STATE_HEADS.has(w)) return true;
    // "Hungarian and Romanian officials": the head comes after the joined demonyms.
    if (w === 'and' || w === ',' || /^\p{Lu}/u.test(doc.tokens[j].text)) continue;
    if (!/^\p{Ll}/u.test(doc.tokens[j].text)) break;
  }
  return false;
}

/** The noun right before a verb, skipping auxiliaries and adverbs ("official has publicly accused"). */
function precedingNoun(doc: Document, k: number): number {
  let j = k - 1;
  while (j > 0 && /^(?:has|have|had|is|was|were|are|been|also|publicly|reportedly|allegedly|\p{Ll}+ly)$/u.test(lowerAt(doc, j))) j--;
  return j;
}

/** The object after the trigger: the first entity of the clause that is not a mere modifier. */
export function objectOf(doc: Document, k: number, clauseEndTok: number, maxTokens = 14): EntitySpan | null {
  const endTok = Math.min(clauseEndTok, k + maxTokens);
  if (endTok <= k) return null;
  let stop = endTok;
  for (let j = k + 1; j < endTok; j++) {
    if (DESCRIBERS.has(lowerAt(doc, j))) {
      stop = j;
      break;
    }
  }
  const from = doc.tokens[k].start;
  const to = doc.tokens[stop - 1].end;
  // "issued an arrest warrant against him": the person named last before.
  for (let j = k; j < Math.min(stop, k + 8); j++) {
    const w = lowerAt(doc, j);
    if (w === 'him' || w === 'her') {
      return entitySpans(doc).filter((x) => x.type === 'PERSON' && x.end <= doc.tokens[j].start && doc.tokens[j].start - x.end < 300).pop() ?? null;
    }
    if (w === 'them' || w === 'it') break;
  }
  const spans = candidates(doc, from, to);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (isModifier(doc, s) && !isStateDemonym(doc, s)) continue;
    // "the President of Venezuela, Nicolas Maduro": the person the title names.
    const after = doc.text.slice(s.end, s.end + 3);
    const next = spans[i + 1];
    const titled = /\b(?:president|leader|head|chief|minister|king|queen|ruler|premier|chancellor)\s+(?:of|for)\s+(?:the\s+)?$/iu.test(doc.text.slice(Math.max(0, s.start - 30), s.start));
    if (s.type !== 'PERSON' && next && (next.type === 'PERSON' || titled) && /^\s*,\s*$/u.test(doc.text.slice(s.end, next.start)) && /\b(?:of|for)\s+(?:the\s+)?$/iu.test(doc.text.slice(Math.max(0, s.start - 12), s.start))) {
      return next;
    }
    // "the administration of U.S. President Joe Biden": the person heading it.
    if (s.type !== 'PERSON' && next && next.type === 'PERSON' && /^[\s\p{Lu}\p{Ll}.]*$/u.test(doc.text.slice(s.end, next.start)) && next.start - s.end < 20 && !/[,;]/u.test(after)) {
      return next;
    }
    return s;
  }
  return null;
}

/** The agent of a passive trigger: "released by the administration of Joe Biden" → Joe Biden. */
export function agentOf(doc: Document, k: number, clauseEndTok: number): EntitySpan | null {
  for (let j = k; j < Math.min(clauseEndTok, k + 3); j++) {
    if (lowerAt(doc, j) === 'by') return objectOf(doc, j + 1, clauseEndTok, 12);
  }
  return null;
}

/** "between A and B" / "A and B" pairs: two entities joined by "and" inside a range. */
export function pairIn(doc: Document, from: number, to: number): [EntitySpan, EntitySpan] | null {
  const spans = candidates(doc, from, to).filter((s) => !isModifier(doc, s) || isStateDemonym(doc, s));
  for (let i = 0; i + 1 < spans.length; i++) {
    const between = doc.text.slice(spans[i].end, spans[i + 1].start);
    if (/^\s*(?:,\s*|\s)?and\s+(?:the\s+)?$/iu.test(between) || /^\s*-\s*$/u.test(between)) return [spans[i], spans[i + 1]];
  }
  return null;
}

/** "the two leaders", "both sides": the last two different actors named in the sentences just before. */
export function lastTwo(doc: Document, s: Sentence, noun: string): [EntitySpan, EntitySpan] | null {
  const i = doc.sentences.indexOf(s);
  const from = doc.sentences[Math.max(0, i - 2)].start;
  const types = /^(?:leaders|presidents|ministers|men|women)$/u.test(noun) ? ['PERSON'] : ['GPE', 'ORG', 'PERSON', 'NORP'];
  const seen: EntitySpan[] = [];
  const spans = spansWithin(doc, from, s.start).filter((x) => types.includes(x.type));
  for (let j = spans.length - 1; j >= 0 && seen.length < 2; j--) if (!seen.some((x) => x.entity === spans[j].entity)) seen.unshift(spans[j]);
  return seen.length === 2 ? [seen[0], seen[1]] : null;
}

/** "the two countries", "both countries": the two countries the document has named most so far. */
export function twoCountries(doc: Document, before: number): [EntitySpan, EntitySpan] | null {
  const counts = new Map<string, { n: number; span: EntitySpan }>();
  for (const s of entitySpans(doc)) {
    if (s.start >= before || s.type !== 'GPE') continue;
    const c = counts.get(s.entity);
    counts.set(s.entity, { n: (c?.n ?? 0) + 1, span: c?.span ?? s });
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n || a.span.start - b.span.start);
  return top.length >= 2 ? [top[0].span, top[1].span] : null;
}

/** Words a title ends in, right before the name of the person holding it: "President", "Foreign
 *  Minister", "leader", "right-winger". */
const TITLE_HEADS = new Set(
  ('president vice-president president-elect premier chancellor minister secretary secretary-general general judge ' +
    'justice ambassador envoy emir king queen prince princess sheikh senator governor mayor admiral commander chief leader ' +
    'spokesman spokeswoman spokesperson right-winger left-winger dictator strongman monarch ayatollah cardinal archbishop ' +
    'bishop pope colonel lieutenant captain major marshal prosecutor chairman chairwoman director negotiator').split(' '),
);
/** Words a title is built of before its last word: "Prime Minister", "Defence Secretary", "junior foreign minister". */
const TITLE_WORDS = new Set(
  ('prime foreign defence defense interior finance home trade economy junior senior deputy vice acting first ' +
    'supreme chief state opposition army military rebel party union lt. gen. col. maj. adm. sen. gov.').split(' '),
);
/** Nouns for a state's or a people's bodies and members: "Israeli soldiers", "Sudanese government",
 *  "Afghan rebel leaders", "Poland's parliament". */
const GROUP_HEADS = new Set(
  ('government governments authorities administration regime parliament congress senate cabinet court courts group groups ' +
    'faction factions movement movements ' +
    'judiciary ministry embassy delegation delegations junta leadership council army navy military forces force troops ' +
    'soldiers soldier police militia militias militiamen rebels rebel guerrillas guerillas guerrilla insurgents militants ' +
    'fighters gunmen commandos marines paratroopers peacekeepers officers official officials diplomats diplomat envoys ' +
    'negotiators leaders leader president minister lawmakers legislators deputies opposition party parties candidates ' +
    'people civilians refugees nationals citizens residents villagers settlers students workers farmers doctors ' +
    'activists protesters demonstrators supporters nationalists separatists extremists fundamentalists prisoners ' +
    'detainees hostages advisers advisors experts inspectors observers monitors journalists reporters newspaper media ' +
    'businessman businessmen aircraft warplanes jets helicopters gunships warships ships').split(' '),
);
/** Words a group phrase never runs through: function words and the verbs of saying. */
const PHRASE_STOPS = new Set(
  ('the a an of in on at to for from with by and or but as that which who whom whose is are was were be been being has ' +
    'have had will would shall should can could may might must do does did not said says say told also its their his ' +
    'her this these those there here than then so such including').split(' '),
);

const capitalised = (text: string) => /^\p{Lu}/u.test(text);

/** The first token of a person's title phrase: from the name back over its title ("Palestinian
 *  leader Yasser Arafat", "Niger's ambassador Brah Mohamane", "U.N. Secretary-General Kofi Annan"),
 *  or the name's own first token when no title comes right before it. */
function titleStart(doc: Document, s: Sentence, first: number): number {
  if (first - 1 < s.tokenStart || !TITLE_HEADS.has(lowerAt(doc, first - 1))) return first;
  let start = first - 1;
  for (let j = first - 2; j >= s.tokenStart; j--) {
    const text = doc.tokens[j].text;
    const w = text.toLowerCase();
    if (TITLE_HEADS.has(w) || TITLE_WORDS.has(w)) {
      start = j;
      continue;
    }
    // A country, body or people whose office it is: "Russian President", "Taiwan's Foreign Minister".
    const possessive = w === "'s" || w === '’s';
    const at = possessive ? doc.tokens[j - 1]?.end : doc.tokens[j].end;
    const owner = at === undefined ? undefined : entitySpans(doc).find((x) => x.end === at && x.start >= s.start && x.type !== 'PERSON' && x.type !== 'EVENT');
    if (owner) {
      start = j = tokenAt(doc, owner.start);
      continue;
    }
    // An office's own capitalised words ("National Assembly president"), never the sentence's first word.
    if (capitalised(text) && j > s.tokenStart && /^\p{L}[\p{L}.-]*$/u.test(text) && !doc.dates.some((d) => d.start <= doc.tokens[j].start && doc.tokens[j].end <= d.end)) {
      start = j;
      continue;
    }
    if (w === 'and' && j - 1 > s.tokenStart && capitalised(doc.tokens[j - 1].text) && capitalised(doc.tokens[j + 1].text)) continue;
    break;
  }
  return start;
}

/** The end (exclusive token index) of a group phrase after a state, people or body: up to two
 *  modifiers and the group nouns ("Israeli soldiers", "Liberian riot police", "Ugandan opposition
 *  candidates"), or -1 when no group noun follows. */
function groupEnd(doc: Document, s: Sentence, after: number, allowPossessive: boolean): number {
  let j = after;
  if (allowPossessive && (lowerAt(doc, j) === "'s" || lowerAt(doc, j) === '’s')) j++;
  let end = -1;
  for (let modifiers = 0; j < s.tokenEnd; j++) {
    const w = doc.tokens[j].text;
    if (!/^\p{Ll}[\p{Ll}-]*$/u.test(w) || PHRASE_STOPS.has(w)) break;
    if (GROUP_HEADS.has(w)) {
      end = j + 1;
      continue;
    }
    // After the group noun, anything else ends the phrase ("Israeli army bulldozers demolished").
    if (end >= 0 || ++modifiers > 2 || /ly$/u.test(w)) break;
  }
  return end;
}

/** The phrase an event names a participant by, when it is longer than the name itself: a person
 *  with the title before the name, a state or people with the group noun after it ("Fijian
 *  rebels", "Azerbaijani parliament", "ethnic Albanians"). Event coders record actors this way;
 *  the phrase becomes a mention of the participant's entity. Null when there is none. */
export function participantPhrase(doc: Document, s: Sentence, p: Participant): { start: number; end: number } | null {
  const first = tokenAt(doc, p.start);
  const after = tokenAt(doc, p.end);
  if (first >= s.tokenEnd || first < s.tokenStart) return null;
  let start = first;
  let end = after;
  const named = entitySpans(doc).find((x) => x.start === p.start && x.end === p.end);
  const groupFrom = named ? groupBefore(doc, named) : -1;
  if (named?.type === 'PERSON' && p.type === 'PERSON') start = titleStart(doc, s, first);
  else if (groupFrom >= s.start) start = tokenAt(doc, groupFrom);
  else {
    const groupTo = groupEnd(doc, s, after, p.type !== 'NORP' && named?.type !== 'NORP');
    if (groupTo > 0) end = groupTo;
    if (lowerAt(doc, first - 1) === 'ethnic' && first - 1 >= s.tokenStart) start = first - 1;
  }
  if (start === first && end === after) return null;
  return { start: doc.tokens[start].start, end: doc.tokens[end - 1].end };
}
