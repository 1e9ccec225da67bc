// Mention-boundary repairs the resolver can justify from the knowledge base or the document's own
// names: "Iran-Bolivia" and "Venezuela Iran (cooperation)" are two places; "Trump administration", "Iranian Foreign Ministry" and
// "Southern Hemisphere command" are one organisation; "Maduro’s Army" is a mention of Maduro;
// "Craig faller" (a lower-cased surname the text writes "Faller" elsewhere) is one name.
import type { Mention } from '../schema/document.js';
import type { ResolverKb } from './kb.js';

/** Names of state bodies a demonym may open: "Foreign Ministry", "Air Force", "Navy", "Embassy". */
const STATE_BODY = /^(?:(?:Foreign|Defen[cs]e|Interior|Finance|Oil|Economy|Justice|Intelligence)\s+Ministry|Ministry\b.*|Foreign Office|Air Force|Armed Forces|Navy|Army|Embassy|Parliament|Government|Coast Guard|National Guard|Revolutionary Guards?)$/u;

/** Lower-case words that follow a name as verbs or adverbs, even when someone is called so (Will, May). */
const FOLLOWS_NAMES = new Set('will would said says also told than then that when with made make gave took sent more most well long hope rose'.split(' '));

const PAIR = /^(\p{Lu}[\p{L}.]*)(?:[-–]|\s+)(\p{Lu}[\p{L}.]*)$/u;

function isPlace(kb: ResolverKb, name: string): boolean {
  const e = kb.lookup(name, 'GPE') ?? kb.lookup(name, 'LOC');
  return !!e && (e.id.startsWith('iso:') || e.id.startsWith('region:'));
}

/**
 * The mention layer with repairs applied, in text order. Every other mention is kept as it is;
 * repeated runs change nothing further.
 */
export function repairMentions(text: string, mentions: Mention[], kb: ResolverKb): Mention[] {
  const people = new Set<string>();
  const surnames = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'PERSON') continue;
    const words = m.text.split(/\s+/u).filter((w) => /^\p{Lu}\p{Ll}/u.test(w));
    for (const w of words) people.add(w);
    if (words.length) surnames.add(words[words.length - 1]);
  }
  const out: Mention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const next = mentions[i + 1];
    // "Iranian Foreign Ministry": a demonym right before a state body is part of its name.
    if (next && next.type === 'ORG' && text.slice(m.end, next.start) === ' ' && kb.demonym(m.text)?.id.startsWith('iso:') && STATE_BODY.test(next.text)) {
      out.push({ start: m.start, end: next.end, text: text.slice(m.start, next.end), type: 'ORG', origin: 'rule' });
      i++;
      continue;
    }
    // "Osama" + " bin " + "Laden": a name particle between two person mentions joins them.
    if (next && m.type === 'PERSON' && next.type === 'PERSON' && /^\s+(?:bin|ibn|bint|al|el|de|del|da|dos|van|von|der|abu)\s+$/u.test(text.slice(m.end, next.start))) {
      out.push({ start: m.start, end: next.end, text: text.slice(m.start, next.end), type: 'PERSON', origin: 'rule' });
      i++;
      continue;
    }
    const owner = /^(\p{Lu}[\p{L}-]+)['’]s\s+\p{Lu}/u.exec(m.text);
    if (owner && people.has(owner[1])) {
      out.push({ start: m.start, end: m.start + owner[1].length, text: owner[1], type: 'PERSON', origin: 'rule' });
      continue;
    }
    const lower = /^\s(\p{Ll}[\p{Ll}-]+)\b/u.exec(text.slice(m.end, m.end + 30));
    const surname = lower ? lower[1][0].toUpperCase() + lower[1].slice(1) : '';
    if (lower && m.type !== 'NORP' && !/\s/u.test(m.text) && surname.length >= 4 && surnames.has(surname) && !FOLLOWS_NAMES.has(lower[1])) {
      const end = m.end + lower[0].length;
      out.push({ start: m.start, end, text: text.slice(m.start, end), type: 'PERSON', origin: 'rule' });
      continue;
    }
    const command = /^\s+command\b/u.exec(text.slice(m.end, m.end + 12));
    if (command && (m.type === 'LOC' || m.type === 'GPE' || m.type === 'ORG') && !isPlace(kb, m.text) && !kb.lookup(m.text)) {
      const end = m.end + command[0].length;
      out.push({ start: m.start, end, text: text.slice(m.start, end), type: 'ORG', origin: 'rule' });
      continue;
    }
    const pair = PAIR.exec(m.text);
    if (pair && m.type !== 'PERSON' && !isPlace(kb, m.text) && isPlace(kb, pair[1]) && isPlace(kb, pair[2])) {
      const second = m.end - pair[2].length;
      out.push({ start: m.start, end: m.start + pair[1].length, text: pair[1], type: 'GPE', origin: 'rule' });
      out.push({ start: second, end: m.end, text: pair[2], type: 'GPE', origin: 'rule' });
      continue;
    }
    const admin = /^\s+administration\b/u.exec(text.slice(m.end, m.end + 20));
    if (admin && m.type !== 'NORP' && !isPlace(kb, m.text) && !kb.demonym(m.text) && /^\p{Lu}/u.test(m.text)) {
      const end = m.end + admin[0].length;
      out.push({ start: m.start, end, text: text.slice(m.start, end), type: 'ORG', origin: 'rule' });
      continue;
    }
    out.push(m);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
