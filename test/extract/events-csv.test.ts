// The events CSV: a header line, RFC 4180 quoting, and rows in a stable order whatever the input order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventsToCsv, EVENT_COLUMNS, type EventRow } from '../../src/extract/events-csv.js';

const row = (over: Partial<EventRow>): EventRow => ({
  type: 'AID', mode: 'military', actor: 'e1', target: 'e2', location: null, date: '2022', start: 0, end: 10, claim: null,
  documentId: 'doc-a', published: '2025-01-12', actorName: 'Iran', targetName: 'Venezuela', locationName: null, sourceName: null,
  ...over,
});

/** Splits CSV text into records of fields, honouring quotes (enough for the assertions here). */
function parse(csv: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') fields.push(field), (field = '');
    else if (c === '\r' && csv[i + 1] === '\n') {
      fields.push(field), records.push(fields), (fields = []), (field = ''), i++;
    } else field += c;
  }
  return records;
}

test('header first, one CRLF-terminated line per event', () => {
  const csv = eventsToCsv([row({})]);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], EVENT_COLUMNS.join(','));
  assert.equal(lines.length, 3, 'header, one row, and the empty string after the final CRLF');
  assert.equal(lines[2], '');
});

test('commas, quotes and line breaks are quoted; nulls are empty fields', () => {
  const csv = eventsToCsv([row({ actorName: 'Iran, the "Islamic Republic"', targetName: 'Line\nbreak', sourceName: null, context: ['historical', 'negated'] })]);
  const [header, fields] = parse(csv);
  const get = (name: string) => fields[header.indexOf(name)];
  assert.equal(get('actor_name'), 'Iran, the "Islamic Republic"');
  assert.equal(get('target_name'), 'Line\nbreak');
  assert.equal(get('source_name'), '');
  assert.equal(get('context'), 'historical;negated');
  assert.match(csv, /"Iran, the ""Islamic Republic"""/u);
});

test('rows come out in document, date, offset order whatever the input order', () => {
  const rows = [
    row({ documentId: 'doc-b', date: '2020', start: 5 }),
    row({ documentId: 'doc-a', date: '2023', start: 50 }),
    row({ documentId: 'doc-a', date: '2021', start: 90, type: 'ASSAULT' }),
    row({ documentId: 'doc-a', date: '2023', start: 10 }),
  ];
  const a = eventsToCsv(rows);
  assert.equal(a, eventsToCsv([...rows].reverse()));
  const [header, ...records] = parse(a);
  const order = records.map((r) => `${r[header.indexOf('document_id')]}/${r[header.indexOf('date')]}/${r[header.indexOf('start')]}`);
  assert.deepEqual(order, ['doc-a/2021/90', 'doc-a/2023/10', 'doc-a/2023/50', 'doc-b/2020/5']);
});

test('no events: the header alone', () => {
  assert.equal(eventsToCsv([]), `${EVENT_COLUMNS.join(',')}\r\n`);
});
