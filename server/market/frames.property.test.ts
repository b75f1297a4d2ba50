import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYMBOL_RE } from '../../shared/index.js';
import { parseAlpacaFrame } from './alpaca-frames.js';
import { parseFinnhubFrame } from './finnhub-frames.js';
import { parseTickLines } from './replay-source.js';

/** Property tests of the provider frame readers: any frame is read or reported bad, never thrown. */

const json = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(
      fc.record(
        {
          T: fc.constantFrom('t', 'q', 'b', 'success', 'error', 'subscription', 'n', '__proto__'),
          S: fc.oneof(fc.constantFrom('AAPL', 'BRK.B', ''), fc.string({ maxLength: 8 })),
          p: fc.oneof(fc.double(), fc.integer(), fc.string()),
          t: fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.string(),
            fc.integer(),
          ),
          s: fc.oneof(fc.integer(), fc.string()),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 5 },
    )
    .map((a) => JSON.stringify(a)),
  fc
    .record(
      {
        type: fc.constantFrom('trade', 'ping', 'error', 'news', '__proto__'),
        data: fc.array(
          fc.record(
            {
              s: fc.string({ maxLength: 8 }),
              p: fc.oneof(fc.double(), fc.integer()),
              t: fc.integer(),
              v: fc.double(),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 4 },
        ),
        msg: fc.string(),
      },
      { requiredKeys: ['type'] },
    )
    .map((o) => JSON.stringify(o)),
);

describe('provider frames (property)', () => {
  it('Finnhub and Alpaca frames are read or reported bad, never thrown', () => {
    fc.assert(
      fc.property(json, (text) => {
        const f = parseFinnhubFrame(text);
        expect(['trades', 'ping', 'error', 'other', 'bad']).toContain(f.kind);
        if (f.kind === 'trades') for (const t of f.trades) expect(Number.isFinite(t.p)).toBe(true);
        const a = parseAlpacaFrame(text);
        expect(typeof a.ok).toBe('boolean');
      }),
      { seed: 31, numRuns: 2_000 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('replay lines: every tick kept is valid, every other line is counted', () => {
    const line = fc.oneof(
      fc
        .record({
          s: fc.constantFrom('AAPL', 'brk-b', 'X', '', '$$'),
          p: fc.oneof(fc.double(), fc.integer()),
          t: fc.integer(),
        })
        .map((o) => JSON.stringify(o)),
      fc.string({ maxLength: 60 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const { ticks, bad } = parseTickLines(lines.join('\n'));
        for (const t of ticks) {
          expect(t.s).toMatch(SYMBOL_RE);
          expect(t.p).toBeGreaterThan(0);
          expect(Number.isInteger(t.t)).toBe(true);
        }
        expect(ticks.length + bad).toBeLessThanOrEqual(lines.length);
      }),
      { seed: 32, numRuns: 1_000 },
    );
  });
});
