import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashToken, IngestTokens, newToken, parseTokensFile } from './ingest-tokens.js';

describe('ingest tokens', () => {
  it('reads "source:sha256" lines, skipping comments and blank lines, and names the bad ones', () => {
    const good = hashToken('t1');
    const { entries, problems } = parseTokensFile(
      `# bridges\n\nreuters-bridge:${good}\nmy:source:${good.toUpperCase()}\nnohash\nx:1234\n:${good}\n`,
    );
    expect(entries).toEqual([
      { source: 'reuters-bridge', hash: good },
      { source: 'my:source', hash: good },
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^line 5:/),
      expect.stringMatching(/^line 6:/),
      expect.stringMatching(/^line 7:/),
    ]);
    expect(() => IngestTokens.from(null, 'nohash')).toThrow(/line 1/);
  });

  it('accepts the default token for any source and a per-source token for its source only', () => {
    const a = newToken();
    const b = newToken();
    const tokens = IngestTokens.from(
      'default-token-123456',
      `wire-a:${hashToken(a)}\nwire-b:${hashToken(b)}\n`,
    );
    expect(tokens.verify('default-token-123456')).toEqual({ id: 'default', source: null });
    expect(tokens.verify(a)).toEqual({ id: `wire-a/${hashToken(a).slice(0, 8)}`, source: 'wire-a' });
    expect(tokens.verify(b)?.source).toBe('wire-b');
    expect(tokens.verify(undefined)).toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify(`${a}x`)).toBeNull();
    // with the default token off, only per-source tokens pass
    const strict = IngestTokens.from(null, `wire-a:${hashToken(a)}\n`);
    expect(strict.verify('default-token-123456')).toBeNull();
    expect(strict.verify(a)?.source).toBe('wire-a');
  });

  it('never accepts a token other than the stored ones (property)', () => {
    const stored = ['s1', 's2', 's3'].map((s) => ({ s, t: newToken() }));
    const tokens = IngestTokens.from(null, stored.map(({ s, t }) => `${s}:${hashToken(t)}`).join('\n'));
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (guess) => {
        const hit = stored.find((x) => x.t === guess);
        expect(tokens.verify(guess)?.source ?? null).toBe(hit ? hit.s : null);
      }),
      { seed: 7, numRuns: 2_000 },
    );
    for (const { s, t } of stored) expect(tokens.verify(t)?.source).toBe(s);
  });
});
