#!/usr/bin/env node
// The `dossier` command: runs the compiled CLI (npm install builds it through `prepare`). An ingest
// run's analysis threads start first, loading their models while the CLI's own modules load.
import { AnalysisPool } from '../dist/src/analysis-pool.js';

AnalysisPool.prestart(process.argv.slice(2));
await import('../dist/src/cli/main.js');
