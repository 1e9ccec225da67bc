// `dossier search QUERY`: full-text search over the stored articles, with the matching sentences.
import type { Command } from 'commander';
import { openStore, storeLocation } from '../../store/open.js';
import { printJson } from '../io.js';

export function searchCommand(program: Command): void {
  program
    .command('search')
    .description('full-text search over articles (every word must occur), with the matching sentences')
    .argument('<query...>', 'words to look for')
    .option('--outlet <outlet>', 'only articles from this outlet')
    .option('--from <date>', 'published on or after (ISO date)')
    .option('--to <date>', 'published on or before (ISO date)')
    .option('--limit <n>', 'how many articles', (v) => Number.parseInt(v, 10), 20)
    .option('--json', 'print JSON')
    .option('--db <path>', 'store location')
    .action(async (words: string[], opts: { outlet?: string; from?: string; to?: string; limit: number; json?: boolean; db?: string }) => {
      const store = await openStore(storeLocation(opts.db));
      try {
        const page = await store.search(words.join(' '), opts);
        if (opts.json) return printJson(page);
        for (const hit of page.items) {
          const d = hit.document;
          console.log(`${d.id}  ${d.published ?? '????'}  ${d.outlet ?? ''}  ${d.title ?? ''}`);
          for (const s of hit.sentences) console.log(`  … ${s.text.replace(/\s+/g, ' ')}`);
        }
        console.log(`${page.items.length} of ${page.total} articles`);
      } finally {
        await store.close();
      }
    });
}
