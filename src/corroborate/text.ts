import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../paths.js';

// Text features for comparing statements across articles: content terms (stemmed, with a small
// lexicon of news paraphrases folded to one concept), numbers, years and negation.

const STOPWORDS = new Set(`a about above after again against all also although am among an and any are as at be
because been before being below between both but by can could did do does doing down during each either even
ever every few for from further had has have having he her here hers him his how however i if in into is it
its itself just least less like may me might more most much must my near neither no nor not now of off on once
one only or other others our ours out over own per same she should since so some such than that the their theirs
them themselves then there these they this those through thus to too under until up upon us very via was we
were what when where whether which while who whom whose why will with within without would yet you your
said says say saying told tells according reported reports reportedly stated states added explained noted
claimed asserted stressed pointed highlighted suggest suggested believed alleged allegedly apparently
mr mrs ms dr new now today yesterday week weeks month months year years time times including include includes
already still just well way ways thing things part parts kind another several many lot lots
january february march april june july august september october november december monday tuesday
wednesday thursday friday saturday sunday`.split(/\s+/));

/** Paraphrase classes of general news wording: every member folds to the first word's concept.
 *  The lists hold general vocabulary, never phrases of a particular article. */
const CONCEPTS: string[][] = [
  ['base', 'facility', 'site', 'installation', 'plant', 'factory', 'hub', 'complex', 'compound', 'center', 'centre'],
  ['produce', 'build', 'develop', 'development', 'production', 'manufacture', 'make', 'assemble', 'assembly', 'construct', 'fabricate'],
  ['drone', 'uav', 'uavs', 'unmanned', 'kamikaze'],
  ['expert', 'specialist', 'engineer', 'technician', 'adviser', 'advisor', 'instructor'],
  ['establish', 'set', 'open', 'found', 'create', 'launch', 'install'],
  ['train', 'training', 'instruct', 'teach', 'operate'],
  ['military', 'army', 'armed', 'defense', 'defence', 'troops', 'soldiers', 'personnel'],
  ['weapon', 'arm', 'arms', 'munition', 'missile', 'armament'],
  ['send', 'sent', 'ship', 'shipment', 'deliver', 'delivery', 'supply', 'dispatch', 'transfer', 'provide'],
  ['pay', 'paid', 'payment', 'exchange', 'trade', 'swap', 'barter'],
  ['flight', 'fly', 'flew', 'flown'],
  ['sanction', 'embargo', 'blacklist', 'designate', 'designation'],
  ['presence', 'present', 'station', 'deploy', 'deployment', 'reside'],
  ['cooperation', 'collaboration', 'cooperate', 'collaborate', 'partnership', 'alliance', 'ties', 'relationship', 'relation'],
  ['agreement', 'deal', 'accord', 'pact', 'treaty', 'contract'],
  ['kill', 'killed', 'dead', 'death', 'deadly', 'lethal'],
  ['attack', 'strike', 'assault', 'raid', 'bomb', 'bombing'],
  ['meet', 'meeting', 'talk', 'visit', 'delegation'],
  ['money', 'fund', 'funds', 'cash', 'finance', 'financing'],
  ['big', 'large', 'major', 'significant', 'wide', 'vast', 'huge'],
  ['increase', 'grow', 'growing', 'expand', 'expanding', 'rise', 'rising', 'strengthen', 'boost', 'bolster'],
];

/** The paraphrase lexicon (data/lexicons/paraphrase.json): phrase rewrites, more concept classes
 *  and stopwords, general news vocabulary kept as data rather than code. */
interface ParaphraseLexicon {
  phrases: { from: string[]; to: string }[];
  /** Concepts that never make a frame: they qualify the word beside them. */
  modifiers: string[];
  concepts: string[][];
  stopwords: string[];
}

function readParaphrases(): ParaphraseLexicon {
  const path = join(DATA_DIR, 'lexicons', 'paraphrase.json');
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<ParaphraseLexicon>;
  return { phrases: raw.phrases ?? [], modifiers: raw.modifiers ?? [], concepts: raw.concepts ?? [], stopwords: raw.stopwords ?? [] };
}

const PARAPHRASES = readParaphrases();
for (const w of PARAPHRASES.stopwords) STOPWORDS.add(w);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest phrases first, so "not limited to" wins over "not only". */
const PHRASES = PARAPHRASES.phrases
  .flatMap((p) => p.from.map((from) => ({ from, to: p.to })))
  .sort((a, b) => b.from.length - a.from.length);
const PHRASE = PHRASES.length ? new RegExp(`\\b(?:${PHRASES.map((p) => escape(p.from).replace(/\s+/g, '\\s+')).join('|')})\\b`, 'giu') : null;
const PHRASE_TO = new Map(PHRASES.map((p) => [p.from.replace(/\s+/g, ' '), p.to]));

/** The text with the lexicon's phrases rewritten to their one word ("not limited to" → "beyond"). */
export function rewritePhrases(text: string): string {
  return PHRASE ? text.replace(PHRASE, (m) => PHRASE_TO.get(fold(m).replace(/\s+/g, ' ')) ?? m) : text;
}

// Irregular forms the suffix rules cannot reach.
const IRREGULAR: Record<string, string> = {
  built: 'build', made: 'make', sent: 'send', paid: 'pay', sold: 'sell', bought: 'buy', held: 'hold', led: 'lead',
  flew: 'fly', flown: 'fly', began: 'begin', begun: 'begin', gave: 'give', given: 'give', took: 'take', taken: 'take',
  seized: 'seize', countries: 'country', allies: 'ally', bases: 'base', arms: 'arm',
};

/** A light suffix stemmer (Porter-like step 1 plus common derivations): enough to meet
 *  "building" with "build", "trained" with "training", "countries" with "country". */
export function stem(word: string): string {
  let w = word;
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const [suffix, min] of [['ingly', 4], ['edly', 4], ['ing', 2], ['ed', 2], ['ment', 4], ['ation', 4], ['ly', 4]] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= min) {
      w = w.slice(0, -suffix.length);
      // "stopp" → "stop", "plann" → "plan"
      if (/([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
      else if (suffix === 'ing' || suffix === 'ed') {
        if (/[^aeiou][aeiou][^aeiouwxy]$/.test(w) && w.length <= 4) w += 'e';
      }
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

const CONCEPT_OF = new Map<string, string>();
// A lexicon class whose head is already a built-in concept's member extends that concept.
const headOf = (w: string) => CONCEPTS.find((g) => g.includes(w) || g.map(stem).includes(stem(w)))?.[0];
const ALL_CONCEPTS = [...CONCEPTS];
for (const group of PARAPHRASES.concepts) {
  const head = headOf(group[0]);
  if (head) ALL_CONCEPTS.push([head, ...group]);
  else ALL_CONCEPTS.push(group);
}
for (const group of ALL_CONCEPTS) {
  const head = `~${stem(group[0])}`;
  for (const member of group) {
    CONCEPT_OF.set(member, head);
    CONCEPT_OF.set(stem(member), head);
  }
}

/** Lower case without accents. */
export const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

const NOT_ASCII = /[^\x00-\x7f]/;
/** `fold`, with plain ASCII (most words of most articles) only lower-cased: it has nothing to
 *  decompose. */
const foldWord = (w: string): string => (NOT_ASCII.test(w) ? fold(w) : w.toLowerCase());

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** The words of a text, folded (case, accents) and split on inner hyphens kept as one token when
 *  they carry digits ("V-1", "Mohajer-6"). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    let w = foldWord(m[0]);
    if (/['’-]/u.test(w)) w = w.replace(/['’]s$/u, '').replace(/['’]/gu, '').replace(/-+$/u, '');
    if (!w) continue;
    if (w.includes('-') && !/\d/.test(w)) out.push(...w.split('-').filter(Boolean));
    else out.push(w);
  }
  return out;
}

/** Content terms of a text: stopwords dropped, stemmed, paraphrases folded to their concept. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(rewritePhrases(text))) {
    if (STOPWORDS.has(w) || (w.length < 3 && !/\d/.test(w))) continue;
    if (/^[\d-]+$/.test(w)) continue; // numbers and dates ("1996-08-28", "2-0") are compared as values, not as terms
    const s = stem(w);
    out.push(CONCEPT_OF.get(w) ?? CONCEPT_OF.get(s) ?? s);
  }
  return out;
}

/** Concepts that qualify rather than state (degree, growth, domain: "major", "growing", "military"):
 *  "military cooperation" and "military presence" share a domain, not a proposition. */
const MODIFIERS = new Set(PARAPHRASES.modifiers.map((w) => CONCEPT_OF.get(w) ?? CONCEPT_OF.get(stem(w)) ?? `~${stem(w)}`));

/** Frames of a text: two paraphrase concepts side by side ("sent weapons", "arms shipments" →
 *  "~send+~weapon"): a verb and its object, or a noun and its modifier, in the lexicon's concepts. */
export function frames(text: string): string[] {
  return framesOf(contentTerms(text));
}

/** `frames` of a text whose content terms are these. */
export function framesOf(terms: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < terms.length; i++) {
    const [x, y] = [terms[i], terms[i + 1]];
    if (!x.startsWith('~') || !y.startsWith('~') || x === y || MODIFIERS.has(x) || MODIFIERS.has(y)) continue;
    out.add(`f:${[x, y].sort().join('+')}`);
  }
  return [...out].sort();
}

const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, k: 1e3, m: 1e6, bn: 1e9 };
const NUMBER = /(?<![\p{L}\d-])(\$|€|£)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|bn|k|m)?\b(\s*%|\s*percent)?/giu;
const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, dozens: 24, hundreds: 200, thousands: 2000, billions: 2e9, millions: 2e6,
};

export interface Quantity {
  value: number;
  /** The words as written. */
  text: string;
}

/** Quantities of a text, years excluded (those are dates): "$350 million" → 3.5e8, "21" → 21. */
export function quantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const raw = m[2].replace(/,/g, '');
    let value = Number(raw);
    if (!m[1] && !m[3] && !m[4] && /^(1[5-9]|20)\d\d$/.test(raw)) continue; // a year
    if (m[3]) value *= SCALE[m[3].toLowerCase()] ?? 1;
    out.push({ value, text: m[0].trim() });
  }
  for (const w of words(text)) if (NUMBER_WORDS[w] && !out.length) out.push({ value: NUMBER_WORDS[w], text: w });
  return out;
}

/** Years named in a text (1500–2099). */
export function years(text: string): number[] {
  return [...new Set([...text.matchAll(/\b(1[5-9]\d\d|20\d\d)s?\b/g)].map((m) => Number(m[1])))].sort();
}

const NEGATION = /\b(?:not|never|no|denied|denies|deny|denying|refuted|rejected|false|untrue|baseless|unfounded|dismissed)\b|n['’]t\b/iu;
// "not only", "not limited to", "not just" extend a statement rather than negate it.
const NOT_NEGATION = /\bnot\s+(?:only|just|merely|limited|least|simply)\b/giu;

/** Does the text negate what it states? (a denial or "did not"), ignoring "not only" / "not just". */
export function isNegated(text: string): boolean {
  return NEGATION.test(text.replace(NOT_NEGATION, ''));
}
