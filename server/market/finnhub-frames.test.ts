import { describe, expect, it } from 'vitest';
import { fixtureText, serverFrames } from '../../tests/support/fixtures.js';
import { parseFinnhubFrame } from './finnhub-frames.js';

describe('parseFinnhubFrame', () => {
  it('reads a real trade batch, trade by trade', () => {
    const ev = parseFinnhubFrame(fixtureText('ws/finnhub/trade_frame_real_2022-12-29.json'));
    expect(ev.kind).toBe('trades');
    if (ev.kind !== 'trades') return;
    expect(ev.trades).toHaveLength(9);
    expect(ev.trades[0]).toMatchObject({ s: 'TSLA', p: 122.1, t: 1672348887195, v: 1 });
    expect(ev.trades.at(-1)).toMatchObject({ s: 'AAPL', p: 129.575, t: 1672348887785 });
  });

  it('reads every server frame of the recorded session', () => {
    const kinds = serverFrames('ws/finnhub/session.jsonl').map((f) => parseFinnhubFrame(f));
    expect(kinds.map((k) => k.kind)).toEqual(['ping', 'trades', 'error']);
    expect(kinds[2]).toEqual({
      kind: 'error',
      message: 'Subscribing to too many symbols',
      tooManySymbols: true,
    });
  });

  it('takes the documentation sample (fractional volume) and leaves other streams alone', () => {
    const doc = parseFinnhubFrame(fixtureText('ws/finnhub/trade_frame_docs.json'));
    expect(doc).toMatchObject({ kind: 'trades', trades: [{ s: 'BINANCE:BTCUSDT', p: 7296.89 }] });
    expect(parseFinnhubFrame(fixtureText('ws/finnhub/news_frame_docs.json'))).toEqual({
      kind: 'other',
      type: 'news',
    });
  });

  it('calls garbage bad, whatever shape it has', () => {
    const garbage = [
      'not json',
      '',
      '{"type":"trade"}',
      '{"type":"trade","data":[{"s":"AAPL","p":"129.5","t":1}]}',
      '{"type":"trade","data":[{"s":"AAPL","p":-1,"t":1}]}',
      '{"type":"error"}',
      '[1,2,3]',
      'null',
      '{"data":[]}',
    ];
    for (const g of garbage) expect(parseFinnhubFrame(g).kind, g).toBe('bad');
  });
});
