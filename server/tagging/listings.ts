import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { canonicalSymbol } from '../../shared/index.js';
import { projectRoot } from '../version.js';

/** One listed security in the symbol directory. */
export interface Listing {
  symbol: string;
  /** Legal or security name as the source file gives it. */
  name: string;
  exchange: string | null;
  cik: number | null;
  /** An ETF, ETN or other fund: found by symbol only, never by a name derived from it. */
  fund?: boolean;
}

const DATA_DIR = join(projectRoot(), 'server', 'tagging', 'data');

/** The shipped copy of the SEC list (source tree path, so the compiled server finds it too). */
export const DEFAULT_DIRECTORY_FILE = join(DATA_DIR, 'sec_company_tickers_exchange.json');

/** Listings the SEC file lacks: popular ETFs and ETNs, and ADRs that trade over the counter. */
export const SUPPLEMENT_FILE = join(DATA_DIR, 'supplement.json');

/** The files loaded when SYMBOL_FILES is not set, in order (earlier files win on a symbol). */
export const DEFAULT_SYMBOL_FILES = [DEFAULT_DIRECTORY_FILE, SUPPLEMENT_FILE];

/** The SEC's company_tickers_exchange.json layout: { fields: [...], data: [[cik, name, ticker, exchange]] }. */
const secFileSchema = z.object({
  fields: z.array(z.string()),
  data: z.array(z.array(z.union([z.string(), z.number(), z.null(), z.boolean()]))),
});

/** Parses the SEC layout (also used by the supplement, which may add a boolean "fund" field). */
export function parseSecJson(text: string, source = 'SEC file'): Listing[] {
  const parsed = secFileSchema.parse(JSON.parse(text));
  const col = (name: string) => parsed.fields.indexOf(name);
  const [ci, ni, ti, ei, fi] = [col('cik'), col('name'), col('ticker'), col('exchange'), col('fund')];
  if (ni < 0 || ti < 0) throw new Error(`${source}: expected fields "name" and "ticker"`);
  const out: Listing[] = [];
  for (const row of parsed.data) {
    const symbol = typeof row[ti] === 'string' ? canonicalSymbol(row[ti] as string) : null;
    const name = row[ni];
    if (!symbol || typeof name !== 'string') continue;
    const exchange = ei >= 0 && typeof row[ei] === 'string' ? (row[ei] as string) : null;
    const cik = ci >= 0 && typeof row[ci] === 'number' ? (row[ci] as number) : null;
    const fund = fi >= 0 && row[fi] === true;
    out.push({ symbol, name, exchange, cik, ...(fund ? { fund } : {}) });
  }
  return out;
}

const NASDAQ_TRADER_EXCHANGES: Record<string, string> = {
  N: 'NYSE',
  A: 'NYSE American',
  P: 'NYSE Arca',
  Z: 'Cboe',
  V: 'IEX',
};

/** Security types that are not a company's shares: never tagged. */
const NOT_SHARES =
  /\b(warrants?|rights?|units?|notes? due|debentures?|preferred|depositary shares,? each representing (?:a |one )?1\/)/i;

/** "Apple Inc. - Common Stock" -> "Apple Inc."; keeps the issuer part of a security name. */
function issuerName(security: string): string {
  return security
    .replace(/\s+-\s+.*$/, '')
    .replace(
      /\s+(?:Class [A-Z] )?(?:Common Stock|Common Shares|Ordinary Shares|American Depositary Shares.*|Shares of Beneficial Interest.*)$/i,
      '',
    )
    .trim();
}

/** Parses Nasdaq Trader's symbol directory files (nasdaqlisted.txt or otherlisted.txt, pipe-separated). */
export function parseNasdaqTrader(text: string): Listing[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('File Creation Time'));
  const header = (lines.shift() ?? '').split('|');
  const at = (name: string) => header.indexOf(name);
  const symCol = at('Symbol') >= 0 ? at('Symbol') : at('ACT Symbol');
  const nameCol = at('Security Name');
  if (symCol < 0 || nameCol < 0) throw new Error('Nasdaq Trader file: expected Symbol and Security Name');
  const [exCol, etfCol, testCol] = [at('Exchange'), at('ETF'), at('Test Issue')];
  const out: Listing[] = [];
  for (const line of lines) {
    const cells = line.split('|');
    const security = cells[nameCol] ?? '';
    if (testCol >= 0 && cells[testCol] === 'Y') continue;
    if (NOT_SHARES.test(security)) continue;
    const symbol = canonicalSymbol(cells[symCol] ?? '');
    if (!symbol) continue;
    const exchange = exCol >= 0 ? (NASDAQ_TRADER_EXCHANGES[cells[exCol] ?? ''] ?? null) : 'Nasdaq';
    const fund = etfCol >= 0 && cells[etfCol] === 'Y';
    out.push({ symbol, name: issuerName(security), exchange, cik: null, ...(fund ? { fund } : {}) });
  }
  return out;
}

/** Reads one listings file, telling the layout from its content (SEC JSON or Nasdaq Trader text). */
export function readListingsFile(file: string): Listing[] {
  const text = readFileSync(file, 'utf8');
  return text.trimStart().startsWith('{') ? parseSecJson(text, basename(file)) : parseNasdaqTrader(text);
}

/** Reads several listings files in order; the first file to list a symbol wins. */
export function readListingFiles(files: readonly string[]): Listing[] {
  const seen = new Set<string>();
  const out: Listing[] = [];
  for (const file of files) {
    for (const l of readListingsFile(file)) {
      if (seen.has(l.symbol)) continue;
      seen.add(l.symbol);
      out.push(l);
    }
  }
  return out;
}
