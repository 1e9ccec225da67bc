import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledgeBase, loadMilitarySystems } from '../../src/resolve/kb.js';

const kb = loadKnowledgeBase();

test('countries answer to their names, abbreviations and alternate names', () => {
  for (const n of ['U.S.', 'US', 'USA', 'America', 'United States of America', 'the United States']) {
    assert.equal(kb.lookup(n, 'GPE')?.id, 'iso:US', n);
  }
  assert.equal(kb.lookup('Türkiye', 'GPE')?.name, 'Turkey');
  assert.equal(kb.lookup('Turkiye')?.id, 'iso:TR');
  assert.equal(kb.lookup('Burma', 'GPE')?.id, 'iso:MM');
});

test('a demonym finds its country; the curated one wins over territories sharing it', () => {
  assert.equal(kb.lookup('Iranian', 'NORP')?.id, 'iso:IR');
  assert.equal(kb.lookup('American', 'NORP')?.id, 'iso:US');
  assert.equal(kb.lookup('Argentinian', 'NORP')?.id, 'iso:AR');
  assert.equal(kb.demonym('Latin American')?.id, 'region:latin-america');
});

test('two-letter codes are not names unless news writes them so', () => {
  assert.equal(kb.lookup('IT', 'GPE'), null);
  assert.equal(kb.lookup('UK', 'GPE')?.id, 'iso:GB');
});

test('cities carry GeoNames ids and coordinates; the most populous wins a shared name', () => {
  const maracay = kb.lookup('Maracay', 'GPE')!;
  assert.equal(maracay.id, 'geo:3632998');
  assert.equal(maracay.country, 'VE');
  assert.ok(Math.abs(maracay.lat! - 10.24) < 0.05 && Math.abs(maracay.lon! + 67.59) < 0.05);
  assert.equal(kb.lookup('Sucre', 'GPE')?.country, 'BO');
  assert.equal(kb.get('geo:112931')?.name, 'Tehran');
});

test('regions and seas have curated ids', () => {
  assert.equal(kb.lookup('Middle East', 'LOC')?.id, 'region:middle-east');
  assert.equal(kb.lookup('the Caribbean', 'LOC')?.id, 'region:caribbean');
  assert.equal(kb.lookup('Pacific Ocean')?.id, 'region:pacific');
});

test('military systems answer to their aliases, including local designations', () => {
  assert.equal(kb.lookup('ZAMORA V-1', 'PRODUCT')?.id, 'mil:shahed-131');
  assert.equal(kb.lookup('Zamora V-1')?.name, 'Shahed-131');
  assert.equal(kb.lookup('ANSU-100', 'PRODUCT')?.name, 'Mohajer-2');
  assert.equal(kb.lookup('Geran-2', 'PRODUCT')?.id, 'mil:shahed-136');
  assert.equal(kb.lookup('MQ-9', 'PRODUCT')?.name, 'MQ-9 Reaper');
  assert.equal(kb.lookup('Shahed-131', 'PERSON'), null);
});

test('the curated systems file is well formed: unique ids, sources, 40+ systems', () => {
  const systems = loadMilitarySystems();
  assert.ok(systems.length >= 40);
  assert.equal(new Set(systems.map((s) => s.id)).size, systems.length);
  for (const s of systems) {
    assert.match(s.id, /^mil:[a-z0-9-]+$/);
    assert.ok(s.name && s.kind && s.origin && s.source, s.id);
  }
});

test('English exonyms find the city news means', () => {
  assert.equal(kb.lookup('Geneva', 'GPE')?.country, 'CH');
  assert.equal(kb.lookup('Cologne', 'GPE')?.name, 'Köln');
  assert.equal(kb.lookup('Washington, D.C.', 'GPE')?.id, 'geo:4140963');
});

test('short country names and subnational regions news uses', () => {
  assert.equal(kb.lookup('Bosnia', 'GPE')?.id, 'iso:BA');
  assert.equal(kb.lookup('Albanians', 'NORP')?.id, 'iso:AL');
  assert.equal(kb.lookup('Zulia', 'GPE')?.id, 'region:zulia');
  assert.equal(kb.lookup('Scotland', 'GPE')?.id, 'region:scotland');
});
