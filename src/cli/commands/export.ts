// `dossier export` and `dossier import FILE`: a whole store as versioned JSONL on stdout, and back.
import type { Command } from 'commander';
import { once } from 'node:events';
import { openStore, storeLocation } from '../../store/open.js';
import { exportStore, importStore } from '../../store/export.js';

export function exportCommands(program: Command): void {
  program
    .command('export')
    .description('write the whole store (documents with their analyses, lists) as JSONL to stdout')
    .option('--db <path>', 'store: a SQLite file or postgres:// URL (default $DOSSIER_DB or ./dossier.db)')
    .action(async (opts: { db?: string }) => {
      const store = await openStore(storeLocation(opts.db));
      try {
        for await (const line of exportStore(store)) {
          if (!process.stdout.write(`${line}\n`)) await once(process.stdout, 'drain');
        }
      } finally {
        await store.close();
      }
    });
  program
    .command('import')
    .description('load a `dossier export` file into the store, re-analysing nothing (entities and clusters are rebuilt)')
    .argument('<file>', 'a JSONL file written by `dossier export`')
    .option('--db <path>', 'store: a SQLite file or postgres:// URL (default $DOSSIER_DB or ./dossier.db)')
    .action(async (file: string, opts: { db?: string }) => {
      const store = await openStore(storeLocation(opts.db));
      try {
        const r = await importStore(store, file);
        console.log(`${r.documents} documents (${r.inserted} added, ${r.replaced} replaced, ${r.unchanged} unchanged), ${r.listEntries} list entries`);
        for (const { from, to } of r.renamed) console.log(`note: ${from} was stored as ${to} (the id was taken)`);
      } finally {
        await store.close();
      }
    });
}
