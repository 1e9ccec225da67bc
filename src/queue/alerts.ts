// Delivers alert hits to their webhooks: a JSON POST per new claim about a watched entity, each
// hit sent by one worker at a time (SKIP LOCKED) and marked delivered or failed with the reason.
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import { claimUndelivered, markDelivery, type AlertHit } from '../store/postgres/alerts.js';
import { guardedFetch } from './net-guard.js';

const MAX_DELIVERY_ATTEMPTS = 5;

/** The JSON body a webhook receives. */
export function alertPayload(hit: AlertHit) {
  return {
    type: 'dossier.alert',
    alert: { id: hit.alertId, entity: hit.watched },
    entity: { id: hit.entityId, name: hit.entityName },
    claim: { document: hit.documentId, id: hit.claimId, text: hit.claim },
    at: hit.createdAt,
  };
}

/** Posts every undelivered hit; returns how many were delivered. */
export async function deliverAlerts(store: PostgresStore, opts: { allowPrivate?: boolean } = {}): Promise<number> {
  let delivered = 0;
  for (;;) {
    const batch = await store.transaction(async (client) => {
      const hits = await claimUndelivered(client, 20, MAX_DELIVERY_ATTEMPTS);
      let ok = 0;
      for (const hit of hits) {
        let error: string | null = null;
        try {
          const res = await guardedFetch(hit.webhook!, {
            method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alertPayload(hit)),
            allowPrivate: opts.allowPrivate, timeoutMs: 5000, maxBytes: 64 * 1024,
          });
          if (!res.ok) error = `webhook answered ${res.status}`;
        } catch (err) {
          error = (err as Error).message;
        }
        await markDelivery(client, hit.id, error);
        if (!error) ok++;
      }
      return { size: hits.length, ok };
    });
    delivered += batch.ok;
    // A failing webhook is tried again on the next call, not in a tight loop now.
    if (batch.size < 20 || batch.ok < batch.size) return delivered;
  }
}
