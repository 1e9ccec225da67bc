// PostgreSQL connections for the store and the queue: a pool confined to one schema (search_path),
// versioned migrations under an advisory lock, and transactions retried on races.
import pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { REPO_ROOT } from '../../paths.js';
import { DossierError } from '../../errors.js';

// With no user in the URL and none in PGUSER, pg falls back to $USER, which services and containers
// often lack; libpq (psql) uses the name of the user running the process, and so do we. A process
// whose uid has no name (some containers) keeps pg's default.
try {
  pg.defaults.user ??= userInfo().username;
} catch {
  // no passwd entry for this uid
}

export const PG_MIGRATIONS_DIR = join(REPO_ROOT, 'src', 'store', 'postgres', 'migrations');
export const DEFAULT_SCHEMA = 'dossier';
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface PostgresOptions {
  /** The schema holding Dossier's tables; from `?schema=` in the URL, else 'dossier'. */
  schema?: string;
  /** Largest number of pooled connections. */
  maxConnections?: number;
  /** Shown in pg_stat_activity: which process holds a connection. */
  applicationName?: string;
}

export interface PostgresTarget {
  connectionString: string;
  schema: string;
}

/** Splits a postgres:// URL into the connection string pg understands and the schema to use. The
 *  URL is read as pg reads it (pg-connection-string), not as a WHATWG URL, so the forms for a Unix
 *  socket work too: `postgres://user@/db?host=/var/run/postgresql`, `postgres://%2Fvar%2Frun%2Fpostgresql/db`. */
export function parsePostgresUrl(url: string, schema?: string): PostgresTarget {
  if (!/^postgres(?:ql)?:\/\//i.test(url)) throw new DossierError('INVALID', 'not a postgres:// URL', redact(url));
  const at = url.indexOf('?');
  const params = new URLSearchParams(at >= 0 ? url.slice(at + 1) : '');
  const fromUrl = params.get('schema');
  params.delete('schema');
  const query = params.toString();
  const connectionString = (at >= 0 ? url.slice(0, at) : url) + (query ? `?${query}` : '');
  try {
    parseConnectionString(connectionString);
  } catch (err) {
    throw new DossierError('INVALID', `not a valid postgres:// URL: ${(err as Error).message}`, redact(url));
  }
  const name = schema ?? fromUrl ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(name)) throw new DossierError('INVALID', `schema name must be letters, digits and _: ${name}`, redact(url));
  return { connectionString, schema: name };
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A pool whose every connection works inside `schema` (created when missing). */
export async function openPool(url: string, opts: PostgresOptions = {}): Promise<{ pool: pg.Pool; schema: string; config: pg.ClientConfig }> {
  const { connectionString, schema } = parsePostgresUrl(url, opts.schema);
  const config: pg.ClientConfig = {
    connectionString,
    application_name: opts.applicationName ?? 'dossier',
    // No JIT: our statements are short lookups and writes, and the planner's cost estimate for a
    // few of them (alert hits over entity_names) crossed the JIT threshold, which then spent ~20 ms
    // compiling a query that runs in well under one.
    options: `-c search_path=${quoteIdent(schema)} -c jit=off`,
  };
  const pool = new pg.Pool({ ...config, max: opts.maxConnections ?? 10 });
  // An idle client losing its server (restart, kill) must not crash the process.
  pool.on('error', () => {});
  pool.on('connect', preparing);
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } catch (err) {
    await pool.end();
    if ((err as { code?: string }).code === '23505') {
      // Two processes created the schema at the same moment; the other one won, which is fine.
      return openPool(url, opts);
    }
    throw new DossierError('STORE', `cannot open PostgreSQL store: ${(err as Error).message}`, redact(url));
  }
  return { pool, schema, config };
}

/** Distinct statement texts named (and so prepared on each connection that runs them) at most. */
const MAX_PREPARED = 400;
const preparedNames = new Map<string, string>();

/** The name a parameterised statement is prepared under, while fewer than MAX_PREPARED are named. */
function preparedName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED) {
    preparedNames.set(text, (name = `dossier_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  }
  return name;
}

/** Makes a pooled connection run each parameterised statement as a named prepared statement, so
 *  the server parses and plans it once per connection instead of on every call: a save and a
 *  corroboration batch run the same few dozen statements for every document. */
function preparing(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' && Array.isArray(values) && values.length ? preparedName(text) : undefined;
    return name ? query({ name, text, values }, ...rest) : query(text, values, ...rest);
  };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** A signed 64-bit advisory-lock key for a string (stable across processes and machines). */
export function lockKey(text: string): bigint {
  return createHash('sha256').update(text).digest().readBigInt64BE(0);
}

/** Applies every migration newer than the schema's version, one transaction each, while holding an
 *  advisory lock so that workers starting together migrate once. Returns the versions applied. */
export async function migrate(pool: pg.Pool, schema: string, dir = PG_MIGRATIONS_DIR): Promise<number[]> {
  const client = await pool.connect();
  const key = lockKey(`dossier:migrate:${schema}`).toString();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const file of readdirSync(dir).filter((f) => /^\d+_.*\.sql$/.test(f)).sort()) {
      const version = Number.parseInt(file, 10);
      if (done.has(version)) continue;
      const sql = readFileSync(join(dir, file), 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, file]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new DossierError('STORE', `migration ${file} failed: ${(err as Error).message}`);
      }
      applied.push(version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => {});
    client.release();
  }
  return applied;
}

/** SQLSTATEs after which the whole transaction can simply run again. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

/** Advisory locks a transaction takes as it begins (see `lockAll`). */
export interface BeginLocks {
  schema: string;
  keys: Iterable<string>;
}

/** Runs `fn` in a transaction, retrying on serialization failures, deadlocks and unique-key races
 *  (another worker created the same row first; the retry sees it). `locks` are taken with the
 *  BEGIN, in the same round trip. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, attempts = 5, locks?: BeginLocks): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      const ids = locks ? lockIds(locks.schema, locks.keys) : [];
      // The keys are numbers made here, so they can stand in the text of a simple query, which may
      // hold two statements (a parameterised one may not).
      await client.query(ids.length ? `BEGIN; SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest('{${ids.join(',')}}'::bigint[]) AS k ORDER BY k OFFSET 0) s` : 'BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      const code = (err as { code?: string }).code;
      if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    } finally {
      client.release();
    }
  }
}

/** The advisory-lock key of `key` within a schema (advisory locks are database-wide). */
export const schemaLockKey = (schema: string, key: string): bigint => lockKey(`${schema}\u0000${key}`);

/** The advisory-lock keys of `keys` within a schema, distinct and sorted. */
function lockIds(schema: string, keys: Iterable<string>): bigint[] {
  return [...new Set([...keys].map((k) => schemaLockKey(schema, k)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Takes transaction-scoped advisory locks on `keys` within a schema (advisory locks are
 *  database-wide: stores in other schemas must not wait on ours), always in the same (sorted)
 *  order so two transactions wanting overlapping keys cannot deadlock. */
export async function lockAll(client: pg.PoolClient, schema: string, keys: Iterable<string>): Promise<void> {
  const ids = lockIds(schema, keys);
  if (!ids.length) return;
  // OFFSET 0 keeps the sorted subquery from being flattened: the locks are taken in its order.
  await client.query('SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest($1::bigint[]) AS k ORDER BY k OFFSET 0) s',
    [ids.map(String)]);
}
