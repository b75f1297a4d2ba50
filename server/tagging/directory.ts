import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalSymbol } from '../../shared/index.js';
import { projectRoot } from '../version.js';
import { CURATED_ALIASES, LEGAL_SUFFIXES, TRAILING_GENERIC, UNSAFE_SINGLE_WORDS } from './aliases.js';

/** One listed company in the symbol directory. */
export interface Listing {
  symbol: string;
  name: string;
  exchange: string | null;
  cik: number | null;
}

/** The SEC's company_tickers_exchange.json layout: { fields: [...], data: [[cik, name, ticker, exchange]] }. */
const secFileSchema = z.object({
  fields: z.array(z.string()),
  data: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});

/** The shipped copy of the SEC list (source tree path, so the compiled server finds it too). */
export const DEFAULT_DIRECTORY_FILE = join(
  projectRoot(),
  'server',
  'tagging',
  'data',
  'sec_company_tickers_exchange.json',
);

/** Lower-cases a phrase and reduces punctuation so "Coca-Cola", "COCA COLA" and "Coca Cola's" meet. */
export function normaliseName(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[.,]/g, ' ')
    .replace(/[-/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Strips legal suffixes and state markers: "WELLS FARGO & COMPANY/MN" -> "wells fargo". */
export function cleanLegalName(legal: string): string {
  let words = normaliseName(legal.replace(/\/[A-Z]{2,3}\/?$/i, '').replace(/\/$/, ''))
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] as string))
    words = words.slice(0, -1);
  while (words.length > 1 && words[words.length - 1] === '&') words = words.slice(0, -1);
  return words.join(' ');
}

const KEEP_UPPER = new Set(['ETF', 'SPDR', 'ADR', 'USA', 'II', 'III', 'IV', 'LP']);

/** "TAIWAN SEMICONDUCTOR MANUFACTURING CO LTD" -> "Taiwan Semiconductor Manufacturing"; mixed case is kept. */
export function tidyLegalName(legal: string): string {
  let name = legal
    .replace(/\s*\/[A-Z]{2,3}\/?$/i, '')
    .replace(/\/$/, '')
    .trim();
  name = name.replace(
    /,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Ltd\.?|Limited|plc|PLC|N\.?V\.?|S\.?A\.?|AG|SE|LLC|L\.?P\.?)$/i,
    '',
  );
  name = name.replace(/,?\s+(?:Inc\.?|Corp\.?|Co\.?|Ltd\.?|Holdings?)$/i, '').replace(/[,\s]+$/, '');
  if (name !== name.toUpperCase()) return name;
  return name
    .split(' ')
    .map((w) =>
      w.length <= 2 || /[&0-9]/.test(w) || KEEP_UPPER.has(w) ? w : w.charAt(0) + w.slice(1).toLowerCase(),
    )
    .join(' ');
}

const FUND_LIKE = /\b(acquisition|fund|trust|etf|etn|portfolio|capital corp|bdc|spac|warrant)\b/i;

/**
 * The symbol directory: every listing by canonical symbol and an index of the names people write
 * ("Alibaba", "Coca-Cola", "JPMorgan Chase") to the symbol they mean.
 */
export class SymbolDirectory {
  readonly listings = new Map<string, Listing>();
  /** Normalised name phrase -> symbol. */
  readonly names = new Map<string, string>();
  /** Longest name phrase in words, bounding the matcher's look-ahead. */
  maxNameWords = 1;

  /** Names from the curated table, trusted even in all-caps text. */
  readonly curated = new Set<string>();
  /** The first curated alias of a symbol is its everyday name. */
  private readonly display = new Map<string, string>();

  /**
   * @param listings in order of importance (the SEC file is sorted by market value); only the first
   *   `singleWordRank` may lend a one-word name ("Palantir"), since small companies named after
   *   people and places ("Powell") would otherwise tag every story that names one.
   */
  constructor(listings: Listing[], singleWordRank = 1_000) {
    for (const l of listings) if (!this.listings.has(l.symbol)) this.listings.set(l.symbol, l);
    for (const [alias, symbol] of Object.entries(CURATED_ALIASES)) {
      this.addName(alias, symbol, true);
      this.curated.add(normaliseName(alias));
      if (!this.display.has(symbol)) this.display.set(symbol, alias);
    }
    let rank = 0;
    for (const l of this.listings.values()) this.deriveNames(l, rank++ < singleWordRank);
  }

  /** Loads the SEC file (or a newer one at the same layout) from disk. */
  static fromSecFile(file: string | URL = DEFAULT_DIRECTORY_FILE): SymbolDirectory {
    const parsed = secFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const col = (name: string) => parsed.fields.indexOf(name);
    const [ci, ni, ti, ei] = [col('cik'), col('name'), col('ticker'), col('exchange')];
    if (ni < 0 || ti < 0) throw new Error(`${String(file)}: expected fields name and ticker`);
    const listings: Listing[] = [];
    for (const row of parsed.data) {
      const symbol = typeof row[ti] === 'string' ? canonicalSymbol(row[ti] as string) : null;
      const name = row[ni];
      if (!symbol || typeof name !== 'string') continue;
      const exchange = ei >= 0 && typeof row[ei] === 'string' ? (row[ei] as string) : null;
      const cik = ci >= 0 && typeof row[ci] === 'number' ? (row[ci] as number) : null;
      listings.push({ symbol, name, exchange, cik });
    }
    return new SymbolDirectory(listings);
  }

  /** The name to show: the everyday name when curated ("Nvidia"), else the legal name tidied up. */
  displayName(symbol: string): string | null {
    const curated = this.display.get(symbol);
    if (curated) return curated;
    const legal = this.listings.get(symbol)?.name;
    return legal ? tidyLegalName(legal) : null;
  }

  get(symbol: string): Listing | undefined {
    return this.listings.get(symbol);
  }

  has(symbol: string): boolean {
    return this.listings.has(symbol);
  }

  /** Symbols and names that start with or contain the query, best first (for the filter box). */
  search(query: string, limit = 10): Listing[] {
    const q = query.trim().toUpperCase();
    if (!q) return [];
    const exact = this.listings.get(canonicalSymbol(q) ?? '');
    const out: Listing[] = exact ? [exact] : [];
    for (const l of this.listings.values()) {
      if (out.length >= limit) break;
      if (l !== exact && (l.symbol.startsWith(q) || l.name.toUpperCase().includes(q))) out.push(l);
    }
    return out;
  }

  private addName(phrase: string, symbol: string, override: boolean): void {
    const key = normaliseName(phrase);
    if (!key || (!override && this.names.has(key))) return;
    this.names.set(key, symbol);
    this.maxNameWords = Math.max(this.maxNameWords, key.split(' ').length);
  }

  private deriveNames(l: Listing, mayUseOneWord: boolean): void {
    if (l.exchange === 'OTC' || l.exchange === null || FUND_LIKE.test(l.name)) return;
    const clean = cleanLegalName(l.name);
    const words = clean.split(' ');
    if (words.length >= 2) this.addName(clean, l.symbol, false);
    let core = words;
    while (core.length > 1 && TRAILING_GENERIC.has(core[core.length - 1] as string)) core = core.slice(0, -1);
    if (core.length >= 2 && core.length < words.length) this.addName(core.join(' '), l.symbol, false);
    const single = core.length === 1 ? (core[0] as string) : null;
    if (mayUseOneWord && single && single.length >= 4 && !UNSAFE_SINGLE_WORDS.has(single)) {
      this.addName(single, l.symbol, false);
    }
  }
}
