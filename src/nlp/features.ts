// Tagger features: each is a 32-bit FNV-1a hash of a template id and its strings, so extraction
// allocates no feature strings. Local window ±2, shapes, affixes, gazetteer positions, document cues.
import { GAZ_CLASSES, type Gazetteers } from './gazetteers.js';

/** Bump when a template changes meaning: a model records the version it was trained with. */
export const FEATURE_VERSION = 5;

/** Template ids; hashing them in keeps "w=Paris" and "w-1=Paris" apart. */
const enum F {
  Bias = 1, Word, Lower, LowerM1, LowerP1, LowerM2, LowerP2, BigramM1, BigramP1,
  Shape, ShapeM1, ShapeP1, ShapePairM1, ShapePairP1, Prefix, Suffix, First, UpperSentence,
  Gaz, GazM1, GazP1, LowerInDoc, CapInDoc, Pass1Word, Pass1Shape, TrigramShape, Topic, TopicGaz, CasePattern, WordM1, WordP1,
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Hash of a template and one or two strings (a separator keeps ("ab","c") apart from ("a","bc")). */
export function featureHash(template: number, a: string, b?: string): number {
  let h = Math.imul(FNV_OFFSET ^ template, FNV_PRIME);
  h = mix(h, a);
  if (b !== undefined) h = mix(Math.imul(h ^ 0x1f, FNV_PRIME), b);
  return h >>> 0;
}

/** Word shape with runs collapsed: "Shahed-131" → "Xx-d", "IRGC" → "X", "1996-08-22" → "d-d-d". */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    let c: string;
    if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch.toLowerCase() !== ch) c = 'X';
    else if (ch.toUpperCase() !== ch) c = 'x';
    else c = ch;
    if (c !== last) out += c;
    last = c;
  }
  return word.length > 1 && out === 'X' ? 'XX' : out;
}

/** Lower-cased with digits folded, so dates and scores share features. */
export function normalise(word: string): string {
  return word.toLowerCase().replace(/\d/g, '0');
}

function isCapitalised(word: string): boolean {
  const c = word[0];
  return c !== undefined && c.toLowerCase() !== c;
}

/** One letter for a token's case: C capitalised, U all capitals, l lower, d digit-led, p punctuation. */
function caseClass(word: string): string {
  if (/^\d/.test(word)) return 'd';
  if (!/\p{L}/u.test(word)) return word.length === 1 ? word : 'p';
  if (word === word.toUpperCase()) return word.length > 1 ? 'U' : 'C';
  return isCapitalised(word) ? 'C' : 'l';
}

/** Facts about a whole document that each token's features may consult. */
export interface DocumentCues {
  /** Lower-case forms seen written in lower case somewhere in the document. */
  lowerSeen: Set<string>;
  /** Lower-case forms seen capitalised away from a sentence start, in a mixed-case sentence. */
  capSeen: Set<string>;
  /**
   * The document's first word when its first line is written in capitals ("SOCCER - JAPAN GET…"):
   * a section or topic label that changes what names mean (cities name teams in sports results).
   */
  topic: string;
}

/** True when a sentence is written in capitals (a headline): case tells little there. */
export function isUpperSentence(words: readonly string[]): boolean {
  let letters = 0;
  for (const w of words) {
    if (!/\p{L}/u.test(w)) continue;
    if (w !== w.toUpperCase()) return false;
    letters++;
  }
  return letters >= 2;
}

export function documentCues(sentences: readonly (readonly string[])[]): DocumentCues {
  const lowerSeen = new Set<string>();
  const capSeen = new Set<string>();
  for (const words of sentences) {
    const upper = isUpperSentence(words);
    words.forEach((w, i) => {
      const lower = w.toLowerCase();
      if (w === lower) lowerSeen.add(lower);
      else if (i > 0 && !upper && isCapitalised(w)) capSeen.add(lower);
    });
  }
  const first = sentences[0] ?? [];
  const topic = isUpperSentence(first) && /^\p{L}{3,}$/u.test(first[0] ?? '') ? first[0].toLowerCase() : '';
  return { lowerSeen, capSeen, topic };
}

/** Per-token gazetteer marks of a sentence: "class|B", "class|I"… for each listed phrase covering it. */
export function gazetteerMarks(gaz: Gazetteers, words: readonly string[], lower: readonly string[]): string[][] {
  const marks: string[][] = words.map(() => []);
  const n = words.length;
  for (let i = 0; i < n; i++) {
    if (!isCapitalised(words[i]) && !/^\d/.test(words[i])) {
      // Role nouns count in lower case too: "spokesman", "minister" announce a person.
      if (gaz.entries.get(lower[i])?.classes.has('role')) marks[i].push('role|U');
      continue;
    }
    let key = '';
    for (let len = 1; len <= gaz.maxTokens && i + len <= n; len++) {
      key = len === 1 ? lower[i] : `${key} ${lower[i + len - 1]}`;
      const last = words[i + len - 1];
      const entry = isCapitalised(last) || /^\d/.test(last) ? gaz.entries.get(key) : undefined;
      if (entry) {
        for (const cls of GAZ_CLASSES) {
          if (!entry.classes.has(cls)) continue;
          if (len === 1) marks[i].push(`${cls}|U`);
          else {
            marks[i].push(`${cls}|B`);
            for (let k = i + 1; k < i + len - 1; k++) marks[k].push(`${cls}|I`);
            marks[i + len - 1].push(`${cls}|L`);
          }
        }
      }
      if (!gaz.prefixes.has(key)) break;
    }
  }
  return marks;
}

const PASS1_LABELS = ['O', 'PER', 'ORG', 'LOC', 'MISC'];

/** The first pass's majority label for a word elsewhere in the document, if any, with its strength. */
function pass1Label(votes: Int32Array | undefined): string | null {
  if (!votes) return null;
  let best = 0;
  for (let k = 1; k < votes.length; k++) if (votes[k] > votes[best]) best = k;
  let total = 0;
  for (let k = 0; k < votes.length; k++) total += votes[k];
  if (total === 0) return null;
  return `${PASS1_LABELS[best]}${votes[best] * 2 > total ? '' : '?'}`;
}

/**
 * The second pass's extra features of each token: the first pass's majority label for the same
 * word elsewhere in the document. `self` holds the label this very token voted (-1: none), which is
 * taken back out of the counts.
 */
export function voteFeatures(words: readonly string[], votes: Map<string, Int32Array>, self: readonly number[]): number[][] {
  return words.map((w, i) => {
    let v = votes.get(w.toLowerCase());
    if (v && self[i] >= 0) {
      v = v.slice();
      v[self[i]]--;
    }
    const label = pass1Label(v);
    return label ? [featureHash(F.Pass1Word, label), featureHash(F.Pass1Shape, label, wordShape(w))] : [];
  });
}

/** Feature hashes of each token of a sentence: local window, gazetteers, document cues. */
export function sentenceFeatures(gaz: Gazetteers, words: readonly string[], cues: DocumentCues): number[][] {
  const n = words.length;
  const lower = words.map((w) => w.toLowerCase());
  const norm = words.map(normalise);
  const shape = words.map(wordShape);
  const marks = gazetteerMarks(gaz, words, lower);
  const caseOf = words.map(caseClass);
  const upper = isUpperSentence(words) ? '1' : '0';
  const out: number[][] = [];
  const at = (arr: readonly string[], k: number): string => (k < 0 ? '<s>' : k >= n ? '</s>' : arr[k]);
  for (let i = 0; i < n; i++) {
    const f: number[] = [];
    const w = words[i];
    const lw = norm[i];
    f.push(featureHash(F.Bias, ''));
    f.push(featureHash(F.Word, w.replace(/\d/g, '0')));
    f.push(featureHash(F.Lower, lw));
    f.push(featureHash(F.LowerM1, at(norm, i - 1)));
    f.push(featureHash(F.LowerP1, at(norm, i + 1)));
    f.push(featureHash(F.LowerM2, at(norm, i - 2)));
    f.push(featureHash(F.LowerP2, at(norm, i + 2)));
    f.push(featureHash(F.BigramM1, at(norm, i - 1), lw));
    f.push(featureHash(F.BigramP1, lw, at(norm, i + 1)));
    f.push(featureHash(F.Shape, shape[i], upper));
    f.push(featureHash(F.ShapeM1, at(shape, i - 1)));
    f.push(featureHash(F.ShapeP1, at(shape, i + 1)));
    f.push(featureHash(F.ShapePairM1, at(shape, i - 1), shape[i]));
    f.push(featureHash(F.ShapePairP1, shape[i], at(shape, i + 1)));
    f.push(featureHash(F.TrigramShape, at(shape, i - 1) + shape[i], at(shape, i + 1)));
    f.push(featureHash(F.WordM1, at(words, i - 1)));
    f.push(featureHash(F.WordP1, at(words, i + 1)));
    f.push(featureHash(F.CasePattern, at(caseOf, i - 2) + at(caseOf, i - 1) + caseOf[i] + at(caseOf, i + 1) + at(caseOf, i + 2), upper));
    for (let k = 1; k <= 5 && k < lw.length; k++) {
      f.push(featureHash(F.Prefix, lw.slice(0, k)));
      f.push(featureHash(F.Suffix, lw.slice(-k)));
    }
    if (i === 0) f.push(featureHash(F.First, shape[i]));
    f.push(featureHash(F.UpperSentence, upper, lw.length > 3 ? '' : lw));
    for (const m of marks[i]) f.push(featureHash(F.Gaz, m));
    if (i > 0) for (const m of marks[i - 1]) f.push(featureHash(F.GazM1, m));
    if (i + 1 < n) for (const m of marks[i + 1]) f.push(featureHash(F.GazP1, m));
    if (isCapitalised(w)) {
      if (cues.lowerSeen.has(lower[i])) f.push(featureHash(F.LowerInDoc, i === 0 ? 'first' : 'inner', upper));
      if (cues.capSeen.has(lower[i])) f.push(featureHash(F.CapInDoc, i === 0 ? 'first' : 'inner', upper));
    }
    if (cues.topic && isCapitalised(w)) {
      f.push(featureHash(F.Topic, cues.topic, shape[i]));
      for (const m of marks[i]) f.push(featureHash(F.TopicGaz, cues.topic, m));
    }
    out.push(f);
  }
  return out;
}
