// Planner statistics for a store whose tables grow fast. Workers run their statements prepared, and
// a prepared statement keeps the generic plan it was given while its tables were small (a
// sequential scan) until the tables are analysed again. Autovacuum analyses only after its naptime
// (a minute by default) and only past 10 % of changes, so a new corpus filled at dozens of articles a
// second was scanned whole on every save for its first minutes (docs/decisions/postgres.md).
import type pg from 'pg';
import { quoteIdent } from './connection.js';

type Db = Pick<pg.Pool, 'query'>;

/** Tables smaller than this are left to autovacuum: a scan of them costs next to nothing. */
export const ANALYSE_MIN_ROWS = 500;

interface TableGrowth { relname: string; analysed: number; live: number; changed: number }

/** The schema's tables that have at least ANALYSE_MIN_ROWS rows and have changed, since they were
 *  last analysed (or ever, if never), by as many rows as they held then: analysing them again
 *  whenever they double keeps the number of analyses logarithmic in the corpus. */
export function tablesToAnalyse(tables: readonly TableGrowth[]): string[] {
  return tables.filter((t) => t.live >= ANALYSE_MIN_ROWS && t.changed >= Math.max(t.analysed, 0)).map((t) => t.relname).sort();
}

/** Analyses the tables of `schema` that have doubled since their last analysis (one query when
 *  none has); returns their names. Analysing invalidates the cached plans that use them, so every
 *  connection plans its prepared statements again with the new sizes. The counts come from the
 *  statistics collector, which backends update about once a second. */
export async function refreshStatistics(db: Db, schema: string): Promise<string[]> {
  const rows = (await db.query<TableGrowth>(`SELECT s.relname, c.reltuples::float8 AS analysed, s.n_live_tup::float8 AS live,
      s.n_mod_since_analyze::float8 AS changed
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.schemaname = $1`, [schema])).rows;
  const tables = tablesToAnalyse(rows);
  if (tables.length) await db.query(`ANALYZE ${tables.map((t) => `${quoteIdent(schema)}.${quoteIdent(t)}`).join(', ')}`);
  return tables;
}
