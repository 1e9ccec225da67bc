// The server's ingest thread: opens its own connection to the store and analyses and stores each
// upload it is handed, reporting every article's outcome back (see ingest-runner.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open.js';
import { ingestUpload, UploadContext, type FromThread, type ToThread } from './ingest-runner.js';

const { location, overridesPath } = workerData as { location: string; overridesPath: string | null };
const port = parentPort!;
const send = (m: FromThread) => port.postMessage(m);
const opening = openStore(location);
opening.catch(() => {}); // reported to the first upload, below
const context = opening.then((store) => new UploadContext(store, overridesPath));

// Messages are handled one at a time: the server sends the next upload only after `done`.
let chain: Promise<void> = Promise.resolve();
port.on('message', (m: ToThread) => {
  chain = chain.then(async () => {
    let store;
    try {
      store = await opening;
    } catch (err) {
      // Nothing can be done without the store: say why, and end (the server starts a new thread).
      if (m.kind === 'run') send({ kind: 'failed', message: `cannot open the store ${location}: ${(err as Error).message}`, fatal: true });
      port.close();
      return;
    }
    if (m.kind === 'close') {
      await store.close();
      port.close();
      return;
    }
    try {
      const ctx = await (await context).get();
      await ingestUpload(store, m.articles, ctx, (outcome) => send({ kind: 'outcome', outcome }));
      send({ kind: 'done' });
    } catch (err) {
      send({ kind: 'failed', message: (err as Error).message, fatal: false });
    }
  });
});
