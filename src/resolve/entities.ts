// The entities stage: clusters the document's mentions into entities (first version: mentions
// grouped by folded text, the longest form as the name, knowledge-base links where they exist).
import type { Document, Mention } from '../schema/document.js';
import type { Entity, EntityType } from '../schema/analysis.js';
import type { Context } from '../context.js';
import { loadKnowledgeBase } from './kb.js';
import { foldName, stripPossessive } from './names.js';

export function resolveEntities(doc: Document, ctx: Context): Document {
  const kb = ctx.resource('kb', loadKnowledgeBase);
  const groups = new Map<string, number[]>();
  doc.mentions.forEach((m: Mention, i: number) => {
    const kbId = m.kb ?? kb.lookup(m.refersTo ?? stripPossessive(m.text), m.refersTo ? 'GPE' : m.type)?.id;
    const key = kbId ? `kb:${kbId}` : `${m.type}|${foldName(stripPossessive(m.text))}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  const clusters = [...groups.entries()].sort((a, b) => doc.mentions[a[1][0]].start - doc.mentions[b[1][0]].start);
  const entities: Entity[] = [];
  const entityMentions = new Map<string, number[]>();
  clusters.forEach(([key, idx], n) => {
    const id = `e${n + 1}`;
    const texts = idx.map((i) => stripPossessive(doc.mentions[i].text));
    const kbId = key.startsWith('kb:') ? key.slice(3) : null;
    const entry = kbId ? kb.get(kbId) : null;
    const name = entry?.name ?? texts.reduce((a, b) => (b.length > a.length ? b : a));
    const type: EntityType = entry?.type ?? doc.mentions[idx[0]].type;
    const aliases = [...new Set(texts)].filter((t) => t !== name).sort();
    const mentions = idx.map((i) => ({ start: doc.mentions[i].start, end: doc.mentions[i].end })).sort((a, b) => a.start - b.start || a.end - b.end);
    entities.push({ id, name, type, aliases, mentions, kb: kbId, sanctions: [] });
    entityMentions.set(id, idx);
  });
  return { ...doc, entities, entityMentions };
}
