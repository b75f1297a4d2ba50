/**
 * Text helpers of the tagger: markup removal and one tokenizer shared by the name index and the
 * scanner, so an alias and the text it should meet are always normalised the same way.
 */

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  ndash: '–',
  mdash: '—',
};

/** Removes markup and decodes the entities feeds use; Reuters-style <KODK.N> codes are kept. */
export function plainText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return html;
  return html
    .replace(/<(?![A-Za-z0-9]{1,10}\.[A-Za-z]{1,3}>)[^<>]{0,2000}>/g, '')
    .replace(/&(#\d{1,6}|#x[0-9a-fA-F]{1,5}|[a-z]{2,6});/g, (m, e: string) => {
      if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16) || 32);
      if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)) || 32);
      return ENTITIES[e] ?? m;
    });
}

/** One word of a text (a hyphenated token gives one word per part: "Coca-Cola" is coca + cola). */
export interface Word {
  /** Lower case, possessive and inner periods removed: "Nvidia's" -> "nvidia", "J.P" -> "jp". */
  key: string;
  raw: string;
  start: number;
  end: number;
  /** Starts with a capital or digit, or is camel-cased like eBay/iPhone. */
  cap: boolean;
  /** Letters all upper case (and at least one letter). */
  upper: boolean;
  /** Ends in 's or s' ("Nvidia's"). */
  poss: boolean;
  /** Another part of the same hyphenated token follows ("Meta" in "Meta-analysis"). */
  joinNext: boolean;
  /** This part follows a hyphen inside a token ("analysis" in "Meta-analysis"). */
  joinPrev: boolean;
  /** Punctuation between the previous word and this one stops a name from running across. */
  breakBefore: boolean;
  /** First word of a sentence, a line or a quote: its capital says nothing. */
  sentenceStart: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:[.&'’][\p{L}\p{N}]+|-[\p{L}\p{N}]+)*(?:['’]s?)?|&/gu;
const BREAK = /[.,;:!?()[\]{}"“”|/–—\n<>]/;
const SENTENCE_BREAK = /[.!?:;\n"“”(—–]|--/;

/** Splits text into words with what the name scanner needs to know about each. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    const at = m.index;
    const gap = text.slice(prevEnd, at);
    const breakBefore = out.length === 0 || BREAK.test(gap);
    const sentenceStart = out.length === 0 || SENTENCE_BREAK.test(gap);
    prevEnd = at + token.length;
    let body = token;
    let poss = false;
    const tail = /['’]s?$/.exec(body);
    if (tail && body.length > tail[0].length) {
      poss = tail[0].length === 2 || /s$/i.test(body.slice(0, -1));
      body = body.slice(0, -tail[0].length);
    }
    const parts = body.split('-');
    let offset = at;
    for (let p = 0; p < parts.length; p++) {
      const raw = parts[p] as string;
      const letters = raw.replace(/[^\p{L}]/gu, '');
      out.push({
        key: raw.toLowerCase().replace(/[.’']/g, ''),
        raw,
        start: offset,
        end: offset + raw.length,
        cap: /^[\p{Lu}\p{N}]/u.test(raw) || /^\p{Ll}{1,2}\p{Lu}/u.test(raw),
        upper: letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
        poss: poss && p === parts.length - 1,
        joinNext: p < parts.length - 1,
        joinPrev: p > 0,
        breakBefore: p === 0 ? breakBefore : false,
        sentenceStart: p === 0 ? sentenceStart : false,
      });
      offset += raw.length + 1;
    }
  }
  return out;
}

/** The lookup key of a phrase: "Coca-Cola's" -> "coca cola", "Procter & Gamble" -> "procter & gamble". */
export function normaliseName(phrase: string): string {
  return words(phrase)
    .map((w) => w.key)
    .filter(Boolean)
    .join(' ');
}

/** True when most letters are capitals: an all-caps headline is not a list of tickers. */
export function isShouting(text: string): boolean {
  let letters = 0;
  let upper = 0;
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lower === up) continue;
    letters++;
    if (ch === up) upper++;
  }
  return letters >= 12 && upper / letters > 0.75;
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'off',
  'on',
  'or',
  'over',
  'per',
  'the',
  'to',
  'up',
  'vs',
  'via',
  'with',
]);

/** True for Title Case text ("Analysts Raise Price Target"), where a capital says nothing about a name. */
export function isTitleCase(ws: readonly Word[]): boolean {
  let counted = 0;
  let capped = 0;
  for (const w of ws) {
    if (w.joinPrev || SMALL_WORDS.has(w.key) || !/^\p{L}/u.test(w.raw)) continue;
    counted++;
    if (w.cap) capped++;
  }
  return counted >= 3 && capped / counted >= 0.75;
}
