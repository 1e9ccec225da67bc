// Cross-document entity resolution on PostgreSQL. Resolution (src/store/corpus-resolution.ts) is
// synchronous, so the candidates a document can meet are read up front, under advisory locks on its
// blocking keys and id stems, and the new rows are written after: concurrent workers cannot both
// create the same corpus entity.
import type pg from 'pg';
import type { Entity, EntityType } from '../../schema/analysis.js';
import { identityKeys } from '../../resolve/corpus.js';
import { foldForLookup, resolveCorpusEntities, type CorpusCandidate, type CorpusIndex } from '../corpus-resolution.js';
import { lockAll } from './connection.js';

/** The stem of a new corpus id, as corpus-resolution builds it: `type:slug`. */
function idStem(e: Entity): string {
  return `${e.type.toLowerCase()}:${foldForLookup(e.name).replace(/ /g, '-').slice(0, 60) || 'unnamed'}`;
}

/** An in-memory CorpusIndex over the rows read for one document; it records what to write. */
class PreloadedIndex implements CorpusIndex {
  readonly byKey = new Map<string, Set<string>>();
  readonly entities = new Map<string, CorpusCandidate>();
  readonly ids = new Set<string>();
  readonly created: CorpusCandidate[] = [];
  readonly updated = new Map<string, { name: string; kb: string | null }>();
  readonly names: [string, string, string][] = [];
  readonly keys: [string, string][] = [];

  candidates(keys: string[]): CorpusCandidate[] {
    const ids = new Set<string>();
    for (const key of keys) for (const id of this.byKey.get(key) ?? []) ids.add(id);
    return [...ids].sort().map((id) => {
      const c = this.entities.get(id)!;
      return { ...c, aliases: [...c.aliases].sort() };
    });
  }

  exists(id: string): boolean {
    return this.ids.has(id);
  }

  create(e: { id: string; name: string; type: EntityType; kb: string | null }): void {
    const c: CorpusCandidate = { ...e, aliases: [] };
    this.entities.set(e.id, c);
    this.ids.add(e.id);
    this.created.push(c);
  }

  addNames(id: string, names: [name: string, folded: string][]): void {
    const c = this.entities.get(id)!;
    for (const [name, folded] of names) {
      if (c.aliases.includes(name)) continue;
      c.aliases.push(name);
      this.names.push([id, name, folded]);
    }
  }

  addKeys(id: string, keys: string[]): void {
    for (const key of keys) {
      const set = this.byKey.get(key) ?? new Set<string>();
      if (set.has(id)) continue;
      set.add(id);
      this.byKey.set(key, set);
      this.keys.push([key, id]);
    }
  }

  update(id: string, name: string, kb: string | null): void {
    const c = this.entities.get(id)!;
    c.name = name;
    c.kb = c.kb ?? kb;
    this.updated.set(id, { name, kb });
  }
}

/** Resolves a document's entities against the corpus inside the caller's transaction; returns
 *  local entity id → corpus entity id. */
export async function resolveInPostgres(client: pg.PoolClient, schema: string, entities: Entity[]): Promise<Record<string, string>> {
  if (!entities.length) return {};
  const keys = [...new Set(entities.flatMap((e) => identityKeys(e)))].sort();
  const stems = [...new Set(entities.map(idStem))].sort();
  await lockAll(client, schema, [...keys.map((k) => `dossier:key:${k}`), ...stems.map((s) => `dossier:stem:${s}`)]);

  // The corpus entities holding one of the keys, then (key null) the ids starting with one of the
  // stems, as a range over the primary key per stem (LIKE ANY would scan the table): one round trip.
  // The keys are looked up one by one behind OFFSET 0 fences: a prepared statement's generic plan
  // guesses hundreds of rows for `key = ANY($1)` and then scanned whole tables on every save (the
  // entities, then the keys), a cost that grew with the corpus.
  const index = new PreloadedIndex();
  const rows = await client.query<{ key: string | null; id: string; name: string; type: EntityType; kb: string | null; aliases: string[] }>(
    `SELECT q.key, e.id, e.name, e.type, e.kb, e.aliases FROM unnest($1::text[]) AS q(key)
      CROSS JOIN LATERAL (SELECT entity_id FROM entity_keys WHERE key = q.key OFFSET 0) k
      CROSS JOIN LATERAL (SELECT e.id, e.name, e.type, e.kb,
          ARRAY(SELECT n.name FROM entity_names n WHERE n.entity_id = e.id ORDER BY n.name) AS aliases
        FROM entities e WHERE e.id = k.entity_id OFFSET 0) e
    UNION ALL
    SELECT NULL, e.id, NULL, NULL, NULL, NULL FROM unnest($2::text[]) AS s(stem)
      JOIN LATERAL (SELECT id FROM entities WHERE id >= s.stem AND id < s.stem || chr(1114111) AND starts_with(id, s.stem)) e ON true`, [keys, stems]);
  for (const r of rows.rows) {
    index.ids.add(r.id);
    if (r.key === null) continue;
    if (!index.entities.has(r.id)) index.entities.set(r.id, { id: r.id, name: r.name, type: r.type, kb: r.kb, aliases: r.aliases });
    const set = index.byKey.get(r.key) ?? new Set<string>();
    set.add(r.id);
    index.byKey.set(r.key, set);
  }

  const ids = resolveCorpusEntities(entities, index);
  await writeIndex(client, index);
  return ids;
}

/** Writes what resolution created and changed in one statement (new entities, renamed ones, their
 *  names and keys). An entity both created and renamed here is inserted with its final name, which
 *  the update (not seeing rows this statement inserts) leaves alone. */
async function writeIndex(client: pg.PoolClient, index: PreloadedIndex): Promise<void> {
  if (!index.created.length && !index.updated.size && !index.names.length && !index.keys.length) return;
  const updated = [...index.updated];
  await client.query(`WITH
    created AS (INSERT INTO entities (id, name, type, kb) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])),
    renamed AS (UPDATE entities e SET name = u.name, kb = COALESCE(e.kb, u.kb)
      FROM unnest($5::text[], $6::text[], $7::text[]) AS u(id, name, kb) WHERE e.id = u.id),
    named AS (INSERT INTO entity_names (entity_id, name, folded) SELECT * FROM unnest($8::text[], $9::text[], $10::text[]) ON CONFLICT DO NOTHING)
    INSERT INTO entity_keys (key, entity_id) SELECT * FROM unnest($11::text[], $12::text[]) ON CONFLICT DO NOTHING`, [
    index.created.map((c) => c.id), index.created.map((c) => c.name), index.created.map((c) => c.type), index.created.map((c) => c.kb),
    updated.map(([id]) => id), updated.map(([, u]) => u.name), updated.map(([, u]) => u.kb),
    index.names.map((n) => n[0]), index.names.map((n) => n[1]), index.names.map((n) => n[2]),
    index.keys.map((k) => k[0]), index.keys.map((k) => k[1]),
  ]);
}
