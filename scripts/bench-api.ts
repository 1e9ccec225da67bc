// Loopback load test of the HTTP API with autocannon: 50 concurrent clients asking for the Mahan Air
// dossier (and, for comparison, a search and a graph neighbourhood), each bounded in time and count.
// Prints latency percentiles and throughput. Usage: npm run bench:api (after npm run build).
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
async function serve(db: string, extra: string[]): Promise<{ url: string; stop: () => void }> {
  const fromSource = import.meta.url.endsWith('.ts');
  const cli = fileURLToPath(new URL(`../src/cli/main.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, cli, 'serve', '--db', db, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
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
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.table(await benchApi());
}
