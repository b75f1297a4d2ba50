import { describe, expect, it } from 'vitest';
import { isWallPath, parseWallParams } from './wall-params.js';

describe('parseWallParams', () => {
  it('reads tickers, rotation and staleness from the query string', () => {
    expect(parseWallParams('?tickers=baba,NVDA,META&rotate=30&stale=20&theme=light')).toEqual({
      tickers: ['BABA', 'NVDA', 'META'],
      rotateMs: 30_000,
      staleMs: 20_000,
      theme: 'light',
    });
  });

  it('falls back to every story, 20 s rotation and 15 s staleness', () => {
    const defaults = { tickers: [], rotateMs: 20_000, staleMs: 15_000, theme: null };
    expect(parseWallParams('')).toEqual(defaults);
    expect(parseWallParams('?rotate=abc&stale=&theme=pink')).toEqual(defaults);
  });

  it('keeps values in a sane range', () => {
    expect(parseWallParams('?rotate=0.1').rotateMs).toBe(3_000);
    expect(parseWallParams('?rotate=99999').rotateMs).toBe(3_600_000);
    expect(parseWallParams('?stale=1').staleMs).toBe(5_000);
  });
});

describe('isWallPath', () => {
  it('matches /wall only', () => {
    expect(isWallPath('/wall')).toBe(true);
    expect(isWallPath('/wall/')).toBe(true);
    expect(isWallPath('/')).toBe(false);
    expect(isWallPath('/wallpaper')).toBe(false);
  });
});
