// Each input format read into Articles: metadata, text, ids, sources, hashes, sniffing, language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ArticleSchema } from '../../src/schema/article.js';
import { articlesFromBytes } from '../../src/ingest/index.js';
import { articles, collect, errors, fixture } from './helpers.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const only = (name: string, text: string) => {
  const [item] = articlesFromBytes(name, bytes(text));
  assert.ok(item.ok, item.ok ? '' : item.error.line());
  return item.article;
};

test('a text file: id from the file name, short unpunctuated first line as title kept in the text', () => {
  const a = only('dir/2024-05-deal.txt', 'Iran and Venezuela sign drone deal\r\n\r\nThe two governments signed the agreement on Friday, officials said.\r\n');
  assert.equal(a.id, '2024-05-deal');
  assert.equal(a.format, 'text');
  assert.equal(a.title, 'Iran and Venezuela sign drone deal');
  assert.equal(a.text, 'Iran and Venezuela sign drone deal\nThe two governments signed the agreement on Friday, officials said.');
  assert.equal(a.source, 'dir/2024-05-deal.txt');
  assert.equal(a.contentHash, createHash('sha256').update(bytes('Iran and Venezuela sign drone deal\r\n\r\nThe two governments signed the agreement on Friday, officials said.\r\n')).digest('hex'));
});

test('a text file whose first line ends a sentence has no title', () => {
  const a = only('x.txt', 'The two governments signed the agreement on Friday.\nOfficials gave no details.');
  assert.equal(a.title, null);
});

test('HTML: main content by Readability, metadata from meta tags, page furniture and boilerplate gone', async () => {
  const [a] = articles(await collect([fixture('article.html')]));
  assert.equal(a.id, 'article');
  assert.equal(a.format, 'html');
  assert.equal(a.title, 'Drone factory opens in Maracay');
  assert.equal(a.outlet, 'Caribbean Monitor');
  assert.equal(a.author, 'Ana Pérez');
  assert.equal(a.url, 'https://monitor.example/2024/01/drone-factory');
  assert.equal(a.published, '2024-01-12', 'the date as the page writes it, not shifted to UTC');
  assert.equal(a.publishedSource, 'metadata');
  assert.equal(a.language, 'en');
  assert.match(a.text, /^A drone assembly plant built with Iranian help opened on Friday/);
  assert.match(a.text, /economic hardship\.$/);
  for (const gone of ['Home', 'never text', 'Subscribe today', 'celebrity', 'All rights reserved', 'By Ana', 'Reuters', 'Twitter']) {
    assert.ok(!a.text.includes(gone), `"${gone}" should not be in the text`);
  }
  assert.equal(a.text.split('\n').length, 4, 'one line per paragraph');
  assert.deepEqual(a.removed.map((r) => r.kind), ['byline', 'caption', 'social']);
});

test('HTML without an article-like block falls back to the body without nav and footer', () => {
  const a = only('short.html', '<html><body><nav>Menu Home</nav><p>The port reopened on Monday after the storm, officials said.</p><footer>Contact us</footer></body></html>');
  assert.equal(a.text, 'The port reopened on Monday after the storm, officials said.');
});

test('HTML without a site-name tag: the outlet from the copyright notice in the footer', () => {
  const a = only('p.html', '<html><head><title>Port reopens</title></head><body><article><p>The port reopened on Monday after the storm, officials said.</p></article>' +
    '<footer><p>© 2023 Harbour Times. All rights reserved.</p></footer></body></html>');
  assert.equal(a.outlet, 'Harbour Times');
  assert.equal(a.title, 'Port reopens');
});

test('RSS 2.0: one article per item, content:encoded before description, HTML stripped', async () => {
  const [first, second] = articles(await collect([fixture('feed.rss')]));
  assert.equal(first.id, 'andes-1001', 'the guid is the id');
  assert.equal(second.id, 'feed-2', 'no guid: <file-stem>-<n>');
  assert.deepEqual([first.source, second.source], [fixture('feed.rss') + '#1', fixture('feed.rss') + '#2']);
  assert.equal(first.format, 'rss');
  assert.equal(first.outlet, 'Andes Wire');
  assert.equal(first.title, 'Bolivia signs drone deal with Iran');
  assert.equal(first.author, 'Luis Rojas');
  assert.equal(second.author, 'Marta Gil', 'the name in an RSS <author> e-mail');
  assert.equal(first.published, '2023-07-21');
  assert.equal(first.url, 'https://andes.example/bolivia-drones');
  assert.equal(first.text, 'Bolivia signed a memorandum with Iran on Thursday covering the purchase of drones, the defence ministry in La Paz said.\nOfficials did not say how many aircraft were involved or what they would cost.');
  assert.equal(second.text, 'Conviasa will add a second weekly flight between Caracas and Tehran, the airline said on Monday.\nThe route has been criticised by the United States.');
  assert.notEqual(first.contentHash, second.contentHash);
});

test('Atom: entries with html content or a plain summary', async () => {
  const [first, second] = articles(await collect([fixture('feed.atom')]));
  assert.equal(first.format, 'atom');
  assert.equal(first.id, 'urn:gulf:2024:tanker');
  assert.equal(first.outlet, 'Gulf Observer');
  assert.equal(first.author, 'Sara Karimi');
  assert.equal(first.url, 'https://gulf.example/tanker');
  assert.equal(first.published, '2024-03-01');
  assert.equal(first.text, 'Iranian naval forces seized a tanker near the Strait of Hormuz on Friday, state media reported.\nThe crew of 21 was reported to be safe.');
  assert.equal(second.id, 'feed-2');
  assert.equal(second.published, '2024-03-02', 'updated when there is no published');
  assert.equal(second.text, 'Oil prices held steady on Saturday as traders weighed the seizure against weak demand in Asia.');
});

test('JSON array: records with text or html, own id or <file-stem>-<n>', async () => {
  const [first, second] = articles(await collect([fixture('records.json')]));
  assert.equal(first.id, 'wire-7');
  assert.equal(first.outlet, 'Wire Service');
  assert.equal(first.author, 'Tom Reed');
  assert.equal(first.published, '2024-05-03');
  assert.equal(first.format, 'json');
  assert.equal(second.id, 'records-2');
  assert.equal(second.source, fixture('records.json') + '#2');
  assert.equal(second.published, '2024-05-06');
  assert.equal(second.text, 'The embassy in Caracas reopened on Monday after a two-year closure, the foreign ministry said.\nConsular services will resume next week.');
});

test('a single-object JSON file is a file: its id is the file name', async () => {
  const [a] = articles(await collect([fixture('single.json')]));
  assert.equal(a.id, 'single');
  assert.equal(a.published, '2024-02');
  assert.equal(a.contentHash, createHash('sha256').update(readFileSync(fixture('single.json'))).digest('hex'));
});

test('JSONL: one article per line; a record without text is an error for that record only', async () => {
  const items = await collect([fixture('records.jsonl')]);
  assert.deepEqual(articles(items).map((a) => [a.id, a.source.split('#')[1]]), [['j1', '1'], ['records-2', '2']]);
  assert.equal(articles(items)[1].outlet, 'Border News');
  const [err] = errors(items);
  assert.equal(err.code, 'INVALID');
  assert.equal(err.file, fixture('records.jsonl') + '#3');
});

test('a record hash is over its canonical JSON: key order does not change it', () => {
  const a = only('a.jsonl', '{"id":"r","title":"T","text":"The council met on Monday and approved the budget."}\n{"id":"s","text":"Another record."}');
  const b = only('b.jsonl', '{"text":"The council met on Monday and approved the budget.","title":"T","id":"r"}\n{"id":"s","text":"Another record."}');
  assert.equal(a.contentHash, b.contentHash);
});

test('blobs without a known extension are sniffed', () => {
  const rss = readFileSync(fixture('feed.rss'), 'utf8');
  assert.equal(only('upload', rss).format, 'rss');
  assert.equal(only('upload', '<!doctype html><html><body><p>The port reopened on Monday, officials said.</p></body></html>').format, 'html');
  assert.equal(only('upload', '{"text": "The port reopened on Monday, officials said."}').format, 'json');
  assert.equal(only('upload', '{"text": "One."}\n{"text": "Two."}').format, 'jsonl');
  assert.equal(only('upload', 'The port reopened on Monday, officials said.').format, 'text');
});

test('language: English, other common languages by name, und when the text does not tell', async () => {
  const [es] = articles(await collect([fixture('spanish.txt')]));
  assert.equal(es.language, 'es', 'a non-English article is still returned, flagged');
  const fr = only('fr.txt', "Le gouvernement a annoncé vendredi un accord avec l'Iran pour la construction d'une usine de drones dans la base aérienne, selon le ministère de la Défense.");
  assert.equal(fr.language, 'fr');
  const de = only('de.txt', 'Die Regierung hat am Freitag ein Abkommen mit dem Iran über den Bau einer Drohnenfabrik auf dem Luftwaffenstützpunkt angekündigt, teilte das Ministerium mit.');
  assert.equal(de.language, 'de');
  assert.equal(only('short.txt', 'Caracas, Tehran.').language, 'und');
});

test('language: a feed\'s, an item\'s or a record\'s declared language stands when the text does not tell', () => {
  const items = (name: string, text: string) => articlesFromBytes(name, bytes(text)).map((i) => (i.ok ? i.article.language : i.error.message));
  const rss = (channel: string, item = '') => `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title>${channel}`
    + `<item><title>Drones</title><description>Irán envió drones a Venezuela.</description>${item}</item>`
    + '<item><title>Long</title><description>The government said on Friday that the agreement with Iran would be signed in the capital, and that it was a matter for the ministry.</description></item>'
    + '</channel></rss>';
  assert.deepEqual(items('feed.rss', rss('')), ['und', 'en'], 'five words tell nothing; nothing is declared');
  assert.deepEqual(items('feed.rss', rss('<language>es-VE</language>')), ['es', 'en'], 'the channel\'s language, where the text does not tell; the text wins where it does');
  assert.deepEqual(items('feed.rss', rss('<language>en</language>', '<dc:language>es</dc:language>')), ['es', 'en'], 'the item\'s own over the channel\'s');
  const atom = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es"><title>Wire</title>'
    + '<entry><id>a</id><title>Drones</title><content type="text">Irán envió drones a Venezuela.</content></entry>'
    + '<entry xml:lang="pt"><id>b</id><title>Drones</title><content type="text">Irã enviou drones.</content></entry></feed>';
  assert.deepEqual(items('feed.atom', atom), ['es', 'pt']);
  assert.deepEqual(items('records.jsonl', '{"text": "Irán envió drones a Venezuela.", "language": "es"}\n{"text": "Irán envió drones a Venezuela."}'), ['es', 'und']);
});

test('every article fills every schema field, and the same input gives the same output', async () => {
  const paths = [fixture('article.html'), fixture('feed.rss'), fixture('feed.atom'), fixture('records.json'), fixture('records.jsonl'), fixture('folder')];
  const once = articles(await collect(paths));
  const twice = articles(await collect(paths));
  assert.deepEqual(once, twice);
  for (const a of once) ArticleSchema.parse(a);
});
