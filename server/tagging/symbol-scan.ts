import { canonicalSymbol, type Evidence } from '../../shared/index.js';
import type { Resolved, SymbolDirectory } from './directory.js';
import {
  CRYPTO_BASES,
  cryptoPair,
  NON_US_LISTINGS,
  NON_US_SUFFIXES,
  nonUsCode,
  nonUsCodeForVenue,
  QUOTE_CURRENCIES,
  US_RIC_SUFFIXES,
  venueSuffix,
} from './non-us.js';
import { PAREN_ACRONYMS } from './words.js';

/** One piece of evidence for a symbol at a place in the text. */
export interface Hit extends Resolved {
  evidence: Evidence;
  /** Character offsets in the tagged text. */
  start: number;
  end: number;
}

/** A symbol in parentheses that needs the company's own name right before it ("Gartner (IT)"). */
export interface PendingParen {
  symbol: string;
  start: number;
  end: number;
}

const RIC = /<([A-Za-z0-9]{1,10})\.([A-Za-z]{1,3})>/g;
const VENUES = [
  'NYSE American',
  'NYSE Arca',
  'NYSE MKT',
  'NYSE Amex',
  'NYSE',
  'Nasdaq Global Select',
  'Nasdaq Global Market',
  'Nasdaq Capital Market',
  'NasdaqGS',
  'NasdaqGM',
  'NasdaqCM',
  'NASDAQGS',
  'NASDAQGM',
  'NASDAQCM',
  'NASDAQ',
  'Nasdaq',
  'AMEX',
  'Cboe BZX',
  'Cboe',
  'CBOE',
  'BATS',
  'OTCQX',
  'OTCQB',
  'OTC Pink',
  'OTC Markets',
  'OTC',
  'TSX-V',
  'TSXV',
  'TSX',
  'CSE',
  'LSE',
  'LON',
  'AIM',
  'HKEX',
  'HKSE',
  'SEHK',
  'TWSE',
  'TPE',
  'TYO',
  'TSE',
  'ASX',
  'NZX',
  'SGX',
  'KRX',
  'KOSPI',
  'KOSDAQ',
  'SSE',
  'SZSE',
  'FWB',
  'FRA',
  'ETR',
  'XETRA',
  'Xetra',
  'Euronext Paris',
  'Euronext Amsterdam',
  'Euronext Brussels',
  'AMS',
  'SIX',
  'SWX',
  'OMX',
  'STO',
  'CPH',
  'HEL',
  'OSL',
  'JSE',
  'BMV',
  'BVMF',
  'B3',
  'NSE',
  'BSE',
  'TASE',
  'Tadawul',
  'TADAWUL',
  'CRYPTO',
  'Crypto',
];
const EXCHANGE = new RegExp(
  `(?<![A-Za-z])(${VENUES.map((v) => v.replace(/ /g, '\\s?')).join('|')})\\s{0,2}:\\s{0,2}([A-Z0-9]{1,8}(?:[.\\-/][A-Z0-9]{1,3})?)(?![A-Za-z0-9])`,
  'g',
);
const CASHTAG = /(?<![\w$])\$([A-Za-z]{1,6})(?:([.\-/])([A-Za-z]{1,4}))?(?![\w])/g;
const PAREN = /\(\s?([A-Z]{1,5}(?:[.-][A-Z]{1,2})?(?:\s?[,;/]\s?[A-Z]{1,5}(?:[.-][A-Z]{1,2})?){0,5})\s?\)/g;
const LISTING = /(?<![\w.$<-])(\d{3,6}|[A-Z][A-Z0-9]{1,9}(?:-[A-Z])?)\.([A-Z]{1,3})(?![\w.])/g;
const PAIR = /(?<![\w$.-])([A-Z]{2,6})-([A-Z]{3,4})(?![\w-])/g;
const FUTURE = /(?<![\w$.])([A-Z]{1,4})=F(?![\w])/g;
const PHRASE =
  /\b(?:[Tt]icker|[Ss]ymbol|[Tt]rading symbol|[Ss]tock symbol)(?:\s+symbol)?\s{0,2}[:"“‘']?\s{0,2}([A-Z]{1,5}(?:[.-][A-Z]{1,2})?)(?![\w])/g;

/** Words skipped when reading initials: "Internationales Magazin für Sicherheit (IMS)". */
const INITIAL_SKIP = new Set([
  'of',
  'the',
  'and',
  'for',
  'für',
  'de',
  'du',
  'des',
  'la',
  'le',
  'et',
  '&',
  'on',
  'in',
]);

/** True when the words before a parenthesis spell it: "artificial intelligence (AI)". */
export function isAcronymDefinition(text: string, index: number, symbol: string): boolean {
  const letters = symbol.replace(/[^A-Z]/g, '');
  const ws = text.slice(Math.max(0, index - 120), index).match(/[\p{L}\p{N}&]+/gu) ?? [];
  const initials = (list: string[]) =>
    list
      .slice(-letters.length)
      .map((w) => w[0]?.toUpperCase())
      .join('');
  if (initials(ws) === letters) return true;
  return initials(ws.filter((w) => !INITIAL_SKIP.has(w.toLowerCase()))) === letters;
}

/** A Reuters code of a US listing: "KODK" -> KODK, "BRKb" -> BRK.B. */
function usFromRic(code: string): string | null {
  const m = /^([A-Z]{1,5})([a-z]{1,2})$/.exec(code);
  return canonicalSymbol(m ? `${m[1]}.${(m[2] as string).toUpperCase()}` : code);
}

/**
 * Finds symbol-level evidence: Reuters codes, exchange-qualified symbols, foreign listing codes,
 * crypto pairs and futures, cashtags, symbols in parentheses and "ticker X" phrases.
 */
export function scanSymbols(
  text: string,
  dir: SymbolDirectory,
): { hits: Hit[]; pending: PendingParen[]; definedAcronyms: Set<string> } {
  const hits: Hit[] = [];
  const pending: PendingParen[] = [];
  const definedAcronyms = new Set<string>();
  const push = (r: Resolved | null, evidence: Evidence, start: number, end: number) => {
    if (r) hits.push({ ...r, evidence, start, end });
  };
  const us = (symbol: string | null, qualified: boolean): Resolved | null =>
    symbol && (qualified || dir.has(symbol)) ? { symbol } : null;

  if (text.includes('<')) {
    for (const m of text.matchAll(RIC)) {
      const [code, suffix] = [m[1] as string, (m[2] as string).toUpperCase()];
      const end = m.index + m[0].length;
      if (US_RIC_SUFFIXES.has(suffix)) push(us(usFromRic(code), true), 'ric', m.index, end);
      else if (NON_US_SUFFIXES.has(suffix))
        push(dir.resolveNonUs(nonUsCode(code, suffix)), 'ric', m.index, end);
    }
  }
  if (text.includes(':')) {
    for (const m of text.matchAll(EXCHANGE)) {
      const [venue, code] = [m[1] as string, m[2] as string];
      const end = m.index + m[0].length;
      const sfx = venueSuffix(venue);
      if (/^crypto$/i.test(venue)) {
        const pair = cryptoPair(code.split(/[-/]/)[0] as string);
        push(pair ? { symbol: pair, market: 'crypto' } : null, 'exchange', m.index, end);
      } else if (sfx === '') push(us(canonicalSymbol(code), true), 'exchange', m.index, end);
      else if (sfx) {
        const nonUs = nonUsCodeForVenue(venue, code);
        if (nonUs) push(dir.resolveNonUs(nonUs), 'exchange', m.index, end);
      }
    }
  }
  if (text.includes('.')) {
    for (const m of text.matchAll(LISTING)) {
      const [code, suffix] = [m[1] as string, m[2] as string];
      if (!NON_US_SUFFIXES.has(suffix)) continue;
      const canonical = nonUsCode(code, suffix);
      // A letter code with a one-letter venue ("AB.T") is too easily something else unless known.
      if (/^[A-Z]/.test(code) && suffix.length === 1 && !NON_US_LISTINGS[canonical]) continue;
      push(dir.resolveNonUs(canonical), 'listing', m.index, m.index + m[0].length);
    }
  }
  if (text.includes('-')) {
    for (const m of text.matchAll(PAIR)) {
      const pair = cryptoPair(m[1] as string, m[2] as string);
      if (pair) push({ symbol: pair, market: 'crypto' }, 'listing', m.index, m.index + m[0].length);
    }
  }
  if (text.includes('=F')) {
    for (const m of text.matchAll(FUTURE)) {
      push({ symbol: `${m[1]}=F`, market: 'future' }, 'listing', m.index, m.index + m[0].length);
    }
  }
  if (text.includes('$')) {
    for (const m of text.matchAll(CASHTAG)) {
      const base = (m[1] as string).toUpperCase();
      const [sep, rest] = [m[2], m[3]?.toUpperCase()];
      const end = m.index + m[0].length;
      if (sep && rest && QUOTE_CURRENCIES.has(rest)) {
        const pair = cryptoPair(base, rest);
        push(pair ? { symbol: pair, market: 'crypto' } : null, 'cashtag', m.index, end);
      } else if (!sep && CRYPTO_BASES.has(base)) {
        // On the wires and in social posts $BTC, $ETH mean the coins, not the funds that share the letters.
        push({ symbol: cryptoPair(base) as string, market: 'crypto' }, 'cashtag', m.index, end);
      } else {
        push(us(canonicalSymbol(sep && rest ? `${base}.${rest}` : base), false), 'cashtag', m.index, end);
      }
    }
  }
  if (text.includes('(')) {
    for (const m of text.matchAll(PAREN)) {
      for (const raw of (m[1] as string).split(/\s?[,;/]\s?/)) {
        const symbol = canonicalSymbol(raw);
        if (!symbol) continue;
        const end = m.index + m[0].length;
        if (isAcronymDefinition(text, m.index, raw)) {
          definedAcronyms.add(symbol);
          continue;
        }
        if (CRYPTO_BASES.has(symbol) && !dir.has(symbol)) {
          push({ symbol: cryptoPair(symbol) as string, market: 'crypto' }, 'paren', m.index, end);
        } else if (PAREN_ACRONYMS.has(symbol) || symbol.length === 1 || CRYPTO_BASES.has(symbol)) {
          if (dir.has(symbol)) pending.push({ symbol, start: m.index, end });
        } else if (dir.has(symbol)) push({ symbol }, 'paren', m.index, end);
      }
    }
  }
  for (const m of text.matchAll(PHRASE)) {
    push(us(canonicalSymbol(m[1] as string), true), 'phrase', m.index, m.index + m[0].length);
  }
  return { hits, pending, definedAcronyms };
}
