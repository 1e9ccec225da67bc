// Publication dates from metadata (meta tags, feed pubDate, JSON fields) to ISO: YYYY-MM-DD, or
// YYYY-MM / YYYY when that is all the value says. The date as written is kept (no time-zone
// shift), and nothing depends on the machine's time zone.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** ISO form of a metadata date, or null when it is not a date we can read without guessing. */
export function normalizePublished(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(text) ?? /^(\d{4})\/(\d{2})\/(\d{2})(?:$|\s)/.exec(text);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return +m[2] >= 1 && +m[2] <= 12 ? `${m[1]}-${m[2]}` : null;
  if (/^\d{4}$/.test(text)) return text;
  // RFC 822 (RSS pubDate) and "12 January 2024": day, month name, year.
  m = /(?:^|[\s,])(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(text);
  if (m && monthOf(m[2])) return isoDate(+m[3], monthOf(m[2])!, +m[1]);
  // "January 12, 2024", "Jan. 12 2024".
  m = /(?:^|[\s,])([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text);
  if (m && monthOf(m[1])) return isoDate(+m[3], monthOf(m[1])!, +m[2]);
  return null;
}

function monthOf(name: string): number | null {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  if (i < 0) return null;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i];
  const lower = name.toLowerCase();
  return lower.length === 3 || full.startsWith(lower) || (i === 8 && lower === 'sept') ? i + 1 : null;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
