import { describe, expect, it } from 'vitest';
import { SymbolDirectory } from './directory.js';
import { Tagger, type TagInput } from './tagger.js';

const tagger = new Tagger(SymbolDirectory.fromFiles());
const tag = (headline: string, summary?: string, extra: Partial<TagInput> = {}) =>
  tagger.tag({ headline, summary, ...extra });
const symbols = (headline: string, summary?: string) => tag(headline, summary).map((t) => t.symbol);

describe('evidence kinds', () => {
  it('reads Reuters codes for US and foreign listings, folding share classes', () => {
    expect(tag('Eastman Kodak <KODK.N> files to sell shares')[0]).toMatchObject({
      symbol: 'KODK',
      evidence: 'ric',
    });
    expect(symbols('Berkshire <BRKb.N> and Brown-Forman <BFb.N>')).toEqual(['BRK.B', 'BF.B']);
    expect(tag('Tencent <0700.HK> profit rises')[0]).toMatchObject({ symbol: 'TCEHY', listing: '0700.HK' });
  });

  it('maps foreign listings to the US line, or keeps them as non-US symbols', () => {
    expect(tag('Alibaba (9988.HK) rises')[0]).toMatchObject({
      symbol: 'BABA',
      listing: '9988.HK',
      evidence: 'listing',
    });
    expect(tag('TSMC (2330.TW) gains')[0]).toMatchObject({ symbol: 'TSM', listing: '2330.TW' });
    expect(tag('Hong Kong: Tencent (HKEX: 700) buys back shares')[0]).toMatchObject({
      symbol: 'TCEHY',
      listing: '0700.HK',
    });
    expect(tag('Samsung Electronics (005930.KS) slips')[0]).toMatchObject({
      symbol: '005930.KS',
      market: 'non-us',
      name: 'Samsung Electronics',
    });
    // A foreign venue never lends its code to a US symbol: ETX is also a US fund.
    expect(symbols('Etrion Corporation (TSX: ETX) (OMX: ETX)')).toEqual(['ETX.TO', 'ETX.ST']);
  });

  it('tags crypto pairs and futures as other markets', () => {
    expect(tag('BTC-USD slides; MGC=F firm').map((t) => [t.symbol, t.market])).toEqual([
      ['BTC-USD', 'crypto'],
      ['MGC=F', 'future'],
    ]);
    expect(symbols('$eth-usd and $BTC')).toEqual(['ETH-USD', 'BTC-USD']);
  });

  it('accepts "ticker X" phrasing, even for a listing the directory does not have yet', () => {
    expect(tag('Allstate, which trades under the symbol ALL, slips')[0]).toMatchObject({
      symbol: 'ALL',
      evidence: 'phrase',
    });
    expect(symbols('The company will list under the ticker "KRDX" on Friday')).toEqual(['KRDX']);
  });

  it('takes bare symbols only in a story that already writes tickers, never from capitals runs', () => {
    expect(symbols('Movers: $NVDA up 3%, AVGO up 2%')).toEqual(['NVDA', 'AVGO']);
    expect(symbols('Chipmakers rally; AVGO and MRVL lead')).toEqual([]);
    expect(symbols('GEORGE TOWN, Cayman Islands -- StoneCo (Nasdaq: STNE) reports')).toEqual(['STNE']);
  });
});

describe('no false tags', () => {
  it('needs strong evidence for common words and acronyms', () => {
    expect(symbols('AI is on the agenda; IT budgets rise; ALL eyes on the CEO and the IPO window')).toEqual(
      [],
    );
    expect(symbols('C3.ai (AI) and Gartner (IT) both report', undefined)).toEqual(['AI', 'IT']);
    expect(symbols('artificial intelligence (AI) and information technology (IT)')).toEqual([]);
    expect(symbols('NYSE: ALL and NASDAQ: ON')).toEqual(['ALL', 'ON']);
  });

  it('does not read an all-caps headline as a list of tickers', () => {
    expect(symbols('US STOCKS OPEN LOWER; ALL THREE INDEXES DOWN AS YIELDS JUMP')).toEqual([]);
    expect(symbols('TESLA SHARES FALL 6% AFTER DELIVERY MISS')).toEqual(['TSLA']);
  });

  it('tags a name that is an ordinary word only where the company is meant', () => {
    expect(symbols('Analysts Raise Price Target on Nvidia')).toEqual(['NVDA']);
    expect(symbols('Delta hedging flows swamp the options market')).toEqual([]);
    expect(symbols('Meta-analysis finds no link')).toEqual([]);
    expect(symbols('Apple orchards face frost')).toEqual([]);
    expect(symbols('Nasdaq Composite falls 2%')).toEqual([]);
    expect(symbols('Michael Dell sells shares')).toEqual([]);
    expect(symbols('Vice President JD Vance visits plant')).toEqual([]);
    expect(symbols('Target cuts forecast')).toEqual(['TGT']);
    expect(symbols('Shares of Delta rose while Meta-backed startups raised cash')).toEqual(['DAL', 'META']);
  });
});

describe('primary versus mentioned', () => {
  it('makes the headline and the lead subject primary and the rest mentions', () => {
    const tags = tag(
      'Chipmaker lifts outlook',
      'Broadcom and Marvell Technology rose on Thursday after Nvidia said demand stayed strong.',
    );
    expect(tags.map((t) => [t.symbol, t.primary])).toEqual([
      ['AVGO', true],
      ['MRVL', true],
      ['NVDA', false],
    ]);
  });

  it('treats a describing name as a mention ("Apple supplier Foxconn")', () => {
    expect(tag('Apple supplier Foxconn posts record sales').map((t) => [t.symbol, t.primary])).toEqual([
      ['2317.TW', true],
      ['AAPL', false],
    ]);
  });

  it('treats a source as a mention ("analysts at Goldman Sachs")', () => {
    const tags = tag('Analysts at Goldman Sachs raise Tesla target');
    expect(tags.find((t) => t.symbol === 'GS')?.primary).toBe(false);
    expect(tags.find((t) => t.symbol === 'TSLA')?.primary).toBe(true);
  });

  it('leaves a story with companies only after the lead without a primary ticker', () => {
    const tags = tag('Stocks rise', 'The S&P 500 gained 0.6%. Microsoft led the advance.');
    expect(tags.map((t) => [t.symbol, t.primary])).toEqual([['MSFT', false]]);
  });
});
