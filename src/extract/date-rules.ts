// Date expressions found by our own rules (the forms chrono-node misses or reads forward in time):
// years, decades, centuries, month-year, bare months, seasons, weekdays and "this/last week|year".
// Each finding resolves later against a reference date, because the publication date may itself
// be estimated from the absolute dates found here.
import type { Granularity } from '../schema/document.js';

/** A reference day: the publication date at whatever precision is known. */
export interface RefDate {
  y: number;
  m?: number;
  d?: number;
}

export interface Resolved {
  value: string;
  granularity: Granularity;
}

export interface RawDate {
  start: number;
  end: number;
  text: string;
  /** True when the expression needs the reference date ("on Friday", "this year"). */
  relative: boolean;
  /** The value against a reference; null when the reference is too coarse or missing. */
  resolve: (ref: RefDate | null) => Resolved | null;
  /** For absolute expressions: the latest year the expression reaches (publication estimate). */
  year?: number;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
const MONTH_RE = String.raw`(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|August|Aug\.|Sept(?:ember|\.)?|Sep\.|October|Oct\.|November|Nov\.|December|Dec\.)`;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SEASONS: Record<string, number> = { spring: 21, summer: 22, autumn: 23, fall: 23, winter: 24 };
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, several: 3, few: 3,
};

const pad = (n: number) => String(n).padStart(2, '0');
const monthIndex = (name: string): number =>
  MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace(/\.$/, '').slice(0, 3))) + 1;

/** ISO day string of a UTC date. */
const isoDay = (t: Date) => `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
const refDay = (ref: RefDate | null) => (ref?.m && ref.d ? new Date(Date.UTC(ref.y, ref.m - 1, ref.d)) : null);

/** The ISO week ("2024-W07") holding a UTC day. */
function isoWeek(t: Date): string {
  const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86400000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${pad(week)}`;
}

/** The reference itself, at its own precision: a day we cannot place is at least in that month or year. */
export function coarse(ref: RefDate | null): Resolved | null {
  if (!ref) return null;
  return ref.m ? { value: `${ref.y}-${pad(ref.m)}`, granularity: 'month' } : { value: String(ref.y), granularity: 'year' };
}

/** A month without a year: the latest such month not after the reference (news looks back). */
function pastMonth(month: number, ref: RefDate | null, forward = false): Resolved | null {
  if (!ref) return null;
  if (!ref.m) return { value: String(ref.y), granularity: 'year' };
  let y = ref.y;
  if (!forward && month > ref.m) y--;
  if (forward && month < ref.m) y++;
  return { value: `${y}-${pad(month)}`, granularity: 'month' };
}

/** A named weekday: the latest such day on or before the reference, or the next one after it. */
function weekday(dow: number, ref: RefDate | null, direction: 'past' | 'next' | 'this'): Resolved | null {
  const day = refDay(ref);
  if (!day) return coarse(ref);
  const diff = day.getUTCDay() - dow;
  let shift = direction === 'next' ? ((dow - day.getUTCDay() + 7) % 7 || 7) : -((diff + 7) % 7);
  if (direction === 'this' && shift < -3) shift += 7;
  day.setUTCDate(day.getUTCDate() + shift);
  return { value: isoDay(day), granularity: 'day' };
}

/** "this/last/next week|month|year|decade|century" against the reference. */
function relativeUnit(unit: string, offset: number, ref: RefDate | null): Resolved | null {
  if (!ref) return null;
  if (unit === 'year') return { value: String(ref.y + offset), granularity: 'year' };
  if (unit === 'decade') return { value: `${Math.floor(ref.y / 10) * 10 + offset * 10}s`, granularity: 'decade' };
  if (unit === 'century') return { value: pad(Math.floor(ref.y / 100) + offset), granularity: 'century' };
  if (unit === 'month') {
    if (!ref.m) return { value: String(ref.y), granularity: 'year' };
    const t = new Date(Date.UTC(ref.y, ref.m - 1 + offset, 1));
    return { value: `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}`, granularity: 'month' };
  }
  const day = refDay(ref);
  if (!day) return ref.m ? { value: `${ref.y}-${pad(ref.m)}`, granularity: 'month' } : { value: String(ref.y), granularity: 'year' };
  day.setUTCDate(day.getUTCDate() + 7 * offset);
  return { value: isoWeek(day), granularity: 'week' };
}

const OFFSETS: Record<string, number> = { this: 0, current: 0, last: -1, past: -1, previous: -1, next: 1, coming: 1 };

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray) => Omit<RawDate, 'start' | 'end' | 'text'> | null;
}

const YEAR = String.raw`(1[5-9]\d\d|20\d\d)`;
/** What follows a four-digit clock time: a time zone or "local time", "hours", "hrs". */
const CLOCK_ZONE = String.raw`GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST|local\s+time|hours|hrs`;

/** Ordered: earlier rules win where spans overlap (longer, more specific forms first). */
const RULES: Rule[] = [
  {
    // "the early 2010s", "the 1990s", "the '90s"
    re: new RegExp(String.raw`\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(1[5-9]\d0|20\d0)s|['’](\d0)s)\b`, 'giu'),
    make: (m) => {
      const decade = m[1] ? Number(m[1]) : 1900 + Number(m[2]);
      return { relative: false, year: decade + 9, resolve: () => ({ value: `${decade}s`, granularity: 'decade' }) };
    },
  },
  {
    // "the 20th century", "the nineteenth century"
    re: /\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(\d{1,2})(?:st|nd|rd|th)[\s-]+century\b/giu,
    make: (m) => {
      const n = Number(m[1]);
      return { relative: false, year: n * 100 - 1, resolve: () => ({ value: pad(n - 1), granularity: 'century' }) };
    },
  },
  {
    // "spring 2021", "the summer of 2019", "last winter"
    re: new RegExp(String.raw`\b(?:(this|last|next|past)\s+)?(?:the\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?${YEAR})?\b`, 'giu'),
    make: (m) => {
      const season = SEASONS[m[2].toLowerCase()];
      if (m[3]) {
        const y = Number(m[3]);
        return { relative: false, year: y, resolve: () => ({ value: `${y}-${season}`, granularity: 'season' }) };
      }
      if (!m[1]) return null; // a bare "fall" is too often the verb or "the fall of"
      const offset = OFFSETS[m[1].toLowerCase()];
      return { relative: true, resolve: (ref) => (ref ? { value: `${ref.y + offset}-${season}`, granularity: 'season' } : null) };
    },
  },
  {
    // "December 2023", "Dec. 2023", "June of 2019" (a day between them is chrono's: "June 3, 2019")
    re: new RegExp(String.raw`(?<!\d(?:st|nd|rd|th)?\s+)\b${MONTH_RE}\s+(?:of\s+)?${YEAR}\b`, 'gu'),
    make: (m) => {
      const y = Number(m[2]);
      const month = monthIndex(m[1]);
      return { relative: false, year: y, resolve: () => ({ value: `${y}-${pad(month)}`, granularity: 'month' }) };
    },
  },
  {
    // "earlier this year", "later this month", "this week", "last year", "the past decade"
    re: /\b(?:(?:earlier|later)\s+)?(?:the\s+)?(this|last|next|past|previous|coming|current)\s+(week|month|year|decade|century)\b/giu,
    make: (m) => {
      const offset = OFFSETS[m[1].toLowerCase()];
      const unit = m[2].toLowerCase();
      // "the past decade" is the span leading up to now: it names the current one.
      const shift = /past/i.test(m[1]) && unit !== 'year' && unit !== 'month' && unit !== 'week' ? 0 : offset;
      return { relative: true, resolve: (ref) => relativeUnit(unit, shift, ref) };
    },
  },
  {
    // "three years ago", "two weeks ago", "a decade ago"
    re: /\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)\s+(days?|weeks?|months?|years?|decades?)\s+ago\b/giu,
    make: (m) => {
      const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1].toLowerCase()];
      const unit = m[2].toLowerCase().replace(/s$/, '');
      if (unit !== 'day') return { relative: true, resolve: (ref) => relativeUnit(unit, -n, ref) };
      return {
        relative: true,
        resolve: (ref) => {
          const day = refDay(ref);
          if (!day) return coarse(ref);
          day.setUTCDate(day.getUTCDate() - n);
          return { value: isoDay(day), granularity: 'day' };
        },
      };
    },
  },
  {
    // "on Friday", "last Tuesday", "next Monday", "Wednesday"
    re: /\b(?:([Oo]n|[Ll]ast|[Nn]ext|[Tt]his|[Ss]ince|[Bb]y|[Uu]ntil)\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/gu,
    make: (m) => {
      const dow = WEEKDAYS.indexOf(m[2].toLowerCase());
      const w = m[1]?.toLowerCase();
      const direction = w === 'next' ? 'next' : w === 'this' ? 'this' : 'past';
      return { relative: true, resolve: (ref) => weekday(dow, ref, direction) };
    },
  },
  {
    // "in November", "since September", "last March": a month with no year, read backwards
    re: new RegExp(String.raw`\b([Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|[Tt]his|[Tt]hrough)[\s-]+${MONTH_RE}(?!\s+\d)`, 'gu'),
    make: (m) => {
      const month = monthIndex(m[2]);
      const w = m[1].toLowerCase();
      return { relative: true, resolve: (ref) => pastMonth(month, ref, w === 'next') };
    },
  },
  {
    // "mid-2021", "early-2020"
    re: new RegExp(String.raw`\b(?:[Mm]id|[Ee]arly|[Ll]ate)-${YEAR}\b`, 'gu'),
    make: (m) => {
      const y = Number(m[1]);
      return { relative: false, year: y, resolve: () => ({ value: String(y), granularity: 'year' }) };
    },
  },
  {
    // "in 2022", "since 2020", "2006": a year on its own (not an amount, not part of a number, not a
    // clock time: "at 1600 GMT", "1503 (1203 GMT)", "1800 local time")
    re: new RegExp(String.raw`(?<![\d.,$€£/-]|\d(?:st|nd|rd|th)?,?\s+)\b${YEAR}\b(?![.,]\d|%|[-/]\d|\s*(?:km|kilomet|mile|people|troops|soldiers|dollars|euros|tons|tonnes|barrels|members)\b)(?!\s*(?:\(\d{3,4}\s*)?(?:${CLOCK_ZONE})\b)`, 'gu'),
    make: (m) => {
      const y = Number(m[1]);
      return { relative: false, year: y, resolve: () => ({ value: String(y), granularity: 'year' }) };
    },
  },
];

/** Every date expression our rules find outside the blocked spans, without overlaps (earlier rules win). */
export function findRuleDates(text: string, blocked: Array<{ start: number; end: number }> = []): RawDate[] {
  const found: RawDate[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && f.start < e) || blocked.some((f) => s < f.end && f.start < e);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken(start, end)) continue;
      const made = rule.make(m);
      if (made) found.push({ start, end, text: m[0], ...made });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
