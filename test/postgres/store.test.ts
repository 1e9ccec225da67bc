// Runs the Store contract (test/store/contract.ts) against the real PostgreSQL server, each case in
// its own schema, plus what only PostgreSQL promises: concurrent saves and migrations run once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeContract, analysed, entity } from '../store/contract.js';
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { parsePostgresUrl, PG_MIGRATIONS_DIR } from '../../src/store/postgres/connection.js';
import { dropSchema, freshSchema, openTestStore, schemaUrl } from './helpers.js';

storeContract('postgres', openTestStore);

/** The local server's socket (Debian's default directory and port). */
const SOCKET = '/var/run/postgresql/.s.PGSQL.5432';

test('postgres: workers saving documents at the same time create each corpus entity once', async () => {
  const { store, schema, dispose } = await openTestStore();
  // Eight connections of their own, as eight worker processes would have.
  const others = await Promise.all(Array.from({ length: 8 }, () => PostgresStore.open(schemaUrl(schema))));
  try {
    const docs = Array.from({ length: 24 }, (_, i) => {
      const text = `Report ${i}: Mahan Air flew to Caracas. Nicolás Maduro met officials.`;
      return analysed(`doc${i}`, text, [entity('e1', 'Mahan Air', 'ORG', text), entity('e2', 'Nicolás Maduro', 'PERSON', text),
        entity('e3', 'Caracas', 'GPE', text)]);
    });
    await Promise.all(docs.map((d, i) => others[i % others.length].saveDocument(d)));
    const stats = await store.stats();
    assert.equal(stats.documents, 24);
    assert.equal(stats.entities, 3, 'one corpus entity per real-world entity, whatever the interleaving');
    assert.equal((await store.findEntity('Mahan Air'))!.documentCount, 24);
  } finally {
    await Promise.all(others.map((s) => s.close()));
    await dispose();
  }
});

test('postgres: stores opening together migrate the schema once', async () => {
  const schema = freshSchema();
  try {
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(schemaUrl(schema))));
    const versions = await stores[0].pool.query('SELECT version FROM schema_migrations ORDER BY version');
    const files = readdirSync(PG_MIGRATIONS_DIR).filter((f) => /^\d+_.*\.sql$/.test(f)).map((f) => Number.parseInt(f, 10)).sort((a, b) => a - b);
    assert.deepEqual(versions.rows.map((r) => r.version), files);
    await Promise.all(stores.map((s) => s.close()));
  } finally {
    await dropSchema(schema);
  }
});

test('postgres: a schema name that could inject SQL is refused', async () => {
  await assert.rejects(PostgresStore.open(schemaUrl('x"; DROP TABLE documents; --')), /schema name/);
});

test('postgres URLs: read as pg reads them, the schema taken out, credentials kept out of errors', () => {
  assert.deepEqual(parsePostgresUrl('postgres://u:p@db.example:5433/news?schema=feeds&sslmode=require'),
    { connectionString: 'postgres://u:p@db.example:5433/news?sslmode=require', schema: 'feeds' });
  // Unix-socket forms, which a WHATWG URL parser refuses (user and no host) or reads as a host name.
  assert.deepEqual(parsePostgresUrl('postgres://postgres@/test?host=/var/run/postgresql'),
    { connectionString: 'postgres://postgres@/test?host=%2Fvar%2Frun%2Fpostgresql', schema: 'dossier' });
  assert.equal(parsePostgresUrl('postgresql://%2Fvar%2Frun%2Fpostgresql/test?schema=s1').schema, 's1');
  assert.throws(() => parsePostgresUrl('postgres://u:secret@[::1/x'), (err: Error) => /not a valid postgres:\/\/ URL/.test(err.message)
    && !JSON.stringify(err).includes('secret') && !err.message.includes('secret'));
  assert.throws(() => parsePostgresUrl('mysql://u@host/db'), /not a postgres:\/\/ URL/);
});

test('postgres: a store opens through the server\'s Unix socket', { skip: !existsSync(SOCKET) && `no socket at ${SOCKET}` }, async () => {
  const schema = freshSchema('socket');
  const store = await PostgresStore.open(`postgres://postgres@/test?host=${encodeURIComponent(dirname(SOCKET))}&schema=${schema}`);
  try {
    assert.equal((await store.stats()).documents, 0);
    assert.equal((await store.pool.query(`SELECT inet_server_addr() IS NULL AS local`)).rows[0].local, true, 'connected through the socket, not TCP');
  } finally {
    await store.close();
    await dropSchema(schema);
  }
});
