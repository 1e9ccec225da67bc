// Live state of the PostgreSQL scale-out, for the UI's Queue page: jobs by state, dead letters with
// their errors, documents waiting for (or failed in) corroboration, and alerts on watched entities
// with their hits. On SQLite these answer `available: false`.
import type { Store } from '../store/types.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { JobQueue } from '../queue/queue.js';
import { defineRoute, type AnyRoute } from './routes.js';
import * as S from './schemas.js';

/** A webhook shown without its query or credentials, which may hold secrets. */
function shownWebhook(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

export function queueRoutes(store: Store): AnyRoute[] {
  const pg = store instanceof PostgresStore ? store : null;
  return [
    defineRoute({
      method: 'get', path: '/api/queue', tag: 'queue',
      summary: 'Worker queue (PostgreSQL): job counts, jobs by state (dead letters with their errors), corroboration backlog',
      query: S.QueueQuery, response: S.QueueState,
      handler: async ({ query }) => {
        if (!pg) return { available: false, counts: null, jobs: null, corroboration: null };
        const queue = new JobQueue(pg);
        const [counts, jobs, corroboration] = await Promise.all([queue.counts(), queue.list(query), pg.corroborationBacklog()]);
        return { available: true, counts, jobs, corroboration };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/alerts', tag: 'queue', summary: 'Alerts on watched entities (PostgreSQL) and their newest hits',
      query: S.AlertsQuery, response: S.AlertsState,
      handler: async ({ query }) => {
        if (!pg) return { available: false, alerts: [], hits: [] };
        const [alerts, hits] = await Promise.all([pg.listAlerts(), pg.alertHits({ limit: query.hits })]);
        return {
          available: true,
          alerts: alerts.map((a) => ({ ...a, webhook: shownWebhook(a.webhook) })),
          hits: hits.map(({ webhook: _, ...h }) => h),
        };
      },
    }),
  ];
}
