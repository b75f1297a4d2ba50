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
const ABBREVIATED = /^(?:\p{Lu}\.)+\p{Lu}$|^(?:Bros|Co|Corp|Inc|Cos|Mr|Ms|Dr|St)$/u;
const SENTENCE_BREAK = /[.!?:;\n"“”(—–]|--/;

const isCap = (raw: string): boolean => {
  const c = raw.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  if (c >= 97 && c <= 122) return /^\p{Ll}{1,2}\p{Lu}/u.test(raw);
  return c > 127 && /^[\p{Lu}\p{N}]/u.test(raw);
};

/** Splits text into words with what the name scanner needs to know about each. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    const at = m.index;
    let breakBefore = out.length === 0;
    let sentenceStart = breakBefore;
    if (!breakBefore && !(at - prevEnd === 1 && text.charCodeAt(prevEnd) === 32)) {
      let gap = text.slice(prevEnd, at);
      // The period of an initial or abbreviation does not end a name: "D.R. Horton", "Warner Bros. Discovery".
      if (/^\.\s{1,2}$/.test(gap) && ABBREVIATED.test(out[out.length - 1]?.raw ?? '')) gap = ' ';
      breakBefore = BREAK.test(gap);
      sentenceStart = SENTENCE_BREAK.test(gap);
    }
    prevEnd = at + token.length;
    let body = token;
    let poss = false;
    const lastCode = token.charCodeAt(token.length - 1);
    if (token.length > 2 && (lastCode === 39 || lastCode === 8217 || lastCode === 115 || lastCode === 83)) {
      const tail = /['’]s?$/.exec(body);
      if (tail && body.length > tail[0].length) {
        poss = tail[0].length === 2 || /s$/i.test(body.slice(0, -1));
        body = body.slice(0, -tail[0].length);
      }
    }
    const parts = body.includes('-') ? body.split('-') : [body];
    let offset = at;
    for (let p = 0; p < parts.length; p++) {
      const raw = parts[p] as string;
      const lower = raw.toLowerCase();
      const upperCase = raw.toUpperCase();
      out.push({
        key:
          lower.includes('.') || lower.includes("'") || lower.includes('’')
            ? lower.replace(/[.’']/g, '')
            : lower,
        raw,
        start: offset,
        end: offset + raw.length,
        cap: isCap(raw),
        upper: raw === upperCase && raw !== lower,
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
  const upper = text.replace(/[^\p{Lu}]+/gu, '').length;
  if (upper < 9) return false;
  const lower = text.replace(/[^\p{Ll}]+/gu, '').length;
  return upper + lower >= 12 && upper / (upper + lower) > 0.75;
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
  // Only headlines are written in Title Case; a long text is prose.
  if (ws.length > 60) return false;
  let counted = 0;
  let capped = 0;
  for (const w of ws) {
    const c = w.raw.charCodeAt(0);
    if (w.joinPrev || (c >= 48 && c <= 57) || SMALL_WORDS.has(w.key)) continue;
    counted++;
    if (w.cap) capped++;
  }
  return counted >= 3 && capped / counted >= 0.75;
}
