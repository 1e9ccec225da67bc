// From CoNLL classes (PER ORG LOC MISC) to OntoNotes types: typed gazetteers, head words and the
// shape of the name decide GPE vs LOC vs FAC, NORP vs PRODUCT vs EVENT vs LAW.
import type { EntityType } from '../schema/analysis.js';
import type { Gazetteers } from './gazetteers.js';

export type ConllType = 'PER' | 'ORG' | 'LOC' | 'MISC';

export interface Typed {
  type: EntityType;
  refersTo?: string;
}

/** "Shahed-131", "ANSU-100", "MQ-9", "Su-35", "V-1": letters, a hyphen, a number, maybe a suffix. */
export const MODEL_NUMBER = /^\p{L}[\p{L}.]*-?\d+[\p{L}\d]*$|^\p{L}[\p{L}\d]*-\p{L}?\d+[\p{L}\d]*$/u;

export function isModelNumber(word: string): boolean {
  return /\d/.test(word) && /\p{L}/u.test(word) && MODEL_NUMBER.test(word) && !/^\d/.test(word);
}

/** The class a head word gives, trying the last two words, then the last one. */
export function headClass(gaz: Gazetteers, lowerWords: string[]): string | undefined {
  const n = lowerWords.length;
  if (n >= 2) {
    const two = gaz.heads.get(`${lowerWords[n - 2]} ${lowerWords[n - 1]}`);
    if (two) return two;
  }
  if (n < 2) return undefined;
  const last = gaz.heads.get(lowerWords[n - 1]);
  if (last) return last;
  // Natural places named head first: "Lake Maracaibo", "Mount Kenya", "Gulf of Aden".
  return gaz.heads.get(lowerWords[0]) === 'LOC' ? 'LOC' : undefined;
}

/**
 * The OntoNotes type of a span the tagger called `conll`, or null to drop it (MISC that is none of
 * NORP/PRODUCT/EVENT/LAW). `words` are the span's token texts.
 */
export function refineType(gaz: Gazetteers, words: string[], conll: ConllType): Typed | null {
  const lower = words.map((w) => w.toLowerCase());
  const entry = gaz.entries.get(lower.join(' '));
  const cls = entry?.classes;
  const head = headClass(gaz, lower);
  // A lone cue word for systems ("UAV", "Drone" in a headline) is a common noun, not a name.
  if (lower.length === 1 && gaz.heads.get(lower[0]) === 'PRODUCT' && !cls?.has('product')) return null;
  if (cls) {
    if (cls.has('product')) return { type: 'PRODUCT' };
    if (cls.has('regionadj') && conll !== 'PER' && conll !== 'ORG') return { type: 'LOC', refersTo: entry.canonical };
    if (cls.has('demonym') && conll !== 'PER' && conll !== 'ORG') return { type: 'NORP', refersTo: entry.canonical };
    if (cls.has('norp') && conll !== 'PER') return { type: 'NORP' };
    if (cls.has('people') && conll !== 'PER' && (conll !== 'ORG' || !entry.canonical)) return { type: 'NORP', refersTo: entry.canonical };
    if (conll === 'LOC' || conll === 'MISC' || cls.has('country')) {
      if (cls.has('country') || cls.has('state') || cls.has('bigcity')) return { type: 'GPE' };
      if (cls.has('region')) return { type: 'LOC' };
      if (cls.has('city') && conll === 'LOC') return { type: 'GPE' };
    }
  }
  if (head === 'FAC' && conll !== 'PER') return { type: 'FAC' };
  // Natural places by their head word, whatever CoNLL class the tagger chose: "Lake Victoria".
  if (head === 'LOC' && conll !== 'PER') return { type: 'LOC' };
  // A listed organisation or airline that is no place and no person: "Mahan Air", "Conviasa".
  if (cls && (cls.has('org') || cls.has('airline')) && !cls.has('person') && !cls.has('country') && !cls.has('city') && !cls.has('state')) {
    if (conll !== 'MISC') return { type: 'ORG' };
  }
  switch (conll) {
    case 'PER':
      return { type: head === 'ORG' && words.length >= 2 ? 'ORG' : 'PERSON' };
    case 'ORG':
      return { type: 'ORG' };
    case 'LOC':
      if (head === 'LOC') return { type: 'LOC' };
      return { type: 'GPE' };
    case 'MISC':
      if (words.some(isModelNumber)) return { type: 'PRODUCT' };
      if (head === 'EVENT') return { type: 'EVENT' };
      if (head === 'LAW') return { type: 'LAW' };
      if (lower.length === 1 && /^\p{L}+(?:an|ans|ese|ish|i|is)$/u.test(lower[0])) return { type: 'NORP' };
      return null;
  }
}
