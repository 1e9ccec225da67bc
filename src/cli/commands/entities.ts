// `dossier entities` and `dossier show NAME`: the corpus's entities and one entity's dossier.
import type { Command } from 'commander';
import { ENTITY_TYPES, EntityType } from '../../schema/analysis.js';
import { openStore, storeLocation } from '../../store/open.js';
import type { EntityDossier } from '../../store/types.js';
import { DossierError } from '../../errors.js';
import { printJson, printTable } from '../io.js';

export function entitiesCommand(program: Command): void {
  program
    .command('entities')
    .description('entities across the corpus with mention and document counts')
    .option('--type <type>', `only this type (${ENTITY_TYPES.join(' ')})`)
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .option('--json', 'print JSON')
    .option('--db <path>', 'store location')
    .action(async (opts: { type?: string; limit: number; json?: boolean; db?: string }) => {
      const type = opts.type ? EntityType.safeParse(opts.type.toUpperCase()) : null;
      if (type && !type.success) throw new DossierError('INVALID', `unknown type "${opts.type}"; one of ${ENTITY_TYPES.join(', ')}`);
      const store = await openStore(storeLocation(opts.db));
      try {
        const page = await store.listEntities({ type: type?.data, limit: opts.limit });
        if (opts.json) return printJson(page);
        printTable(['ID', 'TYPE', 'MENTIONS', 'DOCS', 'LISTED', 'NAME'],
          page.items.map((e) => [e.id, e.type, e.mentionCount, e.documentCount, e.sanctioned ? 'yes' : '', e.name]));
        console.log(`${page.items.length} of ${page.total} entities`);
      } finally {
        await store.close();
      }
    });
}

function printDossier(d: EntityDossier): void {
  console.log(`${d.name}  [${d.type}]  ${d.id}${d.kb ? `  kb ${d.kb}` : ''}`);
  console.log(`${d.mentionCount} mentions in ${d.documentCount} documents`);
  if (d.aliases.length) console.log(`Also: ${d.aliases.join('; ')}`);
  if (d.sanctions.length) {
    console.log('\nSanctions / watch lists:');
    for (const h of d.sanctions) console.log(`  ${h.list} ${h.id}  ${h.name}  score ${h.score.toFixed(2)}${h.programme ? `  [${h.programme}]` : ''}${h.explanation ? `\n    ${h.explanation}` : ''}`);
  }
  console.log('\nDocuments:');
  for (const doc of d.documents) console.log(`  ${doc.id}  ${doc.published ?? '????'}  ${doc.outlet ?? ''}  ${doc.title ?? ''}`);
  if (d.sources.length) {
    console.log('\nSources of claims about it:');
    for (const s of d.sources) console.log(`  ${s.name} (${s.claims})`);
  }
  if (d.claims.length) {
    console.log('\nClaims:');
    for (const c of d.claims) {
      console.log(`  [${c.modality}${c.quote ? ', quote' : ''}] ${c.sourceName ?? c.sourceText ?? '(the article)'}${c.cue ? ` — ${c.cue}` : ''}  (${c.documentId})`);
      console.log(`    ${c.text.replace(/\s+/g, ' ')}`);
    }
  }
  if (d.events.length) {
    console.log('\nEvents:');
    for (const e of d.events) {
      console.log(`  ${e.date ?? e.published ?? '????'}  ${e.actorName ?? '?'} ${e.type}${e.mode ? `/${e.mode}` : ''} ${e.targetName ?? ''}${e.locationName ? ` in ${e.locationName}` : ''}  (${e.documentId})`);
    }
  }
}

export function showCommand(program: Command): void {
  program
    .command('show')
    .description("one entity's dossier: aliases, sanctions hits, documents, claims, events, sources")
    .argument('<name>', 'entity name, alias or id')
    .option('--json', 'print JSON')
    .option('--db <path>', 'store location')
    .action(async (name: string, opts: { json?: boolean; db?: string }) => {
      const store = await openStore(storeLocation(opts.db));
      try {
        const found = await store.findEntity(name);
        if (!found) throw new DossierError('NOT_FOUND', `no entity named "${name}" in the store`);
        const dossier = (await store.entityDossier(found.id))!;
        if (opts.json) printJson(dossier);
        else printDossier(dossier);
      } finally {
        await store.close();
      }
    });
}
