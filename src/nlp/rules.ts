// Rule mentions for forms news uses and CoNLL never saw: weapon-system and vehicle model numbers
// ("ZAMORA V-1 (Shahed-131)") and facilities named with a lower-case head ("El Libertador air base").
import type { Token } from '../schema/document.js';
import type { EntityType } from '../schema/analysis.js';
import { namesPeople, type Gazetteers } from './gazetteers.js';
import { isModelNumber } from './refine.js';

export interface RuleSpan {
  /** Token indexes into the sentence's token slice, end exclusive. */
  start: number;
  end: number;
  type: EntityType;
  origin: string;
}

const CAPITALISED = /^\p{Lu}/u;
/** Lower-case words that may sit inside a name: "Bank of England", "El Libertador", "al-Assad". */
const NAME_LINKS = new Set(['of', 'de', 'del', 'la', 'el', 'al', 'bin', 'van', 'von', 'da', 'do', 'dos', 'du']);

function isNameWord(t: string): boolean {
  return CAPITALISED.test(t) || isModelNumber(t);
}

/** Is a product cue word ("drone", "missile", "UAV") within `radius` tokens of [start, end)? */
function productCueNear(gaz: Gazetteers, words: string[], start: number, end: number, radius: number): boolean {
  for (let k = Math.max(0, start - radius); k < Math.min(words.length, end + radius); k++) {
    if (k >= start && k < end) continue;
    if (gaz.heads.get(words[k].toLowerCase()) === 'PRODUCT') return true;
  }
  return false;
}

/**
 * Model-number names: a token shaped like "Shahed-131" or "V-1", with the capitalised words right
 * before it ("ZAMORA V-1", "MQ-9 Reaper" keeps its trailing name too), when a cue word for a system
 * or vehicle is near, or the name is listed as a product.
 */
function productSpans(gaz: Gazetteers, words: string[]): RuleSpan[] {
  const spans: RuleSpan[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!isModelNumber(words[i]) || /^\d/.test(words[i])) continue;
    let start = i;
    // One name word before the number joins it ("ZAMORA V-1"), unless it is a country or demonym ("Iranian Mohajer-6").
    if (start > 0 && /^\p{Lu}[\p{L}-]*$/u.test(words[start - 1]) && !FUNCTION_WORDS.has(words[start - 1])) {
      const c = gaz.entries.get(words[start - 1].toLowerCase())?.classes;
      if (!c || !(c.has('country') || namesPeople(c) || c.has('regionadj'))) start--;
    }
    let end = i + 1;
    if (end < words.length && /^\p{Lu}\p{Ll}+$/u.test(words[end]) && gaz.heads.get(words[end].toLowerCase()) !== 'ORG') end++;
    const listed = gaz.entries.get(words.slice(start, end).join(' ').toLowerCase())?.classes.has('product');
    if (!listed && !productCueNear(gaz, words, start, end, 8)) continue;
    spans.push({ start, end, type: 'PRODUCT', origin: 'rule' });
    i = end - 1;
  }
  return spans;
}

const FUNCTION_WORDS = new Set(['The', 'A', 'An', 'In', 'On', 'At', 'But', 'And', 'Among', 'That', 'This', 'With', 'For', 'From', 'As', 'By']);

/** Capitalised name words followed by a lower-case facility head: "El Libertador air base". */
function facilitySpans(gaz: Gazetteers, words: string[]): RuleSpan[] {
  const spans: RuleSpan[] = [];
  for (let i = 1; i < words.length; i++) {
    const one = words[i].toLowerCase();
    const two = i + 1 < words.length ? `${one} ${words[i + 1].toLowerCase()}` : '';
    const headLen = two && gaz.heads.get(two) === 'FAC' ? 2 : gaz.heads.get(one) === 'FAC' ? 1 : 0;
    if (!headLen || CAPITALISED.test(words[i])) continue;
    let start = i;
    while (start > 0 && (isNameWord(words[start - 1]) || (NAME_LINKS.has(words[start - 1]) && start - 1 > 0 && isNameWord(words[start - 2])))) start--;
    while (start < i && (FUNCTION_WORDS.has(words[start]) || NAME_LINKS.has(words[start]))) start++;
    if (start === i) continue;
    // "the Iranian base" names no facility: the words before the head must not be only a demonym or place.
    const name = words.slice(start, i).join(' ').toLowerCase();
    const entry = gaz.entries.get(name);
    if (entry && (namesPeople(entry.classes) || entry.classes.has('country'))) continue;
    spans.push({ start, end: i + headLen, type: 'FAC', origin: 'rule' });
    i += headLen - 1;
  }
  return spans;
}

/** Rule spans of one sentence, by token index within `tokens`. */
export function ruleSpans(gaz: Gazetteers, tokens: Token[]): RuleSpan[] {
  const words = tokens.map((t) => t.text);
  return [...productSpans(gaz, words), ...facilitySpans(gaz, words)];
}
