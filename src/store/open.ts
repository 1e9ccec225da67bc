// Opens the store a user names: a file path (SQLite, the default ./dossier.db) or postgres://… URL.
import type { Store } from './types.js';
import { DossierError } from '../errors.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { PostgresStore } from './postgres/postgres-store.js';

export const DEFAULT_DB = 'dossier.db';

/** The store location from --db, else DOSSIER_DB, else ./dossier.db. */
export function storeLocation(db?: string): string {
  return db ?? process.env.DOSSIER_DB ?? DEFAULT_DB;
}

export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) return PostgresStore.open(location);
  return new SqliteStore(location);
}
