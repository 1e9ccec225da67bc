// Memoised read responses: a GET answer is kept until the corpus changes (the snapshot key moves when
// the store's counts change or the API writes), so repeated dossier, search and graph reads cost a
// map lookup. Bounded (least recently used entries go first).
import type { MiddlewareHandler } from 'hono';
import type { SnapshotCache } from './snapshot.js';

interface Entry {
  key: string;
  status: number;
  body: ArrayBuffer;
  type: string;
}

/** Paths never cached: live state, not corpus data. */
const LIVE = /^\/api\/(health|ingest|overrides|queue|alerts)(\/|$)/;

export function responseCache(snapshots: SnapshotCache, maxEntries = 2000): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  return async (c, next) => {
    if (c.req.method !== 'GET' || LIVE.test(c.req.path)) return next();
    const key = (await snapshots.get()).key;
    const url = c.req.url;
    const hit = entries.get(url);
    if (hit && hit.key === key) {
      entries.delete(url);
      entries.set(url, hit);
      return c.body(hit.body.slice(0), hit.status as 200, { 'Content-Type': hit.type });
    }
    await next();
    if (c.res.status !== 200 && c.res.status !== 404) return;
    const body = await c.res.clone().arrayBuffer();
    entries.set(url, { key, status: c.res.status, body, type: c.res.headers.get('content-type') ?? 'application/json' });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
}
