// Corroboration reads on PostgreSQL: clusters, one cluster with provenance and contradictions,
// the timeline of dated statements, document derivations and novelty — as the SQLite store answers them.
import type pg from 'pg';
import type { Statement } from '../../corroborate/statements.js';
import { provenanceOf } from '../../corroborate/provenance.js';
import { contradictionsIn, type Novelty } from '../../corroborate/contradictions.js';
import type { TimelineEntry } from '../../corroborate/timeline.js';
import type { DocumentLink } from '../../corroborate/syndication.js';
import type { ClusterDetail, ClusterMember, ClusterQuery, ClusterSummary, TimelineQuery } from '../../corroborate/records.js';
import type { Page } from '../types.js';
import { clusterMembers, linkRecord, SyncView, type LinkRow } from './corroboration.js';
import { Params } from './rows.js';

type Db = Pick<pg.Pool, 'query'>;

interface ClusterRow {
  id: string; canonical: string; canonical_text: string; members: number; documents: number; roots: number; modality: ClusterSummary['modality'];
  first_doc: string; first_published: string | null; latest_doc: string; latest_published: string | null; contested: boolean;
}

function clusterSummary(r: ClusterRow): ClusterSummary {
  return {
    id: r.id, canonical: { statement: r.canonical, documentId: r.canonical.split('#')[0], text: r.canonical_text },
    members: r.members, documents: r.documents, roots: r.roots, modality: r.modality,
    first: { documentId: r.first_doc, published: r.first_published }, latest: { documentId: r.latest_doc, published: r.latest_published },
    contested: r.contested,
  };
}

export async function listClusters(db: Db, q: ClusterQuery = {}): Promise<Page<ClusterSummary>> {
  const limit = Math.max(1, Math.min(q.limit ?? 50, 1000));
  const offset = q.offset ?? 0;
  const p = new Params();
  const conditions = [`c.roots >= ${p.add(q.minSources ?? 0)}`, `c.members >= ${p.add(q.minMembers ?? 1)}`];
  if (q.entity) {
    conditions.push(`c.id IN (SELECT s.cluster_id FROM corr_statement_entities e JOIN corr_statements s ON s.key = e.statement WHERE e.entity_id = ${p.add(q.entity)})`);
  }
  const where = `WHERE ${conditions.join(' AND ')}`;
  const total = (await db.query(`SELECT COUNT(*)::int AS n FROM corr_clusters c ${where}`, p.values)).rows[0].n as number;
  const rows = (await db.query<ClusterRow>(`SELECT * FROM corr_clusters c ${where} ORDER BY c.roots DESC, c.members DESC, c.id
    LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values)).rows;
  return { items: rows.map(clusterSummary), total, limit, offset };
}

function memberRecord(s: Statement): ClusterMember {
  return {
    statement: s.key, documentId: s.documentId, kind: s.kind, start: s.start, end: s.end, text: s.text, modality: s.modality,
    negated: s.negated, eventType: s.eventType, entities: s.entities, attribution: s.attribution, outlet: s.outlet, published: s.published,
  };
}

/** A cluster by id, or by the key of one of its statements (`DOC#c3`). */
export async function getCluster(db: Db, idOrStatement: string): Promise<ClusterDetail | null> {
  const row = (await db.query<ClusterRow>(`SELECT * FROM corr_clusters WHERE id = $1
    UNION ALL SELECT c.* FROM corr_statements s JOIN corr_clusters c ON c.id = s.cluster_id WHERE s.key = $1 LIMIT 1`, [idOrStatement])).rows[0];
  if (!row) return null;
  const members = (await clusterMembers(db as pg.PoolClient, row.id)).sort((a, b) => a.documentId.localeCompare(b.documentId) || a.start - b.start);
  const view = new SyncView(db as pg.PoolClient);
  const ctx = view.provenance();
  return {
    ...clusterSummary(row),
    memberList: members.map(memberRecord),
    provenance: await view.run(() => provenanceOf(members, ctx)),
    contradictions: contradictionsIn(members),
  };
}

export async function timeline(db: Db, q: TimelineQuery = {}): Promise<Page<TimelineEntry>> {
  const limit = Math.max(1, Math.min(q.limit ?? 1000, 10000));
  const offset = q.offset ?? 0;
  const p = new Params();
  const conditions: string[] = [];
  if (q.entity) conditions.push(`d.statement IN (SELECT statement FROM corr_statement_entities WHERE entity_id = ${p.add(q.entity)})`);
  if (q.from) conditions.push(`d.sort_key >= ${p.add(q.from)}`);
  // "to" 2023 includes 2023-12-31: compare with the bound padded past any finer date in that period.
  if (q.to) conditions.push(`d.sort_key <= ${p.add(`${q.to}\uffff`)}`);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const total = (await db.query(`SELECT COUNT(*)::int AS n FROM corr_dates d ${where}`, p.values)).rows[0].n as number;
  const rows = (await db.query(`SELECT d.value, d.granularity, d.text AS date_text, s.statement_json, s.cluster_id FROM corr_dates d
    JOIN corr_statements s ON s.key = d.statement ${where}
    ORDER BY d.sort_key, CASE d.granularity WHEN 'century' THEN 0 WHEN 'decade' THEN 1 WHEN 'year' THEN 2 WHEN 'season' THEN 3 WHEN 'month' THEN 4 WHEN 'week' THEN 5 ELSE 6 END,
      s.doc_id, s.key, d.text LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values)).rows;
  const items = rows.map((r): TimelineEntry => {
    const s = r.statement_json as Statement;
    return {
      date: r.value, granularity: r.granularity, dateText: r.date_text, statement: s.key, kind: s.kind, eventType: s.eventType, text: s.text,
      documentId: s.documentId, outlet: s.outlet, published: s.published, cluster: r.cluster_id, entities: s.entities,
    };
  });
  return { items, total, limit, offset };
}

/** Derivations a document takes part in: what it derives from, and what derives from it. */
export async function documentLinks(db: Db, docId: string): Promise<DocumentLink[]> {
  return (await db.query<LinkRow>('SELECT * FROM corr_links WHERE doc_id = $1 OR origin_id = $1 ORDER BY doc_id, origin_id', [docId])).rows.map(linkRecord);
}

/** What each statement of a document added when it arrived. */
export async function documentNovelty(db: Db, docId: string): Promise<Novelty[]> {
  return (await db.query('SELECT novelty_json FROM corr_statements WHERE doc_id = $1 ORDER BY span_start, key', [docId])).rows.map((r) => {
    const { match: _match, ...n } = r.novelty_json as Novelty & { match: unknown };
    return n;
  });
}
