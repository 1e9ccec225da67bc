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
  // Requests for a URL that is being answered for the same snapshot wait for that answer instead of
  // computing it again (50 clients on one dossier cost one computation when the corpus changes).
  const inFlight = new Map<string, Promise<Entry | null>>();
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
    const flight = `${key} ${url}`;
    const pending = inFlight.get(flight);
    if (pending) {
      const answered = await pending;
      if (answered) return c.body(answered.body.slice(0), answered.status as 200, { 'Content-Type': answered.type });
      return next();
    }
    let settle!: (e: Entry | null) => void;
    inFlight.set(flight, new Promise((resolve) => (settle = resolve)));
    let entry: Entry | null = null;
    try {
      await next();
      if (c.res.status === 200 || c.res.status === 404) {
        const body = await c.res.clone().arrayBuffer();
        entry = { key, status: c.res.status, body, type: c.res.headers.get('content-type') ?? 'application/json' };
        entries.delete(url);
        entries.set(url, entry);
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
    } finally {
      inFlight.delete(flight);
      settle(entry);
    }
  };
}
