// Direct quotations: “…”, «…», ‘…’, "…" and '…' spans in the text, which may run across sentences.
// A closing ’ is told from an apostrophe by what follows it: a letter means a word goes on (Iran’s).

export interface Quotation {
  /** Offsets of the opening and closing marks: the quotation with its marks is [open, close + 1). */
  open: number;
  close: number;
  /** The quoted words without the marks. */
  start: number;
  end: number;
}

const PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['«', '»'],
  ['‘', '’'],
];

/** Longest stretch a quotation may run before we give up on finding its closing mark. */
const MAX_QUOTE = 1500;

function closes(text: string, at: number, mark: string): boolean {
  if (mark !== '’' && mark !== "'") return true;
  // An apostrophe sits inside a word (Iran’s, don’t); a closing quote does not.
  return !/[\p{L}\p{N}]/u.test(text[at + 1] ?? '') || !/[\p{L}\p{N}.,!?]/u.test(text[at - 1] ?? '');
}

function opens(text: string, at: number): boolean {
  // An opening mark starts a word: nothing alphanumeric right before it.
  return !/[\p{L}\p{N}]/u.test(text[at - 1] ?? '');
}

/** Every quotation in the text, outermost only, sorted by offset. */
export function findQuotations(text: string): Quotation[] {
  const found: Quotation[] = [];
  for (const [o, c] of PAIRS) {
    for (let i = text.indexOf(o); i >= 0; i = text.indexOf(o, i + 1)) {
      if (!opens(text, i)) continue;
      let j = text.indexOf(c, i + 1);
      while (j >= 0 && j - i < MAX_QUOTE && !closes(text, j, c)) j = text.indexOf(c, j + 1);
      if (j < 0 || j - i >= MAX_QUOTE) continue;
      found.push(span(text, i, j));
      i = j;
    }
  }
  for (const mark of ['"']) {
    let open = -1;
    for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) {
      if (open < 0) {
        open = i;
      } else {
        if (i - open < MAX_QUOTE) found.push(span(text, open, i));
        open = -1;
      }
    }
  }
  found.sort((a, b) => a.open - b.open || b.close - a.close);
  // Keep outermost quotations: a ‘…’ inside a “…” is part of the outer quote.
  const outer: Quotation[] = [];
  for (const q of found) {
    const last = outer[outer.length - 1];
    if (last && q.open < last.close) continue;
    outer.push(q);
  }
  return outer;
}

function span(text: string, open: number, close: number): Quotation {
  let start = open + 1;
  let end = close;
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return { open, close, start, end };
}
