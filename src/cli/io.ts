// Small output helpers shared by the commands: tables, JSON, progress lines, error lines.
import { DossierError } from '../errors.js';

/** Prints rows as an aligned text table with a header. */
export function printTable(header: string[], rows: (string | number | null)[][]): void {
  const cells = [header, ...rows.map((r) => r.map((c) => (c == null ? '' : String(c))))];
  const widths = header.map((_, i) => Math.min(60, Math.max(...cells.map((r) => (r[i] ?? '').length))));
  for (const r of cells) {
    console.log(r.map((c, i) => (i === r.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]))).join('  ').trimEnd());
  }
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** One line per failed input on stderr: "dossier: FILE: reason (CODE)". */
export function printFailure(err: unknown): void {
  const line = err instanceof DossierError ? err.line() : (err as Error).message ?? String(err);
  process.stderr.write(`dossier: ${line}\n`);
}

/** A progress line rewritten in place on a TTY; nothing at all in pipes. */
export function progressLine(done: number, total: number | null, errors: number, startedAt: number): void {
  if (!process.stderr.isTTY) return;
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = total && rate > 0 ? Math.max(0, (total - done) / rate) : null;
  const etaText = eta == null ? '' : `, ETA ${Math.floor(eta / 60)}:${String(Math.round(eta % 60)).padStart(2, '0')}`;
  process.stderr.write(`\r${done}${total ? `/${total}` : ''} documents, ${rate.toFixed(1)} docs/s, ${errors} errors${etaText}\x1b[K`);
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\n');
}
