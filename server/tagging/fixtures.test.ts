import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../version.js';
import { type Listing, SymbolDirectory } from './directory.js';
import { parseNasdaqTrader, parseSecJson } from './listings.js';
import { nonUsCodeForVenue } from './non-us.js';
import { Tagger } from './tagger.js';

/** Real samples kept in the repository (see tests/fixtures/README.md for where each comes from). */
const FIXTURES = join(projectRoot(), 'tests', 'fixtures');
const CASES_FILE = join(FIXTURES, 'tagging', 'ticker_text_cases.json');

interface FixtureCase {
  text: string;
  expect: string[];
  expect_non_us?: string[];
  known_symbols?: string[];
  pattern: string;
}

/**
 * How a fixture writes a symbol that this tagger reports in another canonical form:
 *  - a crypto coin named alone ("DOGE") is reported as its US-dollar pair (DOGE-USD), the form prices use;
 *  - a foreign listing written "TSX:ETX" is reported with the venue suffix (ETX.TO).
 */
function canonical(symbol: string): string {
  const venue = /^([A-Z]+):(.+)$/.exec(symbol);
  if (venue) return nonUsCodeForVenue(venue[1] as string, venue[2] as string) ?? symbol;
  if (symbol === 'DOGE') return 'DOGE-USD';
  return symbol;
}

const full = new Tagger(SymbolDirectory.fromFiles());

describe('real sample cases (shared/fixtures/tagging)', () => {
  const cases = (JSON.parse(readFileSync(CASES_FILE, 'utf8')) as { cases: FixtureCase[] }).cases;

  it.each(cases.map((c, i) => [i, c.pattern, c] as const))('case %i: %s', (_i, _pattern, c) => {
    // A case that names its own symbol universe runs against a directory of exactly those symbols,
    // as in the public test it comes from (no company names known).
    const tagger = c.known_symbols
      ? new Tagger(
          new SymbolDirectory(
            c.known_symbols.map((symbol): Listing => ({ symbol, name: '', exchange: 'NYSE', cik: null })),
            { aliases: {}, contextAliases: {} },
          ),
        )
      : full;
    const tags = tagger.tag({ headline: '', summary: c.text });
    const found = tags.map((t) => t.symbol);
    const expected = c.expect.map(canonical);
    const nonUs = new Set((c.expect_non_us ?? []).map(canonical));
    // Every expected ticker, and nothing else but the foreign listings the case allows.
    expect(found.filter((s) => !nonUs.has(s)).sort()).toEqual([...expected].sort());
    if (c.expect.length === 0) expect(found.sort()).toEqual([...nonUs].sort());
  });

  it('tags "Apple" in case 14 once the directory knows company names', () => {
    expect(
      full.tag({ headline: 'AI is on the agenda while Apple discusses products.' }).map((t) => t.symbol),
    ).toEqual(['AAPL']);
  });
});

describe('listing files of the shared fixtures', () => {
  it('reads the SEC sample and Nasdaq Trader layouts', () => {
    const sec = parseSecJson(
      readFileSync(
        join(projectRoot(), 'server', 'tagging', 'data', 'sec_company_tickers_exchange.json'),
        'utf8',
      ),
    );
    expect(sec.length).toBeGreaterThan(9_000);
    const other = parseNasdaqTrader(
      readFileSync(join(FIXTURES, 'symbols', 'otherlisted_sample.txt'), 'utf8'),
    );
    expect(other.find((l) => l.symbol === 'A')).toMatchObject({
      name: 'Agilent Technologies, Inc.',
      exchange: 'NYSE',
    });
    expect(other.find((l) => l.symbol === 'AAAU')?.fund).toBe(true);
    // Units, warrants and rights are not shares.
    expect(other.some((l) => l.symbol === 'AACT.U')).toBe(false);
    const nasdaq = parseNasdaqTrader(
      readFileSync(join(FIXTURES, 'symbols', 'nasdaqlisted_sample.txt'), 'utf8'),
    );
    expect(nasdaq.some((l) => l.symbol === 'AACBR' || l.symbol === 'AACBU')).toBe(false);
    expect(nasdaq.find((l) => l.symbol === 'AACB')).toMatchObject({ exchange: 'Nasdaq' });
  });
});
