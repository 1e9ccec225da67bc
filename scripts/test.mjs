// Runs every compiled test file (dist/test/**/*.test.js) with node's test runner.
// Usage: node scripts/test.mjs [substring...]  — only files whose path contains a substring.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'dist/test';
const filters = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.js') && (!filters.length || filters.some((f) => path.includes(f)))) files.push(path);
  }
};
walk(root);
if (!files.length) {
  console.error('no test files found under dist/test');
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
