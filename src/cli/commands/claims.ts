// `dossier claims`, `dossier sources CLUSTER` and `dossier timeline`: corroboration from the store —
// claim clusters with their independent roots, one cluster's provenance tree, and dated statements.
import type { Command } from 'commander';
import { openStore, storeLocation } from '../../store/open.js';
import type { Store } from '../../store/types.js';
import type { ProvenanceNode } from '../../corroborate/provenance.js';
import type { ClusterDetail } from '../../corroborate/records.js';
import { DossierError } from '../../errors.js';
import { printJson, printTable } from '../io.js';

const int = (v: string) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n < 0) throw new DossierError('INVALID', `not a count: ${v}`);
  return n;
};

const oneLine = (text: string, max = 90) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

async function entityId(store: Store, name?: string): Promise<string | undefined> {
  if (!name) return undefined;
  const found = await store.findEntity(name);
  if (!found) throw new DossierError('NOT_FOUND', `no entity named "${name}"`);
  return found.id;
}

async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(storeLocation(db));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const RELATION: Record<string, string> = {
  credits: 'credits it', derived: 'copies it', inherits: 'credits it elsewhere in the article', own: 'states it as its own',
};

/** The provenance tree as indented text, roots first. */
export function renderTree(detail: ClusterDetail): string[] {
  const lines = [
    `cluster ${detail.id}: ${oneLine(detail.canonical.text, 120)}`,
    `${detail.members} members in ${detail.documents} documents, ${detail.roots} independent root${detail.roots === 1 ? '' : 's'}, mostly ${detail.modality}`,
  ];
  const walk = (node: ProvenanceNode, prefix: string, last: boolean, top: boolean) => {
    const branch = top ? '' : last ? '└─ ' : '├─ ';
    const why = node.relation && !top ? ` (${RELATION[node.relation] ?? node.relation})` : '';
    const cites = node.cites?.length ? ` — citing ${node.cites.join(', ')}` : '';
    lines.push(`${prefix}${branch}${top ? '● ' : ''}${node.label}${top ? ' [root]' : ''}${why}${cites}`);
    const inner = top ? '   ' : prefix + (last ? '   ' : '│  ');
    for (const s of node.statements) lines.push(`${inner}  “${oneLine(s.text)}” [${s.modality}]`);
    node.children.forEach((c, i) => walk(c, inner, i === node.children.length - 1, false));
  };
  for (const root of detail.provenance.tree) walk(root, '', true, true);
  for (const c of detail.contradictions) lines.push(`disagreement (${c.kind}): ${c.detail}`);
  return lines;
}

export function claimsCommand(program: Command): void {
  program
    .command('claims')
    .description('claim clusters: the same proposition across articles, with independent sources')
    .option('--entity <name>', 'only clusters naming this entity')
    .option('--min-sources <n>', 'only clusters with at least this many independent roots', int, 0)
    .option('--min-members <n>', 'only clusters with at least this many members', int, 2)
    .option('--limit <n>', 'how many', int, 50)
    .option('--json', 'print JSON')
    .option('--db <path>', 'store location')
    .action(async (opts: { entity?: string; minSources: number; minMembers: number; limit: number; json?: boolean; db?: string }) => {
      await withStore(opts.db, async (store) => {
        const page = await store.listClusters({
          entity: await entityId(store, opts.entity), minSources: opts.minSources, minMembers: opts.minMembers, limit: opts.limit,
        });
        if (opts.json) return printJson(page);
        printTable(['CLUSTER', 'MEMBERS', 'DOCS', 'ROOTS', 'MODALITY', 'FIRST', 'STATEMENT'], page.items.map((c) => [
          c.id, c.members, c.documents, c.roots, `${c.modality}${c.contested ? ' !' : ''}`, c.first.published ?? c.first.documentId,
          oneLine(c.canonical.text),
        ]));
        if (page.total > page.items.length) console.log(`(${page.items.length} of ${page.total})`);
      });
    });

  program
    .command('sources <cluster>')
    .description('the provenance tree of a claim cluster: who reported it, on whose word')
    .option('--json', 'print JSON')
    .option('--db <path>', 'store location')
    .action(async (cluster: string, opts: { json?: boolean; db?: string }) => {
      await withStore(opts.db, async (store) => {
        const detail = await store.getCluster(cluster);
        if (!detail) throw new DossierError('NOT_FOUND', `no cluster ${cluster}`);
        if (opts.json) return printJson(detail);
        for (const line of renderTree(detail)) console.log(line);
        for (const docId of [...new Set(detail.memberList.map((m) => m.documentId))]) {
          for (const link of await store.documentLinks(docId)) {
            if (link.documentId === docId) console.log(`${docId} derives from ${link.originId} (${link.kind}): ${link.evidence.join('; ')}`);
          }
        }
      });
    });

  program
    .command('timeline')
    .description('dated events and claims in date order, with the article that dates them')
    .option('--entity <name>', 'only statements naming this entity')
    .option('--from <date>', 'from this ISO date')
    .option('--to <date>', 'up to this ISO date')
    .option('--limit <n>', 'how many', int, 1000)
    .option('--json', 'print JSON')
    .option('--db <path>', 'store location')
    .action(async (opts: { entity?: string; from?: string; to?: string; limit: number; json?: boolean; db?: string }) => {
      await withStore(opts.db, async (store) => {
        const page = await store.timeline({ entity: await entityId(store, opts.entity), from: opts.from, to: opts.to, limit: opts.limit });
        if (opts.json) return printJson(page);
        printTable(['DATE', 'GRAIN', 'KIND', 'DOCUMENT', 'STATEMENT'], page.items.map((e) => [
          e.date, e.granularity, e.eventType ?? e.kind, e.documentId, oneLine(e.text),
        ]));
      });
    });
}
