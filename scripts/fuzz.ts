// `npm run fuzz [-- --seconds N --case-ms M --seed S]`: a bounded-time fuzz run over every ingest path
// (articlesFromBytes with each file type, odd names) and the analysis stages on pathological text.
// Each case runs in a worker thread with a watchdog: it must end in articles or a DossierError
// within the per-case bound; a hang, a crash, a non-Dossier error or an invalid article is a failure.
// The case generators and checks are exported for the property-based test in test/hardening/.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { Context } from '../src/context.js';
import { DossierError } from '../src/errors.js';
import { articlesFromBytes } from '../src/ingest/index.js';
import { analyzeArticle, toAnalysis } from '../src/pipeline.js';
import { AnalysisSchema } from '../src/schema/analysis.js';
import { ArticleSchema, type Article } from '../src/schema/article.js';
import { moduleWorker } from '../src/threads.js';

// ---------------------------------------------------------------- cases

export interface IngestCase { kind: 'ingest'; family: string; name: string; bytes: Uint8Array }
export interface AnalysisCase { kind: 'analysis'; family: string; text: string }
export type FuzzCase = IngestCase | AnalysisCase;

export interface CaseResult {
  family: string;
  ok: boolean;
  /** 'articles' or the DossierError code(s) the case ended in. */
  outcomes: string[];
  articles: number;
  problem?: string;
  ms: number;
}

const enc = new TextEncoder();
const utf8 = (s: string) => enc.encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};

const EXTS = ['.txt', '.html', '.htm', '.json', '.jsonl', '.xml', '.rss', '.atom', ''];
const WORDS = ['the', 'minister', 'said', 'Reuters', 'Paris', 'bank', 'John', 'Smith', 'told', 'according', 'to', 'rose', 'percent',
  'on', 'Tuesday', 'Moscow', 'denied', 'reports', 'that', 'European', 'Union', 'would', 'sanctions', 'Ltd', 'Inc'];
const word = fc.constantFrom(...WORDS);
const prose = (maxWords: number) => fc.array(fc.oneof(word, word, fc.constantFrom('.', ',', '“', '”', '"', ':', '—')), { maxLength: maxWords })
  .map((ws) => ws.join(' '));
const anyText = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), prose(80));
const ext = fc.constantFrom(...EXTS);
const named = (family: string, bytes: fc.Arbitrary<Uint8Array>, e: fc.Arbitrary<string> = ext) =>
  fc.record({ e, bytes }).map(({ e: x, bytes: b }): FuzzCase => ({ kind: 'ingest', family, name: `case${x}`, bytes: b }));

/** Cuts bytes at a random point (possibly inside a multi-byte character or a tag). */
const truncated = (bytes: fc.Arbitrary<Uint8Array>) =>
  fc.tuple(bytes, fc.oneof(fc.constant(1), fc.double({ min: 0.05, max: 1, noNaN: true }))).map(([b, f]) => b.subarray(0, Math.ceil(b.length * f)));

const randomBytes = named('random-bytes', fc.uint8Array({ maxLength: 4096 }));

const textBytes = named('text-truncated', truncated(anyText.map(utf8)));

const mixedEncodings = named('mixed-encodings', fc.tuple(anyText, anyText, fc.constantFrom('utf8+latin1', 'bom8+latin1', 'bom16le', 'bom16be', 'utf16-odd'))
  .map(([a, b, how]) => {
    if (how === 'utf8+latin1') return concat(utf8(a), latin1(b));
    if (how === 'bom8+latin1') return concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(a), latin1(b));
    const body = Buffer.from(a + b, 'utf16le');
    if (how === 'bom16be') body.swap16();
    const bom = how === 'bom16be' ? Uint8Array.of(0xfe, 0xff) : Uint8Array.of(0xff, 0xfe);
    return how === 'utf16-odd' ? concat(bom, body, Uint8Array.of(0x41)) : concat(bom, body);
  }));

const TAGS = ['div', 'p', 'span', 'b', 'table', 'tr', 'td', 'li', 'ul', 'a', 'article', 'section', 'blockquote', 'font', 'i'];
const nestedHtml = named('html-nested', fc.record({
  depth: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1000, max: 60000 })),
  tag: fc.constantFrom(...TAGS),
  closed: fc.boolean(),
  inner: prose(40),
  page: fc.boolean(),
  tail: fc.constantFrom('', '<script>', '<!--', '<style>', '<![CDATA[', '<a href="', '<p title=\'' + 'x'.repeat(5000)),
}).map(({ depth, tag, closed, inner, page, tail }) => {
  const body = `${`<${tag}>`.repeat(depth)}${inner}${closed ? `</${tag}>`.repeat(depth) : ''}${tail}`;
  return utf8(page ? `<!doctype html><html><head><title>${inner.slice(0, 40)}</title></head><body>${body}</body></html>` : body);
}), fc.constantFrom('.html', '.htm', ''));

const ENTITY_BOMBS = [
  // billion laughs
  () => `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><rss><channel><title>&g;</title><item><title>&g;</title><description>&g;</description></item></channel></rss>`,
  // external entities (file and network)
  () => `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item><description>&xxe;</description></item></channel></rss>`,
  () => `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "http://169.254.169.254/latest/meta-data/">]><feed xmlns="http://www.w3.org/2005/Atom"><entry><content>&xxe;</content></entry></feed>`,
  // parameter entities and an external DTD
  () => `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1/evil.dtd"> %p;]><rss><channel><item><description>x</description></item></channel></rss>`,
  () => `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss><channel><item><description>&unknown;</description></item></channel></rss>`,
  // a DOCTYPE hidden behind comments, lower-case, and entities used without a declaration
  () => `<!-- c --><!doctype rss [<!entity a "${'x'.repeat(900)}">]><rss><channel><item><description>&a;&a;&a;&a;&a;&a;&a;&a;</description></item></channel></rss>`,
  () => `<rss><channel><item><description>${'&amp;'.repeat(100000)}&lt;script&gt;</description></item></channel></rss>`,
  // quadratic blow-up: one big entity referenced many times
  () => `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${'A'.repeat(50000)}">]><rss><channel><item><description>${'&big;'.repeat(5000)}</description></item></channel></rss>`,
  () => `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY x SYSTEM "expect://id">]><x>&x;</x>`,
  () => `<?xml version="1.0"?><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>`,
];
const xmlBombs = named('xml-entities', fc.tuple(fc.integer({ min: 0, max: ENTITY_BOMBS.length - 1 }), fc.boolean())
  .map(([i, cut]) => {
    const b = utf8(ENTITY_BOMBS[i]());
    return cut ? b.subarray(0, Math.floor(b.length * 0.7)) : b;
  }), fc.constantFrom('.xml', '.rss', '.atom', ''));

const feedItem = fc.record({ title: anyText, body: anyText, date: fc.oneof(fc.constant('Tue, 10 Jun 2025 04:00:00 GMT'), fc.string({ maxLength: 30 })), cdata: fc.boolean() });
const randomFeeds = named('feeds', truncated(fc.record({ atom: fc.boolean(), title: anyText, items: fc.array(feedItem, { minLength: 1, maxLength: 6 }), nest: fc.integer({ min: 0, max: 3000 }) })
  .map(({ atom, title, items, nest }) => {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const body = (it: { body: string; cdata: boolean }) => (it.cdata ? `<![CDATA[${it.body}]]>` : esc(it.body));
    const xml = atom
      ? `<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title>${items.map((it) => `<entry><title>${esc(it.title)}</title><updated>${esc(it.date)}</updated><content type="html">${body(it)}</content></entry>`).join('')}${'<x>'.repeat(nest)}${'</x>'.repeat(nest)}</feed>`
      : `<?xml version="1.0"?><rss version="2.0"><channel><title>${esc(title)}</title>${items.map((it) => `<item><title>${esc(it.title)}</title><pubDate>${esc(it.date)}</pubDate><description>${body(it)}</description></item>`).join('')}${'<x>'.repeat(nest)}${'</x>'.repeat(nest)}</channel></rss>`;
    return utf8(xml);
  })), fc.constantFrom('.xml', '.rss', '.atom', ''));

const jsonRecord = fc.record({
  id: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.constant('')),
  title: fc.oneof(anyText, fc.integer(), fc.constant(null), fc.array(fc.string())),
  text: fc.oneof(anyText, prose(200), fc.constant(null), fc.integer(), fc.object()),
  html: fc.oneof(fc.constant(undefined), anyText.map((t) => `<p>${t}</p>`), fc.constant('<html><body><p>only a page</p></body></html>')),
  published: fc.oneof(fc.string({ maxLength: 30 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constant(null)),
  url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })),
}, { requiredKeys: [] });
const jsonFiles = named('json', truncated(fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
  jsonRecord.map((r) => JSON.stringify(r)),
  fc.array(jsonRecord, { maxLength: 5 }).map((r) => JSON.stringify(r)),
  fc.integer({ min: 1, max: 200000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1, max: 200000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
).map(utf8)), fc.constantFrom('.json', ''));
const jsonlFiles = named('jsonl', fc.array(fc.oneof(jsonRecord.map((r) => JSON.stringify(r)), fc.string({ maxLength: 50 }), fc.constant(''), fc.constant('{"text": "' + 'x'.repeat(100000) + '"}')), { maxLength: 8 })
  .map((lines) => utf8(lines.join('\n'))), fc.constantFrom('.jsonl', '.ndjson', ''));

const hugeLines = named('huge-line', fc.record({ kind: fc.constantFrom('words', 'token', 'spaces-then-word', 'tabs'), kb: fc.integer({ min: 100, max: 1024 }) })
  .map(({ kind, kb }) => {
    const n = kb * 1024;
    if (kind === 'token') return utf8('a'.repeat(n));
    if (kind === 'spaces-then-word') return utf8(`${' '.repeat(n)}word`);
    if (kind === 'tabs') return utf8('\t'.repeat(n / 2) + 'x '.repeat(n / 4));
    return utf8('Paris bank said Smith '.repeat(Math.ceil(n / 22)).slice(0, n));
  }), fc.constantFrom('.txt', ''));

const ODD_NAMES = ['../../etc/passwd.txt', 'über straße.txt', '名前.html', 'evil\u202etxt.json', 'a b\tc\n.txt', 'x'.repeat(400) + '.txt', '.hidden',
  'noext', 'X.TXT', 'x.txt.', 'archive.tar.gz', 'a.b.c.jsonl', 'C:\\Windows\\x.txt', 'file%00.txt', 'nul\u0000.txt', '', ' ', '.', '..', '#1.txt', 'a#2.json'];
const oddNames = fc.record({ name: fc.oneof(fc.constantFrom(...ODD_NAMES), fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `${s}.txt`), fc.string({ maxLength: 30 })), text: prose(60) })
  .map(({ name, text }): FuzzCase => ({ kind: 'ingest', family: 'odd-names', name, bytes: utf8(`Title line\n\n${text}`) }));

/** Every ingest family, as one arbitrary. */
export const ingestCases: fc.Arbitrary<FuzzCase> = fc.oneof(randomBytes, textBytes, mixedEncodings, nestedHtml, xmlBombs, randomFeeds, jsonFiles, jsonlFiles, hugeLines, oddNames);

/** Pathological text for the analysis stages. */
const PATHOLOGICAL: Record<string, (n: number) => string> = {
  'only-quotes': (n) => '"“”«»‘’\'„'.repeat(Math.ceil(n / 9)).slice(0, n),
  'only-capitals': (n) => 'THE MINISTER SAID PARIS BANK REUTERS ROSE. '.repeat(Math.ceil(n / 43)).slice(0, n),
  'rtl': (n) => 'قال الوزير \u202eإن البنك\u202c שלום עולם \u200f'.repeat(Math.ceil(n / 40)).slice(0, n),
  'zero-width': (n) => 'Paris\u200bbank\u200d said\u2060 John\ufeffSmith\u00ad '.repeat(Math.ceil(n / 38)).slice(0, n),
  'no-punctuation': (n) => 'market Reuters said the minister Paris bank John Smith rose percent on Tuesday '.repeat(Math.ceil(n / 79)).slice(0, n),
  'one-sentence-tokens': (n) => 'a '.repeat(Math.ceil(n / 2)).slice(0, n),
};
export const PATHOLOGICAL_FAMILIES = Object.keys(PATHOLOGICAL);

export const analysisCases: fc.Arbitrary<FuzzCase> = fc.oneof(
  fc.record({ family: fc.constantFrom(...PATHOLOGICAL_FAMILIES), n: fc.integer({ min: 1, max: 20000 }) })
    .map(({ family, n }): FuzzCase => ({ kind: 'analysis', family, text: PATHOLOGICAL[family](n) })),
  fc.array(fc.oneof(word, fc.constantFrom('"', '“', '”', '\u200b', '\u202e', 'שלום', 'قال', 'SAID', 'PARIS', ',', '.', '—', '\n', '(', ')')), { maxLength: 400 })
    .map((ws): FuzzCase => ({ kind: 'analysis', family: 'mixed-pathological', text: ws.join(' ') })),
);

export const allCases: fc.Arbitrary<FuzzCase> = fc.oneof({ arbitrary: ingestCases, weight: 3 }, { arbitrary: analysisCases, weight: 1 });

// ---------------------------------------------------------------- checks

function articleOf(text: string): Article {
  return {
    id: 'fuzz', source: 'fuzz.txt', format: 'text', title: null, outlet: null, author: null, url: null, published: null, publishedSource: null,
    language: 'en', text, contentHash: createHash('sha256').update(text).digest('hex'), removed: [],
  };
}

/** Analyses an article and checks the FORMAT.md analysis: valid and every span inside the text. */
function checkAnalysis(article: Article, ctx: Context): string | null {
  const analysis = toAnalysis(analyzeArticle(article, ctx));
  const parsed = AnalysisSchema.safeParse(analysis);
  if (!parsed.success) return `analysis fails the schema: ${parsed.error.issues[0]?.message}`;
  const n = analysis.text.length;
  const spans = [...analysis.entities.flatMap((e) => e.mentions), ...analysis.claims, ...analysis.events];
  const bad = spans.find((s) => s.start < 0 || s.end > n || s.start > s.end);
  return bad ? `span ${bad.start}-${bad.end} outside the text (${n})` : null;
}

/** Runs one case in this thread; never throws. */
export function runCase(c: FuzzCase, ctx: Context): CaseResult {
  const started = performance.now();
  const result = (ok: boolean, outcomes: string[], articles: number, problem?: string): CaseResult =>
    ({ family: c.family, ok, outcomes, articles, problem, ms: performance.now() - started });
  try {
    if (c.kind === 'analysis') {
      const problem = checkAnalysis(articleOf(c.text), ctx);
      return result(!problem, ['articles'], 1, problem ?? undefined);
    }
    const items = articlesFromBytes(c.name, c.bytes);
    if (items.length === 0) return result(false, [], 0, 'no article and no error');
    const outcomes = new Set<string>();
    let articles = 0;
    for (const item of items) {
      if (!item.ok) {
        const e = item.error;
        if (!(e instanceof DossierError) || !e.code || !e.message) return result(false, [...outcomes], articles, `not a DossierError: ${String(e)}`);
        // articlesFromBytes turns unexpected exceptions into MALFORMED "could not be read: …": a bug surfaced, not a clear error.
        if (e.message.startsWith('could not be read:')) return result(false, [...outcomes, e.code], articles, `internal error: ${e.message}`);
        outcomes.add(e.code);
        continue;
      }
      const valid = ArticleSchema.safeParse(item.article);
      if (!valid.success) return result(false, [...outcomes], articles, `invalid article: ${valid.error.issues[0]?.message}`);
      // External entities must never be resolved: no local file may leak into an article.
      if (/root:[^:\n]*:0:0:/.test(item.article.text)) return result(false, [...outcomes], articles, 'an external entity was resolved (/etc/passwd in the text)');
      const problem = checkAnalysis(item.article, ctx);
      if (problem) return result(false, [...outcomes], articles, problem);
      articles++;
      outcomes.add('articles');
    }
    return result(true, [...outcomes].sort(), articles);
  } catch (err) {
    return result(false, [], 0, `threw: ${(err as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(err)}`);
  }
}

// ---------------------------------------------------------------- the run (main thread and workers)

interface Options { seconds: number; caseMs: number; seed: number; memoryMb: number }

function parseOptions(argv: string[]): Options {
  const opts: Options = { seconds: 60, caseMs: 20000, seed: Date.now() % 2 ** 31, memoryMb: 2048 };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1]);
    if (argv[i] === '--seconds') opts.seconds = value;
    else if (argv[i] === '--case-ms') opts.caseMs = value;
    else if (argv[i] === '--seed') opts.seed = value;
    else if (argv[i] === '--memory-mb') opts.memoryMb = value;
    else continue;
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${argv[i]} needs a positive number`);
    i++;
  }
  return opts;
}

/** A worker running cases one at a time; replaced when a case hangs or kills it. */
class CaseRunner {
  private worker!: Worker;
  constructor(private readonly memoryMb: number) {
    this.start();
  }
  private start(): void {
    this.worker = moduleWorker(new URL(import.meta.url), { workerData: { fuzzWorker: true }, resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } });
    this.worker.unref();
  }
  run(c: FuzzCase, timeoutMs: number): Promise<CaseResult> {
    return new Promise((resolve) => {
      const w = this.worker;
      const done = (r: CaseResult, restart: boolean) => {
        clearTimeout(timer);
        w.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
        if (restart) {
          void w.terminate();
          this.start();
        }
        resolve(r);
      };
      const timer = setTimeout(() => done({ family: c.family, ok: false, outcomes: [], articles: 0, problem: `no answer within ${timeoutMs} ms (hang or super-linear time)`, ms: timeoutMs }, true), timeoutMs);
      w.once('message', (r: CaseResult) => done(r, false));
      w.once('error', (err) => done({ family: c.family, ok: false, outcomes: [], articles: 0, problem: `worker died: ${err.message}`, ms: 0 }, true));
      w.once('exit', (code) => done({ family: c.family, ok: false, outcomes: [], articles: 0, problem: `worker exited (${code})`, ms: 0 }, true));
      w.postMessage(c);
    });
  }
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

interface FamilyTally { cases: number; articles: number; outcomes: Map<string, number>; failures: number; maxMs: number }

function describe(c: FuzzCase): string {
  if (c.kind === 'analysis') return `analysis ${c.family}, ${c.text.length} chars: ${JSON.stringify(c.text.slice(0, 60))}`;
  return `${c.family} ${JSON.stringify(c.name.slice(0, 60))}, ${c.bytes.length} bytes: ${JSON.stringify(Buffer.from(c.bytes.subarray(0, 60)).toString('latin1'))}`;
}

/** Linear time on the pathological texts: analysis time at size n and 10n. */
async function scaling(runner: CaseRunner, opts: Options, deadline: number) {
  const rows: { family: string; small: number; large: number; ratio: number; ok: boolean }[] = [];
  const sizes: Record<string, [number, number]> = { 'no-punctuation': [100_000, 1_000_000], 'one-sentence-tokens': [200_000, 2_000_000] };
  for (const family of PATHOLOGICAL_FAMILIES) {
    const [small, large] = sizes[family] ?? [20_000, 200_000];
    if (Date.now() > deadline) break;
    const a = await runner.run({ kind: 'analysis', family, text: PATHOLOGICAL[family](small) }, opts.caseMs * 5);
    const b = await runner.run({ kind: 'analysis', family, text: PATHOLOGICAL[family](large) }, opts.caseMs * 5);
    const ratio = b.ms / Math.max(a.ms, 1);
    // Ten times the text: linear is ~10x; allow noise and fixed costs, flag quadratic (~100x).
    rows.push({ family: `${family} ${small / 1000}k→${large / 1000}k chars`, small: a.ms, large: b.ms, ratio, ok: a.ok && b.ok && ratio < 30 });
    if (!a.ok || !b.ok) console.log(`  ${family}: ${a.problem ?? b.problem}`);
  }
  return rows;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const deadline = started + opts.seconds * 1000;
  console.log(`fuzz: ${opts.seconds} s, ${opts.caseMs} ms per case, seed ${opts.seed}`);
  const runner = new CaseRunner(opts.memoryMb);
  const failuresDir = join(tmpdir(), `dossier-fuzz-${opts.seed}`);
  const failures: { c: FuzzCase; r: CaseResult }[] = [];
  const tally = new Map<string, FamilyTally>();

  const scale = await scaling(runner, opts, started + opts.seconds * 500);
  console.log('\nscaling (analysis, ms):');
  for (const r of scale) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.family.padEnd(40)} ${r.small.toFixed(0).padStart(7)} → ${r.large.toFixed(0).padStart(7)}  (x${r.ratio.toFixed(1)})`);

  let batch = 0;
  while (Date.now() < deadline) {
    const cases = fc.sample(allCases, { numRuns: 20, seed: opts.seed + batch++ });
    for (const c of cases) {
      if (Date.now() >= deadline) break;
      const r = await runner.run(c, opts.caseMs);
      const t = tally.get(c.family) ?? { cases: 0, articles: 0, outcomes: new Map(), failures: 0, maxMs: 0 };
      t.cases++;
      t.articles += r.articles;
      t.maxMs = Math.max(t.maxMs, r.ms);
      for (const o of r.outcomes) t.outcomes.set(o, (t.outcomes.get(o) ?? 0) + 1);
      if (!r.ok) {
        t.failures++;
        failures.push({ c, r });
        mkdirSync(failuresDir, { recursive: true });
        writeFileSync(join(failuresDir, `${failures.length}-${c.family}.bin`), c.kind === 'ingest' ? c.bytes : utf8(c.text));
      }
      tally.set(c.family, t);
    }
  }
  await runner.close();

  const families = [...tally.keys()].sort();
  const total = families.reduce((n, f) => n + tally.get(f)!.cases, 0);
  console.log(`\ncases (${((Date.now() - started) / 1000).toFixed(0)} s):`);
  console.log(`  ${'family'.padEnd(22)} ${'cases'.padStart(6)} ${'failed'.padStart(6)} ${'max ms'.padStart(7)}  outcomes`);
  for (const f of families) {
    const t = tally.get(f)!;
    const outcomes = [...t.outcomes].sort((a, b) => b[1] - a[1]).map(([o, n]) => `${o} ${n}`).join(', ');
    console.log(`  ${f.padEnd(22)} ${String(t.cases).padStart(6)} ${String(t.failures).padStart(6)} ${t.maxMs.toFixed(0).padStart(7)}  ${outcomes}`);
  }
  const scaleFailures = scale.filter((r) => !r.ok).length;
  console.log(`\n${total} cases tried, ${failures.length} failed; ${scale.length} scaling checks, ${scaleFailures} failed`);
  for (const { c, r } of failures.slice(0, 20)) console.log(`  FAIL ${describe(c)}\n       ${r.problem}`);
  if (failures.length) console.log(`failing inputs saved in ${failuresDir}`);
  if (failures.length || scaleFailures) process.exitCode = 1;
}

async function workerLoop(): Promise<void> {
  const ctx = new Context({ lists: [] });
  parentPort!.on('message', (c: FuzzCase) => {
    if (c.kind === 'ingest') c.bytes = new Uint8Array(c.bytes);
    parentPort!.postMessage(runCase(c, ctx));
  });
}

if (!isMainThread && (workerData as { fuzzWorker?: boolean } | null)?.fuzzWorker) {
  await workerLoop();
} else if (isMainThread && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
