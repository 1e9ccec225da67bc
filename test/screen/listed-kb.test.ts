// Listed organisations and systems take a knowledge-base id from an unambiguous list entry; people never do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listedKb } from '../../src/screen/stage.js';

const hit = (id: string, score: number) => ({ list: 'OFAC SDN', id, name: 'X', score });

test('a near-exact single hit links an organisation to its list entry', () => {
  assert.equal(listedKb('ORG', [hit('12927', 1)]), 'list:ofac-sdn:12927');
});

test('people, weak hits and ties stay unlinked', () => {
  assert.equal(listedKb('PERSON', [hit('1', 1)]), null);
  assert.equal(listedKb('ORG', [hit('1', 0.9)]), null);
  assert.equal(listedKb('ORG', [hit('1', 1), hit('2', 0.99)]), null);
  assert.equal(listedKb('ORG', []), null);
});
