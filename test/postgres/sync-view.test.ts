// The PostgreSQL corroboration view's frequencies: read once per term into cells the batch keeps,
// counting the document's statements not written yet, and held for the view's life at the value
// first read (as SQLite holds them for a save), also when a rule makes the view fetch a missing one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchState, SyncView } from '../../src/store/postgres/corroboration.js';
import type { Statement } from '../../src/corroborate/statements.js';

/** A database answering corr_df reads from a table, and counting them. */
function frequencyTable(stored: Record<string, number>) {
  const reads: string[][] = [];
  const db = {
    query: async (text: string, values: unknown[]) => {
      assert.match(text, /FROM corr_df/);
      const keys = values[0] as string[];
      reads.push(keys);
      return { rows: keys.filter((k) => k in stored).map((k) => ({ key: k, n: stored[k] })) };
    },
  };
  return { db: db as unknown as ConstructorParameters<typeof SyncView>[0], reads };
}

const statement = (key: string, terms: string[]) => ({ key, terms, entities: [], frames: [] }) as unknown as Statement;

test('postgres view: a frequency is read once, counts unwritten statements, and holds its first value for the view', async () => {
  const { db, reads } = frequencyTable({ 't:drone': 5, 't:base': 2 });
  const state = new BatchState();
  const view = new SyncView(db, state);
  await view.prefetchFrequencies(['t:drone']);
  const stats = view.termStats();
  assert.equal(stats.df('drone'), 5);

  // A statement of this document, clustered and not yet written, counts from now on.
  view.noteUnwritten(statement('d#c1', ['drone', 'base']));
  assert.equal(stats.df('drone'), 5, 'held at the value first read in this view');
  const missing = stats.cells!.cell('base');

  // 'base' was never read: the rule runs again once it is, and 'drone' keeps its first value.
  const values = await view.run(() => [stats.df('drone'), stats.df('base')]);
  assert.deepEqual(values, [5, 3], 'base: 2 stored + 1 unwritten');
  assert.equal(stats.cells!.cell('base'), missing, 'the cell handed out while missing is the one read');
  assert.deepEqual(reads, [['t:drone'], ['t:base']], 'each key read once');

  // The next view (the next document) reads the counts as they now stand, without a query.
  const next = new SyncView(db, state).termStats();
  assert.deepEqual([next.df('drone'), next.df('base')], [6, 3]);
  assert.equal(reads.length, 2);
});
