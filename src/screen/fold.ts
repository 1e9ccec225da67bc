// Name folding for screening: accents, case, punctuation, dotted initials, and the small lexicons that
// say how much a token can count (legal forms, generic organisation words, countries and demonyms).
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';

/** Function words of the languages list names are written in; they never count and never match. */
export const STOPWORDS = new Set(
  ('of the and for in on at to a an by with ' +
    'de del la las los el y e da do dos das di du des le les et van von der den ' +
    'al').split(' '),
);

/** Titles and honorifics before a person's name ("President Nicolás Maduro", "Gen. Qassem Soleimani"):
 *  dropped from the front of our PERSON names, never from listed ones, where they may be names. */
export const TITLES = new Set(
  ('president vice prime minister foreign defense defence interior gen general adm admiral col colonel lt ' +
    'lieutenant capt captain maj major cmdr commander brig brigadier sgt sergeant marshal ' +
    'mr mrs ms miss dr prof sir lord lady dame king queen prince princess emir sheikh shaykh sheik ' +
    'ayatollah imam mullah hajji haji maulana mufti cleric rev father sen senator rep representative ' +
    'gov governor mayor judge justice chancellor secretary ambassador deputy former late ' +
    'opposition leader chief director ceo chairman businessman tycoon').split(' '),
);

/** Legal forms: weighed very low, never required. Dotted forms ("S.A.", "C.A.") fold to these. */
export const LEGAL_FORMS = new Set(
  ('co company companies corp corporation inc incorporated ltd limited llc llp lp plc sa ca sal sas sarl srl sl spa ' +
    'sae saoc saog ag gmbh kg bv nv ab oy jsc ojsc cjsc pjsc oao zao ooo pao tov fze fzco fzc fz fzllc dmcc pte pvt ' +
    'bhd sdn cv rl sc sca scs scc sociedad anonima compania cia limitada ltda mbh kft zrt sro doo ad ead tic as ' +
    'aktsionernoe obshchestvo otkrytoe zakrytoe publichnoe obschestvo tovarystvo sirketi anonim limited').split(' '),
);

/** Generic organisation words: weighed low, so "Air", "Bank" or "Company" alone never hit. */
export const GENERIC_WORDS = new Set(
  ('air airlines airways aviation bank banking group holding holdings international intl trading trade ' +
    'industries industry industrial services service enterprise enterprises establishment general national ' +
    'foundation organization organisation office ministry department agency center centre institute ' +
    'shipping logistics petroleum oil gas energy investment investments import export imports exports ' +
    'commercial marketing development global management technology technologies engineering construction ' +
    'business partners solutions systems network media charity committee council association ' +
    // Institutions every country has: "the Army", "the Ministry of Defense", "the Central Bank".
    'army navy police government administration court assembly parliament defense defence security ' +
    'justice interior finance affairs foreign central').split(' '),
);

const require = createRequire(import.meta.url);

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th', ŀ: 'l', ħ: 'h',
};


/** Country names and demonyms (world-countries, ODbL), folded, one token each: weighed low. */
export const PLACE_WORDS: Set<string> = (() => {
  const words = new Set<string>();
  // Single-word names only: "Kong" of "Hong Kong" or "Costa" of "Costa Rica" are ordinary name words.
  const add = (s: string | undefined) => {
    const word = (s ?? '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    if (/^\p{L}{3,}$/u.test(word)) words.add(word);
  };
  for (const c of require('world-countries') as Country[]) {
    add(c.name.common);
    for (const spelling of c.altSpellings) if (spelling.length > 3 && !/\s/.test(spelling)) add(spelling);
    add(c.demonyms?.eng?.m);
    add(c.demonyms?.eng?.f);
  }
  for (const w of 'arab arabs persian kurdish palestinian islamic republic united states kingdom emirates korea korean'.split(' ')) words.add(w);
  return words;
})();

/** Spanish, Portuguese and French words common in organisation names, mapped to the English words the
 *  lists often use instead ("CARTEL DE LOS SOLES" is listed as "CARTEL OF THE SUNS"). */
export const TRANSLATIONS: Record<string, string> = {
  soles: 'suns', sol: 'sun', cartel: 'cartel', carteles: 'cartels', banco: 'bank', nacional: 'national', national: 'national',
  nacionales: 'national', ejercito: 'army', armee: 'army', fuerzas: 'forces', fuerza: 'force', forcas: 'forces', frente: 'front',
  front: 'front', liberacion: 'liberation', libertacao: 'liberation', revolucionarias: 'revolutionary', revolucionaria: 'revolutionary',
  revolucionario: 'revolutionary', revolutionnaire: 'revolutionary', guardia: 'guard', garde: 'guard', tren: 'train',
  compania: 'company', companhia: 'company', compagnie: 'company', empresa: 'enterprise', grupo: 'group', groupe: 'group',
  ministerio: 'ministry', ministere: 'ministry', policia: 'police', nacionalista: 'nationalist', internacional: 'international',
  petroleos: 'petroleum', petroleo: 'petroleum', aereos: 'air', aerea: 'air', aerolineas: 'air', servicios: 'services',
  // Synonyms within English: an airline is named with any of these.
  airlines: 'air', airways: 'air',
};

/** Lower case, no accents, no apostrophes ("KATA'IB" → "kataib"), dotted initials joined ("S.A." → "sa"),
 *  "air lines"/"airline" → "airlines"; every other non-alphanumeric character separates tokens. */
export function foldTokens(name: string): string[] {
  // Most listed names are ASCII: they skip the Unicode work.
  const ascii = !/[^\x00-\x7f]/.test(name);
  const plain = (ascii ? name.toLowerCase() : name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłıþŀħ]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch))
    // A possessive is no part of a name, and a country's is no part of the name it qualifies ("Iran's
    // Mahan Air" is MAHAN AIR); other apostrophes join ("KATA'IB").
    .replace(/(\p{L}+)['’]s(?![\p{L}\p{N}])/gu, (_, word: string) => (PLACE_WORDS.has(word) ? ' ' : word))
    .replace(/['’`´ʼ‘]/g, '');
  // Dotted initials are one token: "S.A." → "sa", "U.S." → "us", "C.A. S.A." → "ca sa".
  const undotted = plain.replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu, (m) => ` ${m.replace(/\./g, '')} `);
  const raw = undotted.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 'air' && (raw[i + 1] === 'lines' || raw[i + 1] === 'line')) {
      tokens.push('airlines');
      i++;
    } else tokens.push(raw[i] === 'airline' ? 'airlines' : raw[i]);
  }
  return tokens;
}

export type TokenClass = 'name' | 'legal' | 'generic' | 'place';

/** How a token counts: a rare name token, a legal form, a generic organisation word, or a place word. */
export function tokenClass(token: string): TokenClass {
  if (LEGAL_FORMS.has(token)) return 'legal';
  if (GENERIC_WORDS.has(token)) return 'generic';
  if (PLACE_WORDS.has(token)) return 'place';
  return 'name';
}

/** Multiplier on a token's rarity weight by class. Places keep their rarity ("Palestinian Islamic Jihad"
 *  is not Hizballah's alias "ISLAMIC JIHAD"); a place alone is kept from hitting by the caps instead. */
export const CLASS_WEIGHT: Record<TokenClass, number> = { name: 1, legal: 0.08, generic: 0.35, place: 1 };

/** Singular of a plural ("forces" → "force", "brigades" → "brigade"); short tokens are left alone. */
export function stem(token: string): string {
  if (token.length > 4 && token.endsWith('ies')) return token.slice(0, -3) + 'y';
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}

/** Folds the spellings romanisations of Arabic and Persian names disagree on: gh/q/k, kh/k, ph/f,
 *  sh/ch, th/t, dh/d, w/v, z/s, doubled letters. */
function romanForm(token: string): string {
  return token
    .replace(/gh/g, 'k').replace(/kh/g, 'k').replace(/q/g, 'k').replace(/ck/g, 'k')
    .replace(/ph/g, 'f').replace(/sh/g, 'c').replace(/ch/g, 'c').replace(/th/g, 't').replace(/dh/g, 'd')
    .replace(/w/g, 'v').replace(/z/g, 's')
    .replace(/(.)\1+/g, '$1');
}

const VOWEL_RUNS = /[aeiouy]+/g;

/** The index key for transliteration variants: the romanised form with every vowel run written "a"
 *  (Qods and Quds → "kads"; Hizballah and Hezbollah → "hasbalah"; Baqaei and Baghaei → "baka"). */
export function translitKey(token: string): string {
  return romanForm(token).replace(VOWEL_RUNS, 'a');
}

/** Whether two tokens are transliteration variants: same consonants in the same places once romanised,
 *  differing only in their vowels, and ending on the same vowel. Short tokens may only swap vowels inside
 *  the word (Qods/Quds), so Hugo/Huge and Linea/Lena stay apart; longer ones may also lengthen a vowel
 *  run (Esmaeil/Ismail). */
export function isTranslitVariant(a: string, b: string): boolean {
  if (a === b || a.length < 4 || b.length < 4) return false;
  const fa = romanForm(a);
  const fb = romanForm(b);
  if (fa.replace(VOWEL_RUNS, 'a') !== fb.replace(VOWEL_RUNS, 'a')) return false;
  const ra = fa.match(VOWEL_RUNS) ?? [];
  const rb = fb.match(VOWEL_RUNS) ?? [];
  const short = Math.min(a.length, b.length) <= 5;
  if (short && fa[0] !== fb[0]) return false; // Owen/Ivan, Ebro/Abra: short words need their onset
  for (let i = 0; i < ra.length; i++) {
    if (short && ra[i].length !== rb[i].length) return false;
  }
  // A word's final vowel is kept by every romanisation (Osama/Usama, Soleimani/Soleymani): Senate/Sonata no.
  const lastVowelA = /[aeiouy]+$/.exec(fa)?.[0];
  const lastVowelB = /[aeiouy]+$/.exec(fb)?.[0];
  if (lastVowelA !== lastVowelB && (short || lastVowelA?.slice(-1) !== lastVowelB?.slice(-1))) return false;
  return true;
}

/** Damerau–Levenshtein distance (optimal string alignment), stopping early beyond `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      if (d < best) best = d;
    }
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    prev = cur;
    if (best > max) return max + 1;
  }
  return prev[b.length];
}

/** Edits allowed on a token of this length: none below 6 letters, one up to 9, then two. */
export const maxEdits = (length: number): number => (length < 6 ? 0 : length < 10 ? 1 : 2);
