// `dossier analyze PATH...`: analysis in FORMAT.md form, without a store.
import type { Command } from 'commander';
import { Context } from '../../context.js';
import { readInputs } from '../../ingest/index.js';
import { analyzeArticle, toAnalysis } from '../../pipeline.js';
import { loadLists } from '../../screen/lists.js';
import { printFailure } from '../io.js';

export function analyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('analyse files, folders or feeds and print the analysis (FORMAT.md), one JSON object per article')
    .argument('<paths...>', 'files or folders (.txt .html .json .jsonl .xml/.rss/.atom)')
    .option('--format <format>', 'jsonl (one line per article) or json (an array)', 'jsonl')
    .option('--lists <paths...>', 'sanctions/watch-list files or folders to screen entities against')
    .option('--max-bytes <n>', 'largest input accepted, in bytes', (v) => Number.parseInt(v, 10))
    .action(async (paths: string[], opts: { format: string; lists?: string[]; maxBytes?: number }) => {
      let failed = false;
      let lists = null;
      if (opts.lists) {
        const loaded = loadLists(opts.lists);
        loaded.errors.forEach(printFailure);
        failed ||= loaded.errors.length > 0;
        lists = loaded.entries;
      }
      const ctx = new Context({ lists });
      const all: unknown[] = [];
      for await (const item of readInputs(paths, { maxBytes: opts.maxBytes })) {
        if (!item.ok) {
          printFailure(item.error);
          failed = true;
          continue;
        }
        const analysis = toAnalysis(analyzeArticle(item.article, ctx));
        if (opts.format === 'json') all.push(analysis);
        else process.stdout.write(`${JSON.stringify(analysis)}\n`);
      }
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
      if (failed) process.exitCode = 1;
    });
}
