import { describe, expect, it } from 'vitest';
import { parseView } from './url-view.js';

describe('parseView', () => {
  it('reads the view and the movers window from the query string', () => {
    expect(parseView('?view=movers&window=4h')).toEqual({ view: 'movers', moversWindow: '4h' });
    expect(parseView('?tickers=BABA&view=movers')).toEqual({ view: 'movers', moversWindow: '1h' });
  });

  it('falls back to the stories and 1h for anything else', () => {
    expect(parseView('')).toEqual({ view: 'stories', moversWindow: '1h' });
    expect(parseView('?view=wall&window=2y')).toEqual({ view: 'stories', moversWindow: '1h' });
    expect(parseView('?window=toString')).toEqual({ view: 'stories', moversWindow: '1h' });
  });
});
