/** How to tell that two sources carry the same story: the same canonical URL, or nearly the same headline. */

/** Query parameters that only say who sent the reader (campaigns, feeds, click ids), never which page. */
const TRACKING = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'ncid',
  'cmpid',
  'cmp',
  'ocid',
  '.tsrc',
  'tsrc',
  'siteid',
  'rss',
  'feedtype',
  'yptr',
  'soc_src',
  'soc_trk',
  'sr_share',
  'taid',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'ref',
  'referrer',
  'source',
  '__source',
  'mod',
]);

/**
 * The form of a story's URL that two sources linking the same page share: https, lower-case host
 * without "www.", no default port, no fragment, no tracking parameters (utm_*, fbclid, .tsrc, …),
 * the rest sorted, no trailing slash. Null for anything that is not an http(s) URL.
 */
export function canonicalUrl(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 4_000) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const params = [...url.searchParams.entries()]
    .filter(([k]) => !k.toLowerCase().startsWith('utm_') && !TRACKING.has(k.toLowerCase()))
    .sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : '';
  return `https://${host}${port}${path}${query}`;
}

/** Headline words for comparison: accents, case, apostrophes and punctuation removed. */
export function headlineTokens(headline: string): string[] {
  return headline
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Jaccard similarity of two token sets (1 = same words). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  return both / (a.size + b.size - both);
}

/** Headlines this short say too little to be matched loosely: they must be equal. */
const FUZZY_MIN_WORDS = 5;
/** Below this, even equal headlines ("Stocks rally") are too generic to be one story. */
const EXACT_MIN_WORDS = 3;

/** A headline prepared for comparison. */
export interface HeadlineKey {
  words: Set<string>;
  phrase: string;
}

export function headlineKey(headline: string): HeadlineKey {
  const tokens = headlineTokens(headline);
  return { words: new Set(tokens), phrase: tokens.join(' ') };
}

/**
 * How alike two headlines are, 0 to 1: the Jaccard similarity of their words with five words or
 * more; shorter ones score 1 only when equal, and under three words never.
 */
export function headlineSimilarity(a: HeadlineKey, b: HeadlineKey): number {
  const least = Math.min(a.words.size, b.words.size);
  if (least < EXACT_MIN_WORDS) return 0;
  if (least < FUZZY_MIN_WORDS) return Number(a.phrase === b.phrase);
  return jaccard(a.words, b.words);
}

/** True when two headlines are the same story's (similarity at least `threshold`). */
export function sameHeadline(a: string, b: string, threshold = 0.9): boolean {
  return headlineSimilarity(headlineKey(a), headlineKey(b)) >= threshold;
}
