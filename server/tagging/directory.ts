import { canonicalSymbol } from '../../shared/index.js';
import { CONTEXT_ALIASES, CURATED_ALIASES } from './aliases.js';
import {
  DEFAULT_DIRECTORY_FILE,
  DEFAULT_SYMBOL_FILES,
  type Listing,
  readListingFiles,
  readListingsFile,
} from './listings.js';
import { marketOf, NON_US_LISTINGS } from './non-us.js';
import { normaliseName, words } from './text.js';
import {
  GENERIC_NAME_WORDS,
  LEGAL_SUFFIXES,
  TRAILING_GENERIC,
  UNSAFE_NAMES,
  UNSAFE_SINGLE_WORDS,
} from './words.js';

export { DEFAULT_DIRECTORY_FILE, DEFAULT_SYMBOL_FILES, type Listing } from './listings.js';
export { normaliseName } from './text.js';

/** What a name in the index stands for and how careful the scanner must be with it. */
export interface NameEntry {
  symbol: string;
  /** An ordinary word, place or person too ("Apple", "Delta", "Ford"): needs company context. */
  context: boolean;
  /** From the curated table: trusted in all-caps text unless it needs context. */
  curated: boolean;
  /** Written with a possessive ("McDonald's"): the text must have it too. */
  possessive: boolean;
  /** Written in lower case ("onsemi"): may match a lower-case word. */
  lower: boolean;
  /** Words in the key. */
  size: number;
}

/** Where a symbol outside the US directory trades. */
export type OtherMarket = 'non-us' | 'crypto' | 'future';

/** A symbol as the tagger reports it: a directory symbol, or a foreign/crypto/futures code. */
export interface Resolved {
  symbol: string;
  /** The foreign listing it was found through, when that maps to a US symbol. */
  listing?: string;
  market?: OtherMarket;
}

/** Strips legal suffixes and state markers: "WELLS FARGO & COMPANY/MN" -> "wells fargo". */
export function cleanLegalName(legal: string): string {
  let ws = normaliseName(legal.replace(/\s*\/[A-Z]{2,3}\/?\s*$/i, '').replace(/\/\s*$/, ''))
    .split(' ')
    .filter(Boolean);
  while (ws.length > 1 && (LEGAL_SUFFIXES.has(ws[ws.length - 1] as string) || ws[ws.length - 1] === '&'))
    ws = ws.slice(0, -1);
  while (ws.length > 1 && ws[0] === 'the') ws = ws.slice(1);
  return ws.join(' ');
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

const FUND_LIKE =
  /\b(acquisition|fund|funds|trust|etf|etn|portfolio|capital corp|bdc|spac|warrants?|municipal|income term|target term)\b/i;

/** Display names where the first alias is not the one people use for the company as a whole. */
const DISPLAY: Record<string, string> = {
  GOOGL: 'Alphabet',
  GOOG: 'Alphabet',
  'BRK.B': 'Berkshire Hathaway',
  'BRK.A': 'Berkshire Hathaway',
};

export interface DirectoryOptions {
  /** Curated names (default: the shipped table); pass {} for a directory of symbols only. */
  aliases?: Record<string, string>;
  /** Names that need company context (default: the shipped table). */
  contextAliases?: Record<string, string>;
  /** Only the first this many listings (by the file's order: market value) lend a one-word name (default 2,500). */
  singleWordRank?: number;
}

/**
 * The symbol directory: every listing by canonical symbol, the foreign listings it knows, and an
 * index of the names people write ("Alibaba", "Coca-Cola", "JPMorgan Chase") to the symbol they mean.
 */
export class SymbolDirectory {
  readonly listings = new Map<string, Listing>();
  /** Normalised name -> what it stands for. */
  readonly names = new Map<string, NameEntry>();
  /** Every proper word-prefix of a name key, so the scanner extends a phrase only while it can match. */
  readonly prefixes = new Set<string>();
  /** Curated aliases whose symbol is in neither the directory nor the foreign list (a stale table). */
  readonly unresolvedAliases: string[] = [];
  private readonly display = new Map<string, string>();
  private readonly byCik = new Map<number, string[]>();

  constructor(listings: Iterable<Listing>, opts: DirectoryOptions = {}) {
    for (const l of listings) {
      if (this.listings.has(l.symbol)) continue;
      this.listings.set(l.symbol, l);
      if (l.cik !== null) this.byCik.set(l.cik, [...(this.byCik.get(l.cik) ?? []), l.symbol]);
    }
    const context = opts.contextAliases ?? CONTEXT_ALIASES;
    const curated = opts.aliases ?? CURATED_ALIASES;
    for (const [alias, symbol] of Object.entries(curated)) this.addAlias(alias, symbol, false);
    for (const [alias, symbol] of Object.entries(context)) this.addAlias(alias, symbol, true);
    const singleWordRank = opts.singleWordRank ?? 2_500;
    let rank = 0;
    for (const l of this.listings.values()) this.deriveNames(l, rank++ < singleWordRank);
  }

  /** Loads listings files (SEC JSON or Nasdaq Trader text) in order: the default is the shipped SEC list and supplement. */
  static fromFiles(
    files: readonly string[] = DEFAULT_SYMBOL_FILES,
    opts?: DirectoryOptions,
  ): SymbolDirectory {
    return new SymbolDirectory(readListingFiles(files), opts);
  }

  /** Loads one SEC-layout file (or a newer one at the same layout). */
  static fromSecFile(file: string = DEFAULT_DIRECTORY_FILE, opts?: DirectoryOptions): SymbolDirectory {
    return new SymbolDirectory(readListingsFile(file), opts);
  }

  get(symbol: string): Listing | undefined {
    return this.listings.get(symbol);
  }

  has(symbol: string): boolean {
    return this.listings.has(symbol);
  }

  /** The symbols of an SEC registrant (CIK), e.g. 320193 -> AAPL. */
  symbolsOfCik(cik: number): string[] {
    return this.byCik.get(cik) ?? [];
  }

  /** Other symbols of the same issuer (share classes: BRK.A for BRK.B, GOOG for GOOGL). */
  siblings(symbol: string): string[] {
    const cik = this.listings.get(symbol)?.cik;
    return cik == null ? [] : (this.byCik.get(cik) ?? []).filter((s) => s !== symbol);
  }

  /** True for a directory symbol or a foreign, crypto or futures code the tagger may report. */
  knows(symbol: string): boolean {
    return this.listings.has(symbol) || marketOf(symbol) !== null;
  }

  /**
   * A foreign listing as the tagger reports it: its US symbol when the company trades in the US
   * (9988.HK -> BABA), else the code itself (005930.KS).
   */
  resolveNonUs(code: string): Resolved {
    const us = NON_US_LISTINGS[code]?.us;
    if (us && this.listings.has(us)) return { symbol: us, listing: code };
    return { symbol: code, market: 'non-us' };
  }

  /** The name to show: the everyday name when curated ("Nvidia"), else the legal name tidied up. */
  displayName(symbol: string): string | null {
    const known = DISPLAY[symbol] ?? this.display.get(symbol);
    if (known) return known;
    const legal = this.listings.get(symbol)?.name;
    if (legal) return tidyLegalName(legal);
    return NON_US_LISTINGS[symbol]?.name ?? null;
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

  private addAlias(alias: string, symbol: string, context: boolean): void {
    if (!this.listings.has(symbol) && !marketOf(symbol)) {
      this.unresolvedAliases.push(alias);
      return;
    }
    const ws = words(alias);
    const last = ws[ws.length - 1];
    this.addName(normaliseName(alias), {
      symbol,
      context,
      curated: true,
      possessive: last?.poss ?? false,
      lower: /^\p{Ll}+$/u.test(alias),
      size: ws.length,
    });
    const shown = this.display.get(symbol);
    // A context name that starts the curated one reads better ("Meta" over "Meta Platforms").
    if (!shown || (context && shown.startsWith(`${alias} `))) this.display.set(symbol, alias);
  }

  private addName(key: string, entry: NameEntry): void {
    if (!key || this.names.has(key)) return;
    this.names.set(key, entry);
    const parts = key.split(' ');
    for (let n = 1; n < parts.length; n++) this.prefixes.add(parts.slice(0, n).join(' '));
  }

  private deriveNames(l: Listing, mayUseOneWord: boolean): void {
    if (l.fund || l.exchange === 'OTC' || l.exchange === null || !l.name || FUND_LIKE.test(l.name)) return;
    const clean = cleanLegalName(l.name);
    const ws = clean.split(' ');
    const entry = (size: number, context: boolean): NameEntry => ({
      symbol: l.symbol,
      context,
      curated: false,
      possessive: false,
      lower: false,
      size,
    });
    // A phrase of generic words or a place ("First Financial", "Palo Alto") is not a name to tag by.
    const usable = (parts: string[]) =>
      !parts.every((w) => GENERIC_NAME_WORDS.has(w)) && !UNSAFE_NAMES.has(parts.join(' '));
    if (ws.length >= 2 && usable(ws)) this.addName(clean, entry(ws.length, false));
    let core = ws;
    while (core.length > 1 && TRAILING_GENERIC.has(core[core.length - 1] as string)) core = core.slice(0, -1);
    while (core.length > 1 && ['&', 'of', 'and', 'the'].includes(core[core.length - 1] as string))
      core = core.slice(0, -1);
    if (core.length >= 2 && core.length < ws.length && usable(core))
      this.addName(core.join(' '), entry(core.length, false));
    const single = core.length === 1 ? (core[0] as string) : null;
    if (mayUseOneWord && single && single.length >= 4 && /^\p{L}+$/u.test(single)) {
      if (!UNSAFE_SINGLE_WORDS.has(single)) this.addName(single, entry(1, true));
    }
  }
}
