// Events as a GDELT/POLECAT-like CSV table: one row per event, RFC 4180 quoting, a header line,
// rows in a stable order (document, date, offset, type).
import type { Event } from '../schema/analysis.js';

export type EventRow = Event & {
  documentId: string;
  published: string | null;
  actorName: string | null;
  targetName: string | null;
  locationName: string | null;
  sourceName: string | null;
};

/** The columns, in order: identifiers first, then who-did-what-to-whom, then provenance. */
export const EVENT_COLUMNS = [
  'document_id', 'published', 'date', 'event_type', 'mode', 'actor_id', 'actor_name', 'target_id', 'target_name',
  'location_id', 'location_name', 'source_name', 'claim_id', 'context', 'trigger', 'start', 'end',
] as const;

/** One CSV field: quoted when it holds a comma, a quote or a line break; inner quotes doubled. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

function rowFields(r: EventRow): Array<string | number | null> {
  return [
    r.documentId, r.published, r.date, r.type, r.mode, r.actor, r.actorName, r.target, r.targetName,
    r.location, r.locationName, r.sourceName, r.claim, (r.context ?? []).join(';'), r.trigger ?? null, r.start, r.end,
  ];
}

const compare = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

/** The events as CSV text: header, then rows sorted by document, date, offset and type; CRLF line ends. */
export function eventsToCsv(rows: EventRow[]): string {
  const sorted = [...rows].sort(
    (a, b) =>
      compare(a.documentId, b.documentId) || compare(a.date ?? a.published, b.date ?? b.published) ||
      a.start - b.start || a.end - b.end || compare(a.type, b.type) || compare(a.actor, b.actor) || compare(a.target, b.target),
  );
  const lines = [EVENT_COLUMNS.join(','), ...sorted.map((r) => rowFields(r).map(csvField).join(','))];
  return lines.join('\r\n') + '\r\n';
}
