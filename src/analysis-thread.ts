// An analysis thread of the ingest pool: loads the models once, then analyses each article it is
// sent and returns the document as the store takes it (see analysis-pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { Context, type ContextOptions } from './context.js';
import { analyzeArticle } from './pipeline.js';
import { forStore } from './runner.js';
import { asDossierError } from './errors.js';
import type { FromAnalysis, ToAnalysis } from './analysis-pool.js';

const port = parentPort!;
const ctx = new Context(workerData as ContextOptions);
port.on('message', (m: ToAnalysis) => {
  let reply: FromAnalysis;
  try {
    reply = { id: m.id, doc: forStore(analyzeArticle(m.article, ctx)) };
  } catch (err) {
    const e = asDossierError(err, m.article.source);
    reply = { id: m.id, error: { code: e.code, message: e.message, file: e.file ?? m.article.source } };
  }
  port.postMessage(reply);
});
