// PostgreSQL test helpers: the local test server (DOSSIER_TEST_PG, else 127.0.0.1:5432/test as
// postgres) and throwaway schemas, one per test store, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';

export const PG_URL = process.env.DOSSIER_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema name for one test. */
export function freshSchema(prefix = 'test'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** The store URL of a schema. */
export function schemaUrl(schema: string): string {
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  return u.toString();
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Opens a store in a new schema; dispose closes it and drops the schema. */
export async function openTestStore(prefix?: string): Promise<{ store: PostgresStore; schema: string; dispose: () => Promise<void> }> {
  const schema = freshSchema(prefix);
  const store = await PostgresStore.open(schemaUrl(schema));
  return {
    store,
    schema,
    dispose: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}
