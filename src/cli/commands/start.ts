// `dossier start` (npm start): the quick start — load the shared watch lists, analyse the demo
// corpus into the store, print a summary.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../../paths.js';
import { loadLists } from '../../screen/lists.js';
import { openStore, storeLocation } from '../../store/open.js';
import { DossierError } from '../../errors.js';
import { printFailure, printTable } from '../io.js';
import { runIngest } from './ingest.js';
import { serveStore } from './serve.js';

export function startCommand(program: Command): void {
  program
    .command('start')
    .description('analyse the demo corpus (../shared/corpus/seeds) into the store and print a summary')
    .argument('[paths...]', 'what to analyse instead of the demo corpus')
    .option('--db <path>', 'store location')
    .option('--no-serve', 'exit after the summary instead of serving the web UI')
    .option('--port <n>', 'port of the web UI (default 4173)', (v) => Number.parseInt(v, 10))
    .action(async (paths: string[], opts: { db?: string; serve: boolean; port?: number }) => {
      const corpus = paths.length ? paths : [join(SHARED_DIR, 'corpus', 'seeds')];
      for (const p of corpus) if (!existsSync(p)) throw new DossierError('NOT_FOUND', 'no such file or folder', p);
      const store = await openStore(storeLocation(opts.db));
      let serving = false;
      try {
        const listsDir = join(SHARED_DIR, 'data', 'sanctions');
        if ((await store.stats()).listEntries === 0 && existsSync(listsDir)) {
          const loaded = loadLists([listsDir]);
          loaded.errors.forEach(printFailure);
          await store.replaceLists(loaded.entries);
          console.log(`Loaded ${loaded.entries.length} watch-list entries from ${listsDir}`);
        }
        const r = await runIngest(store, corpus);
        console.log(`Analysed ${corpus.join(', ')}: ${r.inserted} added, ${r.replaced} replaced, ${r.unchanged} unchanged, ${r.errors} failed`);
        const stats = await store.stats();
        console.log(`Store ${storeLocation(opts.db)}: ${stats.documents} documents, ${stats.entities} entities, ${stats.claims} claims, ${stats.events} events\n`);
        const top = await store.listEntities({ limit: 15 });
        printTable(['ENTITY', 'TYPE', 'MENTIONS', 'DOCS', 'LISTED'], top.items.map((e) => [e.name, e.type, e.mentionCount, e.documentCount, e.sanctioned ? 'yes' : '']));
        console.log('\nNext: npx dossier show "Mahan Air" · npx dossier search gold oil · npx dossier entities --type PERSON');
        if (r.errors) process.exitCode = 1;
        if (opts.serve) {
          console.log('');
          await serveStore(store, { db: storeLocation(opts.db), port: opts.port });
          serving = true;
        }
      } finally {
        if (!serving) await store.close();
      }
    });
}
