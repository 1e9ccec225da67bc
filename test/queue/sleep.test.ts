// A worker's idle wait: it ends on time or at once on abort, and leaves nothing on the signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { sleep } from '../../src/queue/sleep.js';

test('sleep: many waits under one signal leave no listener behind, and an abort ends a wait at once', async () => {
  const stop = new AbortController();
  for (let i = 0; i < 20; i++) await sleep(1, stop.signal);
  assert.equal(getEventListeners(stop.signal, 'abort').length, 0);
  const started = performance.now();
  const waiting = sleep(60_000, stop.signal);
  stop.abort();
  await waiting;
  assert.ok(performance.now() - started < 1000);
});
