// The timeline: every dated event and claim, ordered by the date it names, with the date's
// granularity and the article that dates it.
import type { Granularity } from '../schema/document.js';
import type { Statement } from './statements.js';

export interface TimelineEntry {
  /** ISO value at its granularity (2022, 2023-12, 2024-01-12, 2010s). */
  date: string;
  granularity: Granularity;
  /** The words that gave the date. */
  dateText: string;
  statement: string;
  kind: Statement['kind'];
  eventType: string | null;
  text: string;
  documentId: string;
  outlet: string | null;
  published: string | null;
  cluster: string | null;
  entities: string[];
}

const ORDER: Granularity[] = ['century', 'decade', 'year', 'season', 'month', 'week', 'day'];

/** A key that sorts dates in time, coarser first at the same start ("2023" before "2023-05"). */
export function dateSortKey(value: string): string {
  const decade = value.match(/^(\d{3})0s$/);
  if (decade) return `${decade[1]}0`;
  return value;
}

export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  const ka = dateSortKey(a.date);
  const kb = dateSortKey(b.date);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return ORDER.indexOf(a.granularity) - ORDER.indexOf(b.granularity)
    || a.documentId.localeCompare(b.documentId) || a.statement.localeCompare(b.statement) || a.dateText.localeCompare(b.dateText);
}

/** Timeline entries of statements; `clusterOf` names each statement's cluster. */
export function timelineOf(statements: Statement[], clusterOf: (key: string) => string | null = () => null): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const s of statements) {
    const seen = new Set<string>();
    for (const d of s.dates) {
      if (seen.has(d.value)) continue;
      seen.add(d.value);
      out.push({
        date: d.value, granularity: d.granularity, dateText: d.text, statement: s.key, kind: s.kind, eventType: s.eventType,
        text: s.text, documentId: s.documentId, outlet: s.outlet, published: s.published, cluster: clusterOf(s.key), entities: s.entities,
      });
    }
  }
  return out.sort(compareEntries);
}
