// Sentences and tokens with UTF-16 offsets: a rule tokenizer in the CoNLL/PTB spirit (possessive
// 's split off, "U.S." and "Shahed-131" kept whole) and a sentence splitter aware of abbreviations.
import type { Document, Sentence, Token } from '../schema/document.js';

// One alternation, tried left to right at each position:
//   dotted abbreviations (U.S., U.N.), initials before a name, possessive/contraction clitics, numbers with separators,
//   words with inner hyphens, apostrophes, periods or ampersands, then any single non-space char.
const TOKEN = new RegExp(
  [
    String.raw`(?:\p{L}\.){2,}(?!\p{L})`,
    // A middle initial keeps its period when a capitalised name follows: "Christian K. Caruzo".
    String.raw`\p{Lu}\.(?=[ \t]\p{Lu}\p{Ll})`,
    String.raw`['’](?:s|S|re|ve|ll|d|m|t)(?![\p{L}\p{N}])`,
    String.raw`\p{N}+(?:[.,:/]\p{N}+)*(?:[-–]\p{L}[\p{L}\p{N}]*)?`,
    String.raw`[\p{L}\p{M}\p{N}]+(?:(?:[-&]|['’](?!(?:s|S|re|ve|ll|d|m|t)(?![\p{L}\p{N}]))|\.(?=\p{L}))[\p{L}\p{M}\p{N}]+)*`,
    String.raw`\S`,
  ].join('|'),
  'gu',
);

/** Words after which a period does not end a sentence. Lower-cased, without the period. */
const ABBREVIATIONS = new Set(
  ('mr mrs ms dr prof gen adm col lt sgt capt maj cmdr gov sen rep rev st sr jr vs etc inc ltd co corp ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec no nos approx est dept univ fig al pres').split(' '),
);

const CLOSERS = new Set(['"', '”', '’', "'", '»', ')', ']']);

/** Tokens of a text, each with its offsets; `sentence` is filled in by `splitSentences`. */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    // A possessive clitic stands alone only after a word; "'s" at a word start is a quote + s.
    let t = m[0];
    if (/^['’]/.test(t) && t.length > 1 && (m.index === 0 || /\s/.test(text[m.index - 1]))) {
      t = t[0];
      TOKEN.lastIndex = m.index + 1;
    }
    tokens.push({ start: offset + m.index, end: offset + m.index + t.length, text: t, sentence: 0 });
  }
  return tokens;
}

function endsSentence(tokens: Token[], i: number, text: string): boolean {
  const tok = tokens[i];
  const next = tokens[i + 1];
  if (!next) return true;
  // A line break always ends a sentence: headlines, captions and paragraphs.
  if (/\n/.test(text.slice(tok.end, next.start))) return true;
  if (!/^[.!?]$/.test(tok.text) && !/^(?:\p{L}\.){2,}$/u.test(tok.text)) return false;
  if (next.start === tok.end && !CLOSERS.has(next.text)) return false;
  if (tok.text === '.') {
    const prev = tokens[i - 1];
    if (prev && prev.end === tok.start) {
      if (ABBREVIATIONS.has(prev.text.toLowerCase())) return false;
      if (/^\p{Lu}$/u.test(prev.text)) return false; // an initial: "Christian K. Caruzo"
    }
  }
  // After a dotted abbreviation ("U.S."), only a clear sentence start counts.
  let k = i + 1;
  while (k < tokens.length - 1 && CLOSERS.has(tokens[k].text) && tokens[k].start - tokens[k - 1].end <= 1) k++;
  const after = tokens[k].text;
  if (/^(?:\p{L}\.){2,}$/u.test(tok.text)) return /^["“«]$/.test(after);
  return /^[\p{Lu}\p{N}"“«‘'(\[]/u.test(after);
}

/** Splits a tokenized text into sentences, attaching closing quotes to the sentence they close. */
export function splitSentences(tokens: Token[], text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (!endsSentence(tokens, i, text)) continue;
    let last = i;
    // Closing quotes and brackets glued to the end belong to this sentence.
    // A straight quote after a space opens the next sentence; curly closers may stand after one.
    while (
      last + 1 < tokens.length &&
      CLOSERS.has(tokens[last + 1].text) &&
      !/\n/.test(text.slice(tokens[last].end, tokens[last + 1].start)) &&
      tokens[last + 1].start - tokens[last].end <= (/^["']$/.test(tokens[last + 1].text) ? 0 : 1) &&
      /^[.!?'"’”»)\]]$/.test(tokens[last].text)
    ) last++;
    const index = sentences.length;
    for (let k = first; k <= last; k++) tokens[k].sentence = index;
    sentences.push({ start: tokens[first].start, end: tokens[last].end, tokenStart: first, tokenEnd: last + 1 });
    first = last + 1;
    i = last;
  }
  return sentences;
}

/** Pipeline stage: fills `tokens` and `sentences`. */
export function segment(doc: Document): Document {
  doc.tokens = tokenize(doc.text);
  doc.sentences = splitSentences(doc.tokens, doc.text);
  return doc;
}
