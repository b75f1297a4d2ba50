import { describe, expect, it } from 'vitest';
import { canonicalSymbol } from '../../shared/index.js';
import { cleanLegalName, SymbolDirectory, tidyLegalName } from './directory.js';
import { Tagger } from './tagger.js';

const directory = SymbolDirectory.fromFiles();
const tagger = new Tagger(directory);
const symbols = (headline: string, summary?: string, providerTickers?: string[]) =>
  tagger.tag({ headline, summary, providerTickers }).map((t) => t.symbol);

describe('symbol directory', () => {
  it('loads the SEC list with canonical share classes', () => {
    expect(directory.listings.size).toBeGreaterThan(9_000);
    expect(directory.get('BRK.B')?.name).toMatch(/BERKSHIRE/);
    expect(directory.get('BABA')?.exchange).toBe('NYSE');
    expect(canonicalSymbol('brk-b')).toBe('BRK.B');
    expect(canonicalSymbol('BRK/B')).toBe('BRK.B');
    expect(canonicalSymbol('$nvda')).toBe('NVDA');
    expect(canonicalSymbol('TOOLONGX')).toBeNull();
  });

  it('shows everyday names, or tidied legal names', () => {
    expect(directory.displayName('NVDA')).toBe('Nvidia');
    expect(directory.displayName('GOOGL')).toBe('Alphabet');
    expect(directory.displayName('GVA')).toBe('Granite Construction');
    expect(tidyLegalName('AT&T INC.')).toBe('AT&T');
    expect(tidyLegalName('TAIWAN SEMICONDUCTOR MANUFACTURING CO LTD')).toBe(
      'Taiwan Semiconductor Manufacturing',
    );
    expect(tidyLegalName('Meta Platforms, Inc.')).toBe('Meta Platforms');
  });

  it('derives the name people write from legal names', () => {
    expect(cleanLegalName('WELLS FARGO & COMPANY/MN')).toBe('wells fargo');
    expect(cleanLegalName('Alibaba Group Holding Ltd')).toBe('alibaba');
    expect(cleanLegalName('COCA COLA CO')).toBe('coca cola');
    expect(cleanLegalName('BANK OF AMERICA CORP /DE/')).toBe('bank of america');
  });
});

describe('tagger on ordinary stories', () => {
  it('tags the Alibaba AI story with BABA as the subject and NVDA, META as mentions', () => {
    const tags = tagger.tag({
      headline: 'Alibaba lifts AI spending past its $53 billion plan, unveils Qwen3-Max',
      summary: 'Alibaba Group will spend more than RMB 380 billion on AI infrastructure.',
      body: 'Alibaba Group Holding (NYSE: BABA) competes with Meta in open models and partners with Nvidia.',
    });
    expect(tags.map((t) => [t.symbol, t.primary])).toEqual([
      ['BABA', true],
      ['META', false],
      ['NVDA', false],
    ]);
    expect(tags[0]?.evidence).toBe('exchange');
  });

  it('finds cashtags in any case but not dollar amounts', () => {
    expect(symbols('$TSLA and $nvda rally while $53 billion moves')).toEqual(['TSLA', 'NVDA']);
  });

  it('finds exchange-qualified symbols with and without a space', () => {
    expect(symbols('Chimerix (NASDAQ:CMRX) and Granite (NYSE: GVA) report')).toEqual(['CMRX', 'GVA']);
    expect(symbols('Microsoft (Nasdaq: MSFT) raises dividend')).toEqual(['MSFT']);
  });

  it('finds bare symbols in parentheses but not acronym definitions or common acronyms', () => {
    expect(symbols('Costco (COST) opens warehouses')).toEqual(['COST']);
    expect(
      symbols('Investors bet on artificial intelligence (AI) and the chief executive (CEO) spoke'),
    ).toEqual([]);
    expect(symbols('Gross domestic product (GDP) grew while Nvidia rose')).toEqual(['NVDA']);
  });

  it('finds company names as stories write them, including possessives and hyphens', () => {
    expect(symbols("Nvidia's chips and Coca-Cola's drinks")).toEqual(['NVDA', 'KO']);
    expect(symbols('JPMorgan Chase and Exxon Mobil lead; Eli Lilly slips')).toEqual(['JPM', 'XOM', 'LLY']);
    expect(symbols('Facebook parent Meta hires')).toEqual(['META']);
  });

  it('does not tag lower-case words or an all-caps headline word by word', () => {
    expect(symbols('an apple a day; the target is met; cost of living rises')).toEqual([]);
    expect(symbols("FED'S POWELL SAYS IT IS TOO EARLY TO DECLARE VICTORY ON INFLATION")).toEqual([]);
    expect(symbols('Powell says the Fed will stay patient')).toEqual([]);
  });

  it('keeps provider tags and marks the subject as primary', () => {
    const tags = tagger.tag({
      headline: 'Apple supplier update',
      summary: 'Shares of TSMC rose.',
      providerTickers: ['AAPL', 'TSM', 'brk-b'],
    });
    expect(tags.map((t) => [t.symbol, t.primary])).toEqual([
      ['TSM', true],
      ['AAPL', false],
      ['BRK.B', false],
    ]);
    expect(tags.find((t) => t.symbol === 'BRK.B')?.evidence).toBe('provider');
  });

  it('makes provider tags primary when the text names no subject', () => {
    const tags = tagger.tag({ headline: 'Board meets', providerTickers: ['brk-b', 'AAPL'] });
    expect(tags.map((t) => [t.symbol, t.primary])).toEqual([
      ['BRK.B', true],
      ['AAPL', true],
    ]);
  });

  it('ignores markup around tickers', () => {
    expect(
      symbols(
        'Corsair Gaming, Inc. (NASDAQ:<a class="ticker" href="https://example.test/stock/CRSR">CRSR</a>) acquires a stake',
      ),
    ).toEqual(['CRSR']);
  });
});
