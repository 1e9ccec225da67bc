// Mention-boundary repairs the resolver can justify from the knowledge base: a hyphenated pair of
// places ("Iran-Bolivia") is two mentions; "<Name> administration" is one organisation.
import type { Mention } from '../schema/document.js';
import type { ResolverKb } from './kb.js';

const PAIR = /^(\p{Lu}[\p{L}.]*)[-–](\p{Lu}[\p{L}.]*)$/u;

function isPlace(kb: ResolverKb, name: string): boolean {
  const e = kb.lookup(name, 'GPE') ?? kb.lookup(name, 'LOC');
  return !!e && (e.id.startsWith('iso:') || e.id.startsWith('region:'));
}

/**
 * The mention layer with repairs applied, in text order. Every other mention is kept as it is;
 * repeated runs change nothing further.
 */
export function repairMentions(text: string, mentions: Mention[], kb: ResolverKb): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const pair = PAIR.exec(m.text);
    if (pair && m.type !== 'PERSON' && isPlace(kb, pair[1]) && isPlace(kb, pair[2])) {
      const second = m.start + pair[1].length + 1;
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
