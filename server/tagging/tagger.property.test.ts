import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalSymbol } from '../../shared/index.js';
import { SymbolDirectory } from './directory.js';
import { Tagger } from './tagger.js';

const directory = SymbolDirectory.fromFiles();
const tagger = new Tagger(directory);

/** Pieces of wire text, ticker forms and markup, so random stories hit every scanner path. */
const PIECES = [
  'Apple',
  'Meta',
  'Nvidia’s',
  'Coca-Cola',
  'Target',
  'price target',
  'Delta',
  'hedging',
  'shares of',
  'said',
  ' and ',
  ', ',
  '. ',
  '\n',
  '$NVDA',
  '$brk.b',
  '$ETH-USD',
  '(NYSE: BABA)',
  '(NASDAQ:AI)',
  'HKEX: 9988',
  'TSX: ETX',
  '<KODK.N>',
  '<0700.HK>',
  '2330.TW',
  '005930.KS',
  'BTC-USD',
  'MGC=F',
  '(COST)',
  '(IT)',
  '(AI)',
  'ticker ALL',
  'ALL',
  'CEO',
  'FED’S POWELL SAYS',
  'SOXL',
  '<b>',
  '</a>',
  '&amp;',
  '(',
  ')',
  '$',
  ':',
  '-',
  "'s",
];
const storyText = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 })), { maxLength: 60 })
  .map((p) => p.join(' '));

/** The symbols a text itself declares as listed: after a US exchange prefix, in a Reuters code or a "ticker X" phrase. */
function declared(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(
    /(?:[A-Za-z]+\s?:|<|ticker|symbol)\s{0,2}["“‘']?\s{0,2}([A-Za-z0-9.\-/]{1,12})/gi,
  )) {
    const raw = (m[1] as string).replace(/\.[A-Za-z]{1,2}$/, '');
    for (const c of [canonicalSymbol(m[1] as string), canonicalSymbol(raw), raw.toUpperCase()])
      if (c) out.add(c);
  }
  return out;
}

describe('tagger properties', () => {
  it('never throws and only reports symbols the directory (or the foreign/crypto/futures list) knows', () => {
    fc.assert(
      fc.property(storyText, storyText, storyText, (headline, summary, body) => {
        const tags = tagger.tag({ headline, summary, body });
        const ok = declared(`${headline}\n${summary}\n${body}`);
        for (const t of tags) {
          // A symbol outside the directory comes only from the text declaring it listed ("NASDAQ: NEWCO").
          expect(directory.knows(t.symbol) || ok.has(t.symbol)).toBe(true);
          expect(typeof t.primary).toBe('boolean');
        }
        expect(new Set(tags.map((t) => t.symbol)).size).toBe(tags.length);
      }),
      { numRuns: 400 },
    );
  });

  it('reports only known symbols for text that declares none', () => {
    const plain = storyText.filter((t) => !/:|<|ticker|symbol/i.test(t));
    fc.assert(
      fc.property(plain, plain, (headline, summary) => {
        for (const t of tagger.tag({ headline, summary })) expect(directory.knows(t.symbol)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary strings and provider tags', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.array(fc.string({ maxLength: 8 }), { maxLength: 5 }),
        (text, provider) => {
          tagger.tag({ headline: text, summary: text, body: text, providerTickers: provider });
        },
      ),
      { numRuns: 500 },
    );
  });
});
