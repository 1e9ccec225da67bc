// Benchmarks claim clustering as the corpus grows (1k, 2k, 5k, 10k claims): in memory (the rule
// alone) and in the SQLite store (the rule plus blocking queries, summaries and derivation links).
// Claims are the seeds' own claims, re-worded: other entities of the same type, other numbers and
// years, synonyms, clauses reordered, words dropped — so clusters form and blocking is exercised.
// Usage: node dist/scripts/bench-corroborate.js   (BENCH_SIZES=1000,2000 for a shorter run)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Context } from '../src/context.js';
import { analyzeArticle } from '../src/pipeline.js';
import { readInputs } from '../src/ingest/index.js';
import { forStore } from '../src/runner.js';
import { SHARED_DIR } from '../src/paths.js';
import type { Analysis, Claim, Entity, EntityType } from '../src/schema/analysis.js';
import type { AnalysedDocument } from '../src/store/types.js';
import { statementsOf, type Statement } from '../src/corroborate/statements.js';
import { MemoryClusterer } from '../src/corroborate/cluster.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { seededRandom } from '../src/nlp/perceptron.js';

const SIZES = (process.env.BENCH_SIZES ?? "1000,2000,5000,10000").split(",").map(Number);
const CLAIMS_PER_DOCUMENT = 10;

interface SeedClaim {
  text: string;
  source: string | null;
  modality: Claim['modality'];
  /** Entity names in the claim with their types. */
  names: [string, EntityType][];
}

const random = seededRandom;

const SYNONYMS: Record<string, string[]> = {
  established: ['set up', 'opened', 'built'], base: ['facility', 'site'], drones: ['UAVs', 'unmanned aircraft'],
  said: ['stated', 'told reporters'], transfer: ['move', 'ship'], weapons: ['arms', 'munitions'], sent: ['dispatched', 'shipped'],
  significant: ['major', 'considerable'], cooperation: ['collaboration', 'partnership'], military: ['armed forces', 'defense'],
};

async function seedClaims(): Promise<{ claims: SeedClaim[]; names: Map<EntityType, string[]> }> {
  const ctx = new Context();
  const claims: SeedClaim[] = [];
  const names = new Map<EntityType, Set<string>>();
  for await (const item of readInputs([join(SHARED_DIR, 'corpus', 'seeds')])) {
    if (!item.ok) continue;
    const a = forStore(analyzeArticle(item.article, ctx)).analysis;
    for (const e of a.entities) {
      if (!names.has(e.type)) names.set(e.type, new Set());
      names.get(e.type)!.add(e.name);
    }
    for (const c of a.claims) {
      const inside = a.entities.filter((e) => e.mentions.some((m) => m.start >= c.start && m.end <= c.end));
      const source = a.entities.find((e) => e.id === c.source)?.name ?? c.sourceText;
      claims.push({ text: a.text.slice(c.start, c.end), source, modality: c.modality, names: inside.map((e) => [a.text.slice(e.mentions.find((m) => m.start >= c.start && m.end <= c.end)!.start, e.mentions.find((m) => m.start >= c.start && m.end <= c.end)!.end), e.type]) });
    }
  }
  return { claims, names: new Map([...names].map(([t, s]) => [t, [...s].sort()])) };
}

/** One re-worded claim: its text and the entity names it now contains. */
function vary(c: SeedClaim, names: Map<EntityType, string[]>, rnd: () => number): { text: string; names: [string, EntityType][] } {
  let text = c.text;
  const used: [string, EntityType][] = [];
  for (const [name, type] of c.names) {
    const pool = names.get(type) ?? [name];
    const swap = rnd() < 0.35 ? pool[Math.floor(rnd() * pool.length)] : name;
    text = text.split(name).join(swap);
    used.push([swap, type]);
  }
  text = text.replace(/\b(1[5-9]|20)\d\d\b/g, (y) => (rnd() < 0.3 ? String(Number(y) + Math.floor(rnd() * 5) - 2) : y));
  text = text.replace(/\b\d{1,3}(,\d{3})*\b/g, (n) => (rnd() < 0.3 ? String(Math.max(1, Math.round(Number(n.replace(/,/g, '')) * (0.5 + rnd())))) : n));
  text = text.replace(/\b[a-z]+\b/g, (w) => (SYNONYMS[w] && rnd() < 0.5 ? SYNONYMS[w][Math.floor(rnd() * SYNONYMS[w].length)] : w));
  const clauses = text.split(/,\s+/);
  if (clauses.length > 2 && rnd() < 0.3) text = [clauses[clauses.length - 1], ...clauses.slice(0, -1)].join(', ');
  text = text.split(' ').filter(() => rnd() > 0.04).join(' ');
  return { text, names: used.filter(([n]) => text.includes(n)) };
}

/** Synthetic documents of re-worded seed claims, `count` claims in all. */
function corpus(seed: { claims: SeedClaim[]; names: Map<EntityType, string[]> }, count: number): AnalysedDocument[] {
  const rnd = random(count);
  const docs: AnalysedDocument[] = [];
  for (let d = 0; d * CLAIMS_PER_DOCUMENT < count; d++) {
    const parts: string[] = [];
    const claims: Claim[] = [];
    const entities = new Map<string, Entity>();
    let at = 0;
    const n = Math.min(CLAIMS_PER_DOCUMENT, count - d * CLAIMS_PER_DOCUMENT);
    for (let i = 0; i < n; i++) {
      const c = seed.claims[Math.floor(rnd() * seed.claims.length)];
      const v = vary(c, seed.names, rnd);
      const sentence = `${v.text.replace(/[.\s]+$/, '')}.`;
      for (const [name, type] of v.names) {
        const e = entities.get(name) ?? { id: `e${entities.size + 1}`, name, type, aliases: [], mentions: [], kb: null, sanctions: [] };
        for (let k = sentence.indexOf(name); k >= 0; k = sentence.indexOf(name, k + name.length)) e.mentions.push({ start: at + k, end: at + k + name.length });
        entities.set(name, e);
      }
      let source: string | null = null;
      if (c.source) {
        const e = entities.get(c.source) ?? { id: `e${entities.size + 1}`, name: c.source, type: 'ORG' as EntityType, aliases: [], mentions: [], kb: null, sanctions: [] };
        entities.set(c.source, e);
        source = e.id;
      }
      claims.push({ id: `c${i + 1}`, start: at, end: at + sentence.length - 1, source, sourceText: c.source, cue: c.source ? 'said' : null, quote: false, modality: c.modality });
      parts.push(sentence);
      at += sentence.length + 1;
    }
    const text = parts.join('\n');
    const id = `bench-${count}-${d}`;
    const analysis: Analysis = { id, title: null, outlet: `Outlet ${d % 37}`, published: `2024-${String(1 + (d % 12)).padStart(2, '0')}`, text, entities: [...entities.values()], claims, events: [] };
    docs.push({
      article: { id, source: `${id}.txt`, format: 'text', title: null, outlet: analysis.outlet, author: null, url: null, published: analysis.published, publishedSource: 'metadata', language: 'en', text, contentHash: id, removed: [] },
      analysis, sentences: claims.map((c) => ({ start: c.start, end: c.end + 1 })), publishedConfidence: 1, publishedEvidence: 'metadata',
    });
  }
  return docs;
}

const entityIdsOf = (d: AnalysedDocument) => Object.fromEntries(d.analysis.entities.map((e) => [e.id, `${e.type}:${e.name}`]));

export async function benchCorroborate(): Promise<Record<string, number | string>> {
  const seed = await seedClaims();
  const out: Record<string, number | string> = { seedClaims: seed.claims.length };
  for (const size of SIZES) {
    const docs = corpus(seed, size);
    const statements: Statement[] = docs.flatMap((d) => statementsOf({
      id: d.analysis.id, outlet: d.analysis.outlet, published: d.analysis.published, analysis: d.analysis, sentences: d.sentences, entityIds: entityIdsOf(d),
    }));
    const clusterer = new MemoryClusterer();
    let t = performance.now();
    for (const s of statements) clusterer.add(s);
    const memoryMs = performance.now() - t;
    const clusters = clusterer.clusters();
    out[`memory_${size}_ms`] = Math.round(memoryMs);
    out[`memory_${size}_us_per_claim`] = Math.round((memoryMs * 1000) / statements.length);
    out[`clusters_${size}`] = clusters.length;
    out[`multi_member_clusters_${size}`] = clusters.filter((c) => c.members.length > 1).length;
    const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-corr-'));
    const store = new SqliteStore(join(dir, 'bench.db'));
    try {
      t = performance.now();
      for (const d of docs) await store.saveDocument(d);
      const storeMs = performance.now() - t;
      out[`sqlite_${size}_ms`] = Math.round(storeMs);
      out[`sqlite_${size}_ms_per_document`] = Math.round((storeMs / docs.length) * 100) / 100;
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const per = (k: string) => Number(out[k]);
  out.memory_growth_10k_over_1k = Math.round((per('memory_10000_ms') / per('memory_1000_ms')) * 10) / 10;
  out.sqlite_growth_10k_over_1k = Math.round((per('sqlite_10000_ms') / per('sqlite_1000_ms')) * 10) / 10;
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [k, v] of Object.entries(await benchCorroborate())) console.log(`${k}: ${v}`);
}
