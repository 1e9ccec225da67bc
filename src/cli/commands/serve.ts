// `dossier serve`: the HTTP API and the web UI over a store, on 127.0.0.1 unless --host says otherwise.
import type { Command } from 'commander';
import { openStore, storeLocation } from '../../store/open.js';
import { DossierError } from '../../errors.js';
import { DEFAULT_HOST, DEFAULT_PORT, startServer, type RunningServer } from '../../api/server.js';
import type { Store } from '../../store/types.js';

export interface ServeOptions {
  port?: number;
  host?: string;
  db?: string;
  overrides?: string;
  /** false: answer every read from the store (no response cache). */
  cache?: boolean;
}

/** Where API overrides go: --overrides, else DOSSIER_OVERRIDES, else beside a file store. */
export function overridesLocation(db: string, given?: string): string | null {
  if (given) return given;
  if (process.env.DOSSIER_OVERRIDES) return process.env.DOSSIER_OVERRIDES;
  return /^postgres(ql)?:\/\//.test(db) ? null : `${db}.overrides.json`;
}

/** Serves an open store until the process is stopped; prints the URL. */
export async function serveStore(store: Store, opts: ServeOptions & { db: string }): Promise<RunningServer> {
  const token = process.env.DOSSIER_TOKEN || null;
  const server = await startServer({
    store, storeLocation: opts.db, port: opts.port ?? DEFAULT_PORT, host: opts.host ?? DEFAULT_HOST, token,
    overridesPath: overridesLocation(opts.db, opts.overrides), cache: opts.cache !== false,
    corsOrigins: (process.env.DOSSIER_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  });
  console.log(`Dossier is serving ${opts.db} at ${server.url}/ (API: ${server.url}/api, OpenAPI: ${server.url}/openapi.json)`);
  console.log(token ? 'Writes enabled for requests bearing DOSSIER_TOKEN.' : 'Read-only: set DOSSIER_TOKEN to allow uploads and overrides.');
  const host = opts.host ?? DEFAULT_HOST;
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) console.warn(`Warning: bound to ${host}, reachable from other machines; put TLS and rate limiting in front.`);
  const stop = () => {
    server.close().then(() => store.close()).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new DossierError('INVALID', `not a port: ${value}`);
  return n;
}

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API and the web UI')
    .option('--port <n>', `port (default ${DEFAULT_PORT})`, port)
    .option('--host <address>', `address to bind (default ${DEFAULT_HOST}; anything else exposes the server)`)
    .option('--db <path>', 'store location')
    .option('--overrides <path>', 'entity override file written by merge/split (default <db>.overrides.json)')
    .option('--no-cache', 'answer every read from the store instead of keeping answers until the corpus changes')
    .action(async (opts: ServeOptions) => {
      const db = storeLocation(opts.db);
      const store = await openStore(db);
      try {
        await serveStore(store, { ...opts, db });
      } catch (err) {
        await store.close();
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new DossierError('CONFLICT', `port ${opts.port ?? DEFAULT_PORT} is in use (try --port)`);
        throw err;
      }
    });
}
