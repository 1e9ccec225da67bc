// Cleaning: the seeds' boilerplate goes, the body stays, and each removal is recorded; the
// recognisers hold on their own cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../../src/schema/article.js';
import { cleanParagraphs } from '../../src/ingest/clean.js';
import { trailingCredit } from '../../src/ingest/boilerplate.js';
import { articles, collect, SEEDS } from './helpers.js';

const noSeeds = !existsSync(SEEDS) && 'the shared seed corpus is not beside the repository';
async function seed(prefix: string): Promise<Article> {
  const [a] = articles(await collect([join(SEEDS, `${prefix}.txt`)]));
  assert.ok(a, `seed ${prefix} reads`);
  return a;
}
const lines = (text: string) => text.split('\n');

test('seed 000: photo label and caption gone, not a title; copyright footer gone, outlet found', { skip: noSeeds }, async () => {
  const a = await seed('000_bc97049401ccf9bb');
  assert.equal(a.title, null, '"Nicolas Maduro" is a photo label, not a headline');
  assert.equal(a.outlet, 'Latin Times');
  assert.match(a.text, /^Iran is increasing its military presence in Venezuela/);
  assert.match(a.text, /who presented ballots to support their claim to victory\.$/);
  for (const gone of ['Getty Images', '©', 'All rights reserved']) assert.ok(!a.text.includes(gone), gone);
  assert.deepEqual(a.removed, [
    { kind: 'caption', text: 'Nicolas Maduro' },
    { kind: 'caption', text: 'Iran officials and military personnel now reside in Venezuela, with some members of the elite being offered political asylum and properties in the country. Getty Images' },
    { kind: 'copyright', text: '© 2024 Latin Times. All rights reserved. Do not reproduce without permission.' },
  ]);
  assert.ok(lines(a.text).every((l) => l.trim() === l && l !== ''), 'no blank lines, no trailing spaces');
});

test('seed 001: bio, social and "read the full article" footer gone; the author found', { skip: noSeeds }, async () => {
  const a = await seed('001_d614e4c1e9a83542');
  assert.equal(a.author, 'Christian K. Caruzo');
  assert.match(a.text, /at one of Venezuela’s main refineries\.$/);
  for (const gone of ['Caruzo', 'Twitter', 'Read the full article']) assert.ok(!a.text.includes(gone), gone);
  assert.deepEqual(a.removed.map((r) => r.kind), ['bio', 'social', 'footer']);
});

test('seed 003: link-bait tail gone; scene caption keeps its words, loses its credit; portrait caption gone', { skip: noSeeds }, async () => {
  const a = await seed('003_08d7b940e46f9dc3');
  assert.equal(a.title, '20 Iranian fighters and weapons reinforce Maduro’s government');
  assert.equal(lines(a.text)[0], a.title, 'the title stays as the first line');
  assert.match(a.text, /had ties to Hezbollah\.$/);
  for (const gone of ['memes', 'Best Buy', 'Guillermo del Toro', 'Isaac Urrutia', 'File photo']) assert.ok(!a.text.includes(gone), gone);
  assert.ok(lines(a.text).includes('Oil installations on Lake Maracaibo in Cabimas, Venezuela, January 29, 2019.'));
  assert.ok(!lines(a.text).includes('Craig Faller, head of the Southern Hemisphere command.'));
  assert.deepEqual(a.removed.map((r) => r.kind), ['caption', 'credit', 'spam', 'spam']);
});

test('seeds 002 and 004 have nothing to remove', { skip: noSeeds }, async () => {
  for (const id of ['002_96cfd5f636ac567f', '004_cefcf4402a148257']) {
    const a = await seed(id);
    assert.deepEqual(a.removed, [], id);
    assert.equal(a.language, 'en');
  }
});

test('photo credits: agency, keyword and file-photo forms, only after a sentence or alone', () => {
  assert.equal(trailingCredit('Protesters in Caracas. AP Photo/Ariana Cubillos')?.credit, 'AP Photo/Ariana Cubillos');
  assert.equal(trailingCredit('Protesters in Caracas. (Photo by Juan Barreto/AFP via Getty Images)')?.credit, '(Photo by Juan Barreto/AFP via Getty Images)');
  assert.equal(trailingCredit('Protesters in Caracas. REUTERS/Leonardo Fernandez Viloria/File Photo')?.credit, 'REUTERS/Leonardo Fernandez Viloria/File Photo');
  assert.equal(trailingCredit('Getty Images')?.rest, '');
  assert.equal(trailingCredit('The minister made the remarks in an interview he gave to Reuters.'), null);
  assert.equal(trailingCredit('The minister spoke to AP'), null);
});

test('a credited caption naming nothing new is dropped; one naming a place found nowhere else keeps its words', () => {
  const body = 'The ministry said the plant in Maracay would build drones.\nWorkers said the first batch was ready.\nOpposition lawmakers criticised the deal.';
  const dropped = cleanParagraphs([{ text: `Workers in Maracay. Getty Images\n${body}` }]);
  assert.equal(dropped.text, body);
  const kept = cleanParagraphs([{ text: `Workers in Puerto Cabello, May 2, 2023. Getty Images\n${body}` }]);
  assert.equal(lines(kept.text)[0], 'Workers in Puerto Cabello, May 2, 2023.');
  assert.deepEqual(kept.removed, [{ kind: 'credit', text: 'Getty Images' }]);
});

test('a closing "X is a … writer" line is a bio only when X is not someone the article quotes', () => {
  const quoted = 'Danny Citrinowicz said Iran would lose a strategic hub.\nThe ministry did not comment.\nCitrinowicz is a researcher at the Institute for National Security Studies.';
  assert.equal(cleanParagraphs([{ text: quoted }]).removed.length, 0);
  const bio = cleanParagraphs([{ text: 'The ministry did not comment.\nMaria Lopez is a journalist based in Caracas.' }]);
  assert.equal(bio.author, 'Maria Lopez');
  assert.deepEqual(bio.removed, [{ kind: 'bio', text: 'Maria Lopez is a journalist based in Caracas.' }]);
});

test('a short trailing line sharing words with the article is not spam', () => {
  const text = 'Iran sent drones to Venezuela, officials said.\nThe drones were assembled in Maracay.\nThe shipments continued this year.\nMore drones expected in Maracay';
  assert.deepEqual(cleanParagraphs([{ text }]).removed, []);
});

test('bylines at the top name the author', () => {
  const c = cleanParagraphs([{ text: 'By Jane Doe and John Roe, Reuters\nThe council met on Monday.' }]);
  assert.equal(c.author, 'Jane Doe and John Roe');
  assert.equal(c.text, 'The council met on Monday.');
});
