// Tagger features: each is a 32-bit FNV-1a hash of a template id and its strings, so extraction
// allocates no feature strings. Local window ±2, shapes, affixes, gazetteer positions, document cues.
import { GAZ_CLASSES, type Gazetteers } from './gazetteers.js';

/** Bump when a template changes meaning: a model records the version it was trained with. */
export const FEATURE_VERSION = 3;

/** Template ids; hashing them in keeps "w=Paris" and "w-1=Paris" apart. */
const enum F {
  Bias = 1, Word, Lower, LowerM1, LowerP1, LowerM2, LowerP2, BigramM1, BigramP1,
  Shape, ShapeM1, ShapeP1, ShapePairM1, ShapePairP1, Prefix, Suffix, First, UpperSentence,
  Gaz, GazM1, GazP1, LowerInDoc, CapInDoc, Pass1Word, Pass1Shape, TrigramShape,
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

/** Facts about a whole document that each token's features may consult. */
export interface DocumentCues {
  /** Lower-case forms seen written in lower case somewhere in the document. */
  lowerSeen: Set<string>;
  /** Lower-case forms seen capitalised away from a sentence start, in a mixed-case sentence. */
  capSeen: Set<string>;
  /** First-pass votes per exact word: [O, PER, ORG, LOC, MISC] counts; absent for pass one. */
  pass1?: Map<string, Int32Array>;
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
  return { lowerSeen, capSeen };
}

/** Per-token gazetteer marks of a sentence: "class|B", "class|I"… for each listed phrase covering it. */
export function gazetteerMarks(gaz: Gazetteers, words: readonly string[], lower: readonly string[]): string[][] {
  const marks: string[][] = words.map(() => []);
  const n = words.length;
  for (let i = 0; i < n; i++) {
    if (!isCapitalised(words[i]) && !/^\d/.test(words[i])) continue;
    const parts: string[] = [];
    for (let len = 1; len <= gaz.maxTokens && i + len <= n; len++) {
      parts.push(lower[i + len - 1]);
      const last = words[i + len - 1];
      if (!isCapitalised(last) && !/^\d/.test(last)) continue;
      const entry = gaz.entries.get(parts.join(' '));
      if (!entry) continue;
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
 * Feature hashes of each token of a sentence. `pass1Self` (optional) holds, per token, the label
 * the first pass gave this very token, so the document votes can leave it out.
 */
export function sentenceFeatures(
  gaz: Gazetteers,
  words: readonly string[],
  cues: DocumentCues,
  pass1Self?: readonly number[],
): number[][] {
  const n = words.length;
  const lower = words.map((w) => w.toLowerCase());
  const norm = words.map(normalise);
  const shape = words.map(wordShape);
  const marks = gazetteerMarks(gaz, words, lower);
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
    for (let k = 1; k <= 4 && k < lw.length; k++) {
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
    if (cues.pass1) {
      let votes = cues.pass1.get(w);
      if (votes && pass1Self && pass1Self[i] >= 0) {
        votes = votes.slice();
        votes[pass1Self[i]]--;
      }
      const label = pass1Label(votes);
      if (label) {
        f.push(featureHash(F.Pass1Word, label));
        f.push(featureHash(F.Pass1Shape, label, shape[i]));
      }
    }
    out.push(f);
  }
  return out;
}
