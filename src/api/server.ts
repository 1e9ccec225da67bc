// Starts the HTTP server on a loopback address unless told otherwise; used by `dossier serve`,
// `dossier start` and the tests (port 0: an ephemeral port).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Store } from '../store/types.js';
import { createApi, type Api, type ApiOptions } from './app.js';

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServerOptions extends ApiOptions {
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  api: Api;
  /** Stops accepting connections, waits for running ingests and ends the ingest thread. The store is
   *  the caller's to close. */
  close(): Promise<void>;
}

export function startServer(opts: ServerOptions & { store: Store }): Promise<RunningServer> {
  const api = createApi(opts);
  const host = opts.host ?? DEFAULT_HOST;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: api.app.fetch, port: opts.port ?? DEFAULT_PORT, hostname: host }, (info: AddressInfo) => {
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        api,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        }).then(() => api.jobs.close()),
      });
    });
    server.once('error', reject);
  });
}
