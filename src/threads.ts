// Starts a worker thread on one of our modules, from dist/ (.js) or, under tsx, from its .ts source.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { REPO_ROOT } from './paths.js';

/** A worker running `moduleUrl` (an import.meta.url-relative URL of a module of this repo). */
export function moduleWorker(moduleUrl: URL, options: WorkerOptions = {}): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, options);
  // Node 20 cannot start a .ts worker through --import hooks, so the worker loads tsx's API first.
  const api = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
  const self = moduleUrl.href;
  return new Worker(`import(${JSON.stringify(api)}).then((t) => t.tsImport(${JSON.stringify(self)}, ${JSON.stringify(self)}))`, { ...options, eval: true });
}
