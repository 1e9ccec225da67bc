// How alike two statements are: IDF-weighted content-term overlap, entity overlap, event type and
// number/date agreement, combined into one score with the evidence that produced it.
import type { Statement } from './statements.js';

/** Term rarity in the corpus: how many statements hold the term, out of how many. */
export interface TermStats {
  statements: number;
  df: (term: string) => number;
  /** Set where `df` answers the same for a term until this changes (a store holds frequencies
   *  fixed for one save): statements then keep their features' frequencies across comparisons. */
  generation?: number;
  /** Where frequencies are kept one cell per term (with a generation): statements hold the cells
   *  of their features and read them without looking terms up. `source` changes when the cells do. */
  cells?: { source: object; cell: (term: string) => FrequencyCell };
}

/** A term's frequency as it now stands (`n`) and as first read in `generation` (`frozen`). */
export interface FrequencyCell {
  n: number;
  generation: number;
  frozen: number;
}

/** A cell's frequency in a generation: as it stood when first read in it. */
export function frozenFrequency(cell: FrequencyCell, generation: number): number {
  if (cell.generation !== generation) {
    cell.generation = generation;
    cell.frozen = cell.n;
  }
  return cell.frozen;
}

let generations = 0;
/** A generation no earlier one shares. */
export const newGeneration = (): number => ++generations;

export interface Similarity {
  score: number;
  sharedTerms: string[];
  sharedEntities: string[];
  sameEventType: boolean;
  /** Both give numbers (or years) and at least one agrees. */
  numbersAgree: boolean;
}

/** Statements scoring at least this much state the same proposition. */
export const SAME_PROPOSITION = 0.4;

/** Inverse document frequency of a term over statements; unseen terms count as rare. */
export function idf(stats: TermStats, term: string): number {
  return Math.log(1 + (stats.statements + 1) / (stats.df(term) + 1));
}

// Squaring IDF lets one rare specific (a base's name, a model code) outweigh several common words
// ("two countries", "cooperation") — the common words are what unrelated statements share.
const IDF_POWER = 2;

/** Named things other than places and people (a product, a facility, an organisation, an event, a
 *  law) are what a proposition is about: sharing one weighs this much more than sharing a word. */
const SPECIFIC_WEIGHT = 3;
const SPECIFIC_ENTITY = /^e:(?:product|fac|org|event|law|work)/;

/** Weight of a multi-word name's words, relative to the entity feature that stands for the name. */
const NAME_WORD_WEIGHT = 0.35;

/** The weighted features of a statement: its content terms and the corpus entities it names. */
export const featuresOf = (s: Statement): string[] => [...s.terms, ...s.entities.map((e) => `e:${e}`)];

/** Features borrowed from the sentence an anaphoric statement points back to weigh this much. */
const CONTEXT_WEIGHT = 0.5;

/** One comparison batch: the term statistics do not change within it. */
export class WeightCache {
  /** Frequencies read in this batch are good for this batch, when the statistics have no generation. */
  readonly generation = newGeneration();
}

/** What a feature is to a statement, as bits: one of its name words, borrowed context, a place. */
const NAME = 1;
const CONTEXT = 2;
const PLACE = 4;
const ROLE_BITS = 3;

// A statement is read this way ~60 times for every new statement, mostly as a candidate whose
// memory is not in the cache: what a comparison reads of the candidate sits in two arrays
// (`sorted` and `numbers`) rather than eight, each a cache miss when first touched.
interface Prepared {
  features: string[];
  /** How many features (`features.length`, kept here so weighing need not touch the array). */
  count: number;
  /** Per feature, in order: its number (see `featureId`). */
  ids: Int32Array;
  /** The numbering `ids` were taken from. */
  epoch: number;
  /** The distinct feature numbers, ascending, each shifted left by ROLE_BITS and carrying what the
   *  feature (at its first place) is to this statement: NAME, CONTEXT, PLACE. */
  sorted: Int32Array;
  /** Per feature, in order: NAME, CONTEXT, PLACE bits. */
  roles: Uint8Array;
  /** Per feature: the weight factor it carries as a specific entity (its name-word and context
   *  factors follow from its roles). */
  specificFactor: Float64Array;
  /** Per feature, NUMBERS apart: its frequency under `generation`, its weight at `statements`
   *  statements, and the product of its own factors (see `ownFactor`). */
  numbers: Float64Array;
  generation: number;
  /** The frequency cells of the features, from `cellSource`. */
  cells: FrequencyCell[] | null;
  cellSource: object | null;
  statements: number;
  total: number;
  /** The statement's own lists and event, null when it has none: a comparison reads them here,
   *  and touches a candidate's lists only when both sides have some. */
  quantities: number[] | null;
  years: number[] | null;
  frames: string[] | null;
  event: Statement['event'] | null;
  eventType: string | null;
  agreement: boolean;
}

/** The weight factors a feature's roles give it on its own. */
const nameFactor = (roles: number) => (roles & NAME ? NAME_WORD_WEIGHT : 1);
const contextFactor = (roles: number) => (roles & CONTEXT ? CONTEXT_WEIGHT : 1);

/** Slots of a feature in `Prepared.numbers`. */
const NUMBERS = 3;
const FREQUENCY = 0;
const WEIGHT = 1;
const OWN_FACTOR = 2;

// Features are numbered so that comparing two statements looks numbers up in a sorted array rather
// than strings in sets. The numbering starts again past `maxFeatureIds` (memory stays bounded);
// statements numbered before that are numbered again when next compared.
const MAX_FEATURE_NUMBERS = 2 ** (31 - ROLE_BITS);
let maxFeatureIds = 2_000_000;
let featureIds = new Map<string, number>();
let featureEpoch = 0;

/** Sets how many features are numbered before the numbering starts again (tests use a few). */
export function limitFeatureNumbers(limit: number): void {
  // Numbers are kept shifted left by ROLE_BITS in an Int32Array.
  if (!(limit > 0 && limit <= MAX_FEATURE_NUMBERS)) throw new RangeError(`feature numbers: 1 to ${MAX_FEATURE_NUMBERS}, not ${limit}`);
  maxFeatureIds = limit;
}

function featureId(t: string): number {
  let id = featureIds.get(t);
  if (id === undefined) featureIds.set(t, (id = featureIds.size));
  return id;
}

/** Where a feature number sits in a statement's sorted numbers (shifted, with roles), or -1. */
function indexOf(sorted: Int32Array, id: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] >> ROLE_BITS;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

// Feature arrays, numbers, factors and weights are made once per statement object, not once per
// comparison: scoring 60 candidates for each new statement is most of what clustering costs.
const prepared = new WeakMap<Statement, Prepared>();

function prepare(s: Statement): Prepared {
  let p = prepared.get(s);
  if (!p) {
    const context = (s.context ?? []).filter((f) => !f.startsWith('~'));
    const features = [...featuresOf(s), ...context];
    const names = new Set(s.nameTerms ?? []);
    const contextSet = new Set(context);
    const places = new Set(s.places ?? []);
    const n = features.length;
    p = {
      features, count: n, ids: new Int32Array(n), epoch: -1, sorted: new Int32Array(0), roles: new Uint8Array(n),
      specificFactor: new Float64Array(n),
      numbers: new Float64Array(n * NUMBERS), generation: 0, cells: null, cellSource: null, statements: -1, total: 0,
      quantities: s.quantities.length ? s.quantities : null, years: s.years.length ? s.years : null, frames: s.frames?.length ? s.frames : null,
      event: s.event ?? null, eventType: s.eventType || null, agreement: isAgreement(s),
    };
    for (let i = 0; i < n; i++) {
      const t = features[i];
      p.roles[i] = (names.has(t) ? NAME : 0) | (contextSet.has(t) ? CONTEXT : 0) | (places.has(t) ? PLACE : 0);
      p.specificFactor[i] = SPECIFIC_ENTITY.test(t) ? SPECIFIC_WEIGHT : 1;
      p.numbers[i * NUMBERS + OWN_FACTOR] = ownFactor(nameFactor(p.roles[i]), contextFactor(p.roles[i]), p.specificFactor[i]);
    }
    prepared.set(s, p);
  }
  if (p.epoch !== featureEpoch) number(p);
  return p;
}

/** Numbers a statement's features in the current numbering. */
function number(p: Prepared): void {
  if (featureIds.size + p.features.length > maxFeatureIds) {
    featureIds = new Map();
    featureEpoch++;
  }
  const first = new Map<number, number>();
  for (let i = 0; i < p.features.length; i++) {
    p.ids[i] = featureId(p.features[i]);
    if (!first.has(p.ids[i])) first.set(p.ids[i], i);
  }
  // Roles take the low bits, so sorting the shifted numbers sorts the numbers.
  p.sorted = Int32Array.from(first, ([id, i]) => (id << ROLE_BITS) | p.roles[i]).sort();
  p.epoch = featureEpoch;
}

/** The product of a feature's own factors, when multiplying a weight by it gives the number that
 *  multiplying by each in turn (name, context, specific) gives; NaN when it may not. Halving is
 *  exact, so a name word's 0.35 or a specific's 3 with context's 0.5 is one rounding either way;
 *  0.35 and 3 together would round twice against once (a feature is never both: name words are
 *  words, specifics are entities). Weighing reads one factor rather than three for every candidate. */
export function ownFactor(name: number, context: number, specific: number): number {
  if (name !== 1 && specific !== 1) return Number.NaN;
  return name * context * specific;
}

/** A feature's weight (squared IDF) by its frequency and the corpus size. A new statement is
 *  compared with up to 60 candidates, and each candidate's weights are worked out again at the new
 *  size; their features share a few small frequencies, so each weight is worked out once per size
 *  (by the same expression, so to the same number) and looked up after that. A value holds for the
 *  size it was worked out at, which is kept beside it. */
class WeightTable {
  private values = new Float64Array(256);
  private at = new Float64Array(256).fill(-1);

  weight(statements: number, frequency: number): number {
    const f = frequency;
    if (!(f >= 0 && f < 1 << 20 && (f | 0) === f)) return squaredIdf(statements, f);
    if (f >= this.values.length) this.grow(f);
    if (this.at[f] !== statements) {
      this.values[f] = squaredIdf(statements, f);
      this.at[f] = statements;
    }
    return this.values[f];
  }

  private grow(f: number): void {
    let size = this.values.length;
    while (size <= f) size *= 2;
    const values = new Float64Array(size);
    values.set(this.values);
    const at = new Float64Array(size).fill(-1);
    at.set(this.at);
    this.values = values;
    this.at = at;
  }
}

const squaredIdf = (statements: number, frequency: number) => Math.log(1 + (statements + 1) / (frequency + 1)) ** IDF_POWER;
const weightTable = new WeightTable();

/** A feature's weight at a corpus size and frequency, through the table. */
export const featureWeight = (statements: number, frequency: number): number => weightTable.weight(statements, frequency);

/** Brings a statement's feature weights (squared IDF, as `idf` gives it) and whole weight up to
 *  the statistics: frequencies are read again only in a new generation. */
function weigh(p: Prepared, stats: TermStats, cache: WeightCache): void {
  const generation = stats.generation ?? cache.generation;
  const n = p.count;
  const numbers = p.numbers;
  if (p.generation !== generation) {
    const cells = stats.generation === undefined ? undefined : stats.cells;
    if (cells) {
      if (p.cellSource !== cells.source) {
        p.cells = p.features.map(cells.cell);
        p.cellSource = cells.source;
      }
      for (let i = 0; i < n; i++) numbers[i * NUMBERS + FREQUENCY] = frozenFrequency(p.cells![i], generation);
    } else {
      for (let i = 0; i < n; i++) numbers[i * NUMBERS + FREQUENCY] = stats.df(p.features[i]);
    }
    p.generation = generation;
    p.statements = -1;
  }
  if (p.statements === stats.statements) return;
  const statements = stats.statements;
  let total = 0;
  for (let i = 0, k = 0; i < n; i++, k += NUMBERS) {
    const w = weightTable.weight(statements, numbers[k + FREQUENCY]);
    numbers[k + WEIGHT] = w;
    const f = numbers[k + OWN_FACTOR];
    total += f === f ? w * f : w * nameFactor(p.roles[i]) * contextFactor(p.roles[i]) * p.specificFactor[i];
  }
  p.total = total;
  p.statements = stats.statements;
}

/** How alike two statements are, as one score (see statementSimilarity for the evidence). */
export function similarityScore(a: Statement, b: Statement, stats: TermStats, cache = new WeightCache()): number {
  const pa = prepare(a);
  const pb = prepare(b);
  // Numbering b may have started the numbering again.
  if (pa.epoch !== featureEpoch) number(pa);
  weigh(pa, stats, cache);
  weigh(pb, stats, cache);
  const na = pa.count;
  const sortedB = pb.sorted;
  // The shared features in a's order, weighed as they are on both sides: a name word only when
  // both name it, context when either side only borrowed it from context.
  let ws = 0;
  // Sharing only place names ("Russia", "Venezuela") is sharing the beat, not the proposition.
  let specific = false;
  for (let i = 0; i < na; i++) {
    const j = indexOf(sortedB, pa.ids[i]);
    if (j < 0) continue;
    const ra = pa.roles[i];
    const rb = sortedB[j];
    const name = ra & rb & NAME ? NAME_WORD_WEIGHT : 1;
    const context = (ra | rb) & CONTEXT ? CONTEXT_WEIGHT : 1;
    ws += pa.numbers[i * NUMBERS + WEIGHT] * name * context * pa.specificFactor[i];
    if (!specific && !(ra & PLACE) && !(rb & PLACE)) specific = true;
  }
  const wa = pa.total;
  const wb = pb.total;
  // Dice rewards statements of like length; containment lets a short restatement meet a long one.
  const dice = wa + wb > 0 ? (2 * ws) / (wa + wb) : 0;
  const containment = Math.min(wa, wb) > 0 ? ws / Math.min(wa, wb) : 0;
  const shortPenalty = Math.min(1, Math.min(na, pb.count) / 5);
  const sameEventType = !!pa.eventType && pa.eventType === pb.eventType;
  const sameEvent = pa.event && pb.event ? eventAgreement(pa.event, pb.event) : null;
  const numbersAgree = (!!pa.quantities && !!pb.quantities && agree(pa.quantities, pb.quantities)) || (!!pa.years && !!pb.years && agree(pa.years, pb.years));
  const eventBonus = sameEvent === 'full' ? 0.15 : sameEvent === 'participants' ? 0.05 : sameEventType ? 0.03 : 0;
  // "signed a deal to establish X" states an agreement; "established X" states X: one proposition
  // reporting an agreement (or plan) is not the thing agreed on.
  const agreement = pa.agreement !== pb.agreement ? AGREEMENT_FACTOR : 1;
  const frame = pa.frames && pb.frames && sharedFrame(pa.frames, pb.frames, stats) ? FRAME_BONUS : 0;
  return (frame + 0.5 * dice + 0.5 * containment * shortPenalty + eventBonus + (numbersAgree ? 0.05 : 0)) * (specific ? 1 : 0.4) * agreement;
}

/** Similarity of two statements with the evidence behind it; `cache` memoises weights within one
 *  comparison batch. */
export function statementSimilarity(a: Statement, b: Statement, stats: TermStats, cache = new WeightCache()): Similarity {
  const score = similarityScore(a, b, stats, cache);
  const pb = prepare(b);
  const pa = prepare(a);
  if (pb.epoch !== featureEpoch) number(pb);
  const shared = pa.features.filter((_, i) => indexOf(pb.sorted, pa.ids[i]) >= 0);
  return {
    score,
    sharedTerms: shared.filter((t) => !t.startsWith('e:')),
    sharedEntities: shared.filter((t) => t.startsWith('e:')).map((t) => t.slice(2)),
    sameEventType: !!a.eventType && a.eventType === b.eventType,
    numbersAgree: agree(a.quantities, b.quantities) || agree(a.years, b.years),
  };
}

const AGREEMENT_FACTOR = 0.8;
const isAgreement = (s: Statement) => s.event?.type === 'AGREE';

/** Added when two statements share a frame: two concepts side by side in each ("sent weapons",
 *  "arms shipments" → ~send+~weapon), a paraphrase that keeps the predicate and its object while
 *  changing every word. Only a frame few statements hold counts: IDF ≥ 3.2 is a frame held by at
 *  most ~4% of statements, so the beat's everyday frames ("drone production") count for nothing. */
const FRAME_BONUS = 0.35;
const FRAME_IDF = 3.2;
/** Rarity means nothing in a corpus of a few statements (there every frame is rare): frames count
 *  once the corpus holds this many. */
const FRAME_MIN_STATEMENTS = 100;

/** Do the two statements' frames share one rare enough to name a proposition? */
function sharedFrame(a: readonly string[], b: readonly string[], stats: TermStats): boolean {
  if (!a.length || !b.length || stats.statements < FRAME_MIN_STATEMENTS) return false;
  return a.some((f) => b.includes(f) && idf(stats, f) >= FRAME_IDF);
}

// Cooperation and agreement are symmetric: "Venezuela cooperates with Iran" = "Iran with Venezuela".
const SYMMETRIC = new Set(['AGREE', 'CONSULT', 'COOPERATE']);

/** Do the two statements report the same event: type, mode, actor and target ('full'), or the
 *  same type between the same participants with no mode to compare ('participants')? */
function eventAgreement(x: NonNullable<Statement['event']>, y: NonNullable<Statement['event']>): 'full' | 'participants' | null {
  if (x.type !== y.type || !x.actor || !x.target) return null;
  const same = (x.actor === y.actor && x.target === y.target) || (SYMMETRIC.has(x.type) && x.actor === y.target && x.target === y.actor);
  if (!same) return null;
  return x.mode && x.mode === y.mode ? 'full' : 'participants';
}

/** Do the two lists share a value (as `includes` compares, NaN meeting NaN)? Loops rather than
 *  `some` and `includes`: this runs for every pair compared. */
function agree(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    for (let j = 0; j < b.length; j++) if (b[j] === x || (x !== x && b[j] !== b[j])) return true;
  }
  return false;
}

/** Blocking keys of a statement: the corpus entities it names, its content terms and frames. Candidate
 *  clusters are those sharing a key; the index skips keys too common to discriminate. */
export function blockingKeys(s: Statement): string[] {
  return [...featuresOf(s), ...(s.frames ?? [])].map((f) => (f.startsWith('e:') ? f : `t:${f}`));
}
