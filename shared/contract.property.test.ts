import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleInputSchema, articleQuerySchema, moversQuerySchema } from './article.js';
import { feedSubscribeSchema, handshakeSchema, ticksSubscribeSchema } from './events.js';
import { canonicalSymbol, parseSymbolList, SYMBOL_RE, symbolSchema } from './symbols.js';
import { tickSchema } from './tick.js';

/** Property tests of every schema and parser of the contract: any input, no throw, and what passes is as promised. */

const RUNS = { numRuns: 1_500 };
const anything = fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true });
const symbolish = fc.oneof(
  fc.string({ maxLength: 14 }),
  fc.constantFrom('AAPL', 'brk-b', 'BRK/B', '$nvda', ' msft ', 'TOOLONG', 'A.BCD', '', '9988.HK'),
);

describe('symbols (property)', () => {
  it('canonicalSymbol gives a canonical symbol or null, and is idempotent', () => {
    fc.assert(
      fc.property(symbolish, (raw) => {
        const c = canonicalSymbol(raw);
        if (c === null) return;
        expect(c).toMatch(SYMBOL_RE);
        expect(canonicalSymbol(c)).toBe(c);
      }),
      { seed: 11, ...RUNS },
    );
  });

  it('symbolSchema agrees with canonicalSymbol and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(symbolish, anything), (raw) => {
        const r = symbolSchema.safeParse(raw);
        if (r.success) {
          expect(r.data).toMatch(SYMBOL_RE);
          expect(typeof raw === 'string' && canonicalSymbol(raw.trim())).toBe(r.data);
        }
      }),
      { seed: 12, ...RUNS },
    );
  });

  it('parseSymbolList splits every part into a unique canonical symbol or an invalid one', () => {
    fc.assert(
      fc.property(fc.array(symbolish, { maxLength: 20 }), (parts) => {
        const { symbols, invalid } = parseSymbolList(parts.join(','));
        expect(new Set(symbols).size).toBe(symbols.length);
        for (const s of symbols) expect(s).toMatch(SYMBOL_RE);
        const nonEmpty = parts.flatMap((p) => p.split(',')).filter((p) => p.trim());
        expect(invalid.length).toBeLessThanOrEqual(nonEmpty.length);
        for (const bad of invalid) expect(canonicalSymbol(bad)).toBeNull();
      }),
      { seed: 13, ...RUNS },
    );
  });
});

/** Mostly a valid value, sometimes anything. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: anything });

const nearlyValid = fc.record(
  {
    headline: mostly(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 520 })),
    source: mostly(fc.string({ minLength: 1, maxLength: 105 })),
    summary: mostly(fc.option(fc.string({ maxLength: 50 }))),
    body: mostly(fc.option(fc.string({ maxLength: 50 }))),
    url: mostly(
      fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'data:x', 'ftp://x.y/', 'http://')),
    ),
    externalId: mostly(fc.option(fc.string({ minLength: 1, maxLength: 210 }))),
    publishedAt: mostly(
      fc.oneof(
        fc.integer({ min: Date.UTC(1985, 0, 1), max: Date.now() + 3_600_000 }),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
    ),
    tickers: mostly(fc.array(symbolish, { maxLength: 55 })),
  },
  { requiredKeys: ['headline', 'source'] },
);

const articleLike = fc.oneof(
  { weight: 4, arbitrary: nearlyValid },
  { weight: 1, arbitrary: fc.tuple(nearlyValid, anything).map(([a, extra]) => ({ ...a, extra })) },
);

describe('articleInputSchema (property)', () => {
  it('never throws, and what it accepts is capped, trimmed, http(s)-only and canonical', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(articleLike, anything), (input) => {
        const r = articleInputSchema.safeParse(input);
        if (!r.success) return;
        accepted++;
        const a = r.data;
        expect(Object.keys(input as object)).not.toContain('extra');
        expect(a.headline.length).toBeGreaterThan(0);
        expect(a.headline.length).toBeLessThanOrEqual(500);
        expect(a.headline).toBe(a.headline.trim());
        expect(a.source.length).toBeLessThanOrEqual(100);
        if (a.url !== undefined) expect(new URL(a.url).protocol).toMatch(/^https?:$/);
        if (a.publishedAt !== undefined) expect(Number.isFinite(a.publishedAt)).toBe(true);
        for (const t of a.tickers ?? []) expect(t).toMatch(SYMBOL_RE);
        expect((a.tickers ?? []).length).toBeLessThanOrEqual(50);
      }),
      { seed: 14, ...RUNS },
    );
    // the property is about accepted stories: enough of them must have been generated
    expect(accepted).toBeGreaterThan(20);
  });

  it('rejects every key that would reach Object.prototype', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const input = JSON.parse(`{"headline":"h","source":"s","${key}":{"polluted":1}}`);
      expect(articleInputSchema.safeParse(input).success, key).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('socket and query schemas (property)', () => {
  const commandLike = fc.record(
    {
      tickers: fc.oneof(fc.array(symbolish, { maxLength: 250 }), anything),
      symbols: fc.oneof(fc.array(symbolish, { maxLength: 600 }), anything),
      lastSeq: fc.oneof(fc.integer(), fc.double(), anything),
      primaryOnly: fc.oneof(fc.boolean(), anything),
      protocolVersion: fc.oneof(fc.integer(), anything),
      token: fc.oneof(fc.string({ maxLength: 1_100 }), anything),
    },
    { requiredKeys: [] },
  );

  it('handshake, feed:subscribe and ticks:subscribe never throw and keep their bounds', () => {
    fc.assert(
      fc.property(fc.oneof(commandLike, anything), (input) => {
        const h = handshakeSchema.safeParse(input);
        if (h.success) {
          expect((h.data.tickers ?? []).length).toBeLessThanOrEqual(200);
          expect((h.data.token ?? '').length).toBeLessThanOrEqual(1_024);
          if (h.data.lastSeq !== undefined)
            expect(Number.isInteger(h.data.lastSeq) && h.data.lastSeq >= 0).toBe(true);
        }
        const f = feedSubscribeSchema.safeParse(input);
        if (f.success) {
          expect(f.data.tickers.length).toBeLessThanOrEqual(200);
          for (const t of f.data.tickers) expect(t).toMatch(SYMBOL_RE);
        }
        const t = ticksSubscribeSchema.safeParse(input);
        if (t.success) {
          expect(t.data.symbols.length).toBeLessThanOrEqual(500);
          for (const s of t.data.symbols) expect(s).toMatch(SYMBOL_RE);
        }
      }),
      { seed: 15, ...RUNS },
    );
  });

  it('REST query schemas and the tick schema never throw and keep their bounds', () => {
    const queryLike = fc.dictionary(
      fc.constantFrom('tickers', 'limit', 'beforeSeq', 'primaryOnly', 'window', 'token'),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
        anything,
      ),
    );
    fc.assert(
      fc.property(queryLike, anything, (query, tick) => {
        const a = articleQuerySchema.safeParse(query);
        if (a.success) {
          expect(a.data.limit).toBeGreaterThanOrEqual(1);
          expect(a.data.limit).toBeLessThanOrEqual(500);
          expect(typeof a.data.primaryOnly).toBe('boolean');
        }
        const m = moversQuerySchema.safeParse(query);
        if (m.success) expect(m.data.limit).toBeLessThanOrEqual(100);
        const t = tickSchema.safeParse(tick);
        if (t.success) expect(t.data.p).toBeGreaterThan(0);
      }),
      { seed: 16, ...RUNS },
    );
  });
});
