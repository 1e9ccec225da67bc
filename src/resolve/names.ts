// Name normalisation shared by within-document clustering, the knowledge base and cross-document
// keys: accent/case/punctuation folding, a small documented transliteration folding, titles.

/** Letters NFKD does not decompose into a base letter plus marks. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h',
};

/**
 * Case, accents and punctuation folded away, tokens separated by one space, a leading "the" and a
 * trailing possessive dropped: "the U.S." → "us", "Nicolás Maduro's" → "nicolas maduro",
 * "Shahed-131" → "shahed 131". Periods and apostrophes vanish inside words ("U.S." = "US").
 */
export function foldPlain(name: string): string {
  return memo(plainCache, name, computeFoldPlain);
}

// Pure memo tables: names repeat across mentions and documents, and folding dominates the
// stage's time. Bounded so a long-running server does not grow without limit.
const MEMO_LIMIT = 50_000;
const plainCache = new Map<string, string>();
const nameCache = new Map<string, string>();
function memo(cache: Map<string, string>, key: string, compute: (k: string) => string): string {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= MEMO_LIMIT) cache.clear();
    v = compute(key);
    cache.set(key, v);
  }
  return v;
}

function computeFoldPlain(name: string): string {
  let s = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  s = s.replace(/[ßæœøłđðþıħ]/g, (c) => SPECIAL_LETTERS[c] ?? c);
  s = s.replace(/['’`´]s$/u, '').replace(/[.'’`´]/gu, '');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return s.replace(/^the /, '');
}

/**
 * Romanisation variants folded onto one spelling, per token, in this order (documented in
 * docs/decisions/resolve.md): kh→k, gh→k, q→k, ck→k, ph→f, ou→u, oo→u, ee→i, y→i, w→v, dj→j,
 * then doubled letters collapsed. "Baqaei" = "Baghaei", "Yván" = "Iván", "Hassan" = "Hasan".
 */
export function foldTransliteration(token: string): string {
  if (/^\p{N}+$/u.test(token)) return token;
  return token
    .replace(/kh/g, 'k')
    .replace(/gh/g, 'k')
    .replace(/q/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/ou/g, 'u')
    .replace(/oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/y/g, 'i')
    .replace(/w/g, 'v')
    .replace(/dj/g, 'j')
    .replace(/(\p{L})\1+/gu, '$1');
}

/** foldPlain plus transliteration folding: the comparison key for names across spellings. */
export function foldName(name: string): string {
  return memo(nameCache, name, computeFoldName);
}

function computeFoldName(name: string): string {
  return foldPlain(name)
    .split(' ')
    .filter(Boolean)
    .map(foldTransliteration)
    .join(' ');
}

/** Titles, ranks and descriptors that precede a person's name in news text (lower-cased, no dots). */
export const PERSON_TITLES = new Set(
  (
    'president vice-president vice prime minister foreign defence defense interior finance secretary ' +
    'deputy chancellor premier king queen prince princess sheikh emir sultan ayatollah supreme leader ' +
    'admiral adm general gen lieutenant lt colonel col major maj captain capt commander cmdr sergeant sgt ' +
    'marshal brigadier senator sen representative rep congressman congresswoman governor gov mayor ' +
    'judge justice ambassador envoy spokesman spokeswoman spokesperson minister director chief head ' +
    'mr mrs ms miss dr prof professor sir dame lord lady rev reverend pope cardinal bishop imam rabbi ' +
    'former late then-president then-leader dictator leader strongman opposition ex-president ' +
    'president-elect businessman businesswoman analyst officer agent colombian-born'
  ).split(' '),
);

/** Particles that belong to a surname ("del Toro", "al-Assad", "de la Cruz"). */
export const NAME_PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'de', 'del', 'della', 'da', 'di', 'dos', 'das', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'ter', 'abu', 'bint', 'ul']);

/** Capital letters of the content words: "Islamic Revolutionary Guard Corps" → "IRGC". */
export function acronymOf(name: string): string {
  return initials(name, ACRONYM_SKIP);
}

const ACRONYM_SKIP = new Set(['of', 'the', 'and', 'for', 'de', 'del', 'la', 'los', 'las', 'in', 'on', '&']);
const ARTICLES_ONLY = new Set(['the', '&']);

function initials(name: string, skip: Set<string>): string {
  return name
    .split(/[\s-]+/u)
    .filter((w) => w && !skip.has(w.toLowerCase()))
    // An acronym among the words gives all its letters: "U.S. Navy" is USN, "U.N. Security
    // Council" UNSC (taking only its first letter made "U.S. Navy" the UN).
    .map((w) => (isAcronym(w) ? w.replace(/[^\p{Lu}]/gu, '') : w[0]))
    .join('')
    .toUpperCase();
}

/**
 * Every acronym a name may be written as: content-word initials ("IRGC"), initials keeping "of"/
 * "and" ("Department of Justice" → "DOJ"), and both again without a leading country or acronym
 * ("U.S. Department of Justice" → "DOJ").
 */
export function acronymVariants(name: string): string[] {
  const out = new Set<string>();
  const words = name.split(/\s+/u);
  const bases = [name];
  if (words.length > 2 && isAcronym(words[0])) bases.push(words.slice(1).join(' '));
  for (const b of bases) {
    out.add(initials(b, ACRONYM_SKIP));
    out.add(initials(b, ARTICLES_ONLY));
  }
  return [...out].filter((a) => a.length >= 2);
}

/** Whether a string looks like an acronym: 2–8 capitals, possibly dotted or with a hyphen/digits. */
export function isAcronym(s: string): boolean {
  return /^(?:\p{Lu}\.?){2,8}(?:-\p{Lu}{1,4})?$/u.test(s.trim());
}
