// Each mention read as a name form: possessives, "the", titles and quantity phrases removed, the
// span narrowed to the bare name, demonyms and metonyms mapped to the place they stand for.
import type { Document, Mention } from '../schema/document.js';
import type { EntityType } from '../schema/analysis.js';
import type { KbEntry, ResolverKb } from './kb.js';
import { foldName, foldPlain, PERSON_TITLES } from './names.js';

export interface NameForm {
  /** Index of the mention in doc.mentions. */
  index: number;
  /** The span of the bare name (titles and possessive outside it). */
  start: number;
  end: number;
  /** The mention as written, minus possessive and a leading "the". */
  surface: string;
  /** The name without titles, descriptors or quantity phrases. */
  bare: string;
  /** foldName(bare): the within-document grouping key. */
  key: string;
  type: EntityType;
  /** Type evidence that outweighs a clash: a gazetteer, a KB link or a resolver rule. */
  reliable: boolean;
  kb: KbEntry | null;
  /** A kb id the mention carried that the reference KB does not hold (a list id, say). */
  foreignKb: string | null;
  /** Words of a title stripped from the front ("admiral"), for "the admiral" references. */
  titles: string[];
  /** Only a role ("President of Venezuela"): joins a named entity by apposition or is dropped. */
  roleOnly: boolean;
  /** A descriptive reference added by the resolver ("the outlet"): never an alias. */
  descriptive: boolean;
  /** A demonym or people noun standing for its country or region: a mention, never an alias. */
  demonym?: boolean;
  /** Half of an elliptical coordination ("North" in "North and South Korea"): not a name of its own. */
  elliptical?: boolean;
}

/** Nouns for people acting for a state: a demonym before them stands for the country. */
const ACTOR_NOUNS = new Set(
  ('official officials government governments authorities authority leader leaders leadership president ' +
    'presidents minister ministers ministry prime foreign defense defence state regime administration ' +
    'forces force military army navy troops soldiers diplomats diplomat ambassador embassy envoy ' +
    'delegation delegations counterpart counterparts people citizens nationals experts specialists ' +
    'engineers advisers advisors analysts intelligence agents operatives spokesman spokeswoman ' +
    'spokesperson officers commanders commander personnel police security media authorities judiciary ' +
    'parliament lawmakers legislators senate congress court courts mission missions supreme navy ' +
    'foreign-ministry counterparts negotiators team targets interests embassy embassies territory soil waters ' +
    'airspace border borders warships vessels naval defense defence sanctions diplomacy envoys').split(' '),
);

/** Phrases of quantity before a plural demonym: "Thousands of Cubans" names the Cubans. */
const QUANTITY = /^(?:thousands|hundreds|dozens|millions|tens of thousands|scores|some|many|several|few)\s+of\s+/iu;

/** Words that mark a single capitalised word as a company rather than a person. */
const ORG_AFTER = /^(?:\s+(?:company|group|corporation|corp|inc|ab|ltd|plc|airline|airlines|firm|shares|stock)\b|['’]s\s+(?:shares|factory|plant|subsidiary|chief executive|ceo|board)\b|\s+(?:said|says|announced|stated|reported)\s+(?:on\s+\w+\s+)?(?:that\s+)?its\b)/iu;

/** Titles that, written just outside a mention, still belong to the person named. */
const OUTSIDE_TITLES = new Set(
  'president admiral general minister senator ambassador spokesman spokeswoman spokesperson governor mayor commander ayatollah king queen prince pope chancellor premier'.split(' '),
);

/** Ranks and offices written right before a person's name. */
const RANK_BEFORE = /(?:^|[\s(])(?:President|Vice-President|Vice President|Prime Minister|Minister|Senator|Sen\.|Rep\.|Gen\.|General|Admiral|Adm\.|Colonel|Col\.|Ayatollah|Sheikh|King|Queen|Prince|Mr\.|Mrs\.|Ms\.|Dr\.|Judge|Governor|Gov\.|Mayor|ambassador|Ambassador|spokesman|spokeswoman|spokesperson)\s+$/u;

/** Descriptors set right before a name that make it an organisation. */
const ORG_BEFORE = /\b(?:outlet|newspaper|news agency|broadcaster|daily|company|firm|airline|carrier|conglomerate|organi[sz]ation|group|wing|militia|cartel|movement|party)\s*,?\s+$/iu;
/** An appositive description after a name that makes it an organisation: "Hezbollah, the Lebanese militant group". */
const ORG_APPOSITION = /^,\s+(?:a|an|the|its)\s+(?:[\p{L}-]+\s+){0,3}?(?:group|organi[sz]ation|militia|movement|party|company|firm|airline|carrier|conglomerate|outlet|newspaper|news agency|broadcaster|cartel|wing)\b/iu;

/** True when the word after `end` is a noun naming state actors, or a title ("Chinese President"). */
function modifiesActor(text: string, end: number): boolean {
  // "Iranian and Venezuelan missions": the noun after the coordinated demonym counts for both.
  const m = /^(?:\s+(?:and|or)\s+\p{Lu}[\p{L}]+)?[\s-]+([\p{L}-]+)/u.exec(text.slice(end, end + 60));
  if (!m) return false;
  const w = m[1].toLowerCase();
  return ACTOR_NOUNS.has(w) || (PERSON_TITLES.has(w) && /^\p{Lu}/u.test(m[1]));
}

/** A demonym used as a noun for people: plural ("Cubans") or "the Chinese", not followed by a noun. */
function isPeopleNoun(text: string, start: number, end: number, bare: string): boolean {
  // A plural demonym is a noun already ("Cubans"): plural nouns do not modify nouns.
  if (/[^s]s$/u.test(bare)) return true;
  const after = text.slice(end, end + 30);
  if (/^[\s-]+\p{Ll}+(?:ed|ing)?\b/u.test(after) && !/^\s+(?:have|has|had|are|were|is|was|say|said|says|and|or|who|in|on|at|from|to|of|with|for|as)\b/u.test(after)) {
    return false;
  }
  return /\bthe\s+$/iu.test(text.slice(Math.max(0, start - 5), start));
}

/** Head words of organisation and place names: a title before them is part of the name ("Foreign Ministry"). */
const NON_PERSON_HEADS = new Set(
  ('ministry department organization organisation command agency council committee army force forces corps ' +
    'party office court bank company group institute university administration government guard navy police ' +
    'service services commission union association federation front movement cartel airline airlines air times ' +
    'news post regime state house assembly congress senate parliament hemisphere affairs relations security ' +
    'intelligence authority bureau directorate brigade battalion division fund foundation network').split(' '),
);

/** Whether a name's last word makes it an organisation or place rather than a person. */
export function hasNonPersonHead(name: string): boolean {
  const words = name.toLowerCase().split(/\s+/u);
  return NON_PERSON_HEADS.has(words[words.length - 1]);
}

/** What the resolver knows about the document before reading forms. */
export interface FormContext {
  /** Folded words of multi-word PERSON mentions: "Jordan" there is a name, not the country. */
  personTokens: Set<string>;
  /** ISO codes of countries the document names: they choose among same-named cities. */
  countries: Set<string>;
}

/** Cities an unqualified name may mean: one in a country the text names, else a large or capital city. */
const CITY_MIN_UNQUALIFIED = 100_000;
const CITY_MIN_LOCAL = 50_000;

function chooseCity(kb: ResolverKb, name: string, countries: Set<string>): KbEntry | null {
  const cands = kb.cities(name);
  const pop = (c: KbEntry) => (c.meta?.population as number) ?? 0;
  // A city in a named country must still be notable (an admin seat or 50,000 people): "Central"
  // in a text about the US is an adjective the tagger capitalised, not Central, Louisiana.
  const local = cands.find((c) => c.country && countries.has(c.country) && (pop(c) >= CITY_MIN_LOCAL || c.meta?.seat === true));
  // ...and not dwarfed by a namesake: "Odessa" in a text naming the US is still Odesa, Ukraine.
  if (local && !(cands[0] !== local && pop(cands[0]) >= 5 * pop(local))) return local;
  const big = cands.find((c) => pop(c) >= CITY_MIN_UNQUALIFIED || c.meta?.capital === true);
  return big ?? null;
}

/** Strips leading titles (and a demonym before a title) from a person's name; returns the offset. */
function titlePrefix(surface: string, kb: ResolverKb): { offset: number; titles: string[] } {
  const words = surface.split(/(\s+)/u);
  let offset = 0;
  const titles: string[] = [];
  for (let i = 0; i < words.length - 2; i += 2) {
    const w = words[i];
    const low = w.toLowerCase().replace(/[.,]$/u, '');
    const nextIsTitle = PERSON_TITLES.has(words[i + 2]?.toLowerCase().replace(/[.,]$/u, '') ?? '');
    const isTitle = PERSON_TITLES.has(low) || (nextIsTitle && (kb.demonym(w) !== null || /^(?:the|former|late|then|ex)$/u.test(low)));
    if (!isTitle) break;
    if (PERSON_TITLES.has(low)) titles.push(low);
    offset += w.length + words[i + 1].length;
  }
  // What remains must still look like a person's name.
  const rest = surface.slice(offset);
  if (!/^\p{Lu}/u.test(rest) || hasNonPersonHead(rest)) return { offset: 0, titles: [] };
  return { offset, titles };
}

/** Whether the whole surface is a role: titles plus "of <place>" ("President of Venezuela"). */
function isRole(surface: string): boolean {
  const m = /^([\p{L}-]+)(?:\s+([\p{L}-]+))?(?:\s+of\s+.+)?$/u.exec(surface);
  if (!m) return false;
  return [m[1], m[2]].filter(Boolean).every((w) => PERSON_TITLES.has(w!.toLowerCase())) && /\bof\b|^\S+$/u.test(surface);
}

/**
 * The span without what is not the name: a trailing possessive, an opening parenthesis never
 * closed ("Hizbollah (Party of God"), a sentence's full stop ("…and Cooperation."), a leading "the".
 */
function trimSpan(text: string, m: Mention): { start: number; end: number; surface: string } {
  let start = m.start;
  let end = m.end;
  let surface = text.slice(start, end);
  const poss = /['’]s?$/u.exec(surface);
  if (poss && poss.index > 0) {
    end -= poss[0].length;
    surface = surface.slice(0, poss.index);
  }
  const open = surface.indexOf(' (');
  if (open > 0 && !surface.includes(')')) {
    end = start + open;
    surface = surface.slice(0, open);
  }
  // Abbreviations ("U.S.", "Inc.") keep their stop: only a word of 3+ lower-case letters loses it.
  if (/(?<=[\p{Ll}\d]{3})\.$/u.test(surface)) {
    end -= 1;
    surface = surface.slice(0, -1);
  }
  const lead = /^(?:the|The)\s+/u.exec(surface);
  if (lead) {
    start += lead[0].length;
    surface = surface.slice(lead[0].length);
  }
  return { start, end, surface };
}

/** A legal-form suffix on its own ("S.A." of "Petróleos de Venezuela, S.A.") names nothing. */
const LEGAL_FORM = /^(?:S\.?A\.?|C\.?A\.?|Inc\.?|Ltd\.?|LLC|L\.L\.C\.|AG|GmbH|plc|PLC|Corp\.?|Co\.?|N\.?V\.?|B\.?V\.?|S\.?p\.?A\.?|SRL|S\.R\.L\.)$/u;

/**
 * Spans that are no name: a category written in capitals ("designated … as a Foreign Terrorist
 * Organization") or a bare legal-form suffix.
 */
function isCategoryUse(text: string, m: Mention, start: number, end: number, surface: string): boolean {
  if (LEGAL_FORM.test(surface)) return true;
  return m.type === 'ORG' && /\s/u.test(surface) && /\b(?:a|an)\s+$/iu.test(text.slice(Math.max(0, start - 4), start)) && !/^\s+\p{Ll}/u.test(text.slice(end, end + 3));
}

/**
 * A demonym's reading: the country or region it stands for, 'norp' for a nationality or people
 * that stands for no state, or null when the name is no demonym.
 */
function readDemonym(text: string, m: Mention, kb: ResolverKb, bare: string, type: EntityType, start: number, end: number): KbEntry | 'norp' | null {
  const told = m.refersTo ? kb.lookup(m.refersTo, 'GPE') : null;
  const dem = kb.demonym(bare) ?? (told?.id.startsWith('iso:') ? told : null);
  if (!dem || !(type === 'NORP' || m.refersTo || !/\s/u.test(bare) || dem.id.startsWith('region:'))) return null;
  // "ethnic Albanians" are a people, not the state of Albania.
  if (/\bethnic\s+$/iu.test(text.slice(Math.max(0, start - 8), start))) return 'norp';
  // Region adjectives stand for the region ("Latin American country"); the peoples of a
  // continent ("Asians", "Europeans") do not.
  if (dem.id.startsWith('region:')) return /[^s]s$/u.test(bare) ? 'norp' : dem;
  return modifiesActor(text, end) || isPeopleNoun(text, start, end, bare) ? dem : 'norp';
}

/** Reads one mention as a name form; null when it carries no name (an empty span, a category). */
export function readForm(doc: Document, index: number, kb: ResolverKb, fc: FormContext): NameForm | null {
  const m: Mention = doc.mentions[index];
  const { start, end, surface } = trimSpan(doc.text, m);
  if (!foldPlain(surface) || isCategoryUse(doc.text, m, start, end, surface)) return null;
  let bare = surface;
  let bareStart = start;
  let type = m.type;
  let reliable = m.origin === 'gazetteer' || m.origin === 'alias' || !!m.kb;
  let entry: KbEntry | null = m.kb ? kb.get(m.kb) : null;
  const foreignKb = m.kb && !entry ? m.kb : null;
  let titles: string[] = [];
  let roleOnly = false;

  const q = QUANTITY.exec(bare);
  if (q) {
    bare = bare.slice(q[0].length);
    bareStart += q[0].length;
  }
  if (type === 'PERSON' || type === 'ORG') {
    const t = titlePrefix(bare, kb);
    if (t.offset > 0) {
      bare = bare.slice(t.offset);
      bareStart += t.offset;
      titles = t.titles;
      type = 'PERSON';
    } else if (type === 'PERSON' && isRole(bare)) {
      roleOnly = true;
    }
  }

  // A title written just before the span is this person's too ("the admiral Craig faller").
  const before = /([\p{L}-]+)\.?\s+$/u.exec(doc.text.slice(Math.max(0, start - 20), start));
  if (before && OUTSIDE_TITLES.has(before[1].toLowerCase()) && (type === 'PERSON' || !reliable)) titles = [...titles, before[1].toLowerCase()];
  // A rank right before the span ("Vice-President Moody Awori", "ambassador Brah Mohamane") makes
  // the name a person's, whatever the tagger said.
  if (type !== 'PERSON' && !reliable && !m.kb && RANK_BEFORE.test(doc.text.slice(Math.max(0, start - 25), start)) && /^\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}$/u.test(bare) && !hasNonPersonHead(bare) && !kb.lookup(bare)) {
    type = 'PERSON';
  }
  // A middle initial is a person's name ("Christian K. Caruzo"), whatever the tagger said.
  if (type !== 'PERSON' && !reliable && !m.kb && /^\p{Lu}\p{Ll}+\s+\p{Lu}\.\s+\p{Lu}\p{Ll}+$/u.test(bare)) type = 'PERSON';
  // The tagger may call an organisation a person; its head word says otherwise ("Juárez Cartel").
  if (type === 'PERSON' && !titles.length && /\s/u.test(bare) && hasNonPersonHead(bare)) type = 'ORG';
  // "U.S." or "US" before a noun is the country's name used as a modifier, not a demonym.
  if (!entry && (type === 'NORP' || type === 'GPE' || (!reliable && type !== 'PERSON'))) {
    const named = kb.lookup(bare, 'GPE');
    if (named && named.id.startsWith('iso:')) entry = named;
  }
  if (!entry) {
    const reading = readDemonym(doc.text, m, kb, bare, type, start, end);
    if (reading === 'norp') {
      type = 'NORP';
      reliable = true;
      return form();
    }
    if (reading) {
      entry = reading;
      type = reading.type;
      reliable = true;
      return { ...form(), demonym: true };
    }
  }
  if (!entry && (type === 'GPE' || type === 'ORG' || type === 'LOC') && !/^,?\s*D\.?\s?C\b/u.test(doc.text.slice(end, end + 6))) {
    const met = /^\s+(?:state|State|DC|D\.C\.|Post|University)\b/u.test(doc.text.slice(end, end + 12)) ? null : kb.metonym(bare);
    if (met) {
      entry = met;
      type = met.type;
    }
  }
  // Elliptical coordination: "Central and South America", "North and South Korea".
  if (!entry && !/\s/u.test(bare) && type !== 'PERSON') {
    const ell = /^\s+and\s+\p{Lu}\p{L}+\s+(\p{Lu}\p{L}+)/u.exec(doc.text.slice(end, end + 40));
    const whole = ell ? kb.lookup(`${bare} ${ell[1]}`) : null;
    if (whole && (whole.id.startsWith('region:') || whole.id.startsWith('iso:'))) {
      const f = form();
      return { ...f, kb: whole, type: whole.type, reliable: true, elliptical: true };
    }
  }
  if (!entry) entry = linkByName(kb, bare, type, reliable, fc);
  if (entry) {
    type = entry.type;
    reliable = true;
  }
  // "the Argentine outlet Infobae", "the airline Conviasa": the descriptor before the name types it.
  if (!entry && !reliable && (ORG_BEFORE.test(doc.text.slice(Math.max(0, start - 30), start)) || ORG_APPOSITION.test(doc.text.slice(end, end + 60)))) {
    type = 'ORG';
    reliable = true;
  }
  // "Saab said its orders grew", "Saab AB shares": what follows a bare word shows a company
  // ("said it" does not: "Maduro said it was a plot").
  if (!entry && !reliable && !titles.length && !/\s/u.test(bare) && ORG_AFTER.test(doc.text.slice(end, end + 40))) {
    type = 'ORG';
    reliable = true;
  }
  return form();

  function form(): NameForm {
    return {
      index, start: bareStart, end, surface, bare, key: foldName(bare), type, reliable,
      kb: entry, foreignKb, titles, roleOnly, descriptive: m.origin === 'coref',
    };
  }
}

/**
 * The knowledge-base entry a name links to. Places and systems link by name; a PERSON or ORG
 * mention (tagger types are noisy: "America" as ORG) links only to a country or region by its
 * exact name, and not when the word is part of a person's name in this document ("Jordan").
 */
function linkByName(kb: ResolverKb, bare: string, type: EntityType, reliable: boolean, fc: FormContext): KbEntry | null {
  if (type === 'PRODUCT') return kb.lookup(bare, type);
  // A known system the tagger typed otherwise ("Shahed-136" as ORG, "Iron Dome" as FAC): model
  // numbers and multi-word names are safe to take; single plain words ("Harop", "Lancet") are not.
  const system = reliable ? null : kb.lookup(bare, 'PRODUCT');
  const asSystem = system && !system.meta?.ambiguous && (/\d/u.test(bare) || /\s/u.test(bare)) ? system : null;
  if (type === 'GPE' || type === 'LOC' || type === 'FAC') {
    const hit = kb.lookup(bare, type);
    if (!hit) return asSystem;
    return hit.id.startsWith('geo:') ? chooseCity(kb, bare, fc.countries) : hit;
  }
  if (reliable) return null;
  if (asSystem) return asSystem;
  if (type !== 'PERSON' && type !== 'ORG' && type !== 'NORP') return null;
  const hit = kb.lookup(bare, 'GPE') ?? kb.lookup(bare, 'LOC');
  // A tagger PERSON is re-read only as a country ("America"), never as a region or province
  // that may be someone's name.
  if (!hit || !(hit.id.startsWith('iso:') || (type !== 'PERSON' && hit.id.startsWith('region:')))) return null;
  if (type === 'PERSON' && fc.personTokens.has(foldPlain(bare))) return null;
  return hit;
}
