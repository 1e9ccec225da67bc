// Benchmarks the entities stage alone: the seed articles, segmented and tagged once, resolved
// 100 times over; also the knowledge base's load time (eager part and the lazy city index).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Context } from '../src/context.js';
import { segment } from '../src/nlp/tokenize.js';
import { findMentions } from '../src/nlp/mentions.js';
import { newDocument, type Document } from '../src/schema/document.js';
import type { Article } from '../src/schema/article.js';
import { resolveEntities } from '../src/resolve/entities.js';
import { loadKnowledgeBase } from '../src/resolve/kb.js';
import { SHARED_DIR } from '../src/paths.js';

const ROUNDS = 100;

/** The seeds after segment + mentions: the input the entities stage sees. Read as plain-text
 * articles (the text file is the cleaned text), so only the stages being measured run. */
function taggedSeeds(ctx: Context): Document[] {
  const dir = join(SHARED_DIR, 'corpus', 'seeds');
  return readdirSync(dir).filter((n) => n.endsWith('.txt')).sort().map((name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const article: Article = {
      id: name.replace(/\.txt$/u, ''), source: join(dir, name), format: 'text', title: null, outlet: null,
      author: null, url: null, published: null, publishedSource: null, language: 'en', text,
      contentHash: createHash('sha256').update(text).digest('hex'), removed: [],
    };
    return findMentions(segment(newDocument(article)), ctx);
  });
}

export async function benchResolve(): Promise<Record<string, number | string>> {
  let t = performance.now();
  const kb = loadKnowledgeBase();
  const kbLoadMs = performance.now() - t;
  t = performance.now();
  kb.lookup('Maracay', 'GPE');
  const cityLoadMs = performance.now() - t;

  const ctx = new Context({ lists: null });
  ctx.resource('kb', () => kb);
  const docs = taggedSeeds(ctx);
  for (const d of docs) resolveEntities(d, ctx); // warm up
  let entities = 0;
  let mentions = 0;
  const cpu0 = process.cpuUsage();
  t = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    for (const d of docs) {
      const out = resolveEntities(d, ctx);
      entities += out.entities.length;
      mentions += d.mentions.length;
    }
  }
  const seconds = (performance.now() - t) / 1000;
  // CPU time as well as wall time: on a shared machine wall time mostly measures the neighbours.
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    'documents resolved': docs.length * ROUNDS,
    'mentions in': mentions,
    'entities out': entities,
    'resolve entities/s': Math.round(entities / seconds),
    'resolve mentions/s': Math.round(mentions / seconds),
    'resolve documents/s': Math.round((docs.length * ROUNDS) / seconds),
    'resolve entities per CPU-second': Math.round(entities / cpuSeconds),
    'resolve documents per CPU-second': Math.round((docs.length * ROUNDS) / cpuSeconds),
    'kb load, countries+regions+systems (ms)': +kbLoadMs.toFixed(1),
    'kb first city lookup, lazy city index (ms)': +cityLoadMs.toFixed(1),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchResolve());
}
