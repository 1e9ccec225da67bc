// Metadata dates to ISO: the date as written, no time-zone shift, null when unreadable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePublished } from '../../src/ingest/published.js';

test('metadata dates in the usual shapes', () => {
  const cases: Array<[string, string | null]> = [
    ['2024-01-12T23:30:00-05:00', '2024-01-12'],
    ['2024-01-12', '2024-01-12'],
    ['2024/01/12 10:00', '2024-01-12'],
    ['2024-02', '2024-02'],
    ['2024', '2024'],
    ['Fri, 21 Jul 2023 22:15:00 -0400', '2023-07-21'],
    ['12 January 2024', '2024-01-12'],
    ['January 12, 2024', '2024-01-12'],
    ['Sept. 3, 2023', '2023-09-03'],
    ['2024-02-30', null],
    ['2024-13', null],
    ['last Tuesday', null],
    ['', null],
  ];
  for (const [input, expected] of cases) assert.equal(normalizePublished(input), expected, input);
});
