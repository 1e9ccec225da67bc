// A real SQLite store seeded from ../shared/corpus/seeds with the shared watch lists, and a server
// on an ephemeral loopback port over it — shared by the API and browser tests.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Context } from '../../src/context.js';
import { SHARED_DIR } from '../../src/paths.js';
import { ingestPaths } from '../../src/runner.js';
import { loadLists } from '../../src/screen/lists.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { startServer, type RunningServer } from '../../src/api/server.js';
import type { ApiOptions } from '../../src/api/app.js';

export const TOKEN = 'test-token-7f3a';

export interface Seeded {
  store: Store;
  server: RunningServer;
  dir: string;
  close(): Promise<void>;
}

export async function seededServer(opts: Partial<ApiOptions> = {}): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-api-'));
  const store = await openStore(join(dir, 'store.db'));
  const listsDir = join(SHARED_DIR, 'data', 'sanctions');
  if (existsSync(listsDir)) await store.replaceLists(loadLists([listsDir]).entries);
  const report = await ingestPaths(store, [join(SHARED_DIR, 'corpus', 'seeds')], new Context({ lists: await store.loadLists() }));
  if (report.errors || !report.inserted) throw new Error(`seeding failed: ${report.failures.map((f) => f.line()).join('; ')}`);
  const server = await startServer({
    store, storeLocation: join(dir, 'store.db'), port: 0, host: '127.0.0.1', token: TOKEN, overridesPath: join(dir, 'overrides.json'), ...opts,
  });
  return {
    store, server, dir,
    async close() {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** GET a JSON endpoint, returning status, headers and body. */
export async function getJson<T = any>(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(base + path, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : (null as T) };
}
