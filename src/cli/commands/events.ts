// `dossier events`: the events of the corpus as a table, JSON, or a GDELT/POLECAT-like CSV.
import type { Command } from 'commander';
import { openStore, storeLocation } from '../../store/open.js';
import { eventsToCsv } from '../../extract/events-csv.js';
import { DossierError } from '../../errors.js';
import { printJson, printTable } from '../io.js';

export function eventsCommand(program: Command): void {
  program
    .command('events')
    .description('events (PLOVER): who did what to whom, where, when')
    .option('--entity <name>', 'only events with this entity as actor, target or location')
    .option('--type <type>', 'only this PLOVER type')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 1000)
    .option('--db <path>', 'store location')
    .action(async (opts: { entity?: string; type?: string; format: string; limit: number; db?: string }) => {
      const store = await openStore(storeLocation(opts.db));
      try {
        let entity: string | undefined;
        if (opts.entity) {
          const found = await store.findEntity(opts.entity);
          if (!found) throw new DossierError('NOT_FOUND', `no entity named "${opts.entity}"`);
          entity = found.id;
        }
        const page = await store.listEvents({ entity, type: opts.type?.toUpperCase(), limit: opts.limit });
        if (opts.format === 'json') return printJson(page);
        if (opts.format === 'csv') {
          process.stdout.write(eventsToCsv(page.items.map((e) => ({ ...e, documentId: e.documentId }))));
          return;
        }
        printTable(['DATE', 'TYPE', 'ACTOR', 'TARGET', 'WHERE', 'DOCUMENT'], page.items.map((e) => [
          e.date ?? e.published, `${e.type}${e.mode ? `/${e.mode}` : ''}`, e.actorName, e.targetName, e.locationName, e.documentId,
        ]));
      } finally {
        await store.close();
      }
    });
}
