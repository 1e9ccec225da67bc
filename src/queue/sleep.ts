// Waits that end early when a signal aborts and leave no listener on the signal: a worker or a
// watcher polls for as long as it runs, and one listener per poll would pile up on its signal.
import { setTimeout as wait } from 'node:timers/promises';

/** Resolves after `ms`, or as soon as `signal` aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await wait(ms, undefined, { signal });
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  }
}
