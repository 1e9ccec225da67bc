// Dates stage: every date expression, normalised against the publication date, and the
// publication date itself — from metadata, else estimated from the text (datelines, copyright
// lines, the latest dated event mentioned), with the evidence and a confidence.
import * as chrono from 'chrono-node';
import type { Context } from '../context.js';
import type { DateMention, Document, PublicationEstimate } from '../schema/document.js';
import { coarse, findRuleDates, type RawDate, type RefDate, type Resolved } from './date-rules.js';
import { eraLexicon, type EraAnchor } from './lexicons.js';

const pad = (n: number) => String(n).padStart(2, '0');
/** A fixed anchor for chrono: only the offset of casual dates ("yesterday") from it is kept. */
const ANCHOR = new Date(Date.UTC(2000, 5, 15, 12));
const MONTH_NAME = /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b/u;

/** Texts longer than this are parsed by chrono in windows: some of its refiners match a pattern
 *  against all the text before each date found, so one long text costs dates × length. */
const CHRONO_WINDOW = 4000;
/** A window cut where no sentence or paragraph ends overlaps the next by this much; a date found in
 *  the overlap belongs to the next window, which sees it whole. Dates are far shorter. */
const CHRONO_OVERLAP = 200;

type ChronoResult = Pick<chrono.ParsedResult, 'index' | 'text' | 'start'>;

/** chrono.parse over the text in windows of at most CHRONO_WINDOW characters, cut after a paragraph
 *  or sentence end when there is one in the window's second half; indices are the whole text's. */
export function chronoParse(text: string): ChronoResult[] {
  if (text.length <= CHRONO_WINDOW) return chrono.parse(text, ANCHOR);
  const out: ChronoResult[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + CHRONO_WINDOW);
    let keepBefore = end;
    let next = end;
    if (end < text.length) {
      const tail = text.slice(at + CHRONO_WINDOW / 2, end);
      const boundary = Math.max(tail.lastIndexOf('\n'), ...[...tail.matchAll(/[.!?]["'’”)]*\s/gu)].slice(-1).map((m) => m.index + m[0].length - 1));
      if (boundary >= 0) {
        end = keepBefore = next = at + CHRONO_WINDOW / 2 + boundary + 1;
      } else {
        const space = tail.lastIndexOf(' ');
        if (space >= 0) end = at + CHRONO_WINDOW / 2 + space;
        // The next window starts at a word, not inside one.
        const word = text.indexOf(' ', end - CHRONO_OVERLAP);
        keepBefore = next = word >= 0 && word < end ? word + 1 : end - CHRONO_OVERLAP;
      }
    }
    for (const r of chrono.parse(text.slice(at, end), ANCHOR)) {
      const index = at + r.index;
      const last = out[out.length - 1];
      // The tail of a date the window before kept is not a date of its own.
      if (last && index < last.index + last.text.length) continue;
      if (index < keepBefore) out.push({ index, text: r.text, start: r.start });
    }
    at = next;
  }
  return out;
}

/** A numeric day with no year and no leading zero ("1/2", "5/8"), alone or after a whole number
 *  ("13 1/2", "30-3/8"). */
const YEARLESS_NUMERIC = /^(?:\d+(?:\s+|-))?([1-9]\d?)\/([1-9]\d?)$/u;
/** The denominators of fractions in prices, scores and measures. */
const FRACTION_DENOMINATORS = new Set([2, 3, 4, 8, 16, 32, 64]);
/** Words that put a date after them: "on 9/16", "since 3/4", "Monday 9/16". */
const DATE_CUE = /\b(?:on|since|until|till|through|from|before|after|dated|effective|(?:mon|tues|wednes|thurs|fri|satur|sun)day)[\s,]*$/iu;

/** Does a numeric day with no year read as a fraction? A proper fraction of the usual denominators
 *  ("rose 1/2", "13 1/2 points", "2/3 of the vote") does far more often than it names a day: it is
 *  taken for a day only after a word that introduces one, and never after a whole number. Day-first
 *  dates ("31/8", "24/08"), ranges ("20-30/12") and other denominators stay dates. */
function fractionLike(text: string, start: number, end: number): boolean {
  const found = text.slice(start, end);
  const m = YEARLESS_NUMERIC.exec(found);
  if (!m || !FRACTION_DENOMINATORS.has(Number(m[2])) || Number(m[1]) >= Number(m[2])) return false;
  if (/^\d+(?:\s+|-)\d/u.test(found) || /\d(?:\s+|-)$/u.test(text.slice(Math.max(0, start - 12), start))) return true;
  return !DATE_CUE.test(text.slice(Math.max(0, start - 24), start));
}

/** Is an all-numeric day part of a longer chain of numbers? Bowling figures ("25-8-61-1"), order
 *  books ("10-22-13-17") and scores have more groups than a date; price ranges and table cells run
 *  on into the digits beside the match ("3.25-3.75", "-9.5-42.0-"). */
function numberChain(text: string, start: number, end: number): boolean {
  const found = text.slice(start, end);
  if (!/^[\d./-]+$/u.test(found)) return false;
  // Four groups with one separator; a day with a range of years after it ("DUE: 5/1/98-02") stays.
  if ((found.match(/\d+/gu) ?? []).length > 3 && new Set(found.match(/[./-]/gu)).size === 1) return true;
  return /\d[./-]$/u.test(text.slice(Math.max(0, start - 2), start)) || /^[./-]\d/u.test(text.slice(end, end + 2));
}

/** A day and month followed by two digits ("20-Oct 10", "27 Aug 26"). */
const TWO_DIGITS_AFTER_DAY = new RegExp(`^\\d{1,2}[ -](?:${MONTH_NAME.source})\\.? \\d{2}$`, 'u');

/** Calendar days chrono finds: "January 29, 2019", "3 March 2024", "Jan. 5", "2024-03-03", "yesterday". */
function findChronoDates(text: string): RawDate[] {
  const out: RawDate[] = [];
  for (const r of chronoParse(text)) {
    // chrono may glue a neighbour on ("this week, January 29, 2019"): start at the day or month,
    // and read that part again on its own.
    const lead = r.text.search(new RegExp(`\\d|${MONTH_NAME.source}|\\b(?:yesterday|today|tomorrow|tonight)\\b`, 'u'));
    const start = r.index + Math.max(0, lead);
    let end = r.index + r.text.replace(/[\s,]+$/u, '').length;
    // A year that runs on into decimals is a figure: "Aug 25 41.0 34.0" (a poll table) is 25 August.
    // Two digits after a day and month are the next figure or day, not a year: "Sept 20-Oct 10" is a
    // range to 10 October, not 20 October 2010, and "Aug 27 Aug 26" two column heads.
    const figure = /^[.,]\d/u.test(text.slice(end, end + 2)) || TWO_DIGITS_AFTER_DAY.test(text.slice(start, end))
      ? /[\s,]+\d{2,4}$/u.exec(text.slice(start, end))
      : null;
    if (figure) end = start + figure.index;
    // A signed number is a change, not a day: "CPI July +0.4m / m".
    if (end <= start || text.slice(start, end).includes('+') || fractionLike(text, start, end) || numberChain(text, start, end)) continue;
    const again = lead > 0 || figure ? chrono.parse(text.slice(start, end), ANCHOR)[0] : r;
    if (!again || ((lead > 0 || figure) && again.index !== 0)) continue;
    const s = again.start;
    const base = { start, end, text: text.slice(start, end) };
    const casual = /\b(?:yesterday|today|tomorrow|tonight)\b/iu.test(base.text);
    // Only real calendar days: a day with a month name or a numeric date, not "now" or "in 3D".
    const calendar = /\p{L}{3}/u.test(base.text) ? MONTH_NAME.test(base.text) && /\d/u.test(base.text) : /\d{1,4}[/.-]\d{1,2}/u.test(base.text);
    if (!casual && calendar && s.isCertain('day') && s.isCertain('month')) {
      const month = s.get('month')!;
      const day = s.get('day')!;
      if (s.isCertain('year')) {
        const value = `${s.get('year')}-${pad(month)}-${pad(day)}`;
        out.push({ ...base, relative: false, year: s.get('year')!, resolve: () => ({ value, granularity: 'day' }) });
      } else {
        // "January 29" with no year: the latest such day on or before the reference.
        out.push({
          ...base,
          relative: true,
          resolve: (ref) => {
            if (!ref) return null;
            if (!ref.m || !ref.d) return coarse(ref);
            const y = month > ref.m || (month === ref.m && day > ref.d) ? ref.y - 1 : ref.y;
            return { value: `${y}-${pad(month)}-${pad(day)}`, granularity: 'day' };
          },
        });
      }
    } else if (casual) {
      const got = Date.UTC(s.get('year')!, s.get('month')! - 1, s.get('day')!);
      const shift = Math.round((got - Date.UTC(2000, 5, 15)) / 86400000);
      out.push({
        ...base,
        relative: true,
        resolve: (ref) => {
          if (!ref) return null;
          if (!ref.m || !ref.d) return coarse(ref);
          const t = new Date(Date.UTC(ref.y, ref.m - 1, ref.d + shift));
          return { value: `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`, granularity: 'day' };
        },
      });
    }
  }
  return out;
}

/** Parses an ISO date (YYYY, YYYY-MM, YYYY-MM-DD, or a longer timestamp) into a reference. */
function parseRef(value: string | null): RefDate | null {
  const m = value?.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/);
  if (!m) return null;
  return { y: Number(m[1]), m: m[2] ? Number(m[2]) : undefined, d: m[3] ? Number(m[3]) : undefined };
}

// A dateline printed with the article: "Published: March 3, 2024", "Updated 2024-03-03".
const DATELINE = /\b(?:published|posted|updated|last\s+updated|first\s+published)\b[\s:,-]*(?:on\s+)?(?:\w+day,?\s+)?/iu;
const COPYRIGHT = /(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?/iu;

/** The highest "no earlier than" year the era anchors in a text give, with the anchor's label. */
function eraFloor(text: string, eras: EraAnchor[], latest: number | null): { year: number; label: string } | null {
  let best: { year: number; label: string } | null = null;
  for (const era of eras) {
    if (!era.pattern.test(text)) continue;
    // A leader who served twice: the term holding the latest explicit date, else the most recent one.
    const range = (latest !== null && era.ranges.find(([from, to]) => from <= latest && latest <= (to ?? Infinity))) || era.ranges[era.ranges.length - 1];
    if (!best || range[0] > best.year) best = { year: range[0], label: era.label };
  }
  return best;
}

/** The publication date: metadata when there is some, else the best clue in the text. */
function estimatePublication(doc: Document, raws: RawDate[], eras: EraAnchor[]): PublicationEstimate {
  const a = doc.article;
  if (a.published && a.publishedSource !== 'estimated') {
    // A date given with the article and no stated origin came with it: metadata.
    const source = a.publishedSource ?? 'metadata';
    return { value: a.published, source, confidence: source === 'metadata' ? 1 : 0.9, evidence: source };
  }
  // A dateline: an absolute day right after "Published"/"Updated".
  for (const r of raws) {
    if (r.relative) continue;
    const before = doc.text.slice(Math.max(0, r.start - 40), r.start);
    const m = before.match(new RegExp(DATELINE.source + '$', 'iu'));
    const v = r.resolve(null);
    if (m && v) return { value: v.value, source: 'text', confidence: 0.9, evidence: (m[0] + r.text).trim() };
  }
  // A copyright line, in the text or among what cleaning removed: the site's year, usually the article's.
  const lines = [...a.removed.filter((x) => /copyright|©/iu.test(x.kind + x.text)).map((x) => x.text), doc.text];
  for (const line of lines) {
    const m = line.match(COPYRIGHT);
    if (m) {
      const year = m[2] ?? m[1];
      const at = line.indexOf(m[0]);
      return { value: year, source: 'text', confidence: 0.6, evidence: line.slice(at, at + 60).split('\n')[0].trim() };
    }
  }
  // The latest dated event the article mentions: the article is no older than that.
  let latest: RawDate | null = null;
  for (const r of raws) {
    if (r.relative || r.year === undefined) continue;
    const g = r.resolve(null)?.granularity;
    if (g === 'decade' || g === 'century') continue;
    // At equal years the finer expression is the better evidence ("December 2023" over "2023").
    if (!latest || r.year > latest.year! || (r.year === latest.year && (r.resolve(null)?.value ?? '') > (latest.resolve(null)?.value ?? ''))) latest = r;
  }
  // Era anchors ("the late President Raisi", "the Trump administration") raise that floor.
  const floor = eraFloor(doc.text, eras, latest?.year ?? null);
  const near = raws.some((r) => r.relative);
  if (floor && (!latest || floor.year > latest.year!)) {
    return { value: String(floor.year), source: 'estimated', confidence: latest ? 0.4 : 0.3, evidence: floor.label };
  }
  if (latest) {
    // Talk of "this year" or a weekday means the article is close to the dates it names.
    return { value: String(latest.year), source: 'estimated', confidence: near ? 0.45 : 0.35, evidence: latest.text };
  }
  // An estimate made upstream is kept when the text offers nothing better.
  if (a.published) return { value: a.published, source: 'estimated', confidence: 0.3, evidence: 'estimated at ingest' };
  return { value: null, source: null, confidence: 0, evidence: null };
}

/** Pipeline stage: fills `doc.dates` and `doc.published`. */
export function extractDates(doc: Document, ctx?: Context): Document {
  // Calendar days first (chrono), then our rules around them.
  const days = findChronoDates(doc.text);
  const raws = [...days, ...findRuleDates(doc.text, days)].sort((x, y) => x.start - y.start || y.end - x.end);
  doc.published = estimatePublication(doc, raws, eraLexicon(ctx));
  const ref = parseRef(doc.published.value);
  const dates: DateMention[] = [];
  for (const r of raws) {
    const v: Resolved | null = r.resolve(ref);
    if (!v) continue;
    dates.push({ start: r.start, end: r.end, text: r.text, value: v.value, granularity: v.granularity, relative: r.relative });
  }
  doc.dates = dates;
  return doc;
}
