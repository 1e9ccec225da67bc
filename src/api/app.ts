// The HTTP application: security headers, CORS (closed unless origins are named), size limits,
// ETags, the bearer-token write guard, the API routes, /openapi.json and the web UI.
import { timingSafeEqual, createHash } from 'node:crypto';
import { Hono, type Context as HonoContext } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import type { Store } from '../store/types.js';
import { SnapshotCache } from './snapshot.js';
import { InProcessRunner, shareableLocation, ThreadRunner } from './ingest-runner.js';
import { IngestJobs } from './ingest-jobs.js';
import { OverridesFile } from './overrides-file.js';
import { queueRoutes } from './queue-routes.js';
import { readRoutes } from './read-routes.js';
import { corpusRoutes } from './corpus-routes.js';
import { writeRoutes } from './write-routes.js';
import { errorResponse, HttpError, mountRoutes, type AnyRoute } from './routes.js';
import { openApiDocument } from './openapi.js';
import { loadUi, type StaticFile } from './static-ui.js';
import { responseCache } from './response-cache.js';

export interface ApiOptions {
  store: Store;
  /** Bearer token for writes; null or empty: the server is read-only. */
  token?: string | null;
  /** Where the store is (`--db`), so uploads are analysed and stored by a worker thread with its own
   *  connection; absent (or `:memory:`): on the server's thread, between reads. */
  storeLocation?: string | null;
  /** Where merge/split overrides are written; null: overrides cannot be recorded. */
  overridesPath?: string | null;
  /** Largest request body (JSON writes), bytes. */
  maxBodyBytes?: number;
  /** Largest upload (one ingest request), bytes. */
  maxUploadBytes?: number;
  /** Origins allowed to call the API from a browser; none by default. */
  corsOrigins?: string[];
  /** Keep read responses until the corpus changes (default true). */
  cache?: boolean;
  /** The built UI to serve; undefined: web/dist if built; null: no UI. */
  ui?: Map<string, StaticFile> | null;
}

export interface Api {
  app: Hono;
  routes: AnyRoute[];
  jobs: IngestJobs;
  snapshots: SnapshotCache;
}

const CSP = {
  defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"],
  fontSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"], frameAncestors: ["'none'"],
};

const digest = (a: string) => createHash('sha256').update(a).digest();

export function createApi(opts: ApiOptions): Api {
  const { store } = opts;
  const token = opts.token || null;
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const maxUpload = opts.maxUploadBytes ?? 20 * 1024 * 1024;
  const snapshots = new SnapshotCache(store);
  const overridesPath = opts.overridesPath ?? null;
  const runner = shareableLocation(opts.storeLocation) ? new ThreadRunner(opts.storeLocation, overridesPath) : new InProcessRunner(store, overridesPath);
  const jobs = new IngestJobs(runner, () => snapshots.invalidate());
  const overrides = opts.overridesPath ? new OverridesFile(opts.overridesPath) : null;

  const guardWrite = (c: HonoContext) => {
    if (!token) throw new HttpError(403, 'FORBIDDEN', 'this server is read-only: start it with DOSSIER_TOKEN set to allow writes');
    const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    // Compare digests so the comparison takes the same time whatever the lengths.
    if (!given || !timingSafeEqual(digest(given), digest(token))) throw new HttpError(401, 'UNAUTHORIZED', 'a valid bearer token is required');
  };

  const routes = [
    ...readRoutes(store, snapshots, !!token),
    ...corpusRoutes(store, snapshots),
    ...writeRoutes(store, jobs, overrides, { maxFileBytes: maxUpload }),
    ...queueRoutes(store),
  ];
  const openapi = openApiDocument(routes, { version: '0.1.0' });

  const app = new Hono();
  app.onError((err, c) => {
    const { status, body } = errorResponse(err);
    if (status === 500) console.error(err);
    return c.json(body, status as 400);
  });
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } }, 404));
  app.use('*', secureHeaders({ contentSecurityPolicy: CSP, xFrameOptions: 'DENY', referrerPolicy: 'no-referrer', crossOriginResourcePolicy: 'same-origin' }));
  if (opts.corsOrigins?.length) app.use('/api/*', cors({ origin: opts.corsOrigins, allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match'] }));
  const tooLarge = (limit: number) => (c: HonoContext) =>
    c.json({ error: { code: 'TOO_LARGE', message: `request body larger than ${limit} bytes` } }, 413);
  app.use('/api/ingest', bodyLimit({ maxSize: maxUpload, onError: tooLarge(maxUpload) }));
  app.use('/api/*', async (c, next) => {
    if (c.req.path === '/api/ingest') return next();
    return bodyLimit({ maxSize: maxBody, onError: tooLarge(maxBody) })(c, next);
  });
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', 'no-cache');
  });
  app.use('/api/*', etag());
  if (opts.cache !== false) app.use('/api/*', responseCache(snapshots));
  app.use('/openapi.json', etag());

  mountRoutes(app, routes, guardWrite);
  app.get('/openapi.json', (c) => c.json(openapi));
  app.all('/api/*', (c) => c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

  const ui = opts.ui === undefined ? loadUi() : opts.ui;
  app.get('*', (c) => {
    if (!ui) return c.text('The web UI is not built: run `npm run build`. The API is at /api and described at /openapi.json.', 404);
    const file = ui.get(c.req.path) ?? (c.req.path.includes('.') ? undefined : ui.get('/index.html'));
    if (!file) return c.json({ error: { code: 'NOT_FOUND', message: `no file ${c.req.path}` } }, 404);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.type,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });
  return { app, routes, jobs, snapshots };
}
