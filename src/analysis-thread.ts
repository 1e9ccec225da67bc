// An analysis thread of the ingest pool: loads the models as it starts, then makes (from what was
// read) and analyses each article it is sent and returns the document as the store takes it.
import { parentPort } from 'node:worker_threads';
import { Context, type ContextOptions } from './context.js';
import { analyzeArticle } from './pipeline.js';
import { articleOf, forStore } from './runner.js';
import { asDossierError } from './errors.js';
import type { FromAnalysis, ToAnalysis } from './analysis-pool.js';
import type { Article } from './schema/article.js';

/** Analysed once as the thread starts, so that the models are loaded (and the code compiled) while
 *  the process that started it is still opening its store; its result is dropped. */
const WARM_UP: Article = {
  id: 'warm-up', source: 'warm-up', format: 'text', title: null, outlet: null, author: null, url: null,
  published: '2024-03-04', publishedSource: 'metadata', language: 'en', contentHash: 'warm-up', removed: [],
  text: 'Iranian Foreign Minister Ali Akbar Salehi said on Monday that Tehran would reportedly send drones to '
    + 'Caracas, according to Reuters. The Venezuelan government signed an agreement with Mahan Air in 2023.',
};

const port = parentPort!;
// The pool's options arrive before its first article. Until then there are no watch lists, so the
// warm-up screens nothing and builds nothing that depends on them.
const options: ContextOptions = {};
const ctx = new Context(options);
try {
  forStore(analyzeArticle(WARM_UP, ctx));
} catch {
  // A resource that cannot load (a missing model file) fails each article with its error, as it
  // would have without the warm-up; the thread itself must not die of it (it would be restarted).
}
// The thread has started: if it dies from now on, an article did it, not a start that cannot succeed.
port.postMessage({ ready: true } satisfies FromAnalysis);

port.on('message', (m: ToAnalysis) => {
  if ('options' in m) {
    Object.assign(options, m.options);
    return;
  }
  let reply: FromAnalysis;
  try {
    reply = { id: m.id, doc: forStore(analyzeArticle(articleOf(m.input), ctx)) };
  } catch (err) {
    const e = asDossierError(err, m.input.source);
    reply = { id: m.id, error: { code: e.code, message: e.message, file: e.file ?? m.input.source } };
  }
  port.postMessage(reply);
});
