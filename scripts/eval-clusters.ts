// Scores claim clusters against the hand-made gold of the seeds: pairwise cluster precision, recall
// and F1 over gold members, and independent-root accuracy. Runs the real pipeline into a fresh store.
// Usage: node dist/scripts/eval-clusters.js [--verbose]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, SHARED_DIR } from '../src/paths.js';
import type { Store } from '../src/store/types.js';
import type { ClusterDetail } from '../src/corroborate/records.js';

export interface GoldMember { document: string; snippet: string }
export interface GoldCluster { id: string; proposition: string; roots: number; rootNames: string[]; members: GoldMember[] }
export interface Gold { about: string; clusters: GoldCluster[] }

export const GOLD_PATH = join(REPO_ROOT, 'test', 'fixtures', 'corroborate', 'seeds.clusters.json');
export const SEEDS = join(SHARED_DIR, 'corpus', 'seeds');

export const loadGold = (path = GOLD_PATH): Gold => JSON.parse(readFileSync(path, 'utf8')) as Gold;

export interface MatchedMember extends GoldMember {
  gold: string;
  /** The predicted cluster of the statement covering the snippet, or null when none does. */
  cluster: string | null;
  statement: string | null;
}

export interface ClusterScore {
  precision: number;
  recall: number;
  f1: number;
  /** Gold clusters whose main predicted cluster has the gold number of independent roots. */
  rootAccuracy: number;
  rootAccuracyMulti: number;
  matched: number;
  members: number;
  members_: MatchedMember[];
  rootChecks: { gold: string; expected: number; predicted: number | null; cluster: string | null }[];
}

/** Every cluster of the store with its members (clusters are few on an evaluation corpus). */
export async function allClusters(store: Store): Promise<ClusterDetail[]> {
  const out: ClusterDetail[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.listClusters({ minMembers: 1, limit: 1000, offset });
    for (const c of page.items) {
      const d = await store.getCluster(c.id);
      if (d) out.push(d);
    }
    if (offset + page.items.length >= page.total) break;
  }
  return out;
}

/** Places each gold member on the statement covering at least half of its snippet. */
export async function matchGold(store: Store, gold: Gold, clusters: ClusterDetail[]): Promise<MatchedMember[]> {
  const texts = new Map<string, string>();
  const out: MatchedMember[] = [];
  for (const g of gold.clusters) {
    for (const m of g.members) {
      if (!texts.has(m.document)) texts.set(m.document, (await store.getDocument(m.document))?.analysis.text ?? '');
      const text = texts.get(m.document)!;
      const at = text.indexOf(m.snippet);
      let best: { cluster: string; statement: string; overlap: number } | null = null;
      if (at >= 0) {
        const end = at + m.snippet.length;
        for (const c of clusters) {
          for (const s of c.memberList) {
            if (s.documentId !== m.document) continue;
            const overlap = Math.min(end, s.end) - Math.max(at, s.start);
            if (overlap >= m.snippet.length / 2 && (!best || overlap > best.overlap)) best = { cluster: c.id, statement: s.statement, overlap };
          }
        }
      }
      out.push({ ...m, gold: g.id, cluster: best?.cluster ?? null, statement: best?.statement ?? null });
    }
  }
  return out;
}

export async function scoreClusters(store: Store, gold = loadGold()): Promise<ClusterScore> {
  const clusters = await allClusters(store);
  const members = await matchGold(store, gold, clusters);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const sameGold = members[i].gold === members[j].gold;
      const samePred = !!members[i].cluster && members[i].cluster === members[j].cluster;
      if (sameGold && samePred) tp++;
      else if (samePred) fp++;
      else if (sameGold) fn++;
    }
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const rootChecks = gold.clusters.map((g) => {
    const votes = new Map<string, number>();
    for (const m of members) if (m.gold === g.id && m.cluster) votes.set(m.cluster, (votes.get(m.cluster) ?? 0) + 1);
    const main = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
    return { gold: g.id, expected: g.roots, predicted: main ? byId.get(main)!.roots : null, cluster: main };
  });
  const multi = new Set(gold.clusters.filter((g) => g.members.length > 1).map((g) => g.id));
  const right = (list: typeof rootChecks) => (list.length ? list.filter((r) => r.predicted === r.expected).length / list.length : 1);
  return {
    precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    rootAccuracy: right(rootChecks), rootAccuracyMulti: right(rootChecks.filter((r) => multi.has(r.gold))),
    matched: members.filter((m) => m.cluster).length, members: members.length, members_: members, rootChecks,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function printScore(score: ClusterScore, verbose: boolean): void {
  console.log(`gold members placed on a statement: ${score.matched}/${score.members}`);
  console.log(`pairwise cluster precision ${pct(score.precision)}  recall ${pct(score.recall)}  F1 ${score.f1.toFixed(3)}`);
  console.log(`independent-root accuracy: ${pct(score.rootAccuracy)} of gold clusters, ${pct(score.rootAccuracyMulti)} of multi-member ones`);
  if (!verbose) return;
  for (const r of score.rootChecks) {
    const mark = r.predicted === r.expected ? 'ok ' : 'BAD';
    const placed = score.members_.filter((m) => m.gold === r.gold).map((m) => `${m.document.slice(0, 3)}→${m.cluster ?? '-'}`).join(' ');
    console.log(`${mark} ${r.gold}: roots ${r.predicted ?? '-'} (gold ${r.expected})  ${placed}`);
  }
}

async function main(): Promise<void> {
  const { SqliteStore } = await import('../src/store/sqlite/sqlite-store.js');
  const { ingestPaths } = await import('../src/runner.js');
  const { Context } = await import('../src/context.js');
  const dir = mkdtempSync(join(tmpdir(), 'dossier-eval-clusters-'));
  const store = new SqliteStore(join(dir, 'eval.db'));
  try {
    const report = await ingestPaths(store, [SEEDS], new Context());
    for (const f of report.failures) console.error(f.line());
    printScore(await scoreClusters(store), process.argv.includes('--verbose'));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
