// `dossier check`: verifies a SQLite store (integrity, foreign keys, orphans, full-text index,
// stored analyses) and prints what it found; exits non-zero when anything is damaged.
import type { Command } from 'commander';
import { storeLocation } from '../../store/open.js';
import { checkSqliteStore, type CheckReport } from '../../store/sqlite/check.js';
import { DossierError } from '../../errors.js';
import { printJson } from '../io.js';

export function printCheckReport(report: CheckReport): void {
  console.log(`${report.path}: ${report.documents} documents; checked ${report.checks.join(', ')}`);
  for (const f of report.findings) {
    const examples = f.examples.length ? ` (e.g. ${f.examples.join(', ')})` : '';
    console.log(`${f.severity.toUpperCase()} ${f.check}: ${f.count ? `${f.count} ` : ''}${f.message}${examples}`);
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  console.log(report.ok ? `ok${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}` : `${errors} problem${errors > 1 ? 's' : ''} found`);
}

export function checkCommand(program: Command): void {
  program
    .command('check')
    .description('verify the store: integrity, foreign keys, orphaned rows, full-text index, stored analyses')
    .option('--db <path>', 'store: a SQLite file (default $DOSSIER_DB or ./dossier.db)')
    .option('--json', 'print JSON')
    .action((opts: { db?: string; json?: boolean }) => {
      const location = storeLocation(opts.db);
      if (/^postgres(ql)?:\/\//.test(location)) throw new DossierError('UNSUPPORTED', 'check verifies SQLite stores only', location);
      const report = checkSqliteStore(location);
      if (opts.json) printJson(report);
      else printCheckReport(report);
      if (!report.ok) process.exitCode = 1;
    });
}
