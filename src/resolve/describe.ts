// Descriptive references to an entity already named: "the outlet", "the Argentine news outlet" →
// the outlet last named; "the company", "the airline" → the company last named; "the admiral" →
// the one person the text calls admiral. They become mentions of that entity (counted as
// mentions, never as aliases).

export interface NamedSpan {
  /** Cluster root the span belongs to. */
  cluster: number;
  start: number;
  end: number;
  name: string;
  type: string;
  /** A one-word name only the tagger calls a person: it may be an outlet the text describes. */
  weakPerson?: boolean;
  /** Titles written before this person's name here ("admiral"). */
  titles?: string[];
}

export interface DescriptiveReference {
  start: number;
  end: number;
  text: string;
  cluster: number;
  /** Set when the reference shows the entity's tagger type was wrong ("the outlet" → ORG). */
  retype?: 'ORG';
}

type Kind = 'outlet' | 'company' | 'airline' | 'outlet-if-none' | 'plain-org';

const HEADS: Record<string, Kind> = {
  outlet: 'outlet', newspaper: 'outlet', paper: 'outlet', daily: 'outlet', 'news agency': 'outlet',
  'news site': 'outlet', 'news portal': 'outlet', portal: 'outlet', broadcaster: 'outlet', publication: 'outlet',
  magazine: 'outlet', website: 'outlet', 'news outlet': 'outlet', 'media outlet': 'outlet', network: 'outlet',
  company: 'company', firm: 'company', conglomerate: 'company', corporation: 'company', manufacturer: 'company',
  airline: 'airline', carrier: 'airline',
};

const DESCRIPTOR = new RegExp(
  String.raw`\b[Tt]he\s+((?:[\p{L}-]+\s+){0,2}?)(${Object.keys(HEADS).sort((a, b) => b.length - a.length).join('|')})\b(?!\s+\p{Lu})`,
  'gu',
);

/** Name endings and neighbouring words that show what kind of organisation a name is. */
const OUTLET_NAME = /\b(?:Times|Post|News|Journal|Herald|Tribune|Telegraph|Gazette|Press|Reuters|AFP|AP|Bloomberg|TV|Radio|Daily|Magazine|Agency|Wire|Infobae|Guardian|Observer|Economist|Monitor|Insider|Politico|Axios|Nacional|País|Mundo|Clarín|Nación)\b/u;
const OUTLET_CONTEXT = /(?:according to|reported by|told|in an interview with|cited by|quoted by)\s+$/iu;
const OUTLET_AFTER = /^[)"”’]?\s+(?:has\s+|had\s+)?(?:reported|reports|revealed|reveals|published|publishes|detailed|details|stated|wrote|writes|learned|has learned|said in (?:its|a) report|stressed)\b/iu;
const COMPANY_NAME = /\b(?:Air|Airlines|Airways|Aviation|Inc|Corp|Corporation|Company|Co|Group|Ltd|LLC|S\.A\.|SA|AG|GmbH|Holdings|Industries|Bank|Petroleum|Oil|Energy|Motors|Systems|Shipping|Trading)\.?$/u;
const AIRLINE_NAME = /\b(?:Air|Airlines|Airways|Aviation|Aero\w*)$/u;
const COMPANY_AFTER = /^[)"”’]?(?:\s+(?:AB|Inc|Corp|Ltd|plc|shares|stock)\b|['’]s\s+(?:shares|chief executive|ceo|board)\b|\s+(?:said|says|announced|reported)\s+(?:on\s+\w+\s+)?(?:that\s+)?its\b)/iu;
/** Names of public bodies, parties, armed groups and international organisations: never "the company". */
const PUBLIC_BODY = /\b(?:Ministry|Department|Council|Command|Agency|Army|Navy|Force|Forces|Corps|Guard|Party|Office|Court|Commission|Committee|Union|Nations|Organi[sz]ation|Assembly|Congress|Senate|Parliament|Government|Administration|Police|Service|Bureau|Directorate|Brigade|Front|Movement|Cartel|Institute|University|Bank of|Hezbollah|Hamas|Taliban)\b/u;
const COMPANY_CONTEXT = /(?:company|firm|airline|carrier|conglomerate|corporation|manufacturer)\s+$/iu;

function kindsOf(span: NamedSpan, text: string): Set<Kind> {
  const kinds = new Set<Kind>();
  if (span.weakPerson) {
    if (OUTLET_NAME.test(span.name) || OUTLET_AFTER.test(text.slice(span.end, span.end + 40))) kinds.add('outlet-if-none');
    return kinds;
  }
  if (span.type !== 'ORG') return kinds;
  const before = text.slice(Math.max(0, span.start - 40), span.start);
  const after = text.slice(span.end, span.end + 40);
  if (OUTLET_NAME.test(span.name) || OUTLET_CONTEXT.test(before) || OUTLET_AFTER.test(after) || /(?:outlet|newspaper|agency|broadcaster)\s+$/iu.test(before)) kinds.add('outlet');
  if (AIRLINE_NAME.test(span.name) || /(?:airline|carrier)\s+$/iu.test(before)) kinds.add('airline');
  // An organisation with no sign of being an outlet or a public body may be "the company".
  if (!kinds.has('outlet') && !PUBLIC_BODY.test(span.name) && !/^(?:\p{Lu}\.?){2,6}$/u.test(span.name)) kinds.add('plain-org');
  if (kinds.has('airline') || COMPANY_NAME.test(span.name) || COMPANY_AFTER.test(after) || COMPANY_CONTEXT.test(before) || /^,\s+(?:a|the)\s+(?:\w+\s+)?company\b/iu.test(after)) kinds.add('company');
  return kinds;
}

/**
 * Finds descriptive references in the text and the entity each one means: the nearest entity
 * before it (by its latest mention) that is known to be of that kind. Spans overlapping a named
 * mention are left alone.
 */
export function descriptiveReferences(text: string, named: NamedSpan[]): DescriptiveReference[] {
  const sorted = [...named].sort((a, b) => a.start - b.start);
  const clusterKinds = new Map<number, Set<Kind>>();
  for (const s of sorted) {
    const set = clusterKinds.get(s.cluster) ?? new Set<Kind>();
    for (const k of kindsOf(s, text)) set.add(k);
    clusterKinds.set(s.cluster, set);
  }
  const refs: DescriptiveReference[] = [];
  DESCRIPTOR.lastIndex = 0;
  for (let m = DESCRIPTOR.exec(text); m; m = DESCRIPTOR.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    // A demonym inside the phrase ("the Argentine outlet") is no obstacle; a name is.
    if (sorted.some((s) => s.start < end && start < s.end && s.type !== 'NORP')) continue;
    // Modifiers must be adjectives or demonyms, not a clause: "the state-run", "the Argentine news".
    if (/\b(?:of|and|or|to|in|that|which)\b/u.test(m[1])) continue;
    const kind = HEADS[m[2].toLowerCase()];
    const nearest = (k: Kind): number | null => {
      for (let i = sorted.length - 1; i >= 0; i--) {
        const s = sorted[i];
        if (s.end <= start && clusterKinds.get(s.cluster)?.has(k)) return s.cluster;
      }
      return null;
    };
    // "the company" means the nearest organisation that is, or may be, a company.
    const nearestOf = (ks: Kind[]): number | null => {
      for (let i = sorted.length - 1; i >= 0; i--) {
        const s = sorted[i];
        const own = clusterKinds.get(s.cluster);
        if (s.end <= start && own && ks.some((k) => own.has(k))) return s.cluster;
      }
      return null;
    };
    const target = kind === 'company' ? nearestOf(['company', 'plain-org']) : nearest(kind);
    if (target !== null) {
      refs.push({ start, end, text: m[0], cluster: target });
      continue;
    }
    // "Infobae has detailed … the outlet explains": the text says an outlet was named; a one-word
    // name the tagger took for a person, seen reporting, is the only candidate.
    const fallback = kind === 'outlet' ? nearest('outlet-if-none') : null;
    if (fallback !== null) refs.push({ start, end, text: m[0], cluster: fallback, retype: 'ORG' });
  }
  return refs;
}

/** Titles that, after "the", refer back to the one person the text gave that title. */
const PERSON_TITLE_REF = /\b[Tt]he\s+(?:former\s+|late\s+)?(prime minister|president|vice president|admiral|general|minister|senator|ambassador|spokesman|spokeswoman|spokesperson|governor|mayor|commander|ayatollah|king|queen|prince|pope|chancellor|premier)\b(?!\s+(?:of\b|\p{Lu}|['’]s\b))/gu;

/**
 * "the admiral", "the president": a mention of the one person whose name the text wrote with that
 * title, after that person was first named. Two people with the title: no reference.
 */
export function titleReferences(text: string, named: NamedSpan[]): DescriptiveReference[] {
  const holders = new Map<string, Set<number>>();
  const firstAt = new Map<number, number>();
  for (const s of named) {
    if (s.type !== 'PERSON') continue;
    firstAt.set(s.cluster, Math.min(firstAt.get(s.cluster) ?? Infinity, s.start));
    for (const t of s.titles ?? []) {
      const set = holders.get(t) ?? new Set<number>();
      set.add(s.cluster);
      holders.set(t, set);
    }
  }
  const refs: DescriptiveReference[] = [];
  PERSON_TITLE_REF.lastIndex = 0;
  for (let m = PERSON_TITLE_REF.exec(text); m; m = PERSON_TITLE_REF.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (named.some((s) => s.start < end && start < s.end)) continue;
    const title = m[1].toLowerCase().split(' ').pop()!;
    const who = holders.get(title);
    if (!who || who.size !== 1) continue;
    const cluster = [...who][0];
    if ((firstAt.get(cluster) ?? Infinity) < start) refs.push({ start, end, text: m[0], cluster });
  }
  return refs;
}
