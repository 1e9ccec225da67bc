// Claims: each cue family and pattern, each quotation form, each modality, and sources resolved
// through pronouns, "the outlet" and titles — on hand-built Documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributed, contentOf, extractAll, handDocument, type HandEntity } from './helpers.js';

const INFOBAE: HandEntity = { name: 'Infobae', type: 'ORG', forms: ['Infobae'] };
const MADURO: HandEntity = { name: 'Nicolás Maduro', type: 'PERSON', forms: ['Nicolás Maduro', 'Maduro'] };
const FALLER: HandEntity = { name: 'Craig Faller', type: 'PERSON', forms: ['Craig Faller', 'Admiral Faller', 'Faller'] };
const IRAN: HandEntity = { name: 'Iran', type: 'GPE', forms: ['Iran', 'Iranian'], refersTo: { Iranian: 'Iran' } };
const US: HandEntity = { name: 'United States', type: 'GPE', forms: ['United States', 'US', 'U.S.'] };
const VENEZUELA: HandEntity = { name: 'Venezuela', type: 'GPE', forms: ['Venezuela', 'Venezuelan'], refersTo: { Venezuelan: 'Venezuela' } };

const claimsOf = (text: string, entities: HandEntity[] = [], outlet: string | null = null) =>
  attributed(extractAll(handDocument(text, entities, { outlet })));

test('"X said (that) C" and "X said C" without "that"', () => {
  const [a] = claimsOf('Maduro said that the country will respond immediately.', [MADURO]);
  assert.deepEqual(a, { content: 'the country will respond immediately', source: 'Nicolás Maduro', cue: 'said', quote: false, modality: 'reported' });
  const [b] = claimsOf('Maduro has said the country will respond.', [MADURO]);
  assert.equal(b.content, 'the country will respond');
  assert.equal(b.cue, 'said');
});

test('"C, X said" and "C, said X" put the content before the cue', () => {
  const [a] = claimsOf('Thousands of Cubans guard the leader, Admiral Faller said.', [FALLER]);
  assert.equal(a.content, 'Thousands of Cubans guard the leader');
  assert.equal(a.source, 'Craig Faller');
  const [b] = claimsOf('Tehran has been trading its fuel for oil, say American and Western officials.');
  assert.equal(b.content, 'Tehran has been trading its fuel for oil');
  assert.equal(b.source, 'American and Western officials');
});

test('"according to X, C" and "C, according to X"', () => {
  const [a] = claimsOf('According to Danny Citrinowicz of the institute, Iran’s presence in Venezuela is crucial.', [{ name: 'Danny Citrinowicz', type: 'PERSON', forms: ['Danny Citrinowicz'] }]);
  assert.equal(a.content, 'Iran’s presence in Venezuela is crucial');
  assert.equal(a.source, 'Danny Citrinowicz');
  assert.equal(a.cue, 'according to');
  const [b] = claimsOf('These flights have been used to transfer gold, according to Infobae.', [INFOBAE]);
  assert.equal(b.content, 'These flights have been used to transfer gold');
  assert.equal(b.source, 'Infobae');
});

test('stated, stressed, asserted, explained and warned take a that-clause', () => {
  for (const cue of ['stated', 'stressed', 'asserted', 'explained', 'warned', 'noted', 'claimed']) {
    const [c] = claimsOf(`Infobae ${cue} that Iran has established a drone base.`, [INFOBAE]);
    assert.deepEqual([c?.content, c?.cue, c?.source], ['Iran has established a drone base', cue, 'Infobae'], cue);
  }
});

test('"X pointed to C" and "she called for C" take what follows', () => {
  const [a] = claimsOf('Citrinowicz pointed to the failed assassination of an ambassador in Mexico.', [{ name: 'Danny Citrinowicz', type: 'PERSON', forms: ['Citrinowicz'] }]);
  assert.equal(a.content, 'the failed assassination of an ambassador in Mexico');
  assert.equal(a.cue, 'pointed to');
  const claims = claimsOf('AmFACT President Adriana Jones spoke first. However, she called for the designation to be extended.', [{ name: 'Adriana Jones', type: 'PERSON', forms: ['Adriana Jones'] }]);
  assert.deepEqual(claims.map((c) => [c.source, c.content]), [['Adriana Jones', 'the designation to be extended']]);
});

test('"C1, Infobae has detailed, with C2": the clause before the cue is the claim', () => {
  const [a] = claimsOf('The relationship between the two countries has grown over the years, Infobae has detailed, with Iran having established a base.', [INFOBAE]);
  assert.equal(a.content, 'The relationship between the two countries has grown over the years');
  assert.equal(a.cue, 'has detailed'.split(' ')[1]);
});

test('"the outlet", "the Argentine outlet" and "the report" are the publication quoted before', () => {
  const text =
    'The relationship has grown, Infobae has detailed. ' +
    'The drones represent a significant advance, the outlet explains. ' +
    'The Argentine outlet asserted that an ambassador coordinates every movement. ' +
    '“These drones represent a technological advance,” the report read.';
  const claims = claimsOf(text, [INFOBAE]);
  assert.deepEqual(claims.map((c) => c.source), ['Infobae', 'Infobae', 'Infobae', 'Infobae']);
  assert.equal(claims[3].quote, true);
  assert.equal(claims[3].content, 'These drones represent a technological advance,');
});

test('"he added", "he said" and a bare "said" go to the last named speaker', () => {
  const text =
    '« We see a growing influence there, » Admiral Faller said. ' +
    'Hundreds of Russians have been instrumental in providing support, he added. ' +
    '“We are concerned about what we see”, said.';
  const claims = claimsOf(text, [FALLER]);
  assert.deepEqual(claims.map((c) => c.source), ['Craig Faller', 'Craig Faller', 'Craig Faller']);
  assert.deepEqual(claims.map((c) => c.cue), ['said', 'added', 'said']);
});

test('a title names the person introduced next: "the top US commander said" → the admiral', () => {
  const text = 'Iran sent weapons to help Maduro, the top US military commander for the region said on Wednesday. « We see a growing influence, » said Admiral Faller.';
  const [first] = claimsOf(text, [FALLER, MADURO, US]);
  assert.equal(first.content, 'Iran sent weapons to help Maduro');
  assert.equal(first.source, 'Craig Faller');
});

test('each quotation form is a direct quote: “…”, «…», ‘…’ and straight quotes', () => {
  for (const [open, close] of [['“', '”'], ['«', '»'], ['‘', '’'], ['"', '"']]) {
    const [c] = claimsOf(`${open}Iran is our strategic partner,${close} Maduro said.`, [MADURO]);
    assert.deepEqual([c?.content, c?.quote, c?.source], ['Iran is our strategic partner,', true, 'Nicolás Maduro'], open);
  }
  const [after] = claimsOf('Maduro said: “Iran is our partner.”', [MADURO]);
  assert.deepEqual([after.content, after.quote], ['Iran is our partner.', true]);
});

test('a quotation running across sentences is one claim, and the next quotation continues it', () => {
  const text = '“We are concerned about what we see. It is not just oil shipments,” Admiral Faller said. “We saw a rebound this year.”';
  const claims = claimsOf(text, [FALLER]);
  assert.deepEqual(claims.map((c) => [c.content, c.quote, c.source]), [
    ['We are concerned about what we see. It is not just oil shipments,', true, 'Craig Faller'],
    ['We saw a rebound this year.', true, 'Craig Faller'],
  ]);
});

test('quoted words inside indirect speech do not make the claim a quotation', () => {
  const [c] = claimsOf('Raisi claimed at the time that Iran and Venezuela have a “strategic relation” with “common interests.”', [{ name: 'Ebrahim Raisi', type: 'PERSON', forms: ['Raisi'] }]);
  assert.equal(c.quote, false);
  assert.match(c.content, /^Iran and Venezuela have a “strategic relation”/u);
});

test('modality: hedged, speculative and denied', () => {
  assert.equal(claimsOf('Analysts suggest that Iran sends advisors to Caracas.')[0].modality, 'hedged');
  assert.equal(claimsOf('Baqaei warned that operations could lead to repercussions.', [{ name: 'Esmaeil Baqaei', type: 'PERSON', forms: ['Baqaei'] }])[0].modality, 'hedged');
  assert.equal(claimsOf('These flights have reportedly been used to move gold, according to Infobae.', [INFOBAE])[0].modality, 'hedged');
  assert.equal(claimsOf('He noted that losing Maduro would be a strategic loss for Iran, Citrinowicz said.', [MADURO])[0].modality, 'speculative');
  assert.equal(claimsOf('Maduro said the country will respond if attacked.', [MADURO])[0].modality, 'speculative');
  const [denied] = claimsOf('Iran denied that it sent weapons to Venezuela.', [IRAN, VENEZUELA]);
  assert.deepEqual([denied.modality, denied.source, denied.content], ['denied', 'Iran', 'it sent weapons to Venezuela']);
});

test('nested attribution becomes the chain; the direct source stays the source', () => {
  const doc = extractAll(handDocument('Infobae stated in its report this week that, according to unnamed sources, the cooperation now includes military ties.', [INFOBAE], { outlet: 'Breitbart' }));
  const claims = doc.claims.filter((c) => c.source !== null);
  assert.equal(claims.length, 1);
  assert.equal(contentOf(doc, claims[0]), 'the cooperation now includes military ties');
  assert.deepEqual(claims[0].chain, ['Breitbart', 'e1', 'unnamed sources']);
});

test('the article’s own statements are claims with no source words; the outlet heads their chain', () => {
  const doc = extractAll(handDocument('Iran is increasing its military presence in Venezuela with officials and personnel.', [IRAN, VENEZUELA], { outlet: 'Latin Times' }));
  assert.equal(doc.claims.length, 1);
  assert.deepEqual(
    { source: doc.claims[0].source, sourceText: doc.claims[0].sourceText, cue: doc.claims[0].cue, modality: doc.claims[0].modality, chain: doc.claims[0].chain },
    { source: null, sourceText: null, cue: null, modality: 'asserted', chain: ['Latin Times'] },
  );
});

test('passive and expletive cues name no source: "It is largely believed that C" is the article’s, hedged', () => {
  const doc = extractAll(handDocument('It is largely believed that their alliance allowed Hezbollah to expand operations.', []));
  assert.equal(attributed(doc).length, 0);
  assert.equal(doc.claims[0].modality, 'hedged');
});

test('an object after "claimed" is not reported speech', () => {
  assert.deepEqual(claimsOf('Meanwhile, Nicolas Maduro has claimed a new term in office despite widespread condemnation.', [MADURO]), []);
});

test('claims are sorted by offset with ids c1, c2, …', () => {
  const doc = extractAll(handDocument('Iran sent drones to Venezuela last year. Maduro said the drones arrived. The deliveries continue, analysts say.', [MADURO, IRAN, VENEZUELA]));
  assert.deepEqual(doc.claims.map((c) => c.id), ['c1', 'c2', 'c3']);
  assert.ok(doc.claims.every((c, i) => i === 0 || doc.claims[i - 1].start <= c.start));
});

test('an appositive subject ("X, Y, said C"), a second verb ("condemned … and said C") and a denial of a gerund', () => {
  const [apposed] = claimsOf('Poland’s foreign minister, Radoslaw Sikorski, said Warsaw would not send troops.', [{ name: 'Radoslaw Sikorski', type: 'PERSON', forms: ['Radoslaw Sikorski'] }]);
  assert.deepEqual([apposed.source, apposed.content], ['Radoslaw Sikorski', 'Warsaw would not send troops']);
  const [joined] = claimsOf('In May, the European Union condemned the attack and said it would consider new sanctions.', [{ name: 'European Union', type: 'ORG', forms: ['European Union'] }]);
  assert.deepEqual([joined.source, joined.content], ['European Union', 'it would consider new sanctions']);
  const [denied] = claimsOf('The Kremlin denied targeting civilian infrastructure.', [{ name: 'Kremlin', type: 'ORG', forms: ['Kremlin'] }]);
  assert.deepEqual([denied.source, denied.content, denied.modality], ['Kremlin', 'targeting civilian infrastructure', 'denied']);
});

test('wire copy: a dateline is not content, "told" takes a listener, a split quotation continues', () => {
  const LI: HandEntity = { name: 'Li Qiang', type: 'PERSON', forms: ['Li Qiang'] };
  const text =
    'BEIJING, March 4 (Reuters) - China will raise its defence budget this year, the finance ministry said on Tuesday.\n' +
    '“We will firmly oppose separatist activities,” Premier Li Qiang told the National People’s Congress. ' +
    '“Reunification remains our goal,” he added, “but we will never renounce force.”';
  const claims = claimsOf(text, [LI]);
  assert.deepEqual(claims.map((c) => [c.source, c.content, c.quote]), [
    ['finance ministry', 'China will raise its defence budget this year', false],
    ['Li Qiang', 'We will firmly oppose separatist activities,', true],
    ['Li Qiang', 'Reunification remains our goal,', true],
    ['Li Qiang', 'but we will never renounce force.', true],
  ]);
});

test('sources: "a spokesperson" is new, "Analysts at X" are the analysts, "X, which …, urged" is X', () => {
  const STATE: HandEntity = { name: 'U.S. Department of State', type: 'ORG', forms: ['State Department'] };
  const IISS: HandEntity = { name: 'IISS', type: 'ORG', forms: ['International Institute for Strategic Studies'] };
  const claims = claimsOf(
    'Admiral Faller said the flights continue. A State Department spokesperson said Washington remains committed. ' +
      'Analysts at the International Institute for Strategic Studies estimate that spending is higher. ' +
      'The United States, which sold weapons to Taiwan in 2023, urged China to show restraint.',
    [FALLER, STATE, IISS, US],
  );
  assert.deepEqual(claims.map((c) => c.source), ['Craig Faller', 'U.S. Department of State', 'Analysts at the International Institute for Strategic Studies', 'United States']);
  assert.equal(claims[3].content, 'China to show restraint');
});

test('"X criticized Y, saying C" is X saying C; "Minister X, however, … and said C" is X', () => {
  const claims = claimsOf(
    'The opposition criticized the decision, saying it would hurt small businesses. ' +
      'Finance Minister Pedro Gomez, however, defended the bank and said the government would not interfere.',
    [{ name: 'Pedro Gomez', type: 'PERSON', forms: ['Pedro Gomez'] }],
  );
  assert.deepEqual(claims.map((c) => [c.source, c.cue, c.content]), [
    ['opposition', 'saying', 'it would hurt small businesses'],
    ['Pedro Gomez', 'said', 'the government would not interfere'],
  ]);
});

test('"Lebanon’s health ministry said … It added": the possessor is in the phrase, "it" is the ministry', () => {
  const LEBANON: HandEntity = { name: 'Lebanon', type: 'GPE', forms: ['Lebanon'] };
  const claims = claimsOf('Lebanon’s health ministry said in a statement that five civilians died. It added that rescue teams were still searching.', [LEBANON]);
  assert.deepEqual(claims.map((c) => [c.source, c.content]), [
    ['Lebanon', 'five civilians died'],
    ['Lebanon', 'rescue teams were still searching'],
  ]);
});

test('"Pedro Gomez, the finance minister, said C": the title is set beside the person', () => {
  const claims = claimsOf('Admiral Faller spoke first. Pedro Gomez, the finance minister, said the budget would be cut.', [FALLER, { name: 'Pedro Gomez', type: 'PERSON', forms: ['Pedro Gomez'] }]);
  assert.deepEqual(claims.map((c) => [c.source, c.content]), [['Pedro Gomez', 'the budget would be cut']]);
});

test('a capitalised determiner opening a sentence is never a source', () => {
  // Reuters: "The suspect said …" gave the source "The" with the cue "suspect", and "The state
  // budget deficit was …" a claim by "The" with the cue "state".
  for (const text of ['The suspect said he was hired to make a wooden box.', 'The state budget deficit was forecast to be 3.19 trillion lei.', 'The highlights of the first day were expected to include a speech.']) {
    assert.deepEqual(claimsOf(text).filter((c) => c.source !== null && /^(?:the|a|an)$/iu.test(c.source)), [], text);
  }
  // A source phrase with its determiner still speaks.
  const [a] = claimsOf('The state police said the engine derailed near the station.');
  assert.equal(a.source, 'state police');
});
