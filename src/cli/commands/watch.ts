// `dossier watch FOLDER|URL` (poll and enqueue new items, report alerts) and `dossier alerts`
// (watch entities: new claims about them are recorded and optionally POSTed to a webhook).
import type { Command } from 'commander';
import { openStore, storeLocation } from '../../store/open.js';
import type { Store } from '../../store/types.js';
import { PostgresStore } from '../../store/postgres/postgres-store.js';
import { queueOf } from '../../queue/queue.js';
import { Watcher } from '../../queue/watch.js';
import { deliverAlerts } from '../../queue/alerts.js';
import { assertFetchable } from '../../queue/net-guard.js';
import { DossierError } from '../../errors.js';
import { printFailure, printJson, printTable } from '../io.js';
import { sleep } from '../../queue/sleep.js';

function postgres(store: Store): PostgresStore {
  if (!(store instanceof PostgresStore)) throw new DossierError('UNSUPPORTED', 'alerts and watching need a PostgreSQL store (--db postgres://… or DOSSIER_DB)');
  return store;
}

export function watchCommand(program: Command): void {
  program
    .command('watch')
    .description('poll a folder or a feed URL and enqueue new or changed articles for the workers; print new alerts')
    .argument('<target>', 'a folder, or an http(s) URL of a feed or page')
    .option('--db <url>', 'postgres:// URL (default $DOSSIER_DB)')
    .option('--interval <seconds>', 'seconds between polls', (v) => Number.parseFloat(v), 60)
    .option('--once', 'poll once and exit')
    .option('--allow-private', 'allow URLs (and alert webhooks) on private, loopback or link-local addresses')
    .option('--max-bytes <n>', 'largest input accepted, in bytes', (v) => Number.parseInt(v, 10))
    .action(async (target: string, opts: { db?: string; interval: number; once?: boolean; allowPrivate?: boolean; maxBytes?: number }) => {
      const store = postgres(await openStore(storeLocation(opts.db)));
      const stop = new AbortController();
      process.on('SIGINT', () => stop.abort());
      process.on('SIGTERM', () => stop.abort());
      try {
        const watcher = new Watcher(queueOf(store), target, { allowPrivate: opts.allowPrivate, maxBytes: opts.maxBytes });
        let lastHit = (await store.alertHits({ limit: 1 }))[0]?.id ?? 0;
        while (!stop.signal.aborted) {
          try {
            const r = await watcher.poll();
            r.failures.forEach(printFailure);
            if (r.read) console.log(`${new Date().toISOString()} ${target}: ${r.read} read, ${r.queued} queued`);
          } catch (err) {
            printFailure(err); // a feed that is down now may be back at the next poll
            if (opts.once) process.exitCode = 1;
          }
          const hits = (await store.alertHits({ limit: 1000 })).filter((h) => h.id > lastHit).reverse();
          for (const h of hits) console.log(`alert: ${h.entityName} (${h.watched}) in ${h.documentId}: ${h.claim}`);
          lastHit = hits.at(-1)?.id ?? lastHit;
          await deliverAlerts(store, { allowPrivate: opts.allowPrivate }).catch(printFailure);
          if (opts.once) break;
          await sleep(opts.interval * 1000, stop.signal);
        }
      } finally {
        await store.close();
      }
    });
}

export function alertsCommand(program: Command): void {
  const alerts = program.command('alerts').description('alerts on watched entities (PostgreSQL store)');
  alerts
    .command('add')
    .description('watch an entity (a name or corpus id): each new claim about it raises an alert')
    .argument('<entity>', 'entity name or corpus id')
    .option('--webhook <url>', 'POST each alert as JSON to this URL')
    .option('--db <url>', 'postgres:// URL (default $DOSSIER_DB)')
    .action(async (entity: string, opts: { webhook?: string; db?: string }) => {
      if (opts.webhook) await assertFetchable(opts.webhook, true); // http(s) only; the address is checked when posting
      const store = postgres(await openStore(storeLocation(opts.db)));
      try {
        const a = await store.addAlert(entity, opts.webhook ?? null);
        console.log(`alert ${a.id}: watching ${a.entity}${a.webhook ? ` → ${a.webhook}` : ''}`);
      } finally {
        await store.close();
      }
    });
  alerts
    .command('list')
    .description('the watched entities, with their alerts so far')
    .option('--hits', 'list the alerts raised (newest first) instead')
    .option('--limit <n>', 'how many alerts with --hits', (v) => Number.parseInt(v, 10), 50)
    .option('--json', 'print JSON')
    .option('--db <url>', 'postgres:// URL (default $DOSSIER_DB)')
    .action(async (opts: { hits?: boolean; limit: number; json?: boolean; db?: string }) => {
      const store = postgres(await openStore(storeLocation(opts.db)));
      try {
        if (opts.hits) {
          const hits = await store.alertHits({ limit: opts.limit });
          if (opts.json) printJson(hits);
          else printTable(['id', 'watched', 'entity', 'document', 'delivered', 'claim'],
            hits.map((h) => [h.id, h.watched, h.entityName, h.documentId, h.webhook ? (h.deliveredAt ? 'yes' : h.deliveryError ?? 'pending') : '', h.claim]));
          return;
        }
        const list = await store.listAlerts();
        if (opts.json) printJson(list);
        else printTable(['id', 'entity', 'alerts', 'undelivered', 'webhook'], list.map((a) => [a.id, a.entity, a.hits, a.undelivered, a.webhook]));
      } finally {
        await store.close();
      }
    });
  alerts
    .command('remove')
    .description('stop watching (by alert id)')
    .argument('<id>', 'alert id from `dossier alerts list`')
    .option('--db <url>', 'postgres:// URL (default $DOSSIER_DB)')
    .action(async (id: string, opts: { db?: string }) => {
      const store = postgres(await openStore(storeLocation(opts.db)));
      try {
        if (!(await store.removeAlert(Number.parseInt(id, 10)))) throw new DossierError('NOT_FOUND', `no alert ${id}`);
        console.log(`alert ${id} removed`);
      } finally {
        await store.close();
      }
    });
}
