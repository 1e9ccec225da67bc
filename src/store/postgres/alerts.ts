// Alerts on watched entities (PostgreSQL): which entities users watch, and the new claims about
// them, recorded in the same transaction that saves the document so no claim is missed or doubled.
import type pg from 'pg';
import { foldForLookup } from '../corpus-resolution.js';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export interface Alert {
  id: number;
  /** The entity name or corpus id the user asked to watch. */
  entity: string;
  webhook: string | null;
  createdAt: string;
  hits: number;
  undelivered: number;
}

/** A new claim about a watched entity. */
export interface AlertHit {
  id: number;
  alertId: number;
  watched: string;
  documentId: string;
  claimId: string;
  entityId: string;
  entityName: string;
  claim: string;
  createdAt: string;
  webhook: string | null;
  deliveredAt: string | null;
  deliveryError: string | null;
}

/** The statement, ending a save's layer writes, that records a hit for every alert on an entity
 *  one of the document's new claims names or is sourced to (by id, or by any of the entity's names,
 *  folded). It reads the claims from the save's parameters ($1 the document, $8 claim ids, $11 the
 *  claims' source entities, $17 their text, $18/$19 the claim–entity pairs), since the rows
 *  inserted in the same statement are not visible to it. */
export const ALERT_HITS_OF_CLAIMS = `INSERT INTO alert_hits (alert_id, doc_id, claim_id, entity_id, entity_name, claim_text)
    SELECT DISTINCT ON (a.id, c.local_id) a.id, $1, c.local_id, m.entity_id, e.name, c.text
    FROM unnest($8::text[], $11::text[], $17::text[]) AS c(local_id, source_entity, text)
    JOIN LATERAL (SELECT c.source_entity AS entity_id WHERE c.source_entity IS NOT NULL
      UNION SELECT x.entity_id FROM unnest($18::text[], $19::text[]) AS x(claim_id, entity_id) WHERE x.claim_id = c.local_id) m ON true
    JOIN entities e ON e.id = m.entity_id
    JOIN alerts a ON a.entity = m.entity_id OR EXISTS (SELECT 1 FROM entity_names n WHERE n.entity_id = m.entity_id AND n.folded = a.folded)
    ORDER BY a.id, c.local_id, m.entity_id
    ON CONFLICT DO NOTHING`;

export async function addAlert(db: Queryable, entity: string, webhook: string | null): Promise<Alert> {
  const folded = foldForLookup(entity);
  await db.query(`INSERT INTO alerts (entity, folded, webhook) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [entity, folded, webhook]);
  const all = await listAlerts(db);
  return all.find((a) => foldForLookup(a.entity) === folded && a.webhook === webhook)!;
}

export async function removeAlert(db: Queryable, id: number): Promise<boolean> {
  return ((await db.query('DELETE FROM alerts WHERE id = $1', [id])).rowCount ?? 0) > 0;
}

export async function listAlerts(db: Queryable): Promise<Alert[]> {
  const rows = (await db.query(`SELECT a.id::int, a.entity, a.webhook, a.created_at,
      (SELECT COUNT(*)::int FROM alert_hits h WHERE h.alert_id = a.id) AS hits,
      (SELECT COUNT(*)::int FROM alert_hits h WHERE h.alert_id = a.id AND h.delivered_at IS NULL AND a.webhook IS NOT NULL) AS undelivered
    FROM alerts a ORDER BY a.id`)).rows;
  return rows.map((r) => ({ id: r.id, entity: r.entity, webhook: r.webhook, createdAt: r.created_at.toISOString(), hits: r.hits, undelivered: r.undelivered }));
}

const HIT_COLUMNS = `h.id::int, h.alert_id::int, a.entity AS watched, h.doc_id, h.claim_id, h.entity_id, h.entity_name, h.claim_text,
  h.created_at, a.webhook, h.delivered_at, h.delivery_error`;

function alertHit(r: Record<string, any>): AlertHit {
  return {
    id: r.id, alertId: r.alert_id, watched: r.watched, documentId: r.doc_id, claimId: r.claim_id, entityId: r.entity_id,
    entityName: r.entity_name, claim: r.claim_text, createdAt: r.created_at.toISOString(), webhook: r.webhook,
    deliveredAt: r.delivered_at ? r.delivered_at.toISOString() : null, deliveryError: r.delivery_error,
  };
}

/** The newest hits first (of one alert, or all). */
export async function listAlertHits(db: Queryable, opts: { alertId?: number; limit?: number } = {}): Promise<AlertHit[]> {
  const rows = (await db.query(`SELECT ${HIT_COLUMNS} FROM alert_hits h JOIN alerts a ON a.id = h.alert_id
    WHERE ($1::bigint IS NULL OR h.alert_id = $1) ORDER BY h.id DESC LIMIT $2`, [opts.alertId ?? null, Math.max(1, Math.min(opts.limit ?? 50, 1000))])).rows;
  return rows.map(alertHit);
}

/** Hits whose webhook has not yet received them, locked for this transaction (SKIP LOCKED: two
 *  workers never post the same hit at once). */
export async function claimUndelivered(client: pg.PoolClient, limit: number, maxAttempts: number): Promise<AlertHit[]> {
  const rows = (await client.query(`SELECT ${HIT_COLUMNS} FROM alert_hits h JOIN alerts a ON a.id = h.alert_id
    WHERE h.delivered_at IS NULL AND a.webhook IS NOT NULL AND h.delivery_attempts < $2
    ORDER BY h.id LIMIT $1 FOR UPDATE OF h SKIP LOCKED`, [limit, maxAttempts])).rows;
  return rows.map(alertHit);
}

export async function markDelivery(client: pg.PoolClient, id: number, error: string | null): Promise<void> {
  await client.query(`UPDATE alert_hits SET delivery_attempts = delivery_attempts + 1,
      delivered_at = CASE WHEN $2::text IS NULL THEN now() END, delivery_error = $2 WHERE id = $1`, [id, error]);
}
