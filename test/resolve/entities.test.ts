import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.js';
import { resolveEntities } from '../../src/resolve/entities.js';
import { buildDoc, entityNamed, mentionTexts } from './build.js';

const ctx = new Context();
const resolve = (text: string, specs: Parameters<typeof buildDoc>[1]) => resolveEntities(buildDoc(text, specs), ctx);

test('surname and first-name references join the full name; the fullest accented form is the name', () => {
  const doc = resolve('Nicolas Maduro spoke. Later President Nicolás Maduro met aides. Maduro’s allies cheered. Maduro left.', [
    ['Nicolas Maduro', 'PERSON'], ['President Nicolás Maduro', 'PERSON'], ['Maduro', 'ORG', { nth: 2 }], ['Maduro', 'PERSON', { nth: 3 }],
  ]);
  assert.equal(doc.entities.length, 1);
  const e = doc.entities[0];
  assert.equal(e.name, 'Nicolás Maduro');
  assert.equal(e.type, 'PERSON');
  assert.deepEqual(mentionTexts(doc, e), ['Nicolas Maduro', 'Nicolás Maduro', 'Maduro', 'Maduro']);
  assert.ok(e.aliases.includes('Nicolas Maduro') && e.aliases.includes('Maduro'));
});

test('titles are stripped: "Admiral Faller" joins Craig Faller, the span covers the name only', () => {
  const doc = resolve('Craig Faller leads the command. Admiral Faller said so. The then-president Hugo Chávez agreed.', [
    ['Craig Faller', 'PERSON'], ['Admiral Faller', 'PERSON'], ['then-president Hugo Chávez', 'PERSON'],
  ]);
  const faller = entityNamed(doc, 'Craig Faller')!;
  assert.deepEqual(mentionTexts(doc, faller), ['Craig Faller', 'Faller']);
  assert.ok(faller.aliases.includes('Admiral Faller'));
  assert.equal(entityNamed(doc, 'Hugo Chávez')?.type, 'PERSON');
});

test('a surname shared by two people in the text stays unresolved', () => {
  const doc = resolve('Raúl Castro and Fidel Castro met. Castro spoke.', [
    ['Raúl Castro', 'PERSON'], ['Fidel Castro', 'PERSON'], ['Castro', 'PERSON', { nth: 2 }],
  ]);
  assert.equal(doc.entities.length, 3);
});

test('partial and transliterated person names join: "Basher Assad" = "Bashar al-Assad", "Edmundo Gonzalez"', () => {
  const doc = resolve('Bashar al-Assad fled. Basher Assad was gone. Edmundo Gonzalez Urrutia won; Edmundo Gonzalez said.', [
    ['Bashar al-Assad', 'PERSON'], ['Basher Assad', 'PERSON'], ['Edmundo Gonzalez Urrutia', 'PERSON'], ['Edmundo Gonzalez', 'PERSON', { nth: 1 }],
  ]);
  assert.equal(doc.entities.length, 2);
  assert.deepEqual(entityNamed(doc, 'Edmundo Gonzalez Urrutia')?.aliases, ['Edmundo Gonzalez']);
});

test('an acronym in parentheses joins its expansion; "Quds Forces" joins "Quds Force"', () => {
  const doc = resolve('The Islamic Revolutionary Guard Corps (IRGC) runs the Quds Force. The IRGC and the Quds Forces act.', [
    ['Islamic Revolutionary Guard Corps', 'ORG'], ['IRGC', 'ORG'], ['Quds Force', 'ORG'], ['IRGC', 'ORG', { nth: 1 }], ['Quds Forces', 'ORG'],
  ]);
  assert.equal(doc.entities.length, 2);
  const irgc = entityNamed(doc, 'Islamic Revolutionary Guard Corps')!;
  assert.deepEqual(irgc.aliases, ['IRGC']);
  assert.equal(irgc.mentions.length, 3);
  assert.equal(entityNamed(doc, 'Quds Force')?.mentions.length, 2);
});

test('a unit named with its parent\'s acronym joins the unit: "IRGC Quds Force" = "Quds Force"', () => {
  const doc = resolve('The IRGC Quds Force acts. The Quds Force denied it. The IRGC said nothing.', [
    ['IRGC Quds Force', 'ORG'], ['Quds Force', 'ORG', { nth: 1 }], ['IRGC', 'ORG', { nth: 1 }],
  ]);
  assert.equal(doc.entities.length, 2);
  assert.equal(entityNamed(doc, 'Quds Force')?.mentions.length, 2);
});

test('aliases in parentheses make one product entity with both names, linked to the KB', () => {
  const doc = resolve('Drones such as the ANSU-100 (Mohajer-2) and the ZAMORA V-1 (Shahed-131) were built.', [
    ['ANSU-100', 'PRODUCT'], ['Mohajer-2', 'PRODUCT'], ['ZAMORA V-1', 'PRODUCT'], ['Shahed-131', 'PRODUCT'],
  ]);
  assert.equal(doc.entities.length, 2);
  const mohajer = entityNamed(doc, 'Mohajer-2')!;
  assert.equal(mohajer.kb, 'mil:mohajer-2');
  assert.deepEqual(mohajer.aliases, ['ANSU-100']);
  assert.equal(entityNamed(doc, 'Shahed-131')?.kb, 'mil:shahed-131');
});

test('parenthesised unknown designations join too; a place in parentheses does not', () => {
  const doc = resolve('The Falcon-7 (Vortex-2) flew. Mahan Air (Iran) flew.', [
    ['Falcon-7', 'PRODUCT'], ['Vortex-2', 'PRODUCT'], ['Mahan Air', 'ORG'], ['Iran', 'GPE'],
  ]);
  assert.equal(doc.entities.length, 3);
  assert.deepEqual(entityNamed(doc, 'Falcon-7')?.aliases.length, 1);
});

test('demonyms before state actors are the country; otherwise NORP', () => {
  const doc = resolve('Iranian officials met in Iran. Thousands of Cubans guard him. Iranian oil flows. Chinese President Xi Jinping came.', [
    ['Iranian', 'NORP', { refersTo: 'Iran' }], ['Iran', 'GPE', { nth: 1 }], ['Thousands of Cubans', 'PERSON'], ['Iranian', 'NORP', { nth: 1, refersTo: 'Iran' }],
    ['Chinese President Xi Jinping', 'PERSON'],
  ]);
  const iran = entityNamed(doc, 'Iran')!;
  assert.equal(iran.kb, 'iso:IR');
  assert.deepEqual(mentionTexts(doc, iran), ['Iranian', 'Iran']);
  assert.ok(!iran.aliases.includes('Iranian'), 'a demonym is a mention, not an alias');
  assert.equal(entityNamed(doc, 'Cuba')?.type, 'GPE');
  assert.equal(doc.entities.find((e) => e.type === 'NORP')?.name, 'Iranian');
  assert.equal(entityNamed(doc, 'Xi Jinping')?.type, 'PERSON');
});

test('country names and abbreviations link to one KB country with its canonical name', () => {
  const doc = resolve('The U.S. and America, the US and Washington all act. Türkiye too.', [
    ['U.S.', 'GPE'], ['America', 'ORG'], ['US', 'GPE'], ['Washington', 'GPE'], ['Türkiye', 'GPE'],
  ]);
  const us = entityNamed(doc, 'United States')!;
  assert.equal(us.kb, 'iso:US');
  assert.equal(us.mentions.length, 4);
  assert.deepEqual(us.aliases, ['America', 'U.S.', 'US', 'Washington']);
  assert.equal(entityNamed(doc, 'Turkey')?.kb, 'iso:TR');
});

test('"Washington, D.C." stays a place, not the US government', () => {
  const doc = resolve('He flew to Washington, D.C. yesterday.', [['Washington', 'GPE']]);
  assert.notEqual(doc.entities[0].kb, 'iso:US');
});

test('cities link to GeoNames ids; regions to curated ids', () => {
  const doc = resolve('Maracay in Venezuela and the Caribbean and the Middle East.', [
    ['Maracay', 'GPE'], ['Venezuela', 'GPE'], ['Caribbean', 'LOC'], ['Middle East', 'LOC'],
  ]);
  assert.equal(entityNamed(doc, 'Maracay')?.kb, 'geo:3632998');
  assert.equal(entityNamed(doc, 'Caribbean')?.kb, 'region:caribbean');
  assert.equal(entityNamed(doc, 'Middle East')?.kb, 'region:middle-east');
});

test('descriptive references join the entity they describe as mentions, not aliases', () => {
  const text = 'The Argentine outlet Infobae reported on Friday. The outlet said Mahan Air flies weekly. The airline denied it, the outlet added.';
  const doc = resolve(text, [['Argentine', 'NORP'], ['Infobae', 'ORG'], ['Mahan Air', 'ORG']]);
  const infobae = entityNamed(doc, 'Infobae')!;
  assert.deepEqual(mentionTexts(doc, infobae), ['Infobae', 'The outlet', 'the outlet']);
  assert.deepEqual(infobae.aliases, []);
  assert.deepEqual(mentionTexts(doc, entityNamed(doc, 'Mahan Air')!), ['Mahan Air', 'The airline']);
  // The added mentions are in the mention layer, indexed by entityMentions.
  const idx = doc.entityMentions.get(infobae.id)!;
  assert.deepEqual(idx.map((i) => doc.mentions[i].text), ['Infobae', 'The outlet', 'the outlet']);
});

test('a person and a company sharing a name stay apart without evidence', () => {
  const doc = resolve('Alex Saab was arrested. Saab, the Swedish company, builds jets. Saab AB shares rose.', [
    ['Alex Saab', 'PERSON'], ['Saab', 'ORG', { nth: 1, origin: 'gazetteer' }], ['Saab', 'ORG', { nth: 2 }],
  ]);
  assert.equal(doc.entities.length, 2);
  assert.equal(entityNamed(doc, 'Alex Saab')?.mentions.length, 1);
  const company = doc.entities.find((e) => e.type === 'ORG')!;
  assert.deepEqual(mentionTexts(doc, company), ['Saab', 'the Swedish company', 'Saab']);
});

test('a role beside a name joins it; a role alone is no entity', () => {
  const doc = resolve('It helped the President of Venezuela, Nicolas Maduro, stay. The Prime Minister of Spain was silent.', [
    ['President of Venezuela', 'PERSON'], ['Nicolas Maduro', 'PERSON'], ['Prime Minister of Spain', 'PERSON'],
  ]);
  assert.equal(doc.entities.length, 1);
  assert.equal(doc.entities[0].mentions.length, 2);
});

test('entity ids follow first mention and spans are sorted', () => {
  const doc = resolve('Iran and Venezuela. Venezuela and Iran.', [
    ['Iran', 'GPE'], ['Venezuela', 'GPE'], ['Venezuela', 'GPE', { nth: 1 }], ['Iran', 'GPE', { nth: 1 }],
  ]);
  assert.deepEqual(doc.entities.map((e) => [e.id, e.name]), [['e1', 'Iran'], ['e2', 'Venezuela']]);
  for (const e of doc.entities) assert.deepEqual(e.mentions, [...e.mentions].sort((a, b) => a.start - b.start));
});

test('resolving twice gives the same entities (descriptive mentions are not duplicated)', () => {
  const doc = resolve('Infobae reported it. The outlet said more.', [['Infobae', 'ORG']]);
  const again = resolveEntities(doc, ctx);
  assert.deepEqual(again.entities, doc.entities);
  assert.equal(again.mentions.length, doc.mentions.length);
});

test('elliptical coordination: "Central" in "Central and South America" is Central America', () => {
  const doc = resolve('The commander for Central and South America spoke.', [['Central', 'GPE'], ['South America', 'LOC']]);
  assert.deepEqual(doc.entities.map((e) => [e.name, e.kb]), [['Central America', 'region:central-america'], ['South America', 'region:south-america']]);
});

test('a bare name with company evidence stays a company even when the tagger calls it a person', () => {
  const text = 'Saab said its order book had grown. The company\'s chief executive spoke. Alex Saab was released. Saab had been held in Miami.';
  const doc = resolve(text, [['Saab', 'PERSON'], ['Alex Saab', 'PERSON'], ['Saab', 'PERSON', { nth: 2 }], ['Miami', 'GPE']]);
  const company = doc.entities.find((e) => e.type === 'ORG')!;
  assert.deepEqual(mentionTexts(doc, company), ['Saab', 'The company']);
  assert.deepEqual(mentionTexts(doc, entityNamed(doc, 'Alex Saab')!), ['Alex Saab', 'Saab']);
});

test('an outlet the tagger took for a person is retyped when the text calls it "the outlet"', () => {
  const text = 'Infobae has detailed the deal. The base is in Maracay, the outlet explains. Talks continue, according to Infobae.';
  const doc = resolve(text, [['Infobae', 'PERSON'], ['Maracay', 'GPE'], ['Infobae', 'PERSON', { nth: 1 }]]);
  const infobae = entityNamed(doc, 'Infobae')!;
  assert.equal(infobae.type, 'ORG');
  assert.deepEqual(mentionTexts(doc, infobae), ['Infobae', 'the outlet', 'Infobae']);
});

test('a descriptor before a name outweighs any number of tagger guesses', () => {
  const text = 'The Argentine outlet Infobae reported it. Infobae said more. Infobae added detail. Infobae stressed it.';
  const doc = resolve(text, [['Infobae', 'PERSON'], ['Infobae', 'PERSON', { nth: 1 }], ['Infobae', 'PERSON', { nth: 2 }], ['Infobae', 'PERSON', { nth: 3 }]]);
  assert.equal(doc.entities.length, 1);
  assert.equal(doc.entities[0].type, 'ORG');
});

test('"the company" means the nearest organisation that may be a company, never a public body or outlet', () => {
  const text = 'PDVSA said its exports fell. The state oil company blamed sanctions, the Miami Herald reported. Chevron, which operates there under a license from the Treasury Department, declined to comment. The company has said it complies.';
  const doc = resolve(text, [['PDVSA', 'ORG'], ['Miami Herald', 'ORG'], ['Chevron', 'ORG'], ['Treasury Department', 'ORG']]);
  assert.deepEqual(mentionTexts(doc, entityNamed(doc, 'PDVSA')!), ['PDVSA', 'The state oil company']);
  assert.deepEqual(mentionTexts(doc, entityNamed(doc, 'Chevron')!), ['Chevron', 'The company']);
});

test('a hyphenated pair of countries is two mentions; "<Name> administration" is an organisation', () => {
  const doc = resolve('The Iran-Bolivia drone agreement angered the Trump administration.', [['Iran-Bolivia', 'GPE'], ['Trump', 'PERSON']]);
  assert.deepEqual(doc.entities.map((e) => [e.name, e.type, e.kb]), [
    ['Iran', 'GPE', 'iso:IR'], ['Bolivia', 'GPE', 'iso:BO'], ['Trump administration', 'ORG', null],
  ]);
  assert.deepEqual(doc.mentions.map((m) => m.text), ['Iran', 'Bolivia', 'Trump administration']);
});

test('boundary repairs: demonym + state body, possessor, lower-cased surname, "command"', () => {
  const text = 'Iranian Foreign Ministry spokesman spoke. Said the admiral Craig faller, head of the Southern Hemisphere command: Maduro’s Army is ready. Admiral Faller left. Nicolás Maduro stayed.';
  const doc = resolve(text, [
    ['Iranian', 'NORP'], ['Foreign Ministry', 'ORG'], ['Craig', 'PERSON'], ['Southern Hemisphere', 'LOC'], ['Maduro’s Army', 'ORG'],
    ['Admiral Faller', 'PERSON'], ['Nicolás Maduro', 'PERSON'],
  ]);
  assert.deepEqual(doc.entities.map((e) => [e.name, e.type]), [
    ['Iranian Foreign Ministry', 'ORG'], ['Craig Faller', 'PERSON'], ['Southern Hemisphere command', 'ORG'], ['Nicolás Maduro', 'PERSON'],
  ]);
  assert.deepEqual(mentionTexts(doc, entityNamed(doc, 'Nicolás Maduro')!), ['Maduro', 'Nicolás Maduro']);
});

test('appositive descriptions type a name as an organisation; "as a <Category>" is no entity', () => {
  const text = 'Hezbollah, the Lebanese militant group, denied it. The cartel and its armed wing, La Línea, were designated as a Foreign Terrorist Organization.';
  const doc = resolve(text, [['Hezbollah', 'GPE'], ['Lebanese', 'NORP'], ['La Línea', 'PERSON'], ['Foreign Terrorist Organization', 'ORG']]);
  assert.equal(entityNamed(doc, 'Hezbollah')?.type, 'ORG');
  assert.equal(entityNamed(doc, 'La Línea')?.type, 'ORG');
  assert.equal(entityNamed(doc, 'Foreign Terrorist Organization'), undefined);
});

test('a following lower-case word joins a name only when the text uses it as a surname', () => {
  const doc = resolve('Will Smith arrived. Biden will speak. Smith left.', [['Will Smith', 'PERSON'], ['Biden', 'PERSON'], ['Smith', 'PERSON', { nth: 1 }]]);
  assert.ok(entityNamed(doc, 'Biden'));
});

test('acronyms may keep "of" and drop a country prefix: DOJ = U.S. Department of Justice', () => {
  const doc = resolve('The U.S. Department of Justice charged him. The DOJ said so.', [['U.S. Department of Justice', 'ORG'], ['DOJ', 'ORG']]);
  assert.equal(doc.entities.length, 1);
  assert.deepEqual(doc.entities[0].aliases, ['DOJ']);
});

test('a known system the tagger typed as an organisation is still the system', () => {
  const doc = resolve('Russia fired Shahed-136 drones and the Iron Dome intercepted them.', [['Russia', 'GPE'], ['Shahed-136', 'ORG'], ['Iron Dome', 'FAC']]);
  assert.equal(entityNamed(doc, 'Shahed-136')?.type, 'PRODUCT');
  assert.equal(entityNamed(doc, 'Iron Dome')?.kb, 'mil:iron-dome');
});

test('a one-word organisation name that heads one longer name joins it: "the Times"', () => {
  const doc = resolve('The New York Times reported it. The Times said more.', [['New York Times', 'ORG'], ['Times', 'ORG', { nth: 1 }]]);
  assert.equal(doc.entities.length, 1);
});

test('cities: a small namesake in a named country does not beat a large city; text forms name exonyms', () => {
  const doc = resolve('U.S. envoys met in Geneva, then flew to Odessa and Samarra and Bogota.', [
    ['U.S.', 'GPE'], ['Geneva', 'GPE'], ['Odessa', 'GPE'], ['Samarra', 'GPE'], ['Bogota', 'GPE'],
  ]);
  assert.deepEqual(doc.entities.slice(1).map((e) => [e.name, e.kb]), [
    ['Geneva', 'geo:2660646'], ['Odessa', 'geo:698740'], ['Samarra', 'geo:91597'], ['Bogotá', 'geo:3688689'],
  ]);
});

test('ethnic groups and peoples of a continent stay NORP; a country\'s people join the country', () => {
  const doc = resolve('Serb forces killed three ethnic Albanians near Serbia. Most of the Asians left. Thousands of Nigerians rallied.', [
    ['Serb', 'NORP'], ['Albanians', 'NORP'], ['Serbia', 'GPE'], ['Asians', 'NORP'], ['Nigerians', 'NORP'],
  ]);
  assert.deepEqual(doc.entities.map((e) => [e.name, e.type]), [['Serb', 'NORP'], ['Albanians', 'NORP'], ['Serbia', 'GPE'], ['Asians', 'NORP'], ['Nigeria', 'GPE']]);
  assert.deepEqual(entityNamed(doc, 'Nigeria')?.aliases, [], 'a people noun is a mention, not an alias');
});

test('span clean-ups: particles join split names, ranks make persons, unclosed parentheses are cut', () => {
  const text = 'Osama bin Laden spoke. Vice-President Moody Awori resigned. The Hizbollah (Party of God group) left. By Christian K. Caruzo.';
  const doc = resolve(text, [['Osama', 'PERSON'], ['Laden', 'PERSON'], ['Moody Awori', 'ORG'], ['Hizbollah (Party of God', 'ORG'], ['Christian K. Caruzo', 'ORG']]);
  assert.deepEqual(doc.entities.map((e) => [e.name, e.type]), [
    ['Osama bin Laden', 'PERSON'], ['Moody Awori', 'PERSON'], ['Hizbollah', 'ORG'], ['Christian K. Caruzo', 'PERSON'],
  ]);
});

test('a lone surname the tagger typed as a place still joins its person; "Venezuela Iran" is two places', () => {
  const doc = resolve('Nicolas Maduro spoke. Maduro’s grip held. The Venezuela Iran drone cooperation grew.', [
    ['Nicolas Maduro', 'PERSON'], ['Maduro', 'GPE', { nth: 1 }], ['Venezuela Iran', 'GPE'],
  ]);
  assert.deepEqual(doc.entities.map((e) => [e.name, e.mentions.length]), [['Nicolas Maduro', 2], ['Venezuela', 1], ['Iran', 1]]);
});

test('a lone legal-form suffix is no entity; a surname the tagger called NORP joins its person', () => {
  const text = 'Petróleos de Venezuela, S.A. (PDVSA) said so. Recep Tayyip Erdogan spoke; Erdoğan left.';
  const doc = resolve(text, [['S.A.', 'ORG'], ['PDVSA', 'ORG'], ['Recep Tayyip Erdogan', 'PERSON'], ['Erdoğan', 'NORP']]);
  assert.deepEqual(doc.entities.map((e) => [e.name, e.mentions.length]), [['PDVSA', 1], ['Recep Tayyip Erdogan', 2]]);
});

test('"the admiral" refers back to the one person the text titled so', () => {
  const text = 'Admiral Craig Faller spoke on Wednesday. Later, the admiral said more. President Nicolás Maduro and the former president of Colombia met; the president left.';
  const doc = resolve(text, [['Admiral Craig Faller', 'PERSON'], ['President Nicolás Maduro', 'PERSON'], ['Colombia', 'GPE']]);
  assert.deepEqual(mentionTexts(doc, entityNamed(doc, 'Craig Faller')!), ['Craig Faller', 'the admiral']);
  assert.deepEqual(mentionTexts(doc, entityNamed(doc, 'Nicolás Maduro')!), ['Nicolás Maduro', 'the president']);
});

test('a name in headline capitals loses to the same name in running text', () => {
  const doc = resolve('NICOLÁS MADURO WINS\nNicolás Maduro won.', [['NICOLÁS MADURO', 'PERSON'], ['Nicolás Maduro', 'PERSON']]);
  assert.equal(doc.entities.length, 1);
  assert.equal(doc.entities[0].name, 'Nicolás Maduro');
  assert.deepEqual(doc.entities[0].aliases, []);
});

test('an initial is no first name or surname for a lone word: "Hampshire" is not "H. Morris"', () => {
  // A cricket scorecard: the county and the ground were taken for H. Morris's first name.
  const card = resolve('H. Morris c Stewart b Such 40. Hampshire won at Headingley. Morris batted well.', [
    ['H. Morris', 'PERSON'], ['Hampshire', 'PERSON'], ['Headingley', 'PERSON'], ['Morris', 'PERSON', { nth: 1 }],
  ]);
  assert.deepEqual(entityNamed(card, 'H. Morris')?.aliases, ['Morris']);
  assert.notEqual(entityNamed(card, 'Hampshire'), entityNamed(card, 'H. Morris'));
  const bush = resolve('George W. Bush spoke. Washington agreed. Bush left.', [['George W. Bush', 'PERSON'], ['Washington', 'PERSON'], ['Bush', 'PERSON', { nth: 1 }]]);
  assert.deepEqual(entityNamed(bush, 'George W. Bush')?.aliases, ['Bush']);
  // A full first name still joins: "Nicolás" is Nicolás Maduro's.
  const maduro = resolve('Nicolás Maduro spoke. Nicolás smiled.', [['Nicolás Maduro', 'PERSON'], ['Nicolás', 'PERSON', { nth: 1 }]]);
  assert.equal(maduro.entities.filter((e) => e.type === 'PERSON').length, 1);
});
