// Recognisers for the lines news pages wrap around an article: photo credits, copyright notices,
// "read the full article" footers, social and newsletter lines, author bios and bylines.
// Each answers for one line or sentence; src/ingest/clean.ts decides what to do with the answers.

/** A personal name as it appears in bios and bylines: "Christian K. Caruzo", "María de la Cruz". */
const NAME = String.raw`\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+|de|del|da|dos|la|van|von|der|bin|al-\p{L}+)){1,4}`;
/** One name-like segment of a credit: "Isaac Urrutia", "Ariana Cubillos, File". */
const SEGMENT = String.raw`[\p{L}.'’ ,-]{2,40}?`;
const AGENCY = String.raw`(?:Getty Images|AFP|AP Photo|AP|Reuters|REUTERS|EPA-EFE|EPA|EFE|Xinhua|Anadolu(?: Agency)?|Bloomberg|Shutterstock|Alamy|iStock(?:photo)?|NurPhoto|SOPA Images|ZUMA (?:Press|Wire)|Wikimedia Commons|Unsplash|Pexels|TASS|Sputnik|ANSA|dpa|Imago|LightRocket)`;

/** Credits anchored on a news or stock agency: "Getty Images", "AP Photo/X", "Reuters/X/File Photo". */
const AGENCY_CREDIT = new RegExp(
  String.raw`(?<![\p{L}\p{N}])[(\[]?(?:${SEGMENT}\s*\/\s*)?(?:${SEGMENT}\s+via\s+)?${AGENCY}(?:\s*\/\s*${SEGMENT}){0,2}(?:\s*[/,]\s*File(?: [Pp]hoto)?)?\s*[)\]]?$`,
  'u',
);
/** Cheap tests that a line's tail could hold a credit, before the costly patterns run. */
const AGENCY_HINT = new RegExp(AGENCY, 'u');
const KEYWORD_HINT = /Photo|Image|Picture|Foto|Credit/u;
/** Credits anchored on a keyword: "(Photo by X/AFP)", "Photo: X", "Credit: X". */
const KEYWORD_CREDIT = /(?<![\p{L}\p{N}])[(\[]?(?:Photo(?:graph)?|Image|Picture|Foto|Credit|Photo credit)s?\s*(?:by\b|:|\/)\s*[^()[\]]{2,80}?[)\]]?$/u;
/** Slash-separated credits ending in "File photo": "/ Isaac Urrutia / File photo". */
const FILE_CREDIT = /(?:\s*\/\s*[\p{L}.'’ -]{2,40}){1,3}\s*\/\s*File(?: photo)?$/iu;

const CREDIT_MAX_CHARS = 160;

/**
 * The photo credit at the end of a line, or null. An agency or keyword credit counts only at the
 * line's start or after the end of a sentence, so "he told Reuters" is not a credit.
 */
export function trailingCredit(line: string): { credit: string; rest: string } | null {
  // Credits are short: only the end of a long line can hold one.
  const start = Math.max(0, line.length - CREDIT_MAX_CHARS);
  const tail = line.slice(start);
  for (const [hint, re] of [[KEYWORD_HINT, KEYWORD_CREDIT], [AGENCY_HINT, AGENCY_CREDIT]] as const) {
    if (!hint.test(tail)) continue;
    // The earliest match that is preceded by a sentence end (or nothing) is the credit.
    for (let from = start; from < line.length; ) {
      const m = re.exec(line.slice(from));
      if (!m) break;
      const at = from + m.index;
      const before = line.slice(0, at).trimEnd();
      if (before === '' || /[.!?»”")\]|—–-]$/.test(before) || m[0].startsWith('(')) {
        return { credit: line.slice(at).trim(), rest: before };
      }
      from = at + 1;
    }
  }
  const file = /file/i.test(tail) ? FILE_CREDIT.exec(tail) : null;
  return file ? { credit: file[0].trim(), rest: line.slice(0, start + file.index).trim() } : null;
}

const COPYRIGHT = /^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(\d{4})(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(.*)$/iu;

/** A copyright notice, with the owner it names ("© 2024 Latin Times. All rights…" → Latin Times). */
export function copyrightNotice(line: string): { owner: string | null } | null {
  if (/^all rights reserved\b/i.test(line)) return { owner: null };
  if (!/©|\(c\)|all rights reserved|^copyright\s+(?:©\s*)?\d{4}/i.test(line) || wordCount(line) > 40) return null;
  const m = COPYRIGHT.exec(line);
  if (!m) return { owner: null };
  const owner = (m[2] ?? '').split(/[.|,;]|\s+All rights reserved/i)[0].trim().replace(/^by\s+/i, '');
  const plausible = /^[\p{Lu}\p{N}]/u.test(owner) && wordCount(owner) <= 8;
  return { owner: plausible ? owner : null };
}

const FOOTERS: RegExp[] = [
  /^(?:read|see|view) (?:the )?(?:full|original|complete|whole|entire|rest of the) (?:article|story|report|piece|post|interview)\b/i,
  /^(?:read|see) more\b/i,
  /^(?:this|the) (?:article|story|post|piece|report) (?:was |is )?(?:originally |first )?(?:published|posted|appeared)\b/i,
  /^originally (?:published|posted|appeared)\b/i,
  /^(?:click|tap) here\b/i,
  /^continue reading\b/i,
  /^(?:advertisement|sponsored(?: content)?|related(?: articles| stories| content| coverage)?|also read|recommended(?: for you)?|most read|trending now)\s*:?$/i,
  /^\(?(?:additional )?(?:reporting|writing|editing|compiled|edited) by\b/i,
];

const NETWORKS = String.raw`(?:Twitter|X|Facebook|Instagram|LinkedIn|Threads|Bluesky|Mastodon|TikTok|YouTube|Telegram|WhatsApp|Google News)`;
const SOCIALS: RegExp[] = [
  new RegExp(String.raw`^(?:you can )?(?:follow|find) (?:him|her|them|us|me|the author|@\w+|${NAME}) on ${NETWORKS}\b`, 'iu'),
  new RegExp(String.raw`^(?:like|join|follow) us\b.*\b${NETWORKS}\b`, 'iu'),
  /^(?:sign up|subscribe|register) (?:for|to) (?:our|the|a|free)\b.*\b(?:newsletters?|updates|alerts|podcast|channel)\b/i,
  /^share (?:this|on)\b/i,
  /^(?:email|contact) (?:the )?(?:author|reporter|writer)\b/i,
  /^@\w+$/,
];

/** Words one of the footer or social patterns needs: lines without any are not split to check. */
const NOTICE_HINT = /read|see|view|originally|click|tap|continue|advertis|sponsor|related|recommended|trending|reporting|writing|editing|compiled|edited|follow|find|like|join|sign up|subscribe|register|share|email|contact|@/i;

export function mayBeNotice(line: string): boolean {
  return NOTICE_HINT.test(line);
}

/** 'footer' or 'social' when a short line or sentence is one of those, else null. */
export function footerKind(sentence: string): 'footer' | 'social' | null {
  if (wordCount(sentence) > 30) return null;
  if (FOOTERS.some((re) => re.test(sentence))) return 'footer';
  if (SOCIALS.some((re) => re.test(sentence))) return 'social';
  return null;
}

const BIO = new RegExp(
  String.raw`^(${NAME}) (?:is|was|has been|serves as) (?:a|an|the)\b.{0,160}?\b(?:writer|journalist|reporter|correspondent|editor|columnist|contributor|author|analyst|researcher|fellow|professor|producer|freelancer|blogger|commentator|lecturer|photographer)s?\b`,
  'u',
);

/** The author named by a bio sentence ("X is a Venezuelan writer and …" → X), or null. */
export function bioAuthor(sentence: string): string | null {
  return BIO.exec(sentence)?.[1] ?? null;
}

const BYLINE = new RegExp(String.raw`^By\s+(${NAME}(?:\s*(?:,|and|&)\s*${NAME})*)\s*(?:[,|–—-]\s*.{0,60})?$`, 'u');

/** The author(s) of a byline line ("By Jane Doe, Reuters" → Jane Doe), or null. */
export function bylineAuthor(line: string): string | null {
  if (wordCount(line) > 15) return null;
  return BYLINE.exec(line)?.[1] ?? null;
}

/** A bare name standing alone on a line, as photo labels are: "Nicolas Maduro". */
export function isBareName(line: string): boolean {
  return wordCount(line) <= 4 && BARE_NAME.test(line);
}
const BARE_NAME = new RegExp(String.raw`^(?:${NAME}|\p{Lu}[\p{L}'’-]+)$`, 'u');

const APPOSITIVE = new RegExp(String.raw`^(${NAME}), ((?:the |a |an )?\p{Ll}[^,]{2,100}?)\.?$`, 'u');
const FINITE_VERB = /\b(?:is|are|was|were|has|have|had|said|says|will|would|did|does|do|can|could|told|announced|added|warned)\b/i;

/** A portrait caption: a name and what the person is, with no verb ("Craig Faller, head of X."). */
export function isAppositiveCaption(line: string): boolean {
  return wordCount(line) <= 15 && APPOSITIVE.test(line) && !FINITE_VERB.test(line);
}

/** Lines that announce a caption: "Photo: …", "Pictured: …", "Above: …". */
export function hasCaptionLead(line: string): boolean {
  return /^(?:photo|pictured|above|below|top|caption|image|file photo)\s*:/i.test(line);
}

export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
