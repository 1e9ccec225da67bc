// Cleaning: from the paragraphs of a page to the article body every offset will index. Drops
// credits, captions, copyright notices, footers, social lines, bios and trailing link-bait, and
// records each removal; finds the title, author and outlet those lines reveal on the way.
import { tokenize, splitSentences } from '../nlp/tokenize.js';
import {
  bioAuthor, bylineAuthor, copyrightNotice, footerKind, hasCaptionLead, isAppositiveCaption, isBareName,
  mayBeNotice, trailingCredit, wordCount,
} from './boilerplate.js';

export type RemovedKind = 'credit' | 'caption' | 'copyright' | 'footer' | 'social' | 'bio' | 'byline' | 'spam';

export interface Removed {
  kind: RemovedKind;
  text: string;
}

export interface Paragraph {
  text: string;
  /** The source marks it as a caption (an HTML <figcaption>). */
  caption?: boolean;
}

export interface CleanOptions {
  /** Take a short first line without terminal punctuation as the title (plain-text files). */
  titleFromFirstLine?: boolean;
}

export interface Cleaned {
  text: string;
  title: string | null;
  author: string | null;
  outlet: string | null;
  removed: Removed[];
}

interface Line {
  text: string;
  caption: boolean;
  kept: boolean;
  /** What cleaning removed from this line, in the order it appeared. */
  removed: Removed[];
}

/** Longest line that can be a headline taken from the first line of a text file. */
const TITLE_MAX_WORDS = 25;
/** Trailing link-bait lines are short; a longer unpunctuated line is more likely body. */
const SPAM_MAX_WORDS = 15;
/** A longer line ending in a credit is body text with a credit glued on: only the credit goes. */
const CAPTION_MAX_WORDS = 60;
/** Footer and social lines are short; longer lines are not split into sentences to check. */
const NOTICE_MAX_WORDS = 40;
/** Below this many body lines there is too little article to judge what is unrelated to it. */
const SPAM_MIN_BODY_LINES = 3;

export function cleanParagraphs(paragraphs: Paragraph[], opts: CleanOptions = {}): Cleaned {
  const lines: Line[] = paragraphs
    .flatMap((p) => p.text.split('\n').map((text) => ({ text: text.trim(), caption: !!p.caption })))
    .filter((l) => l.text !== '')
    .map((l) => ({ ...l, kept: true, removed: [] }));
  const found = { outlet: null as string | null, author: null as string | null };

  removeNotices(lines, found);
  resolveCaptions(lines);
  const title = opts.titleFromFirstLine ? firstLineTitle(lines) : null;
  removeByline(lines, found, title);
  removeTrailing(lines, found, title);

  const kept = lines.filter((l) => l.kept);
  return {
    text: kept.map((l) => l.text).join('\n'),
    title,
    author: found.author,
    outlet: found.outlet,
    removed: lines.flatMap((l) => l.removed),
  };
}

function drop(line: Line, kind: RemovedKind, text = line.text): void {
  line.kept = false;
  line.removed.push({ kind, text });
}

/** Copyright notices, and lines made only of footer or social sentences. */
function removeNotices(lines: Line[], found: { outlet: string | null }): void {
  for (const line of lines) {
    const notice = copyrightNotice(line.text);
    if (notice) {
      found.outlet ??= notice.owner;
      drop(line, 'copyright');
      continue;
    }
    if (wordCount(line.text) > NOTICE_MAX_WORDS || !mayBeNotice(line.text)) continue;
    const parts = sentencesOf(line.text);
    const kinds = parts.map(footerKind);
    if (kinds.every((k) => k !== null)) {
      line.kept = false;
      parts.forEach((text, i) => line.removed.push({ kind: kinds[i]!, text }));
    }
  }
}

/**
 * Credits standing alone are dropped. Captions: lines ending in a photo credit, lines the source
 * marks as captions or that announce themselves ("Photo: …"), portrait captions ("Name, role."),
 * and the bare-name label printed above a credited caption. A caption whose names and numbers all occur in the body adds nothing
 * and is dropped whole; one that carries names or dates found nowhere else is the only evidence
 * of them, so its words stay (on their own line) and only the credit goes.
 */
function resolveCaptions(lines: Line[]): void {
  const credited = new Map<Line, { credit: string; rest: string }>();
  for (const line of lines) {
    const credit = line.kept ? trailingCredit(line.text) : null;
    if (credit?.rest === '') drop(line, 'credit');
    else if (credit) credited.set(line, credit);
  }
  const kept = lines.filter((l) => l.kept);
  const candidates = new Set(
    kept.filter((line, i) =>
      credited.has(line) || line.caption || hasCaptionLead(line.text) || isAppositiveCaption(line.text) ||
      (isBareName(line.text) && i + 1 < kept.length && credited.has(kept[i + 1])),
    ),
  );
  const body = wordsOf(kept.filter((l) => !candidates.has(l)).map((l) => l.text).join('\n'));

  for (const line of candidates) {
    const credit = credited.get(line);
    const words = credit ? credit.rest : line.text;
    if (wordCount(words) <= CAPTION_MAX_WORDS && namesOf(words).every((name) => body.has(name))) {
      drop(line, 'caption');
    } else if (credit) {
      line.removed.push({ kind: 'credit', text: credit.credit });
      line.text = credit.rest.replace(/(?:\s*\.)+$/, '.');
    }
  }
}

/** A text file's first line is its title when short and without terminal punctuation. */
function firstLineTitle(lines: Line[]): string | null {
  const kept = lines.filter((l) => l.kept);
  const first = kept[0];
  if (!first || kept.length < 2) return null;
  if (wordCount(first.text) > TITLE_MAX_WORDS || endsSentence(first.text)) return null;
  return first.text;
}

/** A "By Jane Doe" line near the top names the author and is not body text. */
function removeByline(lines: Line[], found: { author: string | null }, title: string | null): void {
  const head = lines.filter((l) => l.kept && l.text !== title).slice(0, 3);
  for (const line of head) {
    const author = bylineAuthor(line.text);
    if (!author) continue;
    found.author ??= author;
    drop(line, 'byline');
    return;
  }
}

/**
 * The article's tail, from the end: author bios (with the footer and social sentences around
 * them) and link-bait — short unpunctuated lines sharing no content word with the article.
 */
function removeTrailing(lines: Line[], found: { author: string | null }, title: string | null): void {
  for (;;) {
    const kept = lines.filter((l) => l.kept);
    const last = kept[kept.length - 1];
    if (!last || kept.length < 2 || last.text === title) return;
    const rest = kept.slice(0, -1).map((l) => l.text).join('\n');
    if (removeBio(last, rest, found)) continue;
    if (kept.length - 1 >= SPAM_MIN_BODY_LINES && isUnrelated(last.text, rest)) {
      drop(last, 'spam');
      continue;
    }
    return;
  }
}

/** A last line made of a bio sentence plus footer/social sentences: dropped, author kept. */
function removeBio(line: Line, rest: string, found: { author: string | null }): boolean {
  const parts = sentencesOf(line.text);
  let author: string | null = null;
  const kinds = parts.map((s) => {
    const named = bioAuthor(s);
    // A person the article quotes is not its author: the bio's surname must not occur above.
    if (named && !new RegExp(String.raw`(?<!\p{L})${escape(named.split(/\s+/).pop()!)}(?!\p{L})`, 'u').test(rest)) {
      author ??= named;
      return 'bio' as const;
    }
    return footerKind(s);
  });
  if (!author || kinds.some((k) => k === null)) return false;
  line.kept = false;
  parts.forEach((text, i) => line.removed.push({ kind: kinds[i]!, text }));
  found.author ??= author;
  return true;
}

function isUnrelated(line: string, rest: string): boolean {
  if (wordCount(line) > SPAM_MAX_WORDS || endsSentence(line)) return false;
  const own = contentWords(line);
  if (own.size === 0) return false;
  const article = contentWords(rest);
  return [...own].every((w) => !article.has(w));
}

/** Ends like a sentence: terminal punctuation, possibly inside closing quotes or brackets. */
function endsSentence(text: string): boolean {
  return /[.!?…:;][\s"'”’»)\]]*$/u.test(text);
}

function sentencesOf(text: string): string[] {
  const tokens = tokenize(text);
  return splitSentences(tokens, text).map((s) => text.slice(s.start, s.end));
}

/** Lower-cased words of a text (letters and digits), for "does the body mention it" tests. */
function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
}

/** The names and numbers of a caption: capitalised words and digit runs, lower-cased. */
function namesOf(text: string): string[] {
  return (text.match(/\p{Lu}[\p{L}\p{M}]*|\p{N}+/gu) ?? []).map((w) => w.toLowerCase());
}

const FUNCTION_WORDS = new Set(
  ('the of and to in a an is are was were be been that for it its on with as by at this from or have has ' +
    'had not but they their which who will would can could about also after into over what when while ' +
    'there than more most all any our your you we he she his her him them these those such how new')
    .split(' '),
);

function contentWords(text: string): Set<string> {
  return new Set([...wordsOf(text)].filter((w) => w.length >= 3 && !/^\p{N}+$/u.test(w) && !FUNCTION_WORDS.has(w)));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
