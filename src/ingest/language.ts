// Language identification by stopword ratio: enough to tell English (the language we analyse) from
// Spanish, French, German, Portuguese and Italian, and to say 'und' when the text does not tell.

const STOPWORDS: Record<string, string> = {
  en: 'the of and to in a is that for it on was with as by at be this are from or have has had not but ' +
    'an they which their been were its who would will said he she his her there than more about also can ' +
    'after into over what when while could we our you all if these those such between',
  es: 'el la los las de del y que en un una por con para es se no al lo como más pero sus su le ya ' +
    'fue este esta son ha entre cuando muy sin sobre también hasta hay donde desde todo nos durante ' +
    'uno ni contra ese eso ante ellos estos otro según',
  fr: 'le la les de des du et est en un une que qui pour dans par sur au aux ce cette ne pas plus ' +
    'avec il elle ils sont ont été son sa ses leur mais ou comme être nous vous entre aussi selon ' +
    'fait sans après avait était',
  de: 'der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an als ' +
    'wie bei oder nach wird aus sie er hat sind werden wurde noch einer einem eines dass über vor ' +
    'zum zur um haben kann',
  pt: 'o a os as de do da dos das e que em um uma para com não por mais no na nos nas ao se como ' +
    'mas foi ele ela seu sua são também pelo pela já ou quando muito entre até isso depois sem ' +
    'ainda está disse',
  it: 'il lo la i gli le di del della dei delle e che in un una per con non è sono da dal al alla ' +
    'nel nella si come più ma anche ha hanno questo questa suo sua essere stato tra fra dopo ancora ' +
    'quando',
};

const LISTS = Object.entries(STOPWORDS).map(([code, words]) => [code, new Set(words.split(' '))] as const);
const SAMPLE_CHARS = 50_000;
/** Below this many words, or this share of stopwords, the text does not tell. */
const MIN_WORDS = 8;
const MIN_SHARE = 0.12;
/** The best language must beat the runner-up by this factor (Romance lists overlap). */
const MARGIN = 1.3;

/** ISO 639-1 code of the text's language, or 'und'. */
export function detectLanguage(text: string): string {
  // The opening of a long text tells as well as all of it.
  const words = text.slice(0, SAMPLE_CHARS).toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return 'und';
  const scores = LISTS.map(([code, list]) => ({ code, hits: words.filter((w) => list.has(w)).length }))
    .sort((a, b) => b.hits - a.hits || (a.code < b.code ? -1 : 1));
  const [best, second] = scores;
  if (best.hits / words.length < MIN_SHARE) return 'und';
  if (best.hits < MARGIN * second.hits) return 'und';
  return best.code;
}

/** How much of the opening is read to tell the script. */
const SCRIPT_SAMPLE = 5_000;

/** Are most of the text's letters (in its opening) Latin? Undetermined text in another script
 *  (Cyrillic, Arabic, Chinese) is not English, whatever the stopwords could not tell. */
export function mostlyLatin(text: string): boolean {
  const sample = text.slice(0, SCRIPT_SAMPLE);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return letters > 0 && latin * 2 > letters;
}
