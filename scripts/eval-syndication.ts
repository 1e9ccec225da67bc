// Precision and recall of near-duplicate (syndication) detection: positives are seed articles
// rewritten the way republishers do (paragraphs reordered, boilerplate changed, a few words
// swapped or dropped); negatives are pairs of different seeds and their rewrites.
// Usage: node dist/scripts/eval-syndication.js
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHARED_DIR } from '../src/paths.js';
import { derivation, signatureOf, type DocumentProfile } from '../src/corroborate/syndication.js';
import { seededRandom } from '../src/nlp/perceptron.js';

export const SEEDS = join(SHARED_DIR, 'corpus', 'seeds');

const random = seededRandom;

// Everyday substitutions a copy editor makes; unrelated to any article's subject.
const SWAPS: Record<string, string> = {
  said: 'stated', says: 'states', also: 'as well', but: 'however', big: 'large', large: 'big', now: 'currently',
  show: 'indicate', shows: 'indicates', help: 'assist', country: 'nation', countries: 'nations', very: 'highly',
  many: 'numerous', important: 'key', key: 'crucial', main: 'principal', use: 'employ', used: 'employed',
};

const HEADERS = ['By Staff Writers', 'Special Report', 'From our correspondents'];
const FOOTERS = ['© 2025 Another Outlet. All rights reserved.', 'Republished with permission.', 'Follow us for more updates.'];

export interface RewriteOptions {
  /** Share of words swapped for a synonym or dropped. */
  swapRate?: number;
  /** Reorder the paragraphs. */
  reorder?: boolean;
}

/** A republished copy of an article: reordered paragraphs, different boilerplate, a few words changed. */
export function rewriteArticle(text: string, seed: number, opts: RewriteOptions = {}): string {
  const rnd = random(seed);
  const swapRate = opts.swapRate ?? 0.03;
  let paragraphs = text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  // Drop the original's trailing boilerplate line when it looks like one (short, or a rights notice).
  if (paragraphs.length > 2 && /©|rights reserved|read the full|follow/i.test(paragraphs[paragraphs.length - 1])) paragraphs.pop();
  if (opts.reorder ?? true) {
    const body = paragraphs.slice(1);
    for (let i = body.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [body[i], body[j]] = [body[j], body[i]];
    }
    paragraphs = [paragraphs[0], ...body];
  }
  const edited = paragraphs.map((p) => p.split(' ').flatMap((w) => {
    if (rnd() >= swapRate) return [w];
    const bare = w.toLowerCase().replace(/[^a-z]/g, '');
    if (SWAPS[bare]) return [w.replace(new RegExp(bare, 'i'), SWAPS[bare])];
    return rnd() < 0.5 ? [] : [w];
  }).join(' '));
  return [HEADERS[seed % HEADERS.length], ...edited, FOOTERS[seed % FOOTERS.length]].join('\n\n');
}

const profile = (id: string, text: string): DocumentProfile => ({
  id, published: null, publishedConfidence: 0, signature: signatureOf(text), specifics: [], statements: [],
});

/** Is b flagged as a near-duplicate of a (or the reverse)? */
export function isNearDuplicate(a: string, b: string): boolean {
  const link = derivation(profile('a', a), profile('b', b), () => 0, 2, () => undefined);
  return link?.kind === 'near-duplicate';
}

export interface SyndicationScore {
  precision: number;
  recall: number;
  positives: number;
  negatives: number;
  truePositives: number;
  falsePositives: number;
}

export function scoreSyndication(texts: string[], variants = 3): SyndicationScore {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  let negatives = 0;
  const rewrites = texts.map((t, i) => Array.from({ length: variants }, (_, v) => rewriteArticle(t, 1000 * i + v + 1)));
  for (let i = 0; i < texts.length; i++) {
    for (const r of rewrites[i]) {
      positives++;
      if (isNearDuplicate(texts[i], r)) tp++;
    }
    for (let j = i + 1; j < texts.length; j++) {
      negatives += 2;
      if (isNearDuplicate(texts[i], texts[j])) fp++;
      if (isNearDuplicate(rewrites[i][0], rewrites[j][0])) fp++;
    }
  }
  return { precision: tp + fp ? tp / (tp + fp) : 1, recall: positives ? tp / positives : 1, positives, negatives, truePositives: tp, falsePositives: fp };
}

export function seedTexts(): string[] {
  return readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(SEEDS, f), 'utf8'));
}

function main(): void {
  const texts = seedTexts();
  const s = scoreSyndication(texts);
  console.log(`rewritten pairs: ${s.positives}, unrelated pairs: ${s.negatives}`);
  console.log(`near-duplicate precision ${(s.precision * 100).toFixed(1)}%  recall ${(s.recall * 100).toFixed(1)}%  (${s.truePositives} found, ${s.falsePositives} false)`);
  for (const rate of [0.05, 0.1, 0.2]) {
    let found = 0;
    texts.forEach((t, i) => { if (isNearDuplicate(t, rewriteArticle(t, 7 + i, { swapRate: rate }))) found++; });
    console.log(`  with ${rate * 100}% of words changed: ${found}/${texts.length} found`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
