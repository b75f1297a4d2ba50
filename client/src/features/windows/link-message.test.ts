import { describe, expect, it } from 'vitest';
import { parseLinkMessage } from './link-message.js';

describe('parseLinkMessage', () => {
  it('accepts a story or a ticker selection from another window', () => {
    const article = { id: 'a1', tickers: [] };
    expect(parseLinkMessage({ type: 'story:selected', from: 'w2', article }, 'w1')).toMatchObject({
      type: 'story:selected',
      article,
    });
    expect(parseLinkMessage({ type: 'tickers:selected', from: 'w2', tickers: ['NVDA', 3] }, 'w1')).toEqual({
      type: 'tickers:selected',
      from: 'w2',
      tickers: ['NVDA'],
    });
  });

  it('ignores its own messages and anything malformed', () => {
    expect(parseLinkMessage({ type: 'tickers:selected', from: 'w1', tickers: [] }, 'w1')).toBeNull();
    expect(parseLinkMessage({ type: 'story:selected', from: 'w2' }, 'w1')).toBeNull();
    expect(parseLinkMessage('hello', 'w1')).toBeNull();
    expect(parseLinkMessage(null, 'w1')).toBeNull();
  });
});
