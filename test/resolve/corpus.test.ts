import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldName, identityKeys, matchCorpusEntity, sameEntity, type CorpusEntityLike } from '../../src/resolve/corpus.js';

const person = (name: string, aliases: string[] = []): CorpusEntityLike => ({ name, type: 'PERSON', aliases, kb: null });
const org = (name: string, aliases: string[] = []): CorpusEntityLike => ({ name, type: 'ORG', aliases, kb: null });

test('foldName folds accents, case, punctuation and transliteration variants', () => {
  assert.equal(foldName('Nicolás Maduro'), foldName('NICOLAS MADURO'));
  assert.equal(foldName('Esmaeil Baqaei'), foldName('Esmaeil Baghaei'));
  assert.equal(foldName('Yván Gil'), foldName('Iván Gil'));
  assert.equal(foldName('Mohammad Bagheri'), foldName('Mohammad Baqeri'));
  assert.equal(foldName('the U.S.'), foldName('US'));
  assert.equal(foldName('Shahed-131'), foldName('Shahed 131'));
  assert.notEqual(foldName('Maduro'), foldName('Madura'));
});

test('identity keys are type-aware: Saab the person and Saab the company share none', () => {
  const p = identityKeys(person('Alex Saab', ['Saab']));
  const c = identityKeys(org('Saab'));
  // The bare surname meets the full name under a surname key.
  assert.ok(identityKeys(person('Saab')).some((k) => p.includes(k) && k.startsWith('PERSON~')));
  assert.deepEqual(p.filter((k) => c.includes(k)), []);
  assert.equal(sameEntity(person('Saab'), org('Saab')).same, false);
});

test('keys block spelling variants and acronyms together', () => {
  const a = identityKeys(person('Esmaeil Baqaei'));
  const b = identityKeys(person('Esmaeil Baghaei'));
  assert.ok(a.some((k) => b.includes(k)));
  const irgc = identityKeys(org('IRGC'));
  const full = identityKeys(org('Islamic Revolutionary Guard Corps'));
  assert.ok(irgc.some((k) => full.includes(k)));
  assert.ok(identityKeys({ name: 'Iran', type: 'GPE', aliases: [], kb: 'iso:IR' }).includes('kb:iso:IR'));
});

test('sameEntity merges spelling variants with a reason, and refuses different people', () => {
  const d = sameEntity(person('Nicolas Maduro'), person('Nicolás Maduro', ['Maduro']));
  assert.equal(d.same, true);
  assert.match(d.reason, /agree|shared/);
  assert.equal(sameEntity(person('Esmaeil Baqaei'), person('Esmaeil Baghaei')).same, true);
  assert.equal(sameEntity(person('Raúl Castro'), person('Fidel Castro')).same, false);
  assert.equal(sameEntity(person('Alex Saab'), person('Alex Nain Saab Moran')).same, true);
  assert.equal(sameEntity(org('Quds Forces'), org('Quds Force')).same, true);
  assert.equal(sameEntity(org('IRGC'), org('Islamic Revolutionary Guard Corps')).same, true);
});

test('knowledge-base ids decide when both sides have one', () => {
  const us = { name: 'United States', type: 'GPE' as const, aliases: ['U.S.'], kb: 'iso:US' };
  assert.equal(sameEntity(us, { name: 'America', type: 'GPE', aliases: [], kb: 'iso:US' }).same, true);
  assert.equal(sameEntity(us, { name: 'U.S.', type: 'GPE', aliases: [], kb: 'geo:123' }).same, false);
});

test('a bare surname joins a corpus person only when exactly one fits', () => {
  const maduro = person('Nicolás Maduro');
  const one = matchCorpusEntity(person('Maduro'), [maduro]);
  assert.equal(one.match, maduro);
  const castros = [person('Raúl Castro'), person('Fidel Castro')];
  const two = matchCorpusEntity(person('Castro'), castros);
  assert.equal(two.match, null);
  assert.match(two.reason, /2 corpus people/);
});

test('overrides force a merge or a split, and say so', () => {
  const overrides = { merge: [['Hugo Chávez', 'El Comandante']], split: [{ entity: 'Alex Saab', names: ['Saab'] }] };
  const m = sameEntity(person('El Comandante'), person('Hugo Chávez'), overrides);
  assert.equal(m.same, true);
  assert.match(m.reason, /override/);
  const s = sameEntity(person('Saab'), person('Alex Saab'), overrides);
  assert.equal(s.same, false);
  assert.match(s.reason, /override/);
});

test('overrides may name corpus entities by their store ids', () => {
  const overrides = { merge: [['person:hugo-chavez', 'person:el-comandante']], split: [] };
  const a = { ...person('Hugo Chávez'), id: 'person:hugo-chavez' };
  const b = { ...person('El Comandante'), id: 'person:el-comandante' };
  assert.equal(sameEntity(a, b, overrides).same, true);
  assert.equal(sameEntity(a, b).same, false);
});

test('a unit named with its parent\'s acronym meets the unit across documents', () => {
  const a = org('IRGC Quds Force');
  const b = org('Quds Force');
  assert.ok(identityKeys(a).some((k) => identityKeys(b).includes(k)));
  assert.equal(sameEntity(a, b).same, true);
  assert.equal(sameEntity(org('U.S. Department of Justice'), org('Department of Justice')).same, true);
  assert.equal(sameEntity(org('Department of Justice'), org('DOJ')).same, true);
});

test('an acronym stands for one organisation across documents: no chains of names sharing initials', () => {
  // Over the Reuters corpus one entity had gathered the Security Council, the Supreme Court, Sumitomo
  // Corp and twenty more through "SC", and the SEC had taken in "Shanghai Ek Chor".
  const sec = org('Securities and Exchange Commission', ['SEC']);
  assert.deepEqual(sameEntity(org('Shanghai Ek Chor'), sec), { same: false, reason: 'acronym "SEC" stands for "Securities and Exchange Commission", not "Shanghai Ek Chor"' });
  assert.equal(sameEntity(org('U.S. Securities and Exchange Commission'), sec).same, true);
  assert.equal(sameEntity(org('Palestinian Liberation Organisation'), org('Palestine Liberation Organisation', ['PLO'])).same, true);
  // Its longer name need not spell it: "AOL" with "America Online" is not the Association of Lloyd.
  assert.equal(sameEntity(org('Association of Lloyd'), org('America Online', ['AOL'])).same, false);
  // A name built on the acronym says nothing against an expansion.
  assert.equal(sameEntity(org('Islamic Revolutionary Guard Corps'), org('IRGC', ['IRGC Quds Force'])).same, true);
  // An acronym not yet spelled out meets its first expansion.
  assert.equal(sameEntity(org('Securities and Exchange Commission'), org('SEC')).same, true);
  // Two letters name too many things to link documents on their own.
  assert.equal(sameEntity(org('Sumitomo Corp'), org('SC')).same, false);
  assert.equal(sameEntity(org('Supreme Court'), org('Security Council', ['SC'])).same, false);
  // An acronym among the words gives all its letters: the U.S. Navy is not the UN.
  assert.equal(sameEntity(org('U.S. Navy'), org('U.N.', ['UN', 'United Nations'])).same, false);
  assert.equal(sameEntity(org('USN'), org('U.S. Navy')).same, true);
  assert.equal(sameEntity(org('UNSC'), org('U.N. Security Council')).same, true);
});

test('an initial does not bridge two people with different first names', () => {
  // Over the Reuters corpus "C. Lewis" had joined Carl Lewis the sprinter and Chris Lewis the
  // cricketer into one person, and "J. Russell" Jack and Jeff Russell.
  assert.deepEqual(sameEntity(person('Chris Lewis'), person('C. Lewis', ['Carl Lewis'])), { same: false, reason: 'different first names: "chris levis" vs "carl levis"' });
  assert.equal(sameEntity(person('Chris Lewis'), person('C. Lewis')).same, true);
  // A short form of the same first name is not another person.
  assert.equal(sameEntity(person('Mike Atherton'), person('M. Atherton', ['Michael Atherton'])).same, true);
  assert.equal(sameEntity(person('Jimmy Adams'), person('J. Adams', ['Jim Adams'])).same, true);
});

test('a one-word short form held by both sides as the head of different longer names links nothing', () => {
  // Reuters: "the Commission" had joined the National Election Commission to the European
  // Commission, and "Madrid" Real Madrid to Atletico Madrid.
  assert.equal(sameEntity(org('National Election Commission', ['Commission']), org('European Commission', ['Commission'])).same, false);
  assert.equal(sameEntity(org('Real Madrid', ['Madrid']), org('Atletico Madrid', ['Madrid'])).same, false);
  // The short form alone, or the same longer name, still joins.
  assert.equal(sameEntity(org('Commission'), org('European Commission', ['Commission'])).same, true);
  assert.equal(sameEntity(org('European Commission', ['Commission']), org('European Commission', ['Commission', 'EC'])).same, true);
});
