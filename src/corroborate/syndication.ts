// Derived articles: near-duplicates and syndicated copies (MinHash over word shingles of the cleaned
// text), and uncredited copying (long shared specifics — rare names, model codes, numbers — that a
// later article states as its own). A derived article's claims rest on its origin's root.
import type { Analysis, EntityType } from '../schema/analysis.js';
import { words } from './text.js';
import type { Statement } from './statements.js';

export const SHINGLE_WORDS = 5;
export const MINHASH_SIZE = 128;
export const LSH_BANDS = 32; // 32 bands of 4 rows: pairs above ~0.42 Jaccard meet in some band
/** Estimated shingle Jaccard from which two texts are one article republished. */
export const NEAR_DUPLICATE = 0.4;

export type LinkKind = 'near-duplicate' | 'uncredited-copy';

/** `documentId` derives from `originId`, with the evidence. */
export interface DocumentLink {
  documentId: string;
  originId: string;
  kind: LinkKind;
  score: number;
  evidence: string[];
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of the overlapping word k-grams of a text (case and accents folded). */
export function shingles(text: string, k = SHINGLE_WORDS): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length < k) {
    if (w.length) out.add(fnv1a(w.join(' ')));
    return out;
  }
  for (let i = 0; i + k <= w.length; i++) out.add(fnv1a(w.slice(i, i + k).join(' ')));
  return out;
}

// Fixed odd multipliers and offsets make the permutations deterministic across runs and stores.
const PERMUTATIONS = Array.from({ length: MINHASH_SIZE }, (_, i) => ({
  a: (fnv1a(`a${i}`) | 1) >>> 0,
  b: fnv1a(`b${i}`),
}));

/** The MinHash signature of a shingle set. */
export function minhash(set: Set<number>): number[] {
  const sig = new Array<number>(MINHASH_SIZE).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const h = (Math.imul(PERMUTATIONS[i].a, x ^ PERMUTATIONS[i].b) >>> 0) ^ (x >>> 16);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

export const signatureOf = (text: string): number[] => minhash(shingles(text));

/** The share of positions where two signatures agree: an estimate of shingle Jaccard. */
export function estimatedJaccard(a: number[], b: number[]): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** LSH band keys of a signature: texts sharing a key are candidate near-duplicates. */
export function bandKeys(sig: number[]): string[] {
  const rows = sig.length / LSH_BANDS;
  const out: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) out.push(`b${b}:${fnv1a(sig.slice(b * rows, (b + 1) * rows).join(','))}`);
  return out;
}

/** What is needed of a document to decide which of two came first and whether it credits. */
export interface DocumentProfile {
  id: string;
  published: string | null;
  /** Confidence of the publication date: estimates from the latest year mentioned are lower bounds. */
  publishedConfidence: number;
  signature: number[];
  /** Specific terms: entity ids of named people, organisations, facilities, products; model codes; big numbers. */
  specifics: string[];
  statements: Statement[];
}

/** The specifics of a document: what an uncredited copy carries over. `x:` marks the strongest
 *  (facilities, products, model codes, large numbers), `e:` named people and organisations. */
export function specificsOf(statements: Statement[], namedEntities: Set<string>, strongEntities: Set<string> = new Set()): string[] {
  const out = new Set<string>();
  for (const s of statements) {
    for (const e of s.entities) {
      if (strongEntities.has(e)) out.add(`x:${e}`);
      else if (namedEntities.has(e)) out.add(`e:${e}`);
    }
    for (const t of s.terms) if (/\d/.test(t) && /\p{L}/u.test(t)) out.add(`c:${t}`);
    for (const q of s.quantities) if (q >= 100) out.add(`n:${q}`);
  }
  return [...out].sort();
}

const STRONG_TYPES = new Set<EntityType>(['FAC', 'PRODUCT', 'EVENT', 'LAW']);
const NAMED_TYPES = new Set<EntityType>(['PERSON', 'ORG', ...STRONG_TYPES]);

/** The specifics of an analysed document whose entities went to the given corpus ids. */
export function documentSpecifics(analysis: Analysis, entityIds: Record<string, string>, statements: Statement[]): string[] {
  const ids = (types: Set<EntityType>) => new Set(analysis.entities.filter((e) => types.has(e.type) && entityIds[e.id]).map((e) => entityIds[e.id]));
  return specificsOf(statements, ids(NAMED_TYPES), ids(STRONG_TYPES));
}

/** Evidence weight of one shared specific: names of people and organisations recur in unrelated
 *  reporting, model codes and facility names much less; anything most documents name counts little. */
function specificWeight(x: string, df: number, documents: number): number {
  const base = x.startsWith('e:') ? 0.5 : 1;
  return documents >= 20 && df / documents > 0.1 ? base / 4 : base;
}

/** Which of two articles is later: by confident dates, else the one stating shared facts without
 *  credit copied the one that credits; null when nothing decides. */
function laterOf(a: DocumentProfile, b: DocumentProfile, aCredits: boolean, bCredits: boolean): [DocumentProfile, DocumentProfile] | null {
  if (a.published && b.published && a.publishedConfidence >= 0.6 && b.publishedConfidence >= 0.6 && a.published !== b.published) {
    return a.published > b.published ? [a, b] : [b, a];
  }
  if (aCredits !== bCredits) return aCredits ? [b, a] : [a, b];
  return null;
}

function creditedBy(d: DocumentProfile): Set<string> {
  return new Set(d.statements.flatMap((s) => s.attribution.filter((r) => !r.generic).map((r) => r.key)));
}

/** Do the document's statements in the given clusters name a source other than the outlet? */
function credits(d: DocumentProfile, clusters: Set<string>, clusterOf: (key: string) => string | undefined): boolean {
  const shared = d.statements.filter((s) => clusters.has(clusterOf(s.key) ?? ''));
  const credited = shared.filter((s) => [...s.attribution, ...(s.inherited ?? [])].some((r) => !r.generic));
  return shared.length > 0 && credited.length * 2 >= shared.length;
}

export interface CopyThresholds {
  /** Minimum rare specifics shared. */
  specifics: number;
  /** Minimum summed rarity (IDF over documents) of the shared specifics. */
  weight: number;
  /** Minimum propositions (clusters) both state. */
  clusters: number;
}

export const COPY_THRESHOLDS: CopyThresholds = { specifics: 3, weight: 3, clusters: 2 };

/**
 * The derivation between two documents, if any: a near-duplicate when their shingles mostly agree;
 * an uncredited copy when they share rare specifics and propositions, and the later one states
 * them as its own while the earlier credits a source or came first.
 */
export function derivation(
  a: DocumentProfile,
  b: DocumentProfile,
  docFrequency: (specific: string) => number,
  documents: number,
  clusterOf: (key: string) => string | undefined,
  thresholds = COPY_THRESHOLDS,
  nameOf: (specific: string) => string = (x) => x.slice(2),
): DocumentLink | null {
  const jaccard = estimatedJaccard(a.signature, b.signature);
  const clustersA = new Set(a.statements.map((s) => clusterOf(s.key)).filter((c): c is string => !!c));
  const sharedClusters = new Set(b.statements.map((s) => clusterOf(s.key)).filter((c): c is string => !!c && clustersA.has(c)));
  if (jaccard >= NEAR_DUPLICATE) {
    const order = laterOf(a, b, credits(a, sharedClusters, clusterOf), credits(b, sharedClusters, clusterOf))
      ?? (a.id > b.id ? [a, b] : [b, a]);
    return {
      documentId: order[0].id, originId: order[1].id, kind: 'near-duplicate', score: round(jaccard),
      evidence: [`${Math.round(jaccard * 100)}% of ${SHINGLE_WORDS}-word shingles shared (MinHash estimate)`],
    };
  }
  const bSet = new Set(b.specifics);
  const shared = a.specifics.filter((x) => bSet.has(x));
  // A specific shared by few documents is evidence; one most of the corpus names (a head of state) is not.
  const weight = shared.reduce((sum, x) => sum + specificWeight(x, docFrequency(x), documents), 0);
  // One shared proposition is enough when the shared specifics are many; otherwise two are needed.
  const enough = sharedClusters.size >= thresholds.clusters || (sharedClusters.size >= 1 && weight >= thresholds.weight + 2);
  if (shared.length < thresholds.specifics || weight < thresholds.weight || !enough) return null;
  // Both credit the same upstream report: siblings of one source, neither copies the other.
  const upstream = creditedBy(a);
  if ([...creditedBy(b)].some((k) => upstream.has(k))) return null;
  const aCredits = credits(a, sharedClusters, clusterOf);
  const bCredits = credits(b, sharedClusters, clusterOf);
  const order = laterOf(a, b, aCredits, bCredits);
  if (!order) return null;
  const [copy] = order;
  // A later article that credits its source for the shared facts is reporting, not copying.
  if (copy === a ? aCredits : bCredits) return null;
  return {
    documentId: order[0].id, originId: order[1].id, kind: 'uncredited-copy', score: round(weight),
    evidence: [
      `${shared.length} rare specifics shared: ${shared.slice(0, 12).map(nameOf).join(', ')}`,
      `${sharedClusters.size} proposition${sharedClusters.size === 1 ? "" : "s"} stated by both`,
      `${order[0].id} states them without credit; ${order[1].id} ${copy === a ? (bCredits ? 'credits a source' : 'came first') : aCredits ? 'credits a source' : 'came first'}`,
    ],
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
