import { describe, expect, it } from 'vitest';
import { articleInputSchema } from './article.js';
import { feedSubscribeSchema, handshakeSchema } from './events.js';
import { parseSymbolList } from './symbols.js';

describe('article input schema', () => {
  it('accepts the minimal and the full body, normalising times and tickers', () => {
    expect(articleInputSchema.parse({ headline: ' Hi ', source: 'wire' })).toEqual({
      headline: 'Hi',
      source: 'wire',
    });
    const full = articleInputSchema.parse({
      headline: 'h',
      summary: 's',
      body: 'b',
      source: 'wire',
      url: 'https://example.test/a',
      externalId: 'e1',
      publishedAt: '2026-11-27T14:30:00-05:00',
      tickers: ['baba', 'BRK-B'],
    });
    expect(full.publishedAt).toBe(Date.parse('2026-11-27T19:30:00Z'));
    expect(full.tickers).toEqual(['BABA', 'BRK.B']);
    expect(
      articleInputSchema.parse({ headline: 'h', source: 's', publishedAt: 1_795_000_000_000 }).publishedAt,
    ).toBe(1_795_000_000_000);
  });

  it('treats null optional fields as absent', () => {
    expect(
      articleInputSchema.parse({ headline: 'h', source: 's', summary: null, url: null, tickers: null }),
    ).toEqual({ headline: 'h', source: 's' });
  });

  it('rejects what would store garbage', () => {
    const bad = [
      { headline: 'h' },
      { headline: 'x'.repeat(501), source: 's' },
      { headline: 'h', source: 's', url: 'ftp://x.test' },
      { headline: 'h', source: 's', publishedAt: '2026-13-45' },
      { headline: 'h', source: 's', publishedAt: 12 },
      { headline: 'h', source: 's', tickers: Array(51).fill('A') },
      { headline: 'h', source: 's', unknown: true },
    ];
    for (const b of bad)
      expect(articleInputSchema.safeParse(b).success, JSON.stringify(b).slice(0, 80)).toBe(false);
  });
});

describe('socket payload schemas', () => {
  it('canonicalises tickers and rejects junk', () => {
    expect(feedSubscribeSchema.parse({ tickers: ['nvda'] })).toEqual({ tickers: ['NVDA'] });
    expect(feedSubscribeSchema.safeParse({ tickers: 'NVDA' }).success).toBe(false);
    expect(handshakeSchema.safeParse({ lastSeq: -1 }).success).toBe(false);
    expect(handshakeSchema.parse({})).toEqual({});
  });

  it('parses a ?tickers= list', () => {
    expect(parseSymbolList('BABA, nvda,,BRK-B,BABA')).toEqual({
      symbols: ['BABA', 'NVDA', 'BRK.B'],
      invalid: [],
    });
    expect(parseSymbolList('ok,not valid!')).toEqual({ symbols: ['OK'], invalid: ['not valid!'] });
  });
});
