// Loopback load test of the HTTP API with autocannon: 50 concurrent clients asking for the Mahan Air
// dossier (and, for comparison, a search and a graph neighbourhood), each bounded in time and count.
// Then the same dossier read while the server ingests 1,000 Reuters articles uploaded through its
// API. Prints latency percentiles and throughput. Usage: npm run bench:api (after npm run build).
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { Context } from '../src/context.js';
import { SHARED_DIR } from '../src/paths.js';
import { ingestPaths } from '../src/runner.js';
import { loadLists } from '../src/screen/lists.js';
import { openStore } from '../src/store/open.js';
import { conllArticles } from './bench-scale.js';

const INGEST_ARTICLES = 1000;
/** Load windows during the ingest, at most (the ingest may take longer; the rest is not measured). */
const INGEST_WINDOWS = 24;

const CONNECTIONS = 50;
const SECONDS = 5;
const MAX_REQUESTS = 50_000;

/** Load on one URL until MAX_REQUESTS are answered or SECONDS have passed, whichever comes first. */
function load(url: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const run = autocannon({ url, connections: CONNECTIONS, amount: MAX_REQUESTS }, (err, result) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(result);
    });
    const timer = setTimeout(() => run.stop(), SECONDS * 1000);
  });
}

/** `dossier serve` in its own process (so the load generator does not share its event loop). */
async function serve(db: string, extra: string[], env: NodeJS.ProcessEnv = {}): Promise<{ url: string; stop: () => void }> {
  const fromSource = import.meta.url.endsWith('.ts');
  const cli = fileURLToPath(new URL(`../src/cli/main.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, cli, 'serve', '--db', db, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const url = await new Promise<string>((resolvePromise, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /at (http:\/\/[^/\s]+)\//.exec(out);
      if (m) resolvePromise(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** The dossier under load while the same server analyses and stores 1,000 uploaded articles. */
async function duringIngest(db: string, entityId: string): Promise<Record<string, number | string>> {
  const token = 'bench-token';
  const server = await serve(db, [], { DOSSIER_TOKEN: token });
  try {
    const dossierUrl = `${server.url}/api/entities/${encodeURIComponent(entityId)}`;
    await fetch(dossierUrl);
    const articles = conllArticles().slice(0, INGEST_ARTICLES).map((r) => ({ id: r.id, title: r.title, text: r.text, outlet: r.outlet, published: r.published }));
    const res = await fetch(`${server.url}/api/ingest`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ articles }),
    });
    if (res.status !== 202 && res.status !== 200) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
    const job = (await res.json()) as { id: string };
    const progress = async () => (await (await fetch(`${server.url}/api/ingest/${job.id}`)).json()) as { state: string; read: number };
    const p99s: number[] = [];
    let requests = 0;
    let errors = 0;
    let read = 0;
    const started = performance.now();
    for (let w = 0; w < INGEST_WINDOWS; w++) {
      const r = await load(dossierUrl);
      p99s.push(r.latency.p99);
      requests += r.requests.total;
      errors += r.errors + r.non2xx;
      const now = await progress();
      read = now.read;
      if (now.state !== 'running') break;
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      'during ingest: articles ingested while measured': `${read}/${INGEST_ARTICLES} in ${seconds.toFixed(0)} s`,
      'during ingest: dossier p99 per 5 s window, worst (ms)': Math.max(...p99s),
      'during ingest: dossier p99 per 5 s window, median (ms)': [...p99s].sort((a, b) => a - b)[Math.floor(p99s.length / 2)],
      'during ingest: dossier req/s': Math.round(requests / seconds),
      'during ingest: dossier errors': errors,
    };
  } finally {
    server.stop();
  }
}

export async function benchApi(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-api-'));
  const db = join(dir, 'bench.db');
  try {
    const store = await openStore(db);
    const listsDir = join(SHARED_DIR, 'data', 'sanctions');
    if (existsSync(listsDir)) await store.replaceLists(loadLists([listsDir]).entries);
    await ingestPaths(store, [join(SHARED_DIR, 'corpus', 'seeds')], new Context({ lists: await store.loadLists() }));
    const entity = await store.findEntity('Mahan Air');
    const documents = (await store.stats()).documents;
    await store.close();
    if (!entity) throw new Error('the seeds gave no Mahan Air entity');
    const row = (name: string, r: autocannon.Result) => ({
      [`${name} p50 (ms)`]: r.latency.p50,
      [`${name} p99 (ms)`]: r.latency.p99,
      [`${name} req/s`]: Math.round(r.requests.average),
      [`${name} errors`]: r.errors + r.non2xx,
    });
    const results: Record<string, number | string> = { clients: CONNECTIONS, 'seconds per run (at most)': SECONDS, documents };
    for (const [label, extra] of [['', []], ['uncached ', ['--no-cache']]] as const) {
      const server = await serve(db, [...extra]);
      try {
        const dossierUrl = `${server.url}/api/entities/${encodeURIComponent(entity.id)}`;
        await fetch(dossierUrl); // build the corpus snapshot outside the measurement
        Object.assign(results, row(`${label}dossier`, await load(dossierUrl)));
        Object.assign(results, row(`${label}search gold`, await load(`${server.url}/api/search?q=gold`)));
        Object.assign(results, row(`${label}neighbourhood d2`, await load(`${server.url}/api/graph/neighbourhood?entity=${encodeURIComponent(entity.id)}&depth=2`)));
      } finally {
        server.stop();
      }
    }
    Object.assign(results, await duringIngest(db, entity.id));
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.table(await benchApi());
}
