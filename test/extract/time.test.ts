// Dates: each expression form normalised against the publication date, and the publication date
// estimated from the text when there is no metadata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDocument } from '../../src/schema/document.js';
import { segment } from '../../src/nlp/tokenize.js';
import { extractDates } from '../../src/extract/time.js';
import { article } from '../helpers/fixtures.js';

/** The dates of a text published on Wednesday 2024-06-12 (metadata). */
function datesOf(text: string, published: string | null = '2024-06-12') {
  const doc = segment(newDocument(article('t', text, { published, publishedSource: published ? 'metadata' : null })));
  return extractDates(doc);
}
const one = (text: string, published?: string | null) => {
  const d = datesOf(text, published).dates;
  assert.equal(d.length, 1, `one date in ${JSON.stringify(text)}: ${JSON.stringify(d)}`);
  return { text: d[0].text, value: d[0].value, granularity: d[0].granularity, relative: d[0].relative };
};

test('a year, a month-year and a full day are absolute', () => {
  assert.deepEqual(one('Maduro visited Tehran in 2022.'), { text: '2022', value: '2022', granularity: 'year', relative: false });
  assert.deepEqual(one('Milei took office in December 2023.'), { text: 'December 2023', value: '2023-12', granularity: 'month', relative: false });
  assert.deepEqual(one('The photo was taken on January 29, 2019, in Cabimas.'), { text: 'January 29, 2019', value: '2019-01-29', granularity: 'day', relative: false });
});

test('decades and centuries, with "early"/"late" kept in the span', () => {
  assert.deepEqual(one('A chain seized in the early 2010s.'), { text: 'the early 2010s', value: '2010s', granularity: 'decade', relative: false });
  assert.deepEqual(one('Two attacks in the 1990s shook Buenos Aires.'), { text: 'the 1990s', value: '1990s', granularity: 'decade', relative: false });
  assert.deepEqual(one('Borders drawn in the 19th century remain.'), { text: 'the 19th century', value: '18', granularity: 'century', relative: false });
});

test('a month without a year is the latest such month before publication', () => {
  assert.deepEqual(one('Since September, the U.S. has launched strikes.'), { text: 'Since September', value: '2023-09', granularity: 'month', relative: true });
  assert.deepEqual(one('A spill happened in May at the refinery.'), { text: 'in May', value: '2024-05', granularity: 'month', relative: true });
});

test('weekdays point back to the latest such day; "next" points forward', () => {
  assert.deepEqual(one('The outlet reported on Friday that a deal was signed.'), { text: 'on Friday', value: '2024-06-07', granularity: 'day', relative: true });
  assert.deepEqual(one('The commander said on Wednesday that Iran sent weapons.'), { text: 'on Wednesday', value: '2024-06-12', granularity: 'day', relative: true });
  assert.deepEqual(one('Talks resume next Monday in Geneva.'), { text: 'next Monday', value: '2024-06-17', granularity: 'day', relative: true });
});

test('"this week", "earlier this year", "last year" and "two years ago" resolve against the publication date', () => {
  assert.deepEqual(one('Infobae reported this week that Iran helped.'), { text: 'this week', value: '2024-W24', granularity: 'week', relative: true });
  assert.deepEqual(one('Earlier this year, a conglomerate set up shop.'), { text: 'Earlier this year', value: '2024', granularity: 'year', relative: true });
  assert.deepEqual(one('Exports fell last year.'), { text: 'last year', value: '2023', granularity: 'year', relative: true });
  assert.deepEqual(one('The plane was seized two years ago.'), { text: 'two years ago', value: '2022', granularity: 'year', relative: true });
  assert.deepEqual(one('Fighting resumed in the summer of 2019.'), { text: 'the summer of 2019', value: '2019-22', granularity: 'season', relative: false });
});

test('amounts and model numbers are not years', () => {
  assert.deepEqual(datesOf('It laundered $350 million, 2,500 tons and 1500 km of pipe; the ANSU-100 flew.').dates, []);
});

test('metadata gives the publication date with full confidence', () => {
  const doc = datesOf('Nothing dated here at all, only words.', '2025-01-12');
  assert.deepEqual(doc.published, { value: '2025-01-12', source: 'metadata', confidence: 1, evidence: 'metadata' });
});

test('without metadata, a copyright line the cleaner removed dates the article', () => {
  const doc = segment(newDocument(article('t', 'Iran is increasing its presence. The partnership began in 2006.', {
    removed: [{ kind: 'copyright', text: '© 2024 Latin Times. All rights reserved.' }],
  })));
  extractDates(doc);
  assert.equal(doc.published.value, '2024');
  assert.equal(doc.published.source, 'text');
  assert.match(doc.published.evidence ?? '', /© 2024 Latin Times/u);
});

test('without metadata, the latest dated event is the estimate, and relative dates follow it', () => {
  const doc = datesOf('Oil installations in Cabimas, January 29, 2019. We saw a rebound this year. The sanctions began in 2017.', null);
  assert.equal(doc.published.value, '2019');
  assert.equal(doc.published.source, 'estimated');
  assert.equal(doc.published.evidence, 'January 29, 2019');
  assert.ok(doc.published.confidence > 0 && doc.published.confidence < 1);
  assert.equal(doc.dates.find((d) => d.text === 'this year')?.value, '2019');
});

test('an older article comes out years older than a recent one', () => {
  const old = datesOf('Admiral Faller said on Wednesday that Iran sent weapons. Photo: January 29, 2019.', null).published.value;
  const recent = datesOf('Milei took office in December 2023, and Saab was released that month.', null).published.value;
  assert.ok(Number(recent) - Number(old) >= 3, `${old} vs ${recent}`);
});

test('a dateline is read as the publication date', () => {
  const doc = datesOf('Published: March 3, 2024\nIran and Venezuela signed a deal in 2022.', null);
  assert.equal(doc.published.value, '2024-03-03');
  assert.equal(doc.published.source, 'text');
});

test('with no date at all there is no estimate and relative dates are left out', () => {
  const doc = datesOf('The minister spoke on Friday about this week.', null);
  assert.deepEqual(doc.published, { value: null, source: null, confidence: 0, evidence: null });
  assert.deepEqual(doc.dates, []);
});

test('era anchors raise the estimate: a term of office or an era dates the article no earlier than its start', () => {
  const raisi = datesOf('Milei took office in December 2023. The late Iranian President Ebrahim Raisi visited Caracas.', null).published;
  assert.deepEqual([raisi.value, raisi.source, raisi.evidence], ['2024', 'estimated', 'the late Ebrahim Raisi (died May 2024)']);
  // A leader who served twice: the term holding the article's explicit dates.
  assert.equal(datesOf('The Trump administration imposed sanctions. Photo: January 29, 2019.', null).published.value, '2019');
  assert.equal(datesOf('The Trump administration escalates its pressure on Caracas.', null).published.value, '2025');
});

test('day-first dates, "mid-2021", and a lower-case "may" that is not May', () => {
  assert.deepEqual(one('The accord was signed on 3 March 2024 in Doha.'), { text: '3 March 2024', value: '2024-03-03', granularity: 'day', relative: false });
  assert.deepEqual(one('Production resumed in mid-2021.'), { text: 'mid-2021', value: '2021', granularity: 'year', relative: false });
  assert.deepEqual(datesOf('Officials may 5 times revise the figure.').dates, []);
  assert.deepEqual(one('Infobae reported this week, citing records.'), { text: 'this week', value: '2024-W24', granularity: 'week', relative: true });
});

test('with a month-precise publication date, a weekday is placed in that month', () => {
  assert.deepEqual(one('The deal was signed on Friday.', '2024-06'), { text: 'on Friday', value: '2024-06', granularity: 'month', relative: true });
});

test('a long text is parsed in windows with the same dates as whole: sentence cuts, and word cuts with overlap', async () => {
  const chrono = await import('chrono-node');
  const { chronoParse } = await import('../../src/extract/time.js');
  const anchor = new Date(Date.UTC(2000, 5, 15, 12));
  const sentences = 'Officials said on January 29, 2019 that flights resumed. The deal was signed on 3 March 2024 in Caracas.\n';
  const words = 'the minister said on January 29 2019 that flights to Caracas resumed by 3 March 2024 at the end of May ';
  for (const text of [sentences.repeat(300), words.repeat(300), `${words.repeat(120)}${sentences.repeat(120)}`]) {
    assert.ok(text.length > 20_000);
    const whole = chrono.parse(text, anchor).map((r) => [r.index, r.text, r.start.date().toISOString()]);
    const windowed = chronoParse(text).map((r) => [r.index, r.text, r.start.date().toISOString()]);
    assert.ok(whole.length > 300);
    assert.deepEqual(windowed, whole);
  }
});

test('fractions in prices, scores and measures are not days; a numeric day after a date word is', () => {
  // Before: 2 January, 8 March, 2 January again, 3 February and 16 September 2023 for these.
  assert.deepEqual(datesOf('Wheat rose 1/2 cent to 30-3/8 and corn 13 1/2 points; 2/3 of the vote, 9/16 of an inch.').dates, []);
  // A price that read as 11 March 2016, and with no metadata dated the article 2016.
  const price = datesOf('Shares rose 3-11/16 to 45 in 1996 trading.', null);
  assert.deepEqual(price.dates.map((d) => d.text), ['1996']);
  assert.equal(price.published.value, '1996');
  assert.deepEqual(one('The vote was held on 1/2, officials said.'), { text: '1/2', value: '2024-01-02', granularity: 'day', relative: true });
  assert.deepEqual(datesOf('The bonds matured Tuesday 3/4 at par.').dates.map((d) => [d.text, d.value]), [['Tuesday', '2024-06-11'], ['3/4', '2024-03-04']]);
  // Day-first dates and other denominators stay days.
  assert.deepEqual(one('Loading is set for 24/8 at the port.'), { text: '24/8', value: '2023-08-24', granularity: 'day', relative: true });
  assert.deepEqual(one('The ship sails 03/09 from Rotterdam.').value, '2024-03-09');
});

test('bowling figures, order books and price ranges are not days', () => {
  // Before: 25 August 1961 and 1 December 2041, and the article estimated to date from 2041.
  const cricket = datesOf('Bowling: Wasim Akram 25-8-61-1, Mohammad Akram 12-1-41-1, Waqar Younis 29.2-9-83-3.', null);
  assert.deepEqual(cricket.dates, []);
  assert.equal(cricket.published.value, null);
  assert.deepEqual(datesOf('Aluminium: Western grade 3.25-3.75 cents / pound; order book 10-22-13-17.').dates, []);
  assert.deepEqual(datesOf('Current account -9.5-42.0-110.4, reserves 16.9-69.7.').dates, []);
  // A day with a range of years after it is still that day.
  assert.deepEqual(one('DUE: 5/1/98-02 SR MGR: Smith.').value, '1998-05-01');
});

test('clock times, poll figures and signed changes are not years or days', () => {
  // Before: 1600, 1800 and 1503 as years, and an article estimated to date from 2030.
  assert.deepEqual(datesOf('Fighting still raged at 1600 GMT; the plane landed at 1503 (1203 GMT); talks ran to 1900 local time (1800 GMT).').dates, []);
  assert.equal(datesOf('It happened at 6.30 a.m. (2030 GMT) on Tuesday, 1996.', null).published.value, '1996');
  // A poll table: "Aug 25 41.0" is 25 August with 41.0 per cent, not 25 August 2041.
  assert.deepEqual(one('Emnid Aug 25 41.0 34.0 7.0').value, '2023-08-25');
  // "CPI July +0.4m / m" is a monthly change, not 1 July.
  assert.deepEqual(datesOf('CPI (pct) July +0.4m / m; PPI June +0.7 m / m.').dates, []);
  // Two column heads, "Aug 27 Aug 26", were 27 August 2026, and dated the article 2026.
  const heads = datesOf('Reserves (billions of dlrs) Aug 27 Aug 26 Fed acct 5.208 4.4, week to 1996.', null);
  assert.deepEqual(heads.dates.filter((d) => !d.relative).map((d) => d.value), ['1996']);
  assert.equal(heads.published.value, '1996');
  // "July, 14.8 percent" was 14 July.
  assert.deepEqual(datesOf('Imports fell in July, 14.8 percent below June 1995.').dates.map((d) => d.text), ['in July', 'June 1995']);
});
