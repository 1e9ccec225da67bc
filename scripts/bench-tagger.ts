// Tagger speed on one core: the CoNLL-2003 test documents tagged (both passes, features included)
// several times over; also model load time and peak resident memory.
// Usage: node dist/scripts/bench-tagger.js [--repeat N]
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readConll } from '../src/nlp/conll.js';
import { loadGazetteers } from '../src/nlp/gazetteers.js';
import { loadModel } from '../src/nlp/model.js';
import { tagDocument } from '../src/nlp/tagger.js';
import { MODELS_DIR, SHARED_DIR } from '../src/paths.js';

export async function benchTagger(repeat = 5): Promise<Record<string, number | string>> {
  let peakRss = process.memoryUsage().rss;
  const sample = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const loadStart = performance.now();
  const model = loadModel(join(MODELS_DIR, 'ner.bin'));
  const modelLoadMs = performance.now() - loadStart;
  const gaz = loadGazetteers();
  sample();
  const docs = readConll(join(SHARED_DIR, 'data', 'conll2003', 'test.txt')).map((d) => d.sentences.map((s) => s.words));
  const tokensPerRound = docs.reduce((n, d) => n + d.reduce((m, s) => m + s.length, 0), 0);
  // One warm-up round so the JIT has compiled the hot loops before timing.
  for (const d of docs) tagDocument(model, gaz, d);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let r = 0; r < repeat; r++) {
    for (const d of docs) tagDocument(model, gaz, d);
    sample();
  }
  const seconds = (performance.now() - start) / 1000;
  // CPU time of this single-threaded loop: the one-core figure, steady when the machine is busy.
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    tokens: tokensPerRound * repeat,
    seconds: Number(seconds.toFixed(3)),
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    tokensPerSecond: Math.round((tokensPerRound * repeat) / seconds),
    tokensPerCpuSecond: Math.round((tokensPerRound * repeat) / cpuSeconds),
    modelLoadMs: Math.round(modelLoadMs),
    peakRssMB: Math.round(peakRss / 1e6),
    passes: model.passes.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--repeat');
  const figures = await benchTagger(i > 0 ? Number(process.argv[i + 1]) : 5);
  for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v}`);
}
