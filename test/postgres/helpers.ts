// PostgreSQL test helpers: the local test server (DOSSIER_TEST_PG, else 127.0.0.1:5432/test as
// postgres) and throwaway schemas, one per test store, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { REPO_ROOT } from '../../src/paths.js';
import { PostgresStore, type CorroborationBacklog } from '../../src/store/postgres/postgres-store.js';

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

/** This process's node flags (such as `--import tsx`) for a child process, minus the test runner's own. */
export function nodeFlags(): string[] {
  return process.execArgv.filter((f) => !f.startsWith('--test'));
}

/** Runs the `dossier` command (the compiled one when the tests run from dist/, else the sources
 *  under tsx) without blocking this process, so servers in the test keep answering. */
export function runDossier(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const compiled = fileURLToPath(import.meta.url).includes(`${sep}dist${sep}`);
  const entry = compiled ? [join(REPO_ROOT, 'bin', 'dossier.js')] : [...nodeFlags(), join(REPO_ROOT, 'src', 'cli', 'main.ts')];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...entry, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A corroboration backlog without its holder: what waits and what failed. */
export const pending = (b: CorroborationBacklog) => ({ waiting: b.waiting, failed: b.failed });
