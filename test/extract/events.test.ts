// Events: PLOVER types from triggers, with actor and target in active, passive, joined and
// nominal forms; context flags; dates and claims attached — on hand-built Documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventLines, extractAll, handDocument, nameOf, type HandEntity } from './helpers.js';

const IRAN: HandEntity = { name: 'Iran', type: 'GPE', forms: ['Iran', 'Iranian', 'Tehran'], refersTo: { Iranian: 'Iran' } };
const VENEZUELA: HandEntity = { name: 'Venezuela', type: 'GPE', forms: ['Venezuela', 'Venezuelan'], refersTo: { Venezuelan: 'Venezuela' } };
const MADURO: HandEntity = { name: 'Nicolás Maduro', type: 'PERSON', forms: ['Nicolás Maduro', 'Maduro'] };
const MILEI: HandEntity = { name: 'Javier Milei', type: 'PERSON', forms: ['Javier Milei', 'Milei'] };
const US: HandEntity = { name: 'United States', type: 'GPE', forms: ['United States', 'U.S.'] };

const eventsOf = (text: string, entities: HandEntity[], published = '2025-01-12') =>
  extractAll(handDocument(text, entities, { published, publishedSource: 'metadata' }));

test('active voice: the subject acts on the object', () => {
  const doc = eventsOf('In 2023, Iran closed a deal to sell drones to Bolivia.', [IRAN, { name: 'Bolivia', type: 'GPE', forms: ['Bolivia'] }]);
  assert.deepEqual(eventLines(doc), ['Iran AGREE Bolivia']);
  assert.equal(doc.events[0].date, '2023');
  assert.equal(doc.events[0].trigger, 'closed a deal');
});

test('passive voice: "was released by X" makes X the actor', () => {
  const doc = eventsOf('Saab was released by the outgoing administration of U.S. President Joe Biden in December 2023.', [
    { name: 'Alex Saab', type: 'PERSON', forms: ['Saab'] }, US, { name: 'Joe Biden', type: 'PERSON', forms: ['Joe Biden'] },
  ]);
  assert.deepEqual(eventLines(doc), ['Joe Biden CONCEDE Alex Saab']);
  assert.equal(doc.events[0].mode, 'release');
  assert.equal(doc.events[0].date, '2023-12');
});

test('symmetric: "A and B signed a deal" and "cooperation between A and B"', () => {
  const signed = eventsOf('The regimes of Iran and Venezuela signed a deal for a drone facility.', [IRAN, VENEZUELA]);
  assert.deepEqual(eventLines(signed), ['Iran AGREE Venezuela']);
  const between = eventsOf('The partnership between Venezuela and Iran began with a defense agreement.', [IRAN, VENEZUELA]);
  assert.deepEqual(eventLines(between).sort(), ['Venezuela AGREE Iran', 'Venezuela COOPERATE Iran']);
});

test('a capital stands for its country; a demonym with a state noun for the state', () => {
  const doc = eventsOf('In 2022, Maduro visited Tehran, signing a broad 20-year cooperation agreement with Iran.', [MADURO, IRAN]);
  assert.deepEqual(eventLines(doc).sort(), ['Nicolás Maduro AGREE Iran', 'Nicolás Maduro CONSULT Iran']);
  const officials = eventsOf('Argentine officials seized a cargo plane that belonged to Conviasa.', [
    { name: 'Argentina', type: 'GPE', forms: ['Argentine'], refersTo: { Argentine: 'Argentina' } },
    { name: 'Conviasa', type: 'ORG', forms: ['Conviasa'] },
  ]);
  assert.deepEqual(eventLines(officials), ['Argentina COERCE Conviasa']);
  assert.equal(officials.events[0].mode, 'seize');
});

test('a second verb shares the subject, and "him" is the person named before', () => {
  const doc = eventsOf('Maduro blamed President Javier Milei for the seizure and issued an arrest warrant against him.', [MADURO, MILEI]);
  assert.deepEqual(eventLines(doc), ['Nicolás Maduro ACCUSE Javier Milei', 'Nicolás Maduro COERCE Javier Milei']);
});

test('nominal triggers: "Israel’s battering of allies Hezbollah"', () => {
  const doc = eventsOf('Iran’s threat has been blunted by Israel’s battering of allies Hezbollah in Lebanon.', [
    IRAN, { name: 'Israel', type: 'GPE', forms: ['Israel'] }, { name: 'Hezbollah', type: 'ORG', forms: ['Hezbollah'] }, { name: 'Lebanon', type: 'GPE', forms: ['Lebanon'] },
  ]);
  assert.deepEqual(eventLines(doc), ['Israel ASSAULT Hezbollah']);
  assert.equal(nameOf(doc, doc.events[0].location), 'Lebanon');
});

test('a place after "in" is the location, not the target; targetless strikes keep a null target', () => {
  const doc = eventsOf('Since September, the U.S. has launched at least 21 lethal strikes on vessels in the Caribbean.', [US, { name: 'Caribbean', type: 'LOC', forms: ['Caribbean'] }]);
  assert.deepEqual(eventLines(doc), ['United States ASSAULT null']);
  assert.equal(doc.events[0].mode, 'aerial');
  assert.equal(nameOf(doc, doc.events[0].location), 'Caribbean');
});

test('dyadic events need a target: "provide support" with no one supported is no event', () => {
  assert.deepEqual(eventLines(eventsOf('Iran remains the primary partner, while Russia provides support.', [IRAN, { name: 'Russia', type: 'GPE', forms: ['Russia'] }])), []);
});

test('hypothetical, future and negated context flags', () => {
  const hypo = eventsOf('If a conflict occurs, Iran could assist Venezuela with weapons.', [IRAN, VENEZUELA]);
  assert.deepEqual(hypo.events.map((e) => [e.type, e.context]), [['AID', ['hypothetical']]]);
  const threat = eventsOf('Maduro has said Venezuela will respond immediately if attacked by the United States.', [MADURO, VENEZUELA, US]);
  assert.ok(threat.events.some((e) => e.type === 'THREATEN' && e.context?.includes('hypothetical')), JSON.stringify(threat.events));
  const negated = eventsOf('Iran did not attack Venezuela.', [IRAN, VENEZUELA]);
  assert.deepEqual(negated.events.map((e) => [e.type, e.context]), [['ASSAULT', ['negated']]]);
});

test('a stated intention is coded AGREE, as PLOVER does ("will visit", "willing to withdraw")', () => {
  const doc = eventsOf('Maduro will visit Iran next month.', [MADURO, IRAN]);
  assert.deepEqual(eventLines(doc), ['Nicolás Maduro AGREE Iran']);
});

test('old events are flagged historical against the publication date', () => {
  const doc = eventsOf('In 2006, Venezuela signed a defense agreement with Iran.', [IRAN, VENEZUELA]);
  assert.deepEqual(doc.events.map((e) => [e.type, e.date, e.context]), [['AGREE', '2006', ['historical']]]);
});

test('an event inside reported speech points to the claim reporting it', () => {
  const doc = eventsOf('Infobae reported that Iran helped the Maduro government cover up an oil spill.', [IRAN, MADURO, { name: 'Infobae', type: 'ORG', forms: ['Infobae'] }]);
  assert.deepEqual(eventLines(doc), ['Iran AID Nicolás Maduro']);
  const claim = doc.claims.find((c) => c.id === doc.events[0].claim);
  assert.equal(nameOf(doc, claim?.source ?? null), 'Infobae');
});

test('the same event named twice is one event', () => {
  const doc = eventsOf('Iran signed a deal with Venezuela. Venezuela signed the deal with Iran in Caracas.', [IRAN, VENEZUELA]);
  assert.equal(doc.events.filter((e) => e.type === 'AGREE').length, 1);
});

test('a threat with no named target goes to the counterpart of the tensions named just before', () => {
  const doc = eventsOf('Maduro is preparing for conflict as tensions rise with the United States. Maduro has said the country will respond immediately if attacked.', [MADURO, US]);
  assert.deepEqual(eventLines(doc), ['Nicolás Maduro THREATEN United States']);
});

test('support with no named recipient goes to the country just said to be backed', () => {
  const RUSSIA: HandEntity = { name: 'Russia', type: 'GPE', forms: ['Russia'] };
  const CHINA: HandEntity = { name: 'China', type: 'GPE', forms: ['China'] };
  const doc = eventsOf('Venezuela is also backed by global allies. Iran remains the primary partner, while China and Russia provide political and strategic support.', [VENEZUELA, IRAN, CHINA, RUSSIA]);
  assert.deepEqual(eventLines(doc).sort(), ['China SUPPORT Venezuela', 'Russia SUPPORT Venezuela']);
});

test('"with the direct support of X" and "relying on X’s expertise": X aids the one it helps', () => {
  const support = eventsOf('The drones are an advance in Venezuela’s military capacity, with the direct support of Tehran.', [VENEZUELA, IRAN]);
  assert.deepEqual(eventLines(support), ['Iran AID Venezuela']);
  const relying = eventsOf('Venezuela continues to expand its drone program, relying on Iranian expertise.', [VENEZUELA, IRAN]);
  assert.deepEqual(eventLines(relying), ['Iran AID Venezuela']);
});

test('a relative pronoun acts for the name right before it; an "according to" phrase is no target', () => {
  const HOUTHIS: HandEntity = { name: 'Houthis', type: 'ORG', forms: ['Houthis'] };
  const doc = eventsOf('Iran denied arming the Houthis, who have attacked Israel since November 2023, according to U.S. officials.', [IRAN, HOUTHIS, US, { name: 'Israel', type: 'GPE', forms: ['Israel'] }]);
  assert.deepEqual(eventLines(doc), ['Houthis ASSAULT Israel']);
  const far = eventsOf('Maduro praised the community, which has sided with the opposition.', [MADURO]);
  assert.deepEqual(eventLines(far), []);
});

test('"the two leaders" and "both sides" are the pair just named; weapons stand for who fires them', () => {
  const ERDOGAN: HandEntity = { name: 'Recep Tayyip Erdogan', type: 'PERSON', forms: ['Recep Tayyip Erdogan'] };
  const PUTIN: HandEntity = { name: 'Vladimir Putin', type: 'PERSON', forms: ['Vladimir Putin'] };
  const doc = eventsOf('Recep Tayyip Erdogan hosted Vladimir Putin in Ankara on Monday. The two leaders signed agreements on energy and trade.', [ERDOGAN, PUTIN]);
  assert.deepEqual(eventLines(doc), ['Recep Tayyip Erdogan CONSULT Vladimir Putin', 'Recep Tayyip Erdogan AGREE Vladimir Putin']);
  const UKRAINE: HandEntity = { name: 'Ukraine', type: 'GPE', forms: ['Ukraine', 'Ukrainian'], refersTo: { Ukrainian: 'Ukraine' } };
  const RUSSIA: HandEntity = { name: 'Russia', type: 'GPE', forms: ['Russia'] };
  const drones = eventsOf('Ukrainian drones struck an oil refinery in Russia’s Volgograd region.', [UKRAINE, RUSSIA, { name: 'Volgograd', type: 'GPE', forms: ['Volgograd'] }]);
  assert.deepEqual(eventLines(drones), ['Ukraine ASSAULT null']);
});

test('"the Maduro regime" is the state its leader is said to run', () => {
  const doc = eventsOf('Venezuelan President Nicolás Maduro spoke on Monday. Iran helped the Maduro regime cover up an oil spill.', [IRAN, VENEZUELA, MADURO]);
  assert.deepEqual(eventLines(doc), ['Iran AID Venezuela']);
  const unknown = eventsOf('Iran helped the Maduro regime cover up an oil spill.', [IRAN, MADURO]);
  assert.deepEqual(eventLines(unknown), ['Iran AID Nicolás Maduro']);
});

test('passive voice with a participle that has no -ed: "was shot by X" makes X the actor', () => {
  const REAGAN: HandEntity = { name: 'Ronald Reagan', type: 'PERSON', forms: ['Ronald Reagan'] };
  const HINCKLEY: HandEntity = { name: 'John Hinckley', type: 'PERSON', forms: ['John Hinckley'] };
  // Before: "Ronald Reagan ASSAULT John Hinckley", the victim as the actor.
  assert.deepEqual(eventLines(eventsOf('Ronald Reagan was shot by John Hinckley in 1981.', [REAGAN, HINCKLEY])), ['John Hinckley ASSAULT Ronald Reagan']);
  // With no agent the subject is still no actor.
  assert.deepEqual(eventLines(eventsOf('Ronald Reagan was shot in 1981 outside a hotel.', [REAGAN])).filter((l) => l.startsWith('Ronald Reagan ')), []);
});

/** The texts of an entity's mentions: names, then the phrases events gave it. */
const mentionTexts = (doc: ReturnType<typeof eventsOf>, name: string) => {
  const e = doc.entities.find((x) => x.name === name)!;
  return {
    names: e.mentions.filter((m) => !m.phrase).map((m) => doc.text.slice(m.start, m.end)),
    phrases: e.mentions.filter((m) => m.phrase).map((m) => doc.text.slice(m.start, m.end)),
  };
};

test('an event names its participants by their phrase: the title before a person, the group noun after a people', () => {
  const ARAFAT: HandEntity = { name: 'Yasser Arafat', type: 'PERSON', forms: ['Yasser Arafat'] };
  const PALESTINE: HandEntity = { name: 'Palestine', type: 'GPE', forms: ['Palestine', 'Palestinian'], refersTo: { Palestinian: 'Palestine' } };
  const titled = eventsOf('Palestinian leader Yasser Arafat rejected a U.S. offer to host a summit.', [ARAFAT, PALESTINE, US]);
  assert.deepEqual(eventLines(titled), ['Yasser Arafat REJECT United States']);
  assert.deepEqual(mentionTexts(titled, 'Yasser Arafat'), { names: ['Yasser Arafat'], phrases: ['Palestinian leader Yasser Arafat'] });
  // A possessive owner and words of the office: "Iran's Foreign Minister".
  const ZARIF: HandEntity = { name: 'Javad Zarif', type: 'PERSON', forms: ['Javad Zarif'] };
  const owned = eventsOf("On Monday, Iran's Foreign Minister Javad Zarif visited Caracas.", [IRAN, ZARIF, { name: 'Venezuela', type: 'GPE', forms: ['Caracas'] }]);
  assert.deepEqual(mentionTexts(owned, 'Javad Zarif').phrases, ["Iran's Foreign Minister Javad Zarif"]);
  // The group noun runs over modifiers and stops at what is not one: "Israeli army bulldozers demolished".
  const ISRAEL: HandEntity = { name: 'Israel', type: 'GPE', forms: ['Israel', 'Israeli'], refersTo: { Israeli: 'Israel' } };
  const group = eventsOf('Israeli army bulldozers demolished Hamas offices in Gaza.', [ISRAEL, { name: 'Hamas', type: 'ORG', forms: ['Hamas'] }]);
  assert.deepEqual(eventLines(group), ['Israel COERCE Hamas']);
  assert.deepEqual(mentionTexts(group, 'Israel').phrases, ['Israeli army']);
  const riot = eventsOf('Venezuelan riot police arrested Iranian students on Friday.', [VENEZUELA, IRAN]);
  assert.deepEqual(mentionTexts(riot, 'Venezuela').phrases, ['Venezuelan riot police']);
  assert.deepEqual(mentionTexts(riot, 'Iran').phrases, ['Iranian students']);
  // A bare name gets no phrase, and a proposal is not a group of people.
  const bare = eventsOf('Venezuela rejected an Iranian proposal on Monday.', [VENEZUELA, IRAN]);
  assert.deepEqual(eventLines(bare), ['Venezuela REJECT Iran']);
  assert.deepEqual(mentionTexts(bare, 'Venezuela').phrases, []);
  assert.deepEqual(mentionTexts(bare, 'Iran').phrases, []);
});

test('a group named by where it is acts for that place: "Rebels in the Ivory Coast dismissed an appeal"', () => {
  const IVORY: HandEntity = { name: 'Ivory Coast', type: 'GPE', forms: ['Ivory Coast'] };
  const GBAGBO: HandEntity = { name: 'Laurent Gbagbo', type: 'PERSON', forms: ['Laurent Gbagbo'] };
  const doc = eventsOf('Rebels in the Ivory Coast on Wednesday dismissed an appeal from President Laurent Gbagbo.', [IVORY, GBAGBO]);
  assert.deepEqual(eventLines(doc), ['Ivory Coast REJECT Laurent Gbagbo']);
  assert.deepEqual(mentionTexts(doc, 'Ivory Coast').phrases, ['Rebels in the Ivory Coast']);
  assert.deepEqual(mentionTexts(doc, 'Laurent Gbagbo').phrases, ['President Laurent Gbagbo']);
  // A place after "in" with no group noun before it is still only a place.
  assert.deepEqual(eventLines(eventsOf('Fighting in the Ivory Coast killed dozens.', [IVORY])), []);
});

test('a plural demonym is its people, not an adjective: "Palestinians blamed Israel"', () => {
  const PALESTINE: HandEntity = { name: 'Palestine', type: 'GPE', forms: ['Palestine', 'Palestinians'], refersTo: { Palestinians: 'Palestine' } };
  const ISRAEL: HandEntity = { name: 'Israel', type: 'GPE', forms: ['Israel'] };
  assert.deepEqual(eventLines(eventsOf('Palestinians blamed Israel for the bombing.', [PALESTINE, ISRAEL])), ['Palestine ACCUSE Israel']);
  // "Swiss" ends in -s and is still an adjective: "Swiss networks" do not stand for Switzerland.
  const SWISS: HandEntity = { name: 'Switzerland', type: 'GPE', forms: ['Switzerland', 'Swiss'], refersTo: { Swiss: 'Switzerland' } };
  assert.deepEqual(eventLines(eventsOf('Swiss networks helped Israel.', [SWISS, ISRAEL])), []);
});

test('a group in a place acts only from the start of its clause; people on the receiving end stand for their country', () => {
  const SAUDI: HandEntity = { name: 'Saudi Arabia', type: 'GPE', forms: ['Saudi Arabia'] };
  const PALESTINE: HandEntity = { name: 'Palestine', type: 'GPE', forms: ['Palestinians'], refersTo: { Palestinians: 'Palestine' } };
  // The support is Saudi Arabia's: "pressure groups in the United States" is not the clause's subject.
  const doc = eventsOf('Saudi Arabia has mobilized pressure groups in the United States to help support the rights of Palestinians.', [SAUDI, US, PALESTINE]);
  assert.ok(!eventLines(doc).some((l) => l.startsWith('United States ')), eventLines(doc).join('; '));
  const AFGHANISTAN: HandEntity = { name: 'Afghanistan', type: 'GPE', forms: ['Afghanistan', 'Afghan'], refersTo: { Afghan: 'Afghanistan' } };
  const RUSSIA: HandEntity = { name: 'Russia', type: 'GPE', forms: ['Russia', 'Russian'], refersTo: { Russian: 'Russia' } };
  const killed = eventsOf('Russian aircraft killed 46 Afghan civilians in an attack on a village.', [RUSSIA, AFGHANISTAN]);
  assert.deepEqual(eventLines(killed), ['Russia ASSAULT Afghanistan']);
  assert.deepEqual(mentionTexts(killed, 'Afghanistan').phrases, ['Afghan civilians']);
  assert.deepEqual(mentionTexts(killed, 'Russia').phrases, ['Russian aircraft']);
});

test('a coercive act announced for the future, or any act on a condition, is a threat', () => {
  assert.deepEqual(eventLines(eventsOf('Venezuela said it would boycott all official contact with the United States.', [VENEZUELA, US])), ['Venezuela THREATEN United States']);
  assert.deepEqual(eventLines(eventsOf('Venezuela will withdraw its ambassador from Iran unless Tehran apologises.', [VENEZUELA, IRAN])), ['Venezuela THREATEN Iran']);
  // Without a condition, an announced withdrawal is still the intention PLOVER codes as AGREE.
  assert.deepEqual(eventLines(eventsOf('Venezuela will withdraw its ambassador from Iran.', [VENEZUELA, IRAN])), ['Venezuela AGREE Iran']);
});

test('PLOVER homes of torture, extradition, asylum and apology (CAMEO: assault, judicial cooperation, aid, support)', () => {
  const one = (text: string) => eventsOf(text, [VENEZUELA, IRAN]).events.map((e) => `${e.type}/${e.mode}`);
  assert.deepEqual(one('Venezuela tortured Iranian detainees.'), ['ASSAULT/torture']);
  assert.deepEqual(one('Venezuelan police beat up Iranian detainees.'), ['ASSAULT/beat']);
  assert.deepEqual(one('Venezuela extradited two men to Iran on Sunday.'), ['COOPERATE/judicial']);
  assert.deepEqual(one('Venezuela granted political asylum to Iranian officials.'), ['AID/humanitarian']);
  assert.deepEqual(one('Venezuela apologized to Iran for the incident.'), ['SUPPORT/null']);
  // A team that beats another assaults no one.
  assert.deepEqual(one('Venezuela beat Iran 2-1 in Caracas.'), []);
});

test('one act found twice, with its target and without, is one event', () => {
  const TIKRIT: HandEntity = { name: 'Tikrit', type: 'GPE', forms: ['Tikrit'] };
  // "bombing" (no target) and "killed … U.S. soldiers": until stop 29 also "Tikrit ASSAULT null".
  const doc = eventsOf('A car bombing near the town of Tikrit on Monday killed two U.S. soldiers and wounded three others.', [TIKRIT, US]);
  assert.deepEqual(eventLines(doc), ['Tikrit ASSAULT United States']);
  // With no targeted twin, the targetless event stays.
  assert.deepEqual(eventLines(eventsOf('Iran launched drone strikes on Sunday.', [IRAN])), ['Iran ASSAULT null']);
});

test('protest by blocking roads and rioting; "demonstrators" and "back" as an adverb trigger nothing', () => {
  const lines = (text: string) => eventLines(eventsOf(text, [VENEZUELA, IRAN, US]));
  assert.deepEqual(lines('Venezuelan students blocked roads in Caracas to show their disapproval of the United States.'), ['Venezuela PROTEST United States']);
  assert.deepEqual(lines('Iranian demonstrators rioted against the United States.'), ['Iran PROTEST United States']);
  // The police fire on demonstrators; they do not demonstrate.
  assert.ok(!lines('Venezuelan riot police fired tear gas on demonstrators.').some((l) => l.includes('PROTEST')));
  // "send them back to Iran" is no support for Iran.
  assert.ok(!lines("Venezuela decided to send them back to Iran.").some((l) => l.includes('SUPPORT')));
  assert.deepEqual(lines('Venezuela will back Iran at the summit.'), ['Venezuela AGREE Iran']);
});

test('the possessor of a proposal or policy after adjectives is the target: "rejected Iran\'s latest peace proposal"', () => {
  assert.deepEqual(eventLines(eventsOf("Venezuela rejected Iran's latest peace proposal.", [VENEZUELA, IRAN])), ['Venezuela REJECT Iran']);
  assert.deepEqual(eventLines(eventsOf("Venezuela welcomed Iran's new trade policy on Monday.", [VENEZUELA, IRAN])), ['Venezuela SUPPORT Iran']);
  // A possessor of anything else is still a modifier.
  assert.deepEqual(eventLines(eventsOf("Venezuela rejected Iran's latest football results.", [VENEZUELA, IRAN])), []);
});

test('after "to", a form in -s or -ed is no verb: "conceded to demands from X" is no request', () => {
  const lines = eventLines(eventsOf('Maduro has conceded to demands from Iran to free the prisoners.', [MADURO, IRAN]));
  assert.ok(!lines.some((l) => l.includes('REQUEST')), lines.join('; '));
  assert.ok(lines.includes('Nicolás Maduro CONCEDE Iran'), lines.join('; '));
});

test('"X said Y must do it" is a request of X to Y', () => {
  const RUSSIA: HandEntity = { name: 'Russia', type: 'GPE', forms: ['Russia'] };
  const SUDAN: HandEntity = { name: 'Sudan', type: 'GPE', forms: ['Sudan'] };
  const doc = eventsOf('Russia said on Tuesday that Sudan must return a helicopter captured last week.', [RUSSIA, SUDAN]);
  assert.deepEqual(eventLines(doc), ['Russia REQUEST Sudan']);
  assert.equal(doc.events[0].trigger, 'must');
  // An obligation nobody is said to state, or one the speaker puts on itself, is no request.
  assert.deepEqual(eventLines(eventsOf('Sudan must return the helicopter.', [SUDAN])), []);
  assert.deepEqual(eventLines(eventsOf('Russia said Russia must act.', [RUSSIA])), []);
});

test('the place a measure is put on or taken off is its target: "lifted a night curfew in Montenegro"', () => {
  const SERBIA: HandEntity = { name: 'Serbia', type: 'GPE', forms: ['Serbia'] };
  const MONTENEGRO: HandEntity = { name: 'Montenegro', type: 'GPE', forms: ['Montenegro'] };
  assert.deepEqual(eventLines(eventsOf('Serbia lifted a night curfew in Montenegro on Sunday.', [SERBIA, MONTENEGRO])), ['Serbia CONCEDE Montenegro']);
  assert.deepEqual(eventLines(eventsOf('Serbia imposed a curfew in the town of Montenegro on Sunday.', [SERBIA, MONTENEGRO])), ['Serbia COERCE Montenegro']);
  // Where the act merely happened is no target.
  assert.deepEqual(eventLines(eventsOf('Serbia lifted the prisoners out of a camp in Montenegro.', [SERBIA, MONTENEGRO])), []);
});
