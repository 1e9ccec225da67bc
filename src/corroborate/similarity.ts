// How alike two statements are: IDF-weighted content-term overlap, entity overlap, event type and
// number/date agreement, combined into one score with the evidence that produced it.
import type { Statement } from './statements.js';

/** Term rarity in the corpus: how many statements hold the term, out of how many. */
export interface TermStats {
  statements: number;
  df: (term: string) => number;
}

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

function weight(terms: string[], stats: TermStats, cache: Map<string, number>, nameTerms: Set<string> = new Set(), context: Set<string> = new Set()): number {
  let sum = 0;
  for (const t of terms) {
    let w = cache.get(t);
    if (w === undefined) cache.set(t, (w = idf(stats, t) ** IDF_POWER));
    sum += w * (nameTerms.has(t) ? NAME_WORD_WEIGHT : 1) * (context.has(t) ? CONTEXT_WEIGHT : 1) * (SPECIFIC_ENTITY.test(t) ? SPECIFIC_WEIGHT : 1);
  }
  return sum;
}

/** The weighted features of a statement: its content terms and the corpus entities it names. */
export const featuresOf = (s: Statement): string[] => [...s.terms, ...s.entities.map((e) => `e:${e}`)];

/** Features borrowed from the sentence an anaphoric statement points back to weigh this much. */
const CONTEXT_WEIGHT = 0.5;

interface Prepared {
  features: string[];
  featureSet: Set<string>;
  /** Names and borrowed context: features that weigh less than the statement's own. */
  names: Set<string>;
  context: Set<string>;
  places: Set<string>;
}

// Feature arrays and sets are made once per statement object, not once per comparison.
const prepared = new WeakMap<Statement, Prepared>();

function prepare(s: Statement): Prepared {
  let p = prepared.get(s);
  if (!p) {
    const context = (s.context ?? []).filter((f) => !f.startsWith('~'));
    const features = [...featuresOf(s), ...context];
    p = { features, featureSet: new Set(features), names: new Set(s.nameTerms ?? []), context: new Set(context), places: new Set(s.places ?? []) };
    prepared.set(s, p);
  }
  return p;
}

/** A statement's whole weight, memoised in the batch cache (term statistics are fixed within it). */
function totalWeight(s: Statement, p: Prepared, stats: TermStats, cache: Map<string, number>): number {
  const id = `\u0000w${s.key}`;
  let w = cache.get(id);
  if (w === undefined) cache.set(id, (w = weight(p.features, stats, cache, p.names, p.context)));
  return w;
}

/** Similarity of two statements; `cache` memoises IDF weights within one comparison batch. */
export function statementSimilarity(a: Statement, b: Statement, stats: TermStats, cache = new Map<string, number>()): Similarity {
  const pa = prepare(a);
  const pb = prepare(b);
  const fa = pa.features;
  const fb = pb.features;
  const shared = fa.filter((f) => pb.featureSet.has(f));
  const names = new Set([...pa.names].filter((t) => pb.names.has(t)));
  // A shared feature that either side only borrowed from context weighs as context.
  const context = new Set(shared.filter((t) => pa.context.has(t) || pb.context.has(t)));
  const wa = totalWeight(a, pa, stats, cache);
  const wb = totalWeight(b, pb, stats, cache);
  const ws = weight(shared, stats, cache, names, context);
  // Dice rewards statements of like length; containment lets a short restatement meet a long one.
  const dice = wa + wb > 0 ? (2 * ws) / (wa + wb) : 0;
  const containment = Math.min(wa, wb) > 0 ? ws / Math.min(wa, wb) : 0;
  const shortPenalty = Math.min(1, Math.min(fa.length, fb.length) / 5);
  const sameEventType = !!a.eventType && a.eventType === b.eventType;
  const sameEvent = eventAgreement(a, b);
  const numbersAgree = agree(a.quantities, b.quantities) || agree(a.years, b.years);
  // Sharing only place names ("Russia", "Venezuela") is sharing the beat, not the proposition.
  const specific = shared.some((f) => !pa.places.has(f) && !pb.places.has(f));
  const eventBonus = sameEvent === 'full' ? 0.15 : sameEvent === 'participants' ? 0.05 : sameEventType ? 0.03 : 0;
  // "signed a deal to establish X" states an agreement; "established X" states X: one proposition
  // reporting an agreement (or plan) is not the thing agreed on.
  const agreement = isAgreement(a) !== isAgreement(b) ? AGREEMENT_FACTOR : 1;
  const frame = sharedFrame(a, b, stats) ? FRAME_BONUS : 0;
  const score = (frame + 0.5 * dice + 0.5 * containment * shortPenalty + eventBonus + (numbersAgree ? 0.05 : 0)) * (specific ? 1 : 0.4) * agreement;
  return {
    score,
    sharedTerms: shared.filter((t) => !t.startsWith('e:')),
    sharedEntities: shared.filter((t) => t.startsWith('e:')).map((t) => t.slice(2)),
    sameEventType,
    numbersAgree,
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

/** Do the two statements share a frame rare enough to name a proposition? */
function sharedFrame(a: Statement, b: Statement, stats: TermStats): boolean {
  if (!a.frames?.length || !b.frames?.length || stats.statements < FRAME_MIN_STATEMENTS) return false;
  return a.frames.some((f) => b.frames!.includes(f) && idf(stats, f) >= FRAME_IDF);
}

// Cooperation and agreement are symmetric: "Venezuela cooperates with Iran" = "Iran with Venezuela".
const SYMMETRIC = new Set(['AGREE', 'CONSULT', 'COOPERATE']);

/** Do the two statements report the same event: type, mode, actor and target ('full'), or the
 *  same type between the same participants with no mode to compare ('participants')? */
function eventAgreement(a: Statement, b: Statement): 'full' | 'participants' | null {
  const x = a.event;
  const y = b.event;
  if (!x || !y || x.type !== y.type || !x.actor || !x.target) return null;
  const same = (x.actor === y.actor && x.target === y.target) || (SYMMETRIC.has(x.type) && x.actor === y.target && x.target === y.actor);
  if (!same) return null;
  return x.mode && x.mode === y.mode ? 'full' : 'participants';
}

function agree(a: number[], b: number[]): boolean {
  return a.length > 0 && b.length > 0 && a.some((x) => b.includes(x));
}

/** Blocking keys of a statement: the corpus entities it names, its content terms and frames. Candidate
 *  clusters are those sharing a key; the index skips keys too common to discriminate. */
export function blockingKeys(s: Statement): string[] {
  return [...featuresOf(s), ...(s.frames ?? [])].map((f) => (f.startsWith('e:') ? f : `t:${f}`));
}
