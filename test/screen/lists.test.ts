import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/paths.js';
import { loadLists, remarkAliases } from '../../src/screen/lists.js';

const fixture = (name: string) => join(REPO_ROOT, 'test', 'fixtures', 'screen', name);

test('OFAC SDN CSV: names, kinds, programmes and a.k.a. aliases from the remarks', () => {
  const { entries, errors } = loadLists([fixture('sdn.csv')]);
  assert.deepEqual(errors, []);
  assert.equal(entries.length, 6);
  const hizballah = entries.find((e) => e.id === '4697')!;
  assert.equal(hizballah.list, 'OFAC SDN');
  assert.equal(hizballah.kind, 'organization');
  assert.deepEqual(hizballah.programmes, ['FTO', 'SDGT', 'SYRIA']);
  assert.deepEqual(hizballah.aliases, ['PARTY OF GOD', 'LH']);
  const maduro = entries.find((e) => e.id === '22790')!;
  assert.equal(maduro.kind, 'person');
  assert.deepEqual(maduro.aliases, []);
  assert.equal(entries.find((e) => e.id === '9999')!.kind, 'vessel');
  // An apostrophe inside a quoted alias does not end it.
  assert.deepEqual(entries.find((e) => e.id === '8265')!.aliases, ["HAJJ AS'AD AHMAD"]);
});

test('remark aliases: a.k.a., f.k.a. and n.k.a., nothing from "Linked To"', () => {
  assert.deepEqual(remarkAliases("DOB 1960; a.k.a. 'ABU-'UMAR'; f.k.a. 'OLD NAME'; Linked To: HAMAS."), ["ABU-'UMAR", 'OLD NAME']);
});

test('OFAC alias file joins by ent_num; aliases of entries missing from the SDN file become entries', () => {
  const { entries, errors } = loadLists([fixture('sdn.csv'), fixture('alt.csv')]);
  assert.deepEqual(errors, []);
  assert.deepEqual(entries.find((e) => e.id === '28230')!.aliases, ['CONVIASA']);
  assert.deepEqual(entries.find((e) => e.id === '4697')!.aliases, ['PARTY OF GOD', 'LH', 'LEBANESE HEZBOLLAH']);
  const suns = entries.find((e) => e.id === '55025')!;
  assert.equal(suns.name, 'CARTEL OF THE SUNS');
  assert.deepEqual(suns.aliases, ['SUNS CARTEL']);
  assert.equal(suns.kind, 'unknown');
  assert.equal(entries.find((e) => e.id === '60001')!.kind, 'person');
});

test('the alias file alone makes entries of its own', () => {
  const { entries } = loadLists([fixture('alt.csv')]);
  assert.deepEqual(entries.map((e) => e.id).sort(), ['12927', '28230', '4697', '55025', '60001']);
  assert.equal(entries.find((e) => e.id === '28230')!.name, 'CONVIASA');
});

test('UN consolidated XML: individuals and entities, good and low-quality aliases', () => {
  const { entries, errors } = loadLists([fixture('un.xml')]);
  assert.deepEqual(errors, []);
  const gaston = entries.find((e) => e.id === 'CDi.003')!;
  assert.equal(gaston.list, 'UN Consolidated');
  assert.equal(gaston.name, 'GASTON IYAMUREMYE');
  assert.equal(gaston.kind, 'person');
  assert.deepEqual(gaston.aliases, ['Victor Rumuri']);
  assert.deepEqual(gaston.weakAliases, ['Rumuli']);
  const adf = entries.find((e) => e.id === 'CDe.001')!;
  assert.equal(adf.kind, 'organization');
  assert.deepEqual(adf.programmes, ['DRC']);
  assert.equal(adf.aliases.length, 2);
  assert.equal(adf.remarks, 'Armed group.');
});

test('generic CSV watch list: header columns, semicolon aliases, generated ids, rows without a name reported', () => {
  const { entries, errors } = loadLists([fixture('watchlist.csv')]);
  assert.equal(entries.length, 3);
  const acme = entries[0];
  assert.deepEqual([acme.list, acme.id, acme.name, acme.kind], ['watchlist', 'W-1', 'Acme Shell Holdings Ltd', 'organization']);
  assert.deepEqual(acme.aliases, ['Acme Shell', 'ASH Holdings']);
  assert.deepEqual(acme.programmes, ['internal-risk']);
  assert.equal(entries[1].id, 'watchlist:3');
  assert.equal(entries[1].kind, 'person');
  assert.equal(entries[2].kind, 'unknown');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, 'MALFORMED');
});

test('FollowTheMoney JSON and JSONL: screenable schemata only, dataset as list name', () => {
  const json = loadLists([fixture('ftm.json')]);
  assert.deepEqual(json.errors, []);
  assert.deepEqual(json.entries.map((e) => [e.list, e.id, e.kind]), [['eu_fsf', 'ftm-co-1', 'organization'], ['eu_fsf', 'ftm-vessel-1', 'vessel']]);
  assert.deepEqual(json.entries[0].aliases, ['Blue Harbour']);
  assert.deepEqual(json.entries[0].programmes, ['EU-RU']);
  const lines = loadLists([fixture('ftm.jsonl')]);
  assert.deepEqual(lines.entries.map((e) => [e.list, e.kind, e.name]), [
    ['ftm', 'person', 'Olga Ivanovna Smirnova'], ['ftm', 'organization', 'Green Valley Foundation'], ['ftm', 'unknown', 'Obscure Trading Partners'],
  ]);
  assert.equal(lines.errors.length, 1);
});

test('a folder is read in file-name order; unknown files and missing paths are errors, not crashes', () => {
  const { entries, errors } = loadLists([fixture('folder'), fixture('no-such-file.csv')]);
  assert.ok(entries.some((e) => e.id === '28230' && e.aliases.includes('CONVIASA')));
  assert.ok(entries.some((e) => e.id === 'CDe.001'));
  assert.deepEqual(errors.map((e) => e.code).sort(), ['NOT_FOUND', 'UNSUPPORTED']);
});
