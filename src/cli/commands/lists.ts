// `dossier lists update PATH...` and `dossier screen NAME`: watch lists in the store, and screening.
import type { Command } from 'commander';
import { loadLists } from '../../screen/lists.js';
import { Screener } from '../../screen/matcher.js';
import { EntityType } from '../../schema/analysis.js';
import { openStore, storeLocation } from '../../store/open.js';
import { DossierError } from '../../errors.js';
import { printFailure, printJson } from '../io.js';

export function listsCommand(program: Command): void {
  const lists = program.command('lists').description('sanctions and watch lists in the store');
  lists
    .command('update')
    .description('load list files or folders (OFAC SDN/alias CSV, UN XML, CSV or FollowTheMoney watch lists) into the store')
    .argument('<paths...>', 'list files or folders')
    .option('--db <path>', 'store location')
    .action(async (paths: string[], opts: { db?: string }) => {
      const loaded = loadLists(paths);
      loaded.errors.forEach(printFailure);
      const store = await openStore(storeLocation(opts.db));
      try {
        const n = await store.replaceLists(loaded.entries);
        const byList = new Map<string, number>();
        for (const e of loaded.entries) byList.set(e.list, (byList.get(e.list) ?? 0) + 1);
        for (const [list, count] of [...byList].sort()) console.log(`${list}: ${count} entries`);
        console.log(`${n} entries stored; re-ingest or re-analyse to screen existing documents`);
      } finally {
        await store.close();
      }
      if (loaded.errors.length) process.exitCode = 1;
    });
  lists
    .command('show')
    .description('how many entries each stored list has')
    .option('--db <path>', 'store location')
    .action(async (opts: { db?: string }) => {
      const store = await openStore(storeLocation(opts.db));
      try {
        const byList = new Map<string, number>();
        for (const e of await store.loadLists()) byList.set(e.list, (byList.get(e.list) ?? 0) + 1);
        for (const [list, count] of [...byList].sort()) console.log(`${list}: ${count} entries`);
        if (!byList.size) console.log('no lists loaded; use `dossier lists update PATH`');
      } finally {
        await store.close();
      }
    });
}

export function screenCommand(program: Command): void {
  program
    .command('screen')
    .description('screen one name against the stored lists (or --lists files), with explained scores')
    .argument('<name>', 'the name to screen')
    .option('--type <type>', 'PERSON, ORG or PRODUCT')
    .option('--lists <paths...>', 'screen against these files instead of the store')
    .option('--json', 'print JSON')
    .option('--db <path>', 'store location')
    .action(async (name: string, opts: { type?: string; lists?: string[]; json?: boolean; db?: string }) => {
      let entries;
      if (opts.lists) {
        const loaded = loadLists(opts.lists);
        loaded.errors.forEach(printFailure);
        entries = loaded.entries;
      } else {
        const store = await openStore(storeLocation(opts.db));
        try {
          entries = await store.loadLists();
        } finally {
          await store.close();
        }
      }
      if (!entries.length) throw new DossierError('NOT_FOUND', 'no lists to screen against; run `dossier lists update PATH` or pass --lists');
      const type = opts.type ? EntityType.parse(opts.type.toUpperCase()) : undefined;
      const hits = new Screener(entries).screen(name, { type });
      if (opts.json) return printJson(hits.map((h) => ({ ...h, entry: { list: h.entry.list, id: h.entry.id, name: h.entry.name, programmes: h.entry.programmes } })));
      if (!hits.length) console.log(`no hit for "${name}"`);
      for (const h of hits) {
        console.log(`${h.score.toFixed(2)}  ${h.entry.list} ${h.entry.id}  ${h.entry.name}  [${h.entry.programmes.join(', ')}]`);
        console.log(`      ${h.explanation}`);
      }
    });
}
