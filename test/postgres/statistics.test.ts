// Planner statistics of a fast-growing store: a table is analysed once it has a few hundred rows
// and again whenever it doubles, so prepared statements are planned again for its size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { ANALYSE_MIN_ROWS, refreshStatistics, tablesToAnalyse } from '../../src/store/postgres/statistics.js';
import { openTestStore, PG_URL } from './helpers.js';

test('statistics: tables are analysed from a few hundred rows on, and again when they have doubled', () => {
  const table = (relname: string, analysed: number, live: number, changed: number) => ({ relname, analysed, live, changed });
  assert.deepEqual(tablesToAnalyse([
    table('never_analysed', -1, ANALYSE_MIN_ROWS, ANALYSE_MIN_ROWS),
    table('small', -1, ANALYSE_MIN_ROWS - 1, ANALYSE_MIN_ROWS - 1),
    table('grown_half', 1000, 1500, 500),
    table('doubled', 1000, 2000, 1000),
    table('churned', 1000, 1000, 1200),
  ]), ['churned', 'doubled', 'never_analysed']);
});

/** Adds rows to corr_df on a connection of its own and makes that backend report them at once. */
async function addFrequencies(schema: string, from: number, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`INSERT INTO "${schema}".corr_df (key, n) SELECT 't:w' || g, 1 FROM generate_series($1::int, $2::int) g`, [from, from + count - 1]);
    await client.query('SELECT pg_stat_force_next_flush()');
  } finally {
    await client.end();
  }
}

/** Polls until the statistics collector has counted `rows` live rows in the table. */
async function counted(pool: pg.Pool, schema: string, table: string, rows: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = (await pool.query('SELECT n_live_tup::int AS n FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2', [schema, table])).rows[0];
    if (r?.n >= rows) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  assert.fail(`the statistics collector never counted ${rows} rows in ${table}`);
}

const reltuples = async (pool: pg.Pool, schema: string, table: string) =>
  (await pool.query(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = $1::regclass`, [`"${schema}".${table}`])).rows[0].n as number;

test('postgres: a growing table is analysed when it passes the minimum and when it doubles, not in between', async () => {
  const { store, schema, dispose } = await openTestStore('stats');
  try {
    assert.deepEqual(await refreshStatistics(store.pool, schema), [], 'an empty store has nothing to analyse');
    await addFrequencies(schema, 1, ANALYSE_MIN_ROWS);
    await counted(store.pool, schema, 'corr_df', ANALYSE_MIN_ROWS);
    assert.deepEqual(await refreshStatistics(store.pool, schema), ['corr_df']);
    assert.equal(await reltuples(store.pool, schema, 'corr_df'), ANALYSE_MIN_ROWS, 'the planner now knows its size');

    await addFrequencies(schema, ANALYSE_MIN_ROWS + 1, ANALYSE_MIN_ROWS / 2);
    await counted(store.pool, schema, 'corr_df', ANALYSE_MIN_ROWS * 1.5);
    assert.deepEqual(await refreshStatistics(store.pool, schema), [], 'half as many again is not enough');

    await addFrequencies(schema, ANALYSE_MIN_ROWS * 1.5 + 1, ANALYSE_MIN_ROWS / 2);
    await counted(store.pool, schema, 'corr_df', ANALYSE_MIN_ROWS * 2);
    assert.deepEqual(await refreshStatistics(store.pool, schema), ['corr_df']);
    assert.equal(await reltuples(store.pool, schema, 'corr_df'), ANALYSE_MIN_ROWS * 2);
  } finally {
    await dispose();
  }
});
