// Name matching against list entries with an explained score in [0,1]: our names are folded, their rare
// tokens looked up in the inverted index (with plural, transliteration and edit-distance variants), and
// each candidate listed name scored by rarity-weighted coverage in both directions, or as an acronym.
import type { EntityType } from '../schema/analysis.js';
import { STOPWORDS, TRANSLATIONS, editDistance, isTranslitVariant, maxEdits, stem, tokenClass, translitKey } from './fold.js';
import { ScreenIndex, deletions, foldName, initialsOf, type FoldedName, type ListedName } from './screen-index.js';
import type { ListEntry } from './types.js';

export interface ScreenHit { entry: ListEntry; score: number; matchedName: string; listedName: string; rule: string; explanation: string }

export interface ScreenOptions {
  type?: EntityType;
  aliases?: string[];
  /** Lowest score returned; defaults to DEFAULT_THRESHOLD. */
  minScore?: number;
}

/** The operating threshold, chosen on the development split of scripts/eval-screen.ts. */
export const DEFAULT_THRESHOLD = 0.8;

type TokenRule = 'exact' | 'translation' | 'plural' | 'transliteration' | 'fuzzy';
interface Variant { quality: number; rule: TokenRule }
const RULE_RANK: Record<TokenRule, number> = { exact: 0, translation: 1, plural: 2, transliteration: 3, fuzzy: 4 };

/** Below this evidence (summed rarity of the matched name tokens, in units of the rarity of a token no
 *  list holds) a partial person match gets no leniency; it gets all of it EVIDENCE_SPAN above. */
const EVIDENCE_FLOOR = 1;
const EVIDENCE_SPAN = 0.55;
/** Tokens on more listed names than this are too common for edit-distance matching. */
const RARE = 50;
/** Tokens on more listed names than this are skipped in candidate lookup when rarer ones suffice. */
const COMMON = 200;
/** Weight multiplier of the titles before our PERSON names ("President", "Gen."). */
const TITLE_WEIGHT = 0.1;

interface Scored { score: number; rule: string; listed: ListedName; ours: string; detail: string }

export class Screener {
  private readonly index: ScreenIndex;
  private readonly variantCache = new Map<string, Map<string, Variant>>();
  private readonly singleNames = new Map<string, boolean>();

  constructor(entries: ListEntry[]) {
    this.index = new ScreenIndex(entries);
  }

  /** Entries whose names match `name` or one of `opts.aliases`, best score per entry, best first. */
  screen(name: string, opts: ScreenOptions = {}): ScreenHit[] {
    const minScore = opts.minScore ?? DEFAULT_THRESHOLD;
    const best = new Map<number, Scored>();
    const ours = [...new Set([name, ...(opts.aliases ?? [])].map((s) => s.trim()).filter(Boolean))];
    for (const text of ours) {
      for (const scored of this.scoreName(text, opts.type, minScore)) {
        const entry = scored.listed.entry;
        const prior = best.get(entry);
        if (!prior || scored.score > prior.score) best.set(entry, scored);
      }
    }
    const hits: ScreenHit[] = [];
    for (const [e, s] of best) {
      if (s.score < minScore) continue;
      const entry = this.index.entries[e];
      hits.push({
        entry, score: s.score, matchedName: s.ours, listedName: s.listed.text, rule: s.rule,
        explanation: `"${s.ours}" ~ "${s.listed.text}" (${s.listed.origin} of ${entry.list} ${entry.id}) by ${s.rule}${s.detail ? `: ${s.detail}` : ''}`,
      });
    }
    return hits.sort((a, b) => b.score - a.score || cmp(a.entry.list, b.entry.list) || cmp(a.entry.id, b.entry.id));
  }

  private scoreName(text: string, type: EntityType | undefined, minScore: number): Scored[] {
    const query = foldName(text, type === 'PERSON');
    if (!query.tokens.length) return [];
    const out: Scored[] = [];
    const weights = query.tokens.map((t, i) => this.index.weight(t) * (i < query.titles ? TITLE_WEIGHT : 1));
    const variants = query.tokens.map((t) => this.variants(t));
    const nameTokens = query.tokens.filter((t, i) => i >= query.titles && tokenClass(t) === 'name');
    // Names are looked up by their name words; a name of generic words and places only ("Petróleos de
    // Venezuela", "Iran Air") by all its words when it has two or more, for the caps of finish() to judge.
    const nonLegal = query.tokens.filter((t) => tokenClass(t) !== 'legal');
    const lookup = (t: string, i: number) => i >= query.titles && (nameTokens.length ? tokenClass(t) === 'name' : tokenClass(t) !== 'legal');
    // Exact and compact forms first: they need no token alignment.
    for (const n of [...(this.index.byFull.get(query.full) ?? []), ...(this.index.byCompact.get(query.compact) ?? [])]) {
      const listed = this.index.names[n];
      const rule = listed.full === query.full ? 'exact-folded' : 'exact-compact';
      out.push(this.finish(1, rule, listed, text, type, nameTokens.length > 0, '', true));
    }
    if (!nameTokens.length && nonLegal.length < 2) return out; // a generic word or a place alone never hits
    // Candidates: listed names sharing a name-class token (or one of its variants). Very common tokens
    // ("mohammad", "ali") are not looked up when the rarer ones carry enough weight for any hit.
    const queryTotal = weights.reduce((a, b) => a + b, 0);
    const queryOther = query.tokens.reduce((sum, t, i) => sum + (lookup(t, i) ? 0 : weights[i]), 0);
    const order = query.tokens.map((_, i) => i).filter((i) => lookup(query.tokens[i], i)).sort((a, b) => weights[a] - weights[b]);
    let skippable = queryOther;
    const skipped = new Set<number>();
    const volume = (i: number) => {
      let sum = 0;
      for (const t of variants[i].keys()) sum += this.index.frequency(t);
      return sum;
    };
    // Skipping is safe while the skipped words could neither cover enough of our name nor, together, earn
    // a person match the leniency of rare evidence (see align).
    let skippedWeight = 0;
    for (const i of order) {
      if (volume(i) <= COMMON || skippable + weights[i] >= minScore * queryTotal) break;
      if (skippedWeight + weights[i] >= EVIDENCE_FLOOR * this.index.unseenIdf) break;
      skippable += weights[i];
      skippedWeight += weights[i];
      skipped.add(i);
    }
    // Per candidate: the listed weight its matches could bring (upX; a matched word of ours counts as the
    // listed word, see align) and our weight they would cover (upW).
    const slot = new Map<number, number>();
    const upX: number[] = [];
    const upW: number[] = [];
    let lookedUp = 0;
    for (const i of order) {
      if (skipped.has(i)) continue;
      lookedUp += weights[i];
      for (const [listedToken, v] of variants[i]) {
        const lw = this.index.weight(listedToken);
        for (const n of this.index.postings.get(listedToken) ?? []) {
          const k = slot.get(n);
          if (k === undefined) {
            slot.set(n, upX.length);
            upX.push(lw);
            upW.push(weights[i]);
          } else {
            upX[k] += lw;
            upW[k] += weights[i];
          }
        }
      }
    }
    for (const [n, k] of slot) {
      // Upper bounds on both coverages, words not looked up assumed matched: candidates that cannot
      // reach minScore are not aligned (every score is at most the larger coverage).
      const listed = this.index.names[n];
      let viaSkipped = 0;
      if (skipped.size) {
        listed.tokens.forEach((t, j) => {
          for (const i of skipped) if (variants[i].has(t)) { viaSkipped += listed.weights[j]; break; }
        });
      }
      const unmatched = Math.max(0, lookedUp - upW[k]);
      const qUp = (upX[k] + skippable) / (upX[k] + skippable + unmatched);
      const nUp = (upX[k] + viaSkipped + listed.total - listed.informative) / listed.total;
      if (Math.max(qUp, nUp) < minScore) continue;
      out.push(this.align(query, weights, variants, listed, text, type, minScore));
    }
    // A person's one-word name is a surname, not an acronym.
    if (type !== 'PERSON') out.push(...this.acronyms(query, text, type));
    return out;
  }

  /** Scores one candidate: align our tokens to the listed tokens (best pairs first, one to one), then
   *  combine rarity-weighted coverage of both names. */
  private align(query: FoldedName, weights: number[], variants: Map<string, Variant>[], listed: ListedName, text: string, type: EntityType | undefined, minScore: number): Scored {
    const entry = this.index.entries[listed.entry];
    const pairs: { i: number; j: number; v: Variant; gain: number }[] = [];
    query.tokens.forEach((_, i) => listed.tokens.forEach((lt, j) => {
      const v = variants[i].get(lt);
      if (v) pairs.push({ i, j, v, gain: v.quality * (weights[i] + listed.weights[j]) });
    }));
    pairs.sort((a, b) => b.gain - a.gain || a.i - b.i || a.j - b.j);
    const weightQ = [...weights];
    const usedQ = new Set<number>();
    const usedL = new Set<number>();
    let mq = 0;
    let ml = 0;
    let evidence = 0;
    let names = 0;
    let worst: TokenRule = 'exact';
    const kept: { i: number; j: number; rule: TokenRule }[] = [];
    for (const p of pairs) {
      if (usedQ.has(p.i) || usedL.has(p.j)) continue;
      usedQ.add(p.i);
      usedL.add(p.j);
      // A matched token of ours counts as much as the listed token it stands for, so a misspelt
      // "Interntaional" weighs what "International" weighs, not what an unseen word would.
      weightQ[p.i] = listed.weights[p.j];
      mq += listed.weights[p.j] * p.v.quality;
      ml += listed.weights[p.j];
      const rule: TokenRule = p.v.rule === 'exact' && query.raw[p.i] !== listed.raw[p.j] ? 'translation' : p.v.rule;
      if (RULE_RANK[rule] > RULE_RANK[worst]) worst = rule;
      const cls = tokenClass(query.tokens[p.i]);
      // In a person's name a place word is a name ("CHAD, Mustapha"; "Jordan").
      if (p.i >= query.titles && (cls === 'name' || (cls === 'place' && entry.kind === 'person'))) {
        names++;
        evidence += listed.weights[p.j];
      }
      kept.push({ i: p.i, j: p.j, rule });
    }
    const qCov = mq / weightQ.reduce((a, b) => a + b, 0);
    const nCov = ml / listed.total;
    const person = entry.kind === 'person' || (entry.kind === 'unknown' && type === 'PERSON');
    const [lo, hi] = qCov < nCov ? [qCov, nCov] : [nCov, qCov];
    let score: number;
    if (person) {
      // People are named in the news by a subset of their listed names (given name and first surname);
      // two or more rare matching parts earn leniency towards the missing ones, one part earns none.
      // The matched parts must be a given name and a surname in their listed roles: the first given name
      // and any surname of "SURNAMES, Given", else the first word and another one.
      const roles = listed.givenStart > 0
        ? usedL.has(listed.givenStart) && [...usedL].some((j) => j < listed.givenStart)
        : usedL.has(0) && usedL.size >= 2;
      const e = names >= 2 && roles ? Math.min(1, Math.max(0, (evidence / this.index.unseenIdf - EVIDENCE_FLOOR) / EVIDENCE_SPAN)) : 0;
      score = hi * (lo + (0.8 + 0.2 * lo - lo) * e);
    } else {
      // Organisations: a listed name with a further rare word is another body (IRGC vs IRGC Air Force).
      score = qCov * nCov;
    }
    score = Math.min(score, 0.99); // 1 is kept for the exact-folded name
    // The caps of finish() only lower a score: below minScore, no explanation is worth building.
    if (score < minScore) return { score, rule: 'partial', listed, ours: text, detail: '' };
    const unmatchedL = listed.raw.filter((_, j) => !usedL.has(j) && !STOPWORDS.has(listed.raw[j]));
    const unmatchedQ = query.raw.filter((_, i) => !usedQ.has(i));
    const informativeLeft = [...unmatchedL.map((t) => tokenClass(t)), ...unmatchedQ.map((t) => tokenClass(t))].some((c) => c === 'name');
    let rule: string;
    if (!unmatchedL.length && !unmatchedQ.length) rule = worst === 'exact' ? 'token-set' : worst;
    else if (!informativeLeft) rule = worst === 'exact' ? 'token-set-minus-legal-forms' : worst;
    else rule = person && names >= 2 ? 'partial-name' : 'partial';
    const matched = kept.map((k) => (k.rule === 'exact' ? query.raw[k.i] : `${query.raw[k.i]}≈${listed.raw[k.j]} (${k.rule})`));
    const detail = [
      matched.length ? `matched ${matched.join(', ')}` : '',
      unmatchedQ.length ? `ours only ${unmatchedQ.join(' ')}` : '',
      unmatchedL.length ? `listed only ${unmatchedL.join(' ')}` : '',
    ].filter(Boolean).join('; ');
    const complete = [...unmatchedL, ...unmatchedQ].every((t) => tokenClass(t) === 'legal');
    return this.finish(score, rule, listed, text, type, names > 0, detail, complete);
  }

  /** A single-token name read as an acronym of a listed name, or a listed acronym of ours. */
  private acronyms(query: FoldedName, text: string, type: EntityType | undefined): Scored[] {
    const out: Scored[] = [];
    if (query.tokens.length === 1) {
      const acr = query.tokens[0];
      if (acr.length < 3 || acr.length > 10 || !/^\p{L}+$/u.test(acr)) return out;
      const seen = new Set<number>();
      for (const n of this.index.byInitials.get(acr) ?? []) {
        seen.add(n);
        out.push(this.acronymScore(acr, this.index.names[n], 'initials', text, type));
      }
      for (const n of this.index.byOnset.get(acr.slice(0, 3)) ?? []) {
        if (seen.has(n)) continue;
        const listed = this.index.names[n];
        // Cheap necessary conditions first: no more words than letters, the second word's initial early.
        if (listed.raw.length > acr.length + 2 || !acr.slice(1, 5).includes(listed.raw[1][0])) continue;
        if (segmentsAcronym(acr, listed.raw)) out.push(this.acronymScore(acr, listed, 'syllables', text, type));
      }
    } else {
      const initials = initialsOf(query.raw);
      if (initials.length < 3) return out;
      for (const n of this.index.postings.get(initials) ?? []) {
        const listed = this.index.names[n];
        if (listed.tokens.length === 1) out.push(this.acronymScore(initials, listed, 'initials', text, type));
      }
    }
    return out;
  }

  private acronymScore(acr: string, listed: ListedName, how: 'initials' | 'syllables', text: string, type: EntityType | undefined): Scored {
    // Three-letter acronyms collide across many names: they may inform but never hit on their own.
    const base = acr.length < 4 ? 0.7 : how === 'initials' ? 0.9 : 0.86;
    return this.finish(base, 'acronym', listed, text, type, true, `${acr.toUpperCase()} as the ${how} of the words`);
  }

  /** Applies the caps every rule shares: type disagreement, weak aliases, names of generic words only,
   *  and short listed acronyms ("LH", "ESO") that collide with everyday abbreviations. */
  private finish(score: number, rule: string, listed: ListedName, ours: string, type: EntityType | undefined, informative: boolean, detail: string, complete = false): Scored {
    const entry = this.index.entries[listed.entry];
    const notes: string[] = [];
    if (type) {
      const mismatch = (type === 'PERSON' && entry.kind !== 'person' && entry.kind !== 'unknown')
        || (type !== 'PERSON' && entry.kind === 'person');
      if (mismatch) { score *= 0.9; notes.push(`type ${type} vs listed ${entry.kind}`); }
    }
    if (listed.origin === 'weak alias') { score = Math.min(score, 0.75); notes.push('weak alias'); }
    else if (listed.origin === 'derived') score *= 0.97;
    if (entry.kind === 'person' && this.singleName(ours)) {
      // A surname alone never hits; a listed one-word alias of a person (a nickname) that is rare on
      // the lists and matched exactly may just reach the threshold.
      const nickname = (rule === 'exact-folded' || rule === 'exact-compact') && listed.tokens.length === 1
        && listed.tokens[0].length >= 5 && this.index.frequency(listed.tokens[0]) <= 3;
      score = Math.min(score, nickname ? 0.82 : 0.75);
      notes.push(nickname ? 'a rare one-word alias' : 'one name of a person');
    }
    // Generic words and places alone ("NATIONAL BANK", "Central Bank", "Iran") never hit; all the words
    // (legal forms aside) of a listed name of three or more of them ("NATIONAL BANK OF CUBA"), or of two with a place ("IRAN
    // AIR", "PETROLEOS DE VENEZUELA, S.A."), name one body and may.
    const words = listed.tokens.filter((t) => tokenClass(t) !== 'legal');
    const specific = complete && (words.length >= 3 || (words.length === 2 && words.some((t) => tokenClass(t) === 'place')));
    if ((!informative || listed.informative === 0) && !specific) { score = Math.min(score, 0.6); notes.push('generic words only'); }
    if (listed.tokens.length === 1 && listed.tokens[0].length <= 3 && rule !== 'acronym') { score = Math.min(score, 0.7); notes.push('short listed acronym'); }
    const fullDetail = [detail, ...notes].filter(Boolean).join('; ');
    return { score: Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000, rule, listed, ours, detail: fullDetail };
  }

  /** Whether a name of ours holds a single name or place word ("Saab", "Assad", "Chad"): a surname
   *  alone. Remembered per name, as every candidate of a query asks. */
  private singleName(ours: string): boolean {
    let single = this.singleNames.get(ours);
    if (single === undefined) {
      const folded = foldName(ours, true);
      single = folded.tokens.filter((t, i) => i >= folded.titles && (tokenClass(t) === 'name' || tokenClass(t) === 'place')).length <= 1;
      if (this.singleNames.size > 10_000) this.singleNames.clear();
      this.singleNames.set(ours, single);
    }
    return single;
  }

  /** Listed tokens a token of ours may stand for, with the quality of each variant. */
  private variants(token: string): Map<string, Variant> {
    const cached = this.variantCache.get(token);
    if (cached) return cached;
    const out = new Map<string, Variant>();
    const offer = (t: string, v: Variant) => {
      const prior = out.get(t);
      if (!prior || prior.quality < v.quality) out.set(t, v);
    };
    if (this.index.postings.has(token)) offer(token, { quality: 1, rule: 'exact' });
    for (const t of this.index.byStem.get(stem(token)) ?? []) if (t !== token) offer(t, { quality: 0.97, rule: 'plural' });
    if (tokenClass(token) === 'name' && token.length >= 4) {
      for (const t of this.index.byTranslit.get(translitKey(token)) ?? []) {
        if (isTranslitVariant(token, t)) offer(TRANSLATIONS[t] ?? t, { quality: 0.93, rule: 'transliteration' });
      }
      // Edit distance only between rare tokens sharing their first letter: a typo in a common first
      // name proves nothing, and a different onset is usually a different word (Hamas/Tamas).
      const allowed = maxEdits(token.length);
      if (allowed > 0 && this.index.frequency(token) <= RARE) {
        for (const d of deletions(token)) {
          for (const t of this.index.byDeletion.get(d) ?? []) {
            const indexed = TRANSLATIONS[t] ?? t;
            if (t === token || out.has(indexed) || t[0] !== token[0] || (this.index.frequency(indexed) > RARE && t.length < 8)) continue;
            const dist = editDistance(token, t, allowed);
            if (dist <= Math.min(allowed, maxEdits(t.length))) offer(indexed, { quality: dist === 1 ? 0.88 : 0.8, rule: 'fuzzy' });
          }
        }
      }
    }
    if (this.variantCache.size > 50_000) this.variantCache.clear();
    this.variantCache.set(token, out);
    return out;
  }
}

/** Whether `acr` spells the content words of `tokens` in order, one to four leading letters of each
 *  ("conviasa" = CONsorcio Venezolano Industrias Aeronauticas Servicios Aereos); legal forms may be skipped. */
export function segmentsAcronym(acr: string, tokens: string[]): boolean {
  const words = tokens.filter((t) => !STOPWORDS.has(t));
  const memo = new Map<string, boolean>();
  const go = (pos: number, w: number): boolean => {
    if (w === words.length) return pos === acr.length;
    const key = `${pos}:${w}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let ok = tokenClass(words[w]) === 'legal' && go(pos, w + 1);
    for (let len = 1; !ok && len <= 4 && len <= words[w].length && pos + len <= acr.length; len++) {
      if (acr.slice(pos, pos + len) !== words[w].slice(0, len)) break;
      ok = go(pos + len, w + 1);
    }
    memo.set(key, ok);
    return ok;
  };
  return words.length >= 3 && go(0, 0);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
