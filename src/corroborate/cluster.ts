// Incremental claim clustering: a new statement joins the cluster of its most similar earlier
// statement (found through blocking keys), bridges clusters it strongly matches, or starts one.
// The candidate index is abstract so the SQLite store and the in-memory clusterer share the rule.
import { createHash } from 'node:crypto';
import type { Statement } from './statements.js';
import { SAME_PROPOSITION, WeightCache, newGeneration, blockingKeys, featuresOf, idf, similarityScore, statementSimilarity, type Similarity, type TermStats } from './similarity.js';

/** Above this, a statement matching two clusters merges them (stricter than joining, to avoid chains). */
export const MERGE_THRESHOLD = 0.5;
/** An article seldom states one proposition twice (a caption and its lede do): statements of the
 *  same article must be this much more alike to share a cluster. */
export const SAME_DOCUMENT_MARGIN = 0.2;
/** How many candidate statements are scored in full for one new statement. */
export const MAX_CANDIDATES = 60;
/** Keys held by more statements than this are too common to block on. */
export const MAX_POSTINGS = 250;

export interface Candidate {
  statement: Statement;
  clusterId: string;
}

export interface Assignment {
  /** The cluster joined, or a new id when the statement starts one. */
  clusterId: string;
  created: boolean;
  /** Other clusters folded into `clusterId` by this statement. */
  merged: string[];
  /** The member it matched best, with the evidence. */
  match: { key: string; similarity: Similarity } | null;
}

/** A stable cluster id from the statement that founded it. */
export function clusterIdFor(statementKey: string): string {
  return `k${createHash('sha1').update(statementKey).digest('hex').slice(0, 10)}`;
}

/** A statement joining through one member must still resemble the cluster's anchor (its canonical
 *  statement) this much: single-link clustering otherwise drifts along chains of near neighbours. */
export const ANCHOR_MIN = 0.25;

/** Decides where a statement goes, given scored candidates from earlier statements and, per
 *  cluster, the statement anchoring it. */
export function chooseCluster(s: Statement, candidates: Candidate[], stats: TermStats, anchorOf: (clusterId: string) => Statement | null = () => null): Assignment {
  const cache = new WeightCache();
  // Scores only: the evidence is worked out for the member finally matched.
  const best = new Map<string, { key: string; statement: Statement; score: number }>();
  for (const c of candidates) {
    if (c.statement.key === s.key) continue;
    const score = similarityScore(s, c.statement, stats, cache);
    const needed = SAME_PROPOSITION + (c.statement.documentId === s.documentId ? SAME_DOCUMENT_MARGIN : 0);
    if (score < needed) continue;
    const prev = best.get(c.clusterId);
    if (!prev || score > prev.score || (score === prev.score && c.statement.key < prev.key)) {
      best.set(c.clusterId, { key: c.statement.key, statement: c.statement, score });
    }
  }
  for (const [id, match] of [...best]) {
    const anchor = anchorOf(id);
    // A strong direct match needs no anchor's consent; a weaker one does.
    if (match.score >= MERGE_THRESHOLD || !anchor || anchor.key === match.key || anchor.key === s.key) continue;
    if (similarityScore(s, anchor, stats, cache) < ANCHOR_MIN) best.delete(id);
  }
  const ranked = [...best.entries()].sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]));
  if (!ranked.length) return { clusterId: clusterIdFor(s.key), created: true, merged: [], match: null };
  const [clusterId, match] = ranked[0];
  // Two clusters merge only when their anchors, too, state one proposition: otherwise one bridging
  // statement would chain whole clusters together.
  const mainAnchor = anchorOf(clusterId);
  const merged = ranked.slice(1).filter(([id, m]) => {
    if (m.score < MERGE_THRESHOLD || match.score < MERGE_THRESHOLD) return false;
    const other = anchorOf(id);
    return !mainAnchor || !other || similarityScore(mainAnchor, other, stats, cache) >= SAME_PROPOSITION;
  }).map(([id]) => id);
  return { clusterId, created: false, merged: merged.sort(), match: { key: match.key, similarity: statementSimilarity(s, match.statement, stats, cache) } };
}

/** Ranks earlier statements sharing blocking keys with `s`, rarest keys weighing most. */
export function rankByKeys(s: Statement, postings: (key: string) => readonly string[], stats: TermStats, limit = MAX_CANDIDATES): string[] {
  const score = new Map<string, number>();
  for (const key of blockingKeys(s)) {
    const list = postings(key);
    if (!list.length || list.length > MAX_POSTINGS) continue;
    const w = idf(stats, key.startsWith('t:') ? key.slice(2) : key);
    for (const k of list) score.set(k, (score.get(k) ?? 0) + w);
  }
  return topRanked([...score.entries()], (e) => e[1], (e) => e[0], limit);
}

/** The keys of the `limit` best items, highest value first, ties by key: only those that can make
 *  the cut are sorted (a common key brings thousands of statements with one score, and ties compare
 *  keys). */
function topRanked<T>(items: T[], value: (item: T) => number, key: (item: T) => string, limit: number): string[] {
  const order = (a: T, b: T) => value(b) - value(a) || byText(key(a), key(b));
  if (items.length <= limit) return items.sort(order).map(key);
  const values = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) values[i] = value(items[i]);
  const cut = kthLargest(values, limit);
  // All above the cut make it; of those at the cut, the first by key fill the places left.
  const above: T[] = [];
  const tied: string[] = [];
  for (const item of items) {
    const v = value(item);
    if (v > cut) above.push(item);
    else if (v === cut) tied.push(key(item));
  }
  return [...above.sort(order).map(key), ...firstByText(tied, limit - above.length)];
}

/** The `n` first of `keys` in `byText` order, in that order, without sorting them all (ties at a
 *  common key's score can be thousands). */
function firstByText(keys: string[], n: number): string[] {
  if (keys.length <= 4 * n) return keys.sort(byText).slice(0, n);
  const first = keys.slice(0, n).sort(byText);
  for (let i = n; i < keys.length; i++) {
    const k = keys[i];
    if (byText(k, first[n - 1]) >= 0) continue;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byText(k, first[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    first.splice(lo, 0, k);
    first.pop();
  }
  return first;
}

/** `a.localeCompare(b)`, through one collator rather than one made for every comparison (which is
 *  what localeCompare does when ties bring thousands of keys to sort). */
const byText = new Intl.Collator().compare;

/** The `k`-th largest of `values` (k from 1), as sorting them would give it, found by quickselect
 *  (the values are reordered). Partitions are three-way, so many equal values — a common key gives
 *  thousands of statements one score — are settled in one pass. */
export function kthLargest(values: Float64Array, k: number): number {
  const target = values.length - k;
  let lo = 0;
  let hi = values.length - 1;
  const swap = (i: number, j: number) => {
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  };
  while (lo < hi) {
    const a = values[lo];
    const b = values[(lo + hi) >> 1];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // [lo, lt) below the pivot, [lt, gt] equal to it, (gt, hi] above it.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = values[i];
      if (v < pivot) swap(lt++, i++);
      else if (v > pivot) swap(i, gt--);
      else i++;
    }
    if (target < lt) hi = lt - 1;
    else if (target > gt) lo = gt + 1;
    else return pivot;
  }
  return values[target];
}

/** `rankByKeys` for a store that numbers its statements densely (0, 1, 2…) and keeps postings as
 *  those numbers: the same ranking, with scores in a reused array instead of a map keyed by the
 *  statements' keys (the map was most of what ranking cost). */
export class NumberedRanker {
  private score = new Float64Array(1024);
  private seen = new Uint8Array(1024);

  rank(s: Statement, postings: (key: string) => readonly number[], stats: TermStats, keyOf: (n: number) => string, limit = MAX_CANDIDATES): string[] {
    const touched: number[] = [];
    for (const key of blockingKeys(s)) {
      const list = postings(key);
      if (!list.length || list.length > MAX_POSTINGS) continue;
      const w = idf(stats, key.startsWith('t:') ? key.slice(2) : key);
      for (const n of list) {
        if (n >= this.seen.length) this.grow(n);
        if (!this.seen[n]) {
          this.seen[n] = 1;
          this.score[n] = 0;
          touched.push(n);
        }
        this.score[n] += w;
      }
    }
    const score = this.score;
    const ranked = topRanked(touched, (n) => score[n], keyOf, limit);
    for (const n of touched) this.seen[n] = 0;
    return ranked;
  }

  private grow(n: number): void {
    let size = this.seen.length;
    while (size <= n) size *= 2;
    const score = new Float64Array(size);
    score.set(this.score);
    const seen = new Uint8Array(size);
    seen.set(this.seen);
    this.score = score;
    this.seen = seen;
  }
}

/** The member that best stands for a cluster: most similar to the others; ties to the earliest. */
export function canonicalMember(members: Statement[], stats: TermStats): Statement {
  const sample = [...members].sort(byAppearance).slice(0, 40);
  const cache = new WeightCache();
  let best = sample[0];
  let bestScore = -1;
  for (const m of sample) {
    let sum = 0;
    for (const o of sample) if (o !== m) sum += similarityScore(m, o, stats, cache);
    // Prefer statements with their own specifics over a bare "These flights..." when scores tie.
    const score = sum + 0.001 * m.entities.length;
    if (score > bestScore + 1e-9) {
      best = m;
      bestScore = score;
    }
  }
  return best;
}

/** Earliest published first; unknown dates last; then by key. */
export function byAppearance(a: Statement, b: Statement): number {
  if (a.published !== b.published) {
    if (!a.published) return 1;
    if (!b.published) return -1;
    return a.published < b.published ? -1 : 1;
  }
  return a.key.localeCompare(b.key);
}

/** Clusters held in memory: for tests, evaluation and benchmarks. Same rule as the store. */
export class MemoryClusterer implements TermStats {
  statements = 0;
  /** Frequencies change with every statement added. */
  generation = newGeneration();
  private readonly dfs = new Map<string, number>();
  private readonly postingsOf = new Map<string, string[]>();
  private readonly byKey = new Map<string, Statement>();
  readonly clusterOf = new Map<string, string>();
  readonly members = new Map<string, Set<string>>();
  private readonly anchors = new Map<string, Statement>();

  df = (term: string): number => this.dfs.get(term) ?? 0;

  add(s: Statement): Assignment {
    const keys = rankByKeys(s, (k) => this.postingsOf.get(k) ?? [], this);
    const candidates = keys.map((k) => ({ statement: this.byKey.get(k)!, clusterId: this.clusterOf.get(k)! }));
    const a = chooseCluster(s, candidates, this, (id) => this.anchors.get(id) ?? null);
    if (a.created) this.anchors.set(a.clusterId, s);
    for (const id of a.merged) {
      this.anchors.delete(id);
      for (const k of this.members.get(id) ?? []) {
        this.clusterOf.set(k, a.clusterId);
        this.set(a.clusterId).add(k);
      }
      this.members.delete(id);
    }
    this.byKey.set(s.key, s);
    this.clusterOf.set(s.key, a.clusterId);
    this.set(a.clusterId).add(s.key);
    this.statements++;
    for (const t of [...featuresOf(s), ...(s.frames ?? [])]) this.dfs.set(t, (this.dfs.get(t) ?? 0) + 1);
    this.generation = newGeneration();
    for (const k of blockingKeys(s)) {
      const list = this.postingsOf.get(k);
      if (list) list.push(s.key);
      else this.postingsOf.set(k, [s.key]);
    }
    return a;
  }

  private set(id: string): Set<string> {
    let m = this.members.get(id);
    if (!m) this.members.set(id, (m = new Set()));
    return m;
  }

  /** Clusters as lists of member statements, largest first, then by id. */
  clusters(): { id: string; members: Statement[] }[] {
    return [...this.members.entries()]
      .map(([id, keys]) => ({ id, members: [...keys].sort().map((k) => this.byKey.get(k)!) }))
      .sort((a, b) => b.members.length - a.members.length || a.id.localeCompare(b.id));
  }
}
