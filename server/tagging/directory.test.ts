import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTEXT_ALIASES, CURATED_ALIASES } from './aliases.js';
import { SymbolDirectory } from './directory.js';
import { NON_US_LISTINGS } from './non-us.js';
import { Tagger } from './tagger.js';

const directory = SymbolDirectory.fromFiles();

describe('symbol directory', () => {
  it('has the SEC list plus the supplement of OTC ADRs and ETFs', () => {
    expect(directory.listings.size).toBeGreaterThan(10_000);
    expect(directory.get('TCEHY')?.exchange).toBe('OTC');
    expect(directory.get('SOXL')?.fund).toBe(true);
  });

  it('resolves every curated alias and every US line of a foreign listing', () => {
    expect(directory.unresolvedAliases).toEqual([]);
    for (const symbol of [...Object.values(CURATED_ALIASES), ...Object.values(CONTEXT_ALIASES)])
      expect(directory.knows(symbol), symbol).toBe(true);
    for (const [code, { us }] of Object.entries(NON_US_LISTINGS)) {
      if (us) expect(directory.has(us), `${code} -> ${us}`).toBe(true);
    }
  });

  it('knows the share classes of one issuer', () => {
    expect(directory.siblings('BRK.B')).toEqual(['BRK.A']);
    expect(directory.siblings('GOOGL')).toContain('GOOG');
  });

  it('never derives a one-word name from a common word, place or surname', () => {
    for (const word of [
      'target',
      'delta',
      'apple',
      'dow',
      'nasdaq',
      'powell',
      'carrier',
      'principal',
      'permian',
    ])
      expect(directory.names.get(word)?.curated ?? true, word).toBe(true);
    for (const phrase of ['palo alto', 'new jersey', 'first financial', 'east west', 'new york times'])
      expect(directory.names.has(phrase), phrase).toBe(false);
  });

  it('is refreshed from a newer file without code changes (SEC or Nasdaq Trader layout)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-symbols-'));
    const sec = join(dir, 'sec.json');
    writeFileSync(
      sec,
      JSON.stringify({
        fields: ['cik', 'name', 'ticker', 'exchange'],
        data: [[1, 'Quixotic Robotics Inc.', 'QXRB', 'Nasdaq']],
      }),
    );
    const trader = join(dir, 'otherlisted.txt');
    writeFileSync(
      trader,
      'ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol\n' +
        'ZZZQ|Zephyr Quarry Holdings Inc. Common Stock|N|ZZZQ|N|100|N|ZZZQ\n' +
        'ZZZQ.WS|Zephyr Quarry Holdings Inc. Warrants|N|ZZZQ.WS|N|100|N|ZZZQ=\n' +
        'File Creation Time: 0101202600:00||||||\n',
    );
    const fresh = SymbolDirectory.fromFiles([sec, trader]);
    expect([...fresh.listings.keys()]).toEqual(['QXRB', 'ZZZQ']);
    const tagger = new Tagger(fresh);
    expect(
      tagger
        .tag({ headline: 'Quixotic Robotics wins order; Zephyr Quarry (ZZZQ) slips' })
        .map((t) => t.symbol),
    ).toEqual(['QXRB', 'ZZZQ']);
  });
});
