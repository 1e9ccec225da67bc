// Evaluates the screener on pairs generated from the shared sanctions lists with a fixed seed: true pairs
// (listed names and news-style variants of them) and false pairs (near names that must not hit), split
// by entry into a development half (used for tuning) and a held-out half. Prints precision, recall, the
// PR curve, speed, and the hits for the seed articles' gold entities.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../src/paths.js';
import { loadLists } from '../src/screen/lists.js';
import { DEFAULT_THRESHOLD, Screener } from '../src/screen/matcher.js';
import { LEGAL_FORMS, GENERIC_WORDS, PLACE_WORDS, STOPWORDS, foldTokens, tokenClass, translitKey } from '../src/screen/fold.js';
import type { ListEntry } from '../src/screen/types.js';
import type { EntityType } from '../src/schema/analysis.js';
import { seededRandom } from '../src/nlp/perceptron.js';

const SEED = 20261123;
const PER_SPLIT = 1500;
const THRESHOLDS = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

interface Pair {
  query: string;
  type: EntityType;
  kind: string;
  truth: boolean;
  /** Entries the pair is about: must be hit (true pair) or must not be hit (false pair); empty: any hit is wrong. */
  targets: ListEntry[];
}

const rng = seededRandom;

const hash = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
};
const heldOut = (key: string) => hash(key) % 2 === 1;
const title = (s: string) => s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', n: 'ñ' };
const TRANSLIT_REWRITES: [RegExp, string][] = [
  [/q/i, 'gh'], [/ou/i, 'u'], [/u(?=\p{L})/iu, 'o'], [/(?<=\p{L})i(?=\p{L})/iu, 'e'], [/ss/i, 's'], [/(?<=\p{L})e(?=\p{L})/iu, 'i'],
  [/moham+ad/i, 'Muhammad'], [/y(?=\p{L})/iu, 'i'], [/kh/i, 'k'],
];

function generate(entries: ListEntry[], random: () => number): Pair[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const pairs: Pair[] = [];
  const people = entries.filter((e) => e.kind === 'person' && e.name.includes(','));
  const bodies = entries.filter((e) => e.kind === 'organization');
  const vocabulary = [...new Set(entries.flatMap((e) => foldTokens(e.name)).filter((t) => t.length > 3 && tokenClass(t) === 'name'))];
  const typeOf = (e: ListEntry): EntityType => (e.kind === 'person' ? 'PERSON' : 'ORG');

  for (const e of [...people, ...bodies].sort(() => random() - 0.5).slice(0, PER_SPLIT * 2)) {
    const type = typeOf(e);
    const names = [e.name, ...e.aliases];
    const listed = pick(names);
    // True: a listed name as written in running text (case changed).
    pairs.push({ query: random() < 0.5 ? title(listed) : listed.toLowerCase(), type, kind: 'listed-name', truth: true, targets: [e] });
    if (e.kind === 'person') {
      const [surnames, given] = e.name.split(',').map((s) => s.trim());
      const sur = surnames.split(/\s+/);
      const giv = (given ?? '').split(/\s+/).filter(Boolean);
      if (!giv.length) continue;
      pairs.push({ query: title(`${given} ${surnames}`), type, kind: 'reordered', truth: true, targets: [e] });
      if ((sur.length > 1 || giv.length > 1) && foldTokens(sur[0]).every((t) => !STOPWORDS.has(t))) pairs.push({ query: title(`${giv[0]} ${sur[0]}`), type, kind: 'news-short', truth: true, targets: [e] });
      const accented = title(`${given} ${surnames}`).replace(/[aeioun](?=\p{L})/u, (ch) => (random() < 0.9 ? ACCENTS[ch] : ch));
      pairs.push({ query: accented, type, kind: 'accents', truth: true, targets: [e] });
      // False: a surname alone, a given name alone, this person's given name with another's surname.
      if (sur[0].replace(/^(AL|EL)-/, '').length > 3) pairs.push({ query: title(sur[0]), type, kind: 'surname-alone', truth: false, targets: [e] });
      pairs.push({ query: title(giv[0]), type, kind: 'given-name-alone', truth: false, targets: [e] });
      const other = pick(people);
      const otherSur = other.name.split(',')[0].trim().split(/\s+/)[0];
      const otherGiven = foldTokens(other.name.split(',')[1] ?? '')[0];
      if (other !== e && !foldTokens(e.name).includes(foldTokens(otherSur)[0]) && otherGiven && translitKey(otherGiven) !== translitKey(foldTokens(giv[0])[0] ?? '')) {
        pairs.push({ query: title(`${giv[0]} ${otherSur}`), type, kind: 'shared-first-name', truth: false, targets: [e, other] });
      }
    } else {
      const tokens = listed.split(/\s+/);
      const withoutLegal = tokens.filter((t) => !foldTokens(t).every((f) => LEGAL_FORMS.has(f)));
      if (withoutLegal.length && withoutLegal.length < tokens.length) {
        pairs.push({ query: title(withoutLegal.join(' ').replace(/,$/, '')), type, kind: 'legal-form-dropped', truth: true, targets: [e] });
      }
      if (/\bAIR$/i.test(listed)) pairs.push({ query: title(`${listed} Airlines`.replace(/\bAIR Airlines$/i, 'Airlines')), type, kind: 'airline-variant', truth: true, targets: [e] });
    }
    // True: a transliteration variant or a typo in the rarest long token.
    const words = listed.split(/(\s+|,|-)/);
    const longest = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5 && /^\p{L}+$/u.test(w)).sort((a, b) => b[0].length - a[0].length)[0];
    if (longest) {
      const [word, i] = longest;
      const rules = TRANSLIT_REWRITES.filter(([re]) => re.test(word));
      if (rules.length) {
        const [re, to] = pick(rules);
        const variant = [...words];
        variant[i] = word.replace(re, (m) => (m === m.toUpperCase() ? to.toUpperCase() : to));
        if (variant[i].toLowerCase() !== word.toLowerCase()) pairs.push({ query: title(variant.join('')), type, kind: 'transliteration', truth: true, targets: [e] });
      }
      if (word.length >= 8) {
        const k = 1 + Math.floor(random() * (word.length - 2));
        const typo = [...words];
        typo[i] = word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2);
        if (typo[i] !== word) pairs.push({ query: title(typo.join('')), type, kind: 'typo', truth: true, targets: [e] });
      }
    }
    // False: the rarest name token swapped for another listed token.
    const folded = foldTokens(listed).filter((t) => tokenClass(t) === 'name' && t.length > 2);
    if (folded.length >= 2 && folded.length <= 4) {
      const swapOut = folded[Math.floor(random() * folded.length)];
      const swapIn = pick(vocabulary);
      const query = foldTokens(listed).map((t) => (t === swapOut ? swapIn : t)).join(' ');
      if (swapIn !== swapOut) pairs.push({ query: title(query), type, kind: 'token-swapped', truth: false, targets: [e] });
    }
  }
  return pairs.filter((p) => p.truth || !containsListedName(p));
}

/** A generated false pair is no near miss when our words hold all the words of one of the targets'
 *  listed names (transliteration aside): "Vladimir Kovacevic" built from two entries may be a third's
 *  exact name, and "Puchkov Andrey X" still holds the listed "PUCHKOV, Andrey". */
function containsListedName(pair: Pair): boolean {
  const ours = new Set(foldTokens(pair.query).filter((t) => !STOPWORDS.has(t)).map(translitKey));
  return pair.targets.some((e) => [e.name, ...e.aliases].some((n) => {
    const words = foldTokens(n).filter((t) => !STOPWORDS.has(t)).map(translitKey);
    return words.length > 0 && words.every((w) => ours.has(w));
  }));
}

/** Countries, demonyms and generic organisation words: none may hit anything. */
function genericPairs(random: () => number): Pair[] {
  const pairs: Pair[] = [];
  const places = [...PLACE_WORDS];
  const generic = [...GENERIC_WORDS];
  const legal = ['Ltd', 'LLC', 'S.A.', 'Company', 'Co.', 'Corporation', 'Inc.', 'C.A.'];
  for (const p of places) pairs.push({ query: title(p), type: p.endsWith('n') || p.endsWith('ese') || p.endsWith('i') ? 'NORP' : 'GPE', kind: /(an|ese|ish|i)$/.test(p) ? 'demonym' : 'country', truth: false, targets: [] });
  for (const g of generic) {
    pairs.push({ query: title(g), type: 'ORG', kind: 'generic-word', truth: false, targets: [] });
    const second = generic[Math.floor(random() * generic.length)];
    pairs.push({ query: `${title(g)} ${title(second)} ${legal[Math.floor(random() * legal.length)]}`, type: 'ORG', kind: 'generic-word', truth: false, targets: [] });
  }
  return pairs;
}

/** The score that decides a pair: the target's score for a true pair, the worst wrong hit for a false one. */
function decidingScore(screener: Screener, pair: Pair): number {
  const hits = screener.screen(pair.query, { type: pair.type, minScore: 0.5 });
  if (pair.truth) return Math.max(0, ...hits.filter((h) => pair.targets.includes(h.entry)).map((h) => h.score));
  const wrong = pair.targets.length ? hits.filter((h) => pair.targets.includes(h.entry)) : hits;
  return Math.max(0, ...wrong.map((h) => h.score));
}

function report(label: string, pairs: Pair[], screener: Screener): void {
  const scored = pairs.map((p) => ({ p, s: decidingScore(screener, p) }));
  const trues = scored.filter((x) => x.p.truth);
  const falses = scored.filter((x) => !x.p.truth);
  console.log(`\n## ${label}: ${trues.length} true pairs, ${falses.length} false pairs`);
  console.log('threshold  precision  recall  false-hit-rate');
  for (const t of THRESHOLDS) {
    const tp = trues.filter((x) => x.s >= t).length;
    const fp = falses.filter((x) => x.s >= t).length;
    // Precision on a balanced set: false hits scaled as if there were as many false pairs as true ones.
    const fpBalanced = (fp / falses.length) * trues.length;
    const mark = t === DEFAULT_THRESHOLD ? '  ← operating threshold' : '';
    console.log(`${t.toFixed(2)}       ${(tp / (tp + fpBalanced || 1)).toFixed(3)}      ${(tp / trues.length).toFixed(3)}   ${(fp / falses.length).toFixed(3)}${mark}`);
  }
  const kinds = [...new Set(scored.map((x) => `${x.p.truth ? 'true' : 'false'}:${x.p.kind}`))].sort();
  console.log(`by kind at ${DEFAULT_THRESHOLD}:`);
  for (const k of kinds) {
    const group = scored.filter((x) => `${x.p.truth ? 'true' : 'false'}:${x.p.kind}` === k);
    const hit = group.filter((x) => x.s >= DEFAULT_THRESHOLD).length;
    console.log(`  ${k.padEnd(28)} ${String(group.length).padStart(5)}  hit ${(hit / group.length).toFixed(3)}`);
  }
  if (process.env.SCREEN_VERBOSE) {
    for (const x of trues.filter((y) => y.s < DEFAULT_THRESHOLD).slice(0, 40)) console.log(`  MISS ${x.p.kind}: "${x.p.query}" → ${x.p.targets[0].name} (${x.s})`);
    for (const x of falses.filter((y) => y.s >= DEFAULT_THRESHOLD).slice(0, 40)) {
      const hit = screener.screen(x.p.query, { type: x.p.type })[0];
      console.log(`  FALSE ${x.p.kind}: "${x.p.query}" → ${hit?.explanation}`);
    }
  }
}

function seedEntities(screener: Screener): void {
  const gold = JSON.parse(readFileSync(join(SHARED_DIR, 'eval', 'seeds.gold.json'), 'utf8')) as {
    documents: Record<string, { entities: { name: string; type: EntityType; aliases: string[] }[] }>;
  };
  console.log(`\n## Seed articles' gold entities (ORG, PERSON, PRODUCT) with hits at ${DEFAULT_THRESHOLD}`);
  const seen = new Set<string>();
  for (const doc of Object.values(gold.documents)) {
    for (const e of doc.entities) {
      if (!['ORG', 'PERSON', 'PRODUCT'].includes(e.type) || seen.has(e.name)) continue;
      seen.add(e.name);
      const hits = screener.screen(e.name, { type: e.type, aliases: e.aliases });
      console.log(`${e.name} (${e.type}): ${hits.length ? hits.map((h) => `${h.entry.list} ${h.entry.id} ${h.entry.name} ${h.score} [${h.rule}]`).join(' | ') : '—'}`);
    }
  }
}

function main(): void {
  const started = performance.now();
  const { entries, errors } = loadLists([join(SHARED_DIR, 'data', 'sanctions')]);
  for (const err of errors) console.error(err.line());
  const loaded = performance.now();
  const screener = new Screener(entries);
  const built = performance.now();
  console.log(`# Screening evaluation (seed ${SEED})`);
  console.log(`${entries.length} entries loaded in ${((loaded - started) / 1000).toFixed(2)} s; index built in ${((built - loaded) / 1000).toFixed(2)} s`);

  const random = rng(SEED);
  const dev = entries.filter((e) => !heldOut(`${e.list}:${e.id}`));
  const test = entries.filter((e) => heldOut(`${e.list}:${e.id}`));
  const common = genericPairs(random);
  const devPairs = [...generate(dev, random), ...common.filter((p) => !heldOut(p.query))];
  const testPairs = [...generate(test, random), ...common.filter((p) => heldOut(p.query))];
  report('development split (tuned on)', devPairs, screener);
  report('held-out split (not tuned on)', testPairs, screener);

  const queries = testPairs.map((p) => [p.query, p.type] as const);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const [q, type] of queries) screener.screen(q, { type });
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0).user / 1e6;
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
  console.log(`\nspeed: ${queries.length} names in ${elapsed.toFixed(2)} s wall = ${Math.round(queries.length / elapsed)} names/s (${((elapsed / queries.length) * 1000).toFixed(3)} ms per name); ` +
    `CPU ${cpu.toFixed(2)} s = ${((cpu / queries.length) * 1000).toFixed(3)} ms per name; on ${entries.length} entries`);
  seedEntities(screener);
}

main();
